import { ParameterError } from "../../errors/parameter-error";
import type { RealCsrMatrix } from "./real-csr";
import { type SymmetricPattern, symmetricPattern } from "./symmetric-pattern";

/** The fill-reducing orderings `sparseLu` can apply (option `ordering`). */
export type OrderingKind = "amd" | "rcm" | "natural";

/**
 * A node whose degree in A + A^T exceeds max(DENSE_MIN, DENSE_FACTOR * sqrt(n)) is treated as
 * dense and ordered last (as in cs_amd, Davis 2006, section 7.1). The trace row of a steady-state
 * system is such a node.
 */
const DENSE_FACTOR = 10;
const DENSE_MIN = 16;
/** Extra workspace for the quotient graph, as a fraction of the pattern size (garbage collection covers the rest). */
const ELBOW_FRACTION = 0.2;

/**
 * A fill-reducing symmetric ordering of the pattern of A + A^T: `perm[k]` is the original index of
 * the node placed k-th (new-to-old). "natural" is the identity.
 */
export function fillReducingOrdering(a: RealCsrMatrix, kind: OrderingKind = "amd"): Int32Array {
  const pattern = symmetricPattern(a);
  if (kind === "amd") return approximateMinimumDegree(pattern);
  if (kind === "rcm") return reverseCuthillMcKee(pattern);
  if (kind === "natural") {
    const perm = new Int32Array(pattern.n);
    for (let i = 0; i < perm.length; i++) perm[i] = i;
    return perm;
  }
  throw new ParameterError("ordering", '"amd", "rcm" or "natural"', kind);
}

/** inverse[perm[k]] = k. */
export function invertPermutation(perm: Int32Array): Int32Array {
  const inverse = new Int32Array(perm.length);
  for (let k = 0; k < perm.length; k++) inverse[perm[k]] = k;
  return inverse;
}

/** Encode a node index as a negative number (-2, -3, ...), keeping -1 free for "empty". */
function flip(i: number): number {
  return -i - 2;
}

/**
 * Approximate minimum degree ordering of a symmetric pattern.
 *
 * ## Method
 * Amestoy, Davis & Duff, "An approximate minimum degree ordering algorithm", SIAM J. Matrix Anal.
 * Appl. 17 (1996) 886-905, as described in Davis, "Direct Methods for Sparse Linear Systems" (SIAM
 * 2006), chapter 7 (cs_amd): elimination on a quotient graph of variables and elements held in one
 * workspace with in-place garbage collection, approximate external degrees from |Le \ Lme|,
 * element absorption (including aggressive absorption), mass elimination and supervariable
 * detection by hashing. Dense nodes are removed first and ordered last. Unlike cs_amd there is no
 * final postorder of the assembly tree (it changes no fill, only the order of independent
 * subtrees).
 */
export function approximateMinimumDegree(pattern: SymmetricPattern): Int32Array {
  const { n, start, adjacency } = pattern;
  const order = new Int32Array(n);
  if (n === 0) return order;
  const denseCut = Math.max(DENSE_MIN, Math.floor(DENSE_FACTOR * Math.sqrt(n)));
  const dense = new Uint8Array(n);
  let denseCount = 0;
  for (let i = 0; i < n; i++) {
    if (start[i + 1] - start[i] > denseCut && n > 1) {
      dense[i] = 1;
      denseCount++;
    }
  }
  // Quotient-graph workspace.
  const nz = start[n];
  const iwLength = nz + Math.ceil(ELBOW_FRACTION * nz) + 2 * n + 1;
  const iw = new Int32Array(iwLength);
  const pe = new Int32Array(n);
  const len = new Int32Array(n);
  const elen = new Int32Array(n);
  const nv = new Int32Array(n);
  const degree = new Int32Array(n);
  const w = new Int32Array(n);
  const head = new Int32Array(n + 1).fill(-1);
  const next = new Int32Array(n).fill(-1);
  const last = new Int32Array(n).fill(-1);
  const hashHead = new Int32Array(n).fill(-1);
  const hashNext = new Int32Array(n).fill(-1);
  const hashOf = new Int32Array(n);
  const memberNext = new Int32Array(n).fill(-1);
  const memberTail = new Int32Array(n);
  let pfree = 0;
  for (let i = 0; i < n; i++) {
    memberTail[i] = i;
    w[i] = 1;
    if (dense[i]) {
      pe[i] = -1;
      elen[i] = -1;
      continue;
    }
    pe[i] = pfree;
    for (let p = start[i]; p < start[i + 1]; p++) {
      const j = adjacency[p];
      if (!dense[j]) iw[pfree++] = j;
    }
    len[i] = pfree - pe[i];
    if (len[i] === 0) pe[i] = -1;
    nv[i] = 1;
    degree[i] = len[i];
  }
  const removeFromDegreeList = (i: number): void => {
    const nx = next[i];
    const ls = last[i];
    if (nx !== -1) last[nx] = ls;
    if (ls !== -1) next[ls] = nx;
    else head[degree[i]] = nx;
  };
  const insertIntoDegreeList = (i: number, d: number): void => {
    const h = head[d];
    if (h !== -1) last[h] = i;
    next[i] = h;
    last[i] = -1;
    head[d] = i;
  };
  for (let i = 0; i < n; i++) if (!dense[i]) insertIntoDegreeList(i, degree[i]);

  // Compact every live list to the front of iw; the partial list in [limit, pfree) is kept.
  const collectGarbage = (limit: number): number => {
    for (let j = 0; j < n; j++) {
      const pj = pe[j];
      if (pj >= 0 && len[j] > 0) {
        pe[j] = iw[pj];
        iw[pj] = flip(j);
      }
    }
    let dst = 0;
    let src = 0;
    while (src < limit) {
      const v = iw[src];
      if (v < 0) {
        const j = flip(v);
        iw[src] = pe[j];
        pe[j] = dst;
        const l = len[j];
        for (let t = 0; t < l; t++) iw[dst++] = iw[src++];
      } else {
        src++;
      }
    }
    return dst;
  };

  const live = n - denseCount;
  let nel = 0;
  let mindeg = 0;
  let out = 0;
  let wflg = 2;
  const wStep = n + 1;
  const wLimit = 0x3fffffff - 4 * wStep;
  while (nel < live) {
    if (wflg > wLimit) {
      for (let x = 0; x < n; x++) if (w[x] !== 0) w[x] = 1;
      wflg = 2;
    }
    // 1. Pivot of least approximate degree.
    let me = -1;
    for (let d = mindeg; d < n; d++) {
      if (head[d] !== -1) {
        me = head[d];
        mindeg = d;
        break;
      }
    }
    removeFromDegreeList(me);
    const elenme = elen[me];
    let nvpiv = nv[me];
    nel += nvpiv;
    nv[me] = -nvpiv;
    let degme = 0;
    // 2. Construct the new element Lme (variables flagged by a negative nv).
    let pme1: number;
    let pme2: number;
    if (elenme === 0) {
      pme1 = pe[me];
      pme2 = pme1 - 1;
      if (pme1 >= 0) {
        const end = pme1 + len[me];
        for (let p = pme1; p < end; p++) {
          const i = iw[p];
          const nvi = nv[i];
          if (nvi <= 0) continue;
          degme += nvi;
          nv[i] = -nvi;
          iw[++pme2] = i;
          removeFromDegreeList(i);
        }
      }
    } else {
      let p = pe[me];
      pme1 = pfree;
      const slenme = len[me] - elenme;
      for (let k1 = 1; k1 <= elenme + 1; k1++) {
        let e: number;
        let pj: number;
        let ln: number;
        if (k1 > elenme) {
          e = me;
          pj = p;
          ln = slenme;
        } else {
          e = iw[p++];
          pj = pe[e];
          ln = pj >= 0 ? len[e] : 0;
        }
        for (let k2 = 1; k2 <= ln; k2++) {
          const i = iw[pj++];
          const nvi = nv[i];
          if (nvi <= 0) continue;
          degme += nvi;
          nv[i] = -nvi;
          if (pfree >= iwLength) {
            pe[me] = p;
            len[me] -= k1;
            if (len[me] === 0) pe[me] = -1;
            pe[e] = pj;
            len[e] = ln - k2;
            if (len[e] === 0) pe[e] = -1;
            const partial = pfree - pme1;
            let dst = collectGarbage(pme1);
            for (let s = pme1; s < pme1 + partial; s++) iw[dst++] = iw[s];
            pme1 = dst - partial;
            pfree = dst;
            p = pe[me];
            pj = pe[e];
            if (pfree >= iwLength) throw new Error("AMD workspace exhausted");
          }
          iw[pfree++] = i;
          removeFromDegreeList(i);
        }
        if (e !== me) {
          pe[e] = flip(me);
          w[e] = 0;
        }
      }
      pme2 = pfree - 1;
    }
    degree[me] = degme;
    pe[me] = pme1;
    len[me] = pme2 - pme1 + 1;
    elen[me] = -1;
    // 3. w[e] - wflg = |Le \ Lme| for every element adjacent to Lme.
    for (let pme = pme1; pme <= pme2; pme++) {
      const i = iw[pme];
      const eln = elen[i];
      if (eln <= 0) continue;
      const nvi = -nv[i];
      const wnvi = wflg - nvi;
      const end = pe[i] + eln;
      for (let p = pe[i]; p < end; p++) {
        const e = iw[p];
        const we = w[e];
        if (we >= wflg) w[e] = we - nvi;
        else if (we !== 0) w[e] = degree[e] + wnvi;
      }
    }
    // 4. Approximate degree update, pruning of lists, mass elimination and hashing.
    for (let pme = pme1; pme <= pme2; pme++) {
      const i = iw[pme];
      const p1 = pe[i];
      const p2 = p1 + elen[i] - 1;
      let pn = p1;
      let hash = 0;
      let deg = 0;
      for (let p = p1; p <= p2; p++) {
        const e = iw[p];
        const we = w[e];
        if (we === 0) continue;
        const dext = we - wflg;
        if (dext > 0) {
          deg += dext;
          iw[pn++] = e;
          hash += e;
        } else {
          // Aggressive absorption: Le is a subset of Lme.
          pe[e] = flip(me);
          w[e] = 0;
        }
      }
      elen[i] = pn - p1 + 1;
      const p3 = pn;
      const p4 = p1 + len[i];
      for (let p = p2 + 1; p < p4; p++) {
        const j = iw[p];
        const nvj = nv[j];
        if (nvj <= 0) continue;
        deg += nvj;
        iw[pn++] = j;
        hash += j;
      }
      if (elen[i] === 1 && p3 === pn) {
        // Mass elimination: i is adjacent to me only.
        pe[i] = flip(me);
        const nvi = -nv[i];
        degme -= nvi;
        nvpiv += nvi;
        nel += nvi;
        nv[i] = 0;
        elen[i] = -1;
        memberNext[memberTail[me]] = i;
        memberTail[me] = memberTail[i];
      } else {
        if (deg < degree[i]) degree[i] = deg;
        iw[pn] = iw[p3];
        iw[p3] = iw[p1];
        iw[p1] = me;
        len[i] = pn - p1 + 1;
        hash = hash % n;
        hashOf[i] = hash;
        hashNext[i] = hashHead[hash];
        hashHead[hash] = i;
      }
    }
    degree[me] = degme;
    wflg += wStep;
    // 5. Supervariable detection: variables with identical lists are merged.
    for (let pme = pme1; pme <= pme2; pme++) {
      const first = iw[pme];
      if (nv[first] >= 0) continue;
      const bucket = hashOf[first];
      let i = hashHead[bucket];
      if (i === -1) continue;
      hashHead[bucket] = -1;
      while (i !== -1 && hashNext[i] !== -1) {
        const ln = len[i];
        const eln = elen[i];
        for (let p = pe[i] + 1; p < pe[i] + ln; p++) w[iw[p]] = wflg;
        let prev = i;
        let j = hashNext[i];
        while (j !== -1) {
          let same = len[j] === ln && elen[j] === eln;
          for (let p = pe[j] + 1; same && p < pe[j] + ln; p++) if (w[iw[p]] !== wflg) same = false;
          if (same) {
            pe[j] = flip(i);
            nv[i] += nv[j];
            nv[j] = 0;
            elen[j] = -1;
            memberNext[memberTail[i]] = j;
            memberTail[i] = memberTail[j];
            j = hashNext[j];
            hashNext[prev] = j;
          } else {
            prev = j;
            j = hashNext[j];
          }
        }
        wflg++;
        i = hashNext[i];
      }
    }
    wflg += wStep;
    // 6. Finalise degrees and compress Lme to its principal variables.
    let pLme = pme1;
    const nleft = n - denseCount - nel;
    for (let pme = pme1; pme <= pme2; pme++) {
      const i = iw[pme];
      const nvi = -nv[i];
      if (nvi <= 0) continue;
      nv[i] = nvi;
      let deg = degree[i] + degme - nvi;
      if (deg > nleft - nvi) deg = nleft - nvi;
      if (deg < 0) deg = 0;
      degree[i] = deg;
      insertIntoDegreeList(i, deg);
      if (deg < mindeg) mindeg = deg;
      iw[pLme++] = i;
    }
    nv[me] = nvpiv;
    len[me] = pLme - pme1;
    if (len[me] === 0) {
      pe[me] = -1;
      w[me] = 0;
    }
    if (elenme !== 0) pfree = pLme;
    // Emit the pivot with everything merged into it.
    for (let v = me; v !== -1; v = memberNext[v]) order[out++] = v;
  }
  for (let i = 0; i < n; i++) if (dense[i]) order[out++] = i;
  return order;
}

/**
 * Reverse Cuthill-McKee ordering (a bandwidth reducer, for comparison): breadth-first search from
 * a pseudo-peripheral node of each connected component (George & Liu, "Computer Solution of Large
 * Sparse Positive Definite Systems", 1981, section 4.3), neighbours visited by increasing degree,
 * the whole order reversed.
 */
export function reverseCuthillMcKee(pattern: SymmetricPattern): Int32Array {
  const { n, start, adjacency } = pattern;
  const order = new Int32Array(n);
  const visited = new Uint8Array(n);
  const level = new Int32Array(n);
  const queue = new Int32Array(n);
  const degreeOf = (i: number): number => start[i + 1] - start[i];
  let out = 0;
  // Breadth-first levels from root; returns the last node reached and the eccentricity.
  const sweep = (root: number): [number, number] => {
    level.fill(-1);
    let headQ = 0;
    let tail = 0;
    queue[tail++] = root;
    level[root] = 0;
    let far = root;
    while (headQ < tail) {
      const v = queue[headQ++];
      for (let p = start[v]; p < start[v + 1]; p++) {
        const u = adjacency[p];
        if (level[u] >= 0) continue;
        level[u] = level[v] + 1;
        queue[tail++] = u;
        if (level[u] > level[far] || (level[u] === level[far] && degreeOf(u) < degreeOf(far))) far = u;
      }
    }
    return [far, level[far]];
  };
  const scratch: number[] = [];
  for (let s = 0; s < n; s++) {
    if (visited[s]) continue;
    let root = s;
    let [far, ecc] = sweep(root);
    for (let t = 0; t < 4; t++) {
      const [far2, ecc2] = sweep(far);
      if (ecc2 <= ecc) break;
      root = far;
      far = far2;
      ecc = ecc2;
    }
    const begin = out;
    order[out++] = root;
    visited[root] = 1;
    for (let h = begin; h < out; h++) {
      const v = order[h];
      scratch.length = 0;
      for (let p = start[v]; p < start[v + 1]; p++) {
        const u = adjacency[p];
        if (!visited[u]) {
          visited[u] = 1;
          scratch.push(u);
        }
      }
      scratch.sort((x, y) => degreeOf(x) - degreeOf(y));
      for (const u of scratch) order[out++] = u;
    }
  }
  order.reverse();
  return order;
}

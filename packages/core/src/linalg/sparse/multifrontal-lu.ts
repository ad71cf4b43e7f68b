import { NumericalError } from "../../errors/numerical-error";
import { FactorTooLargeError } from "./factor-too-large-error";
import { invertPermutation } from "./ordering";
import { type RealCsrMatrix, realCsrTranspose } from "./real-csr";
import { eliminationTree } from "./symbolic-cholesky";
import type { SymmetricPattern } from "./symmetric-pattern";

/** Panel width of the blocked dense partial factorisation of a front. */
const PANEL_WIDTH = 32;
/** Supernodes with at most this many pivot columns after merging are always amalgamated. */
const RELAX_SMALL = 16;
/** Otherwise a child is merged into its parent while the merged front has at most this fraction of explicit zeros. */
const RELAX_ZERO_FRACTION = 0.15;

/** Inputs of {@link multifrontalLu} (validated by the caller, sparseLu). */
export interface MultifrontalLuInput {
  readonly a: RealCsrMatrix;
  readonly pattern: SymmetricPattern;
  /** Column ordering, new-to-old. */
  readonly perm: Int32Array;
  readonly pivotThreshold: number;
  /** Refuse once the stored entries exceed this. */
  readonly maxFactorEntries: number;
  readonly onProgress?: (fraction: number) => void;
}

/** The factor as a sequence of dense frontal blocks, with a solve. */
export interface MultifrontalLuFactor {
  /** Nonzero entries of L and U (unit diagonal of L included), comparable with a scalar sparse LU. */
  readonly factorEntries: number;
  /** Entries held in the dense frontal blocks, explicit zeros included (what memory is spent on). */
  readonly storedEntries: number;
  readonly smallestPivotRatio: number;
  /** Fronts that passed pivots on to their parent (delayed pivoting). */
  readonly delayedPivots: number;
  /** Largest front order. */
  readonly largestFront: number;
  solveInPlace(b: Float64Array): Float64Array;
}

/** One factorised front: rows/cols in original numbering, the first `npiv` of each are pivots. */
interface FrontFactor {
  readonly m: number;
  readonly npiv: number;
  readonly rows: Int32Array;
  readonly cols: Int32Array;
  /** Columns 0..npiv-1 of the front, column-major m x npiv: unit L below, U11 on and above the diagonal. */
  readonly lu: Float64Array;
  /** U12, column-major npiv x (m - npiv). */
  readonly u12: Float64Array;
}

/** A contribution block waiting for its parent: the first `delayed` rows/cols are delayed pivots. */
interface Contribution {
  readonly size: number;
  readonly delayed: number;
  readonly rows: Int32Array;
  readonly cols: Int32Array;
  readonly values: Float64Array;
}

/**
 * Assembly tree of relaxed supernodes of the Cholesky factor of the reordered A + A^T.
 * `columns[colStart[s] .. colStart[s+1]-1]` are the original indices of supernode s (postorder).
 */
interface AssemblyTree {
  readonly count: number;
  readonly colStart: Int32Array;
  readonly columns: Int32Array;
  readonly parent: Int32Array;
  /** owner[i]: supernode holding original index i. */
  readonly owner: Int32Array;
}

/**
 * Relaxed supernodal assembly tree. Column counts come from the row subtrees of the elimination
 * tree (Davis 2006, section 4.2); fundamental supernodes are chains j -> parent(j) with
 * count(j) = count(parent) + 1 (Liu, Ng & Peyton, SIAM J. Matrix Anal. Appl. 14 (1993) 242); a
 * child is then merged into its parent when the merged front is small or has few explicit zeros
 * (relaxed amalgamation, Ashcraft & Grimes, SIAM J. Sci. Stat. Comput. 10 (1989) 1066).
 */
export function assemblyTree(pattern: SymmetricPattern, perm: Int32Array): AssemblyTree {
  const { n, start, adjacency } = pattern;
  const inverse = invertPermutation(perm);
  const etree = eliminationTree(pattern, perm, inverse);
  const count = new Int32Array(n).fill(1);
  const mark = new Int32Array(n).fill(-1);
  for (let k = 0; k < n; k++) {
    mark[k] = k;
    const old = perm[k];
    for (let p = start[old]; p < start[old + 1]; p++) {
      let i = inverse[adjacency[p]];
      if (i > k) continue;
      while (mark[i] !== k) {
        mark[i] = k;
        count[i]++;
        i = etree[i];
      }
    }
  }
  const childCount = new Int32Array(n);
  for (let k = 0; k < n; k++) if (etree[k] >= 0) childCount[etree[k]]++;
  // Fundamental supernodes (positions in the permuted order); sn[k] = supernode of position k.
  const sn = new Int32Array(n);
  let ns = 0;
  for (let k = 0; k < n; k++) {
    if (k > 0 && etree[k - 1] === k && count[k - 1] === count[k] + 1 && childCount[k] === 1)
      sn[k] = sn[k - 1];
    else sn[k] = ns++;
  }
  const ncol = new Float64Array(ns);
  const below = new Float64Array(ns); // |S|
  const trueEntries = new Float64Array(ns);
  const sParent = new Int32Array(ns).fill(-1);
  const colHead = new Int32Array(ns).fill(-1);
  const colTail = new Int32Array(ns).fill(-1);
  const colNext = new Int32Array(n).fill(-1);
  for (let k = 0; k < n; k++) {
    const s = sn[k];
    ncol[s]++;
    trueEntries[s] += count[k];
    below[s] = count[k] - 1;
    if (etree[k] >= 0 && sn[etree[k]] !== s) sParent[s] = sn[etree[k]];
    if (colHead[s] < 0) colHead[s] = k;
    else colNext[colTail[s]] = k;
    colTail[s] = k;
  }
  // Relaxed amalgamation, children before parents (supernode numbers increase up the tree).
  const mergedInto = new Int32Array(ns).fill(-1);
  const childHead = new Int32Array(ns).fill(-1);
  const childNext = new Int32Array(ns).fill(-1);
  for (let s = ns - 1; s >= 0; s--) {
    const p = sParent[s];
    if (p >= 0) {
      childNext[s] = childHead[p];
      childHead[p] = s;
    }
  }
  const stored = (c: number, b: number): number => (c * (c + 1)) / 2 + c * b;
  for (let p = 0; p < ns; p++) {
    for (let c = childHead[p]; c !== -1; c = childNext[c]) {
      const mc = ncol[c] + ncol[p];
      const st = stored(mc, below[p]);
      const zeros = st - trueEntries[c] - trueEntries[p];
      if (mc <= RELAX_SMALL || zeros <= RELAX_ZERO_FRACTION * st) {
        mergedInto[c] = p;
        ncol[p] = mc;
        trueEntries[p] = st - zeros;
        // Child's columns go first (they are eliminated first).
        colNext[colTail[c]] = colHead[p];
        colHead[p] = colHead[c];
      }
    }
  }
  const find = (s: number): number => {
    let r = s;
    while (mergedInto[r] >= 0) r = mergedInto[r];
    while (mergedInto[s] >= 0) {
      const up = mergedInto[s];
      mergedInto[s] = r;
      s = up;
    }
    return r;
  };
  // Final tree over surviving supernodes, then a postorder.
  const alive = new Int32Array(ns).fill(-1);
  let na = 0;
  for (let s = 0; s < ns; s++) if (mergedInto[s] < 0) alive[s] = na++;
  const aParent = new Int32Array(na).fill(-1);
  const aHead = new Int32Array(na).fill(-1);
  const aNext = new Int32Array(na).fill(-1);
  for (let s = ns - 1; s >= 0; s--) {
    if (mergedInto[s] >= 0) continue;
    const p = sParent[s] >= 0 ? find(sParent[s]) : -1;
    const a = alive[s];
    if (p >= 0) {
      aParent[a] = alive[p];
      aNext[a] = aHead[alive[p]];
      aHead[alive[p]] = a;
    }
  }
  const post = new Int32Array(na); // post[t] = alive node
  const stack = new Int32Array(na);
  let t = 0;
  for (let r = 0; r < na; r++) {
    if (aParent[r] >= 0) continue;
    let top = 0;
    stack[0] = r;
    while (top >= 0) {
      const v = stack[top];
      const c = aHead[v];
      if (c === -1) {
        post[t++] = v;
        top--;
      } else {
        aHead[v] = aNext[c];
        stack[++top] = c;
      }
    }
  }
  const rank = new Int32Array(na);
  for (let i = 0; i < na; i++) rank[post[i]] = i;
  const aliveToS = new Int32Array(na);
  for (let s = 0; s < ns; s++) if (alive[s] >= 0) aliveToS[alive[s]] = s;
  const colStart = new Int32Array(na + 1);
  const columns = new Int32Array(n);
  const owner = new Int32Array(n);
  const parent = new Int32Array(na).fill(-1);
  let out = 0;
  for (let i = 0; i < na; i++) {
    const a = post[i];
    colStart[i] = out;
    for (let k = colHead[aliveToS[a]]; k !== -1; k = colNext[k]) {
      columns[out++] = perm[k];
      owner[perm[k]] = i;
    }
    parent[i] = aParent[a] >= 0 ? rank[aParent[a]] : -1;
  }
  colStart[na] = out;
  return { count: na, colStart, columns, parent, owner };
}

/**
 * Multifrontal LU factorisation with threshold partial pivoting and delayed pivots.
 *
 * ## Method
 * Duff & Reid, "The multifrontal solution of unsymmetric sets of linear equations", SIAM J. Sci.
 * Stat. Comput. 5 (1984) 633, on the assembly tree of A + A^T ({@link assemblyTree}), as in MA41
 * and Davis 2006, chapter 8: each front is assembled from the entries of A and the contribution
 * blocks of its children (extend-add), its fully summed block is factorised by a blocked
 * right-looking dense LU, and the Schur complement is passed to the parent. Pivots are chosen
 * among the fully summed rows of a column; the diagonal is kept when its modulus is at least
 * `pivotThreshold` times the largest entry of the whole front column, else the largest fully
 * summed entry if it passes that test. Columns with no acceptable pivot are delayed to the parent
 * front (with an unpivoted row), as in MA41; at a root the test is against fully summed rows only.
 */
export function multifrontalLu(input: MultifrontalLuInput): MultifrontalLuFactor {
  const { a, pattern, perm, pivotThreshold: tol, maxFactorEntries: limit, onProgress } = input;
  const n = a.rows;
  const tree = assemblyTree(pattern, perm);
  const { count: nf, colStart, columns, parent, owner } = tree;
  const pos = new Int32Array(n);
  for (let i = 0; i < n; i++) pos[columns[i]] = i; // elimination position
  const at = realCsrTranspose(a);
  const { rowStart: aRowStart, columns: aCols, values: aVals } = a;
  const { rowStart: cStart, columns: cRows, values: cVals } = at;

  const rowLoc = new Int32Array(n).fill(-1);
  const colLoc = new Int32Array(n).fill(-1);
  const factors: FrontFactor[] = new Array(nf);
  const cbStack: Contribution[] = [];
  const childCount = new Int32Array(nf);
  for (let f = 0; f < nf; f++) if (parent[f] >= 0) childCount[parent[f]]++;
  let front = new Float64Array(0);
  let rowsBuf = new Int32Array(n);
  let colsBuf = new Int32Array(n);
  let stored = 0;
  let nonzeros = 0;
  let minPivot = Number.POSITIVE_INFINITY;
  let maxPivot = 0;
  let delayedTotal = 0;
  let largest = 0;
  let pivotsDone = 0;
  let nextReport = 0;
  const reportStep = Math.max(1, Math.floor(n / 100));

  for (let f = 0; f < nf; f++) {
    if (onProgress && pivotsDone >= nextReport) {
      onProgress(pivotsDone / n);
      nextReport = pivotsDone + reportStep;
    }
    const nc = childCount[f];
    const firstChild = cbStack.length - nc;
    // Fully summed rows/cols: own columns, then delayed ones of the children.
    let nfsR = 0;
    let nfsC = 0;
    for (let p = colStart[f]; p < colStart[f + 1]; p++) {
      const j = columns[p];
      rowsBuf[nfsR] = j;
      rowLoc[j] = nfsR++;
      colsBuf[nfsC] = j;
      colLoc[j] = nfsC++;
    }
    for (let c = firstChild; c < cbStack.length; c++) {
      const cb = cbStack[c];
      for (let t = 0; t < cb.delayed; t++) {
        rowsBuf[nfsR] = cb.rows[t];
        rowLoc[cb.rows[t]] = nfsR++;
        colsBuf[nfsC] = cb.cols[t];
        colLoc[cb.cols[t]] = nfsC++;
      }
    }
    const nfs = nfsR;
    // Non-pivotal index set S (the same for rows and columns).
    let m = nfs;
    for (let c = firstChild; c < cbStack.length; c++) {
      const cb = cbStack[c];
      for (let t = cb.delayed; t < cb.size; t++) {
        const i = cb.rows[t];
        if (rowLoc[i] < 0) {
          rowsBuf[m] = i;
          colsBuf[m] = i;
          rowLoc[i] = m;
          colLoc[i] = m++;
        }
      }
    }
    for (let p = colStart[f]; p < colStart[f + 1]; p++) {
      const j = columns[p];
      for (let q = cStart[j]; q < cStart[j + 1]; q++) {
        const i = cRows[q];
        if (rowLoc[i] < 0 && owner[i] !== f && pos[i] > pos[j]) {
          rowsBuf[m] = i;
          colsBuf[m] = i;
          rowLoc[i] = m;
          colLoc[i] = m++;
        }
      }
      for (let q = aRowStart[j]; q < aRowStart[j + 1]; q++) {
        const i = aCols[q];
        if (rowLoc[i] < 0 && owner[i] !== f && pos[i] > pos[j]) {
          rowsBuf[m] = i;
          colsBuf[m] = i;
          rowLoc[i] = m;
          colLoc[i] = m++;
        }
      }
    }
    if (m > largest) largest = m;
    if (front.length < m * m) front = new Float64Array(Math.max(m * m, Math.floor(front.length * 1.5)));
    const F = front;
    F.fill(0, 0, m * m);
    // Assemble the entries of A: (i, j) at the front of the earlier of i and j.
    for (let p = colStart[f]; p < colStart[f + 1]; p++) {
      const j = columns[p];
      const cj = colLoc[j] * m;
      for (let q = cStart[j]; q < cStart[j + 1]; q++) {
        const i = cRows[q];
        if (owner[i] === f || pos[i] > pos[j]) F[cj + rowLoc[i]] += cVals[q];
      }
      const ri = rowLoc[j];
      for (let q = aRowStart[j]; q < aRowStart[j + 1]; q++) {
        const k = aCols[q];
        if (owner[k] !== f && pos[k] > pos[j]) F[colLoc[k] * m + ri] += aVals[q];
      }
    }
    // Extend-add the children's contribution blocks.
    for (let c = firstChild; c < cbStack.length; c++) {
      const cb = cbStack[c];
      const s = cb.size;
      const rmap = cb.rows;
      const v = cb.values;
      for (let jj = 0; jj < s; jj++) {
        const cj = colLoc[cb.cols[jj]] * m;
        const off = jj * s;
        for (let ii = 0; ii < s; ii++) {
          const x = v[off + ii];
          if (x !== 0) F[cj + rowLoc[rmap[ii]]] += x;
        }
      }
    }
    cbStack.length = firstChild;
    const isRoot = parent[f] < 0;
    const npiv = factorFront(F, m, nfs, rowsBuf, colsBuf, tol);
    if (isRoot && npiv < nfs) {
      throw new NumericalError(
        "singular",
        `sparse LU: no usable pivot for ${nfs - npiv} of ${n} columns (matrix is singular)`,
      );
    }
    for (let t = 0; t < npiv; t++) {
      const d = Math.abs(F[t * m + t]);
      if (!Number.isFinite(d)) throw new NumericalError("non-finite", "sparse LU: non-finite pivot");
      if (d < minPivot) minPivot = d;
      if (d > maxPivot) maxPivot = d;
    }
    delayedTotal += nfs - npiv;
    pivotsDone += npiv;
    const rows = rowsBuf.slice(0, m);
    const cols = colsBuf.slice(0, m);
    for (let t = 0; t < m; t++) {
      rowLoc[rows[t]] = -1;
      colLoc[cols[t]] = -1;
    }
    stored += npiv * (2 * m - npiv + 1);
    if (stored > limit) throw new FactorTooLargeError(stored, limit);
    const lu = F.slice(0, m * npiv);
    const r = m - npiv;
    const u12 = new Float64Array(npiv * r);
    for (let j = 0; j < r; j++) {
      const src = (npiv + j) * m;
      for (let t = 0; t < npiv; t++) u12[j * npiv + t] = F[src + t];
    }
    // Nonzeros: the unit diagonal of L counts once per pivot, U11 on/above it, L21 below.
    nonzeros += npiv;
    for (let t = 0; t < npiv; t++) {
      const off = t * m;
      for (let i = 0; i < m; i++) if (lu[off + i] !== 0) nonzeros++;
    }
    for (let p = 0; p < u12.length; p++) if (u12[p] !== 0) nonzeros++;
    factors[f] = { m, npiv, rows, cols, lu, u12 };
    if (!isRoot && r > 0) {
      const values = new Float64Array(r * r);
      for (let j = 0; j < r; j++) values.set(F.subarray((npiv + j) * m + npiv, (npiv + j + 1) * m), j * r);
      cbStack.push({
        size: r,
        delayed: nfs - npiv,
        rows: rows.subarray(npiv),
        cols: cols.subarray(npiv),
        values,
      });
    }
  }
  rowsBuf = new Int32Array(0);
  colsBuf = new Int32Array(0);
  onProgress?.(1);
  const work = new Float64Array(largest);
  const y = new Float64Array(n);
  return {
    factorEntries: nonzeros,
    storedEntries: stored,
    smallestPivotRatio: n === 0 ? 1 : minPivot / maxPivot,
    delayedPivots: delayedTotal,
    largestFront: largest,
    solveInPlace(b: Float64Array): Float64Array {
      // L y = P b: each front's pivot rows, then its updates to the rows below.
      for (let f = 0; f < nf; f++) {
        const { m, npiv, rows, lu } = factors[f];
        for (let i = 0; i < m; i++) work[i] = b[rows[i]];
        for (let t = 0; t < npiv; t++) {
          const v = work[t];
          if (v === 0) continue;
          const off = t * m;
          for (let i = t + 1; i < m; i++) work[i] -= lu[off + i] * v;
        }
        for (let i = 0; i < m; i++) b[rows[i]] = work[i];
      }
      // U x = y, fronts in reverse; x is kept in y's storage by column index.
      for (let f = nf - 1; f >= 0; f--) {
        const { m, npiv, rows, cols, lu, u12 } = factors[f];
        for (let t = 0; t < npiv; t++) work[t] = b[rows[t]];
        for (let j = npiv; j < m; j++) {
          const xj = y[cols[j]];
          if (xj === 0) continue;
          const off = (j - npiv) * npiv;
          for (let t = 0; t < npiv; t++) work[t] -= u12[off + t] * xj;
        }
        for (let t = npiv - 1; t >= 0; t--) {
          const off = t * m;
          const xt = work[t] / lu[off + t];
          work[t] = xt;
          if (xt === 0) continue;
          for (let i = 0; i < t; i++) work[i] -= lu[off + i] * xt;
        }
        for (let t = 0; t < npiv; t++) y[cols[t]] = work[t];
      }
      b.set(y);
      return b;
    },
  };
}

/**
 * Partial dense LU of the m x m column-major front F over its first `nfs` (fully summed) rows and
 * columns, pivoting rows within the fully summed ones and moving columns without an acceptable
 * pivot behind the pivotal ones. Returns the number of pivots; rows/cols are permuted alongside.
 * A pivot must be at least `tol` times the largest entry of its front column; among the fully
 * summed rows the diagonal (same original index as the column) is preferred when it passes, else
 * the largest. At a root front every row is fully summed, so only an all-zero column fails.
 */
export function factorFront(
  F: Float64Array,
  m: number,
  nfs: number,
  rows: Int32Array,
  cols: Int32Array,
  tol: number,
): number {
  let k = 0;
  let end = nfs;
  for (;;) {
    const before = k;
    while (k < end) {
      const p0 = k;
      const peOrig = Math.min(k + PANEL_WIDTH, end);
      let pe = peOrig;
      while (k < pe) {
        const ck = k * m;
        let fsMax = 0;
        let fsRow = -1;
        let diagRow = -1;
        const want = cols[k];
        for (let i = k; i < nfs; i++) {
          const v = Math.abs(F[ck + i]);
          if (v > fsMax) {
            fsMax = v;
            fsRow = i;
          }
          if (rows[i] === want) diagRow = i;
        }
        let sMax = 0;
        for (let i = nfs; i < m; i++) {
          const v = Math.abs(F[ck + i]);
          if (v > sMax) sMax = v;
        }
        let r = -1;
        if (fsMax > 0 && fsMax >= tol * sMax) {
          r = fsRow;
          if (diagRow >= 0 && Math.abs(F[ck + diagRow]) >= tol * Math.max(fsMax, sMax)) r = diagRow;
        }
        if (r < 0) {
          // No acceptable pivot: move this column to the end of the panel.
          pe--;
          if (pe !== k) swapColumns(F, m, k, pe, cols);
          continue;
        }
        if (r !== k) {
          for (let j = 0; j < m; j++) {
            const o = j * m;
            const tmp = F[o + k];
            F[o + k] = F[o + r];
            F[o + r] = tmp;
          }
          const ti = rows[k];
          rows[k] = rows[r];
          rows[r] = ti;
        }
        const inv = 1 / F[ck + k];
        for (let i = k + 1; i < m; i++) F[ck + i] *= inv;
        // Rank-1 update of the rest of the panel (failed columns included).
        for (let j = k + 1; j < peOrig; j++) {
          const o = j * m;
          const u = F[o + k];
          if (u === 0) continue;
          for (let i = k + 1; i < m; i++) F[o + i] -= F[ck + i] * u;
        }
        k++;
      }
      if (k > p0) updateTrailing(F, m, p0, k, peOrig);
      // Failed panel columns (now at k .. peOrig-1, up to date) go to the end of the candidates.
      for (let q = peOrig - 1; q >= k; q--) {
        end--;
        if (q !== end) swapColumns(F, m, q, end, cols);
      }
    }
    if (k === before || k === nfs) break;
    end = nfs; // retry the delayed columns once more: later pivots may have made them acceptable
  }
  return k;
}

function swapColumns(F: Float64Array, m: number, a: number, b: number, cols: Int32Array): void {
  const oa = a * m;
  const ob = b * m;
  for (let i = 0; i < m; i++) {
    const t = F[oa + i];
    F[oa + i] = F[ob + i];
    F[ob + i] = t;
  }
  const tc = cols[a];
  cols[a] = cols[b];
  cols[b] = tc;
}

/**
 * After pivots p0..k-1 of a panel: U12 = L11^-1 A12 for the columns from `from` on, then the
 * Schur update A22 -= L21 U12 over rows k..m-1. The update is register-blocked: two columns by
 * four pivots per pass over the rows, so each loaded entry of L21 serves two columns.
 */
function updateTrailing(F: Float64Array, m: number, p0: number, k: number, from: number): void {
  for (let j = from; j < m; j++) {
    const o = j * m;
    for (let t = p0; t < k; t++) {
      const u = F[o + t];
      if (u === 0) continue;
      const lt = t * m;
      for (let i = t + 1; i < k; i++) F[o + i] -= F[lt + i] * u;
    }
  }
  let j = from;
  for (; j + 1 < m; j += 2) {
    const o = j * m;
    const p = o + m;
    let t = p0;
    for (; t + 3 < k; t += 4) {
      const a0 = F[o + t];
      const a1 = F[o + t + 1];
      const a2 = F[o + t + 2];
      const a3 = F[o + t + 3];
      const b0 = F[p + t];
      const b1 = F[p + t + 1];
      const b2 = F[p + t + 2];
      const b3 = F[p + t + 3];
      const zeroA = a0 === 0 && a1 === 0 && a2 === 0 && a3 === 0;
      const zeroB = b0 === 0 && b1 === 0 && b2 === 0 && b3 === 0;
      if (zeroA && zeroB) continue;
      const l0 = t * m;
      const l1 = l0 + m;
      const l2 = l1 + m;
      const l3 = l2 + m;
      if (zeroB) {
        for (let i = k; i < m; i++)
          F[o + i] -= F[l0 + i] * a0 + F[l1 + i] * a1 + F[l2 + i] * a2 + F[l3 + i] * a3;
      } else if (zeroA) {
        for (let i = k; i < m; i++)
          F[p + i] -= F[l0 + i] * b0 + F[l1 + i] * b1 + F[l2 + i] * b2 + F[l3 + i] * b3;
      } else {
        for (let i = k; i < m; i++) {
          const x0 = F[l0 + i];
          const x1 = F[l1 + i];
          const x2 = F[l2 + i];
          const x3 = F[l3 + i];
          F[o + i] -= x0 * a0 + x1 * a1 + x2 * a2 + x3 * a3;
          F[p + i] -= x0 * b0 + x1 * b1 + x2 * b2 + x3 * b3;
        }
      }
    }
    for (; t < k; t++) {
      const a = F[o + t];
      const b = F[p + t];
      if (a === 0 && b === 0) continue;
      const lt = t * m;
      for (let i = k; i < m; i++) {
        const x = F[lt + i];
        F[o + i] -= x * a;
        F[p + i] -= x * b;
      }
    }
  }
  for (; j < m; j++) {
    const o = j * m;
    for (let t = p0; t < k; t++) {
      const u = F[o + t];
      if (u === 0) continue;
      const lt = t * m;
      for (let i = k; i < m; i++) F[o + i] -= F[lt + i] * u;
    }
  }
}

import { DimensionError } from "../../errors/dimension-error";
import { ParameterError } from "../../errors/parameter-error";
import { fillReducingOrdering, invertPermutation, type OrderingKind } from "./ordering";
import type { RealCsrMatrix } from "./real-csr";

/** Default ILUT drop tolerance tau, relative to the 2-norm of each row. */
export const DEFAULT_ILUT_DROP_TOLERANCE = 1e-4;
/** Default ILUT fill: at most this many entries kept in each of the L and U parts of a row. */
export const DEFAULT_ILUT_FILL = 30;
/**
 * A pivot smaller than PIVOT_FLOOR times the row norm is replaced by PIVOT_FLOOR times the row
 * norm (keeping its sign), so zero or tiny diagonals do not stop the factorisation.
 */
const PIVOT_FLOOR = 1e-4;

/** Options of {@link incompleteLu}. */
export interface IncompleteLuOptions {
  /** "ilu0": no fill outside the pattern of A; "ilut": Saad's ILUT(p, tau) (default). */
  readonly kind?: "ilu0" | "ilut";
  /** ILUT drop tolerance tau relative to the row norm (default 1e-4). */
  readonly dropTolerance?: number;
  /** ILUT fill p per row in each of L and U (default 30). */
  readonly fill?: number;
  /** Symmetric reordering applied first (default "natural"). */
  readonly ordering?: OrderingKind;
  /** An explicit symmetric ordering (new-to-old), overriding `ordering`. */
  readonly permutation?: Int32Array;
}

/** An incomplete factorisation M = L U of P A P^T used as a preconditioner. */
export interface IncompleteLu {
  /** Size of the factorised matrix. */
  readonly n: number;
  /** Stored entries of L and U (diagonal included). */
  readonly entries: number;
  /** How many pivots were too small and replaced. */
  readonly replacedPivots: number;
  /** out = M^-1 v (allocation-free; out and v may not alias). */
  applyInto(out: Float64Array, v: Float64Array): void;
}

/**
 * Incomplete LU factorisation of a square real CSR matrix, row by row (IKJ variant).
 *
 * ## Method
 * ILU(0) and ILUT(p, tau) of Saad, "Iterative Methods for Sparse Linear Systems", 2nd ed. (SIAM
 * 2003), Algorithms 10.4 and 10.6 (Saad, "ILUT: a dual threshold incomplete LU factorization",
 * Numer. Linear Algebra Appl. 1 (1994) 387): each row is eliminated against the previous U rows
 * in increasing column order (a binary heap of pending columns), entries below tau times the row
 * 2-norm are dropped and only the p largest of each of the L and U parts are kept. Pivots smaller
 * than 1e-4 times the row norm are replaced by that value, as Liouvillians have
 * many zero diagonals.
 */
export function incompleteLu(a: RealCsrMatrix, options: IncompleteLuOptions = {}): IncompleteLu {
  if (a.rows !== a.cols) throw new DimensionError("matrix", "square", `${a.rows} x ${a.cols}`);
  const n = a.rows;
  const kind = options.kind ?? "ilut";
  const tau = kind === "ilu0" ? 0 : (options.dropTolerance ?? DEFAULT_ILUT_DROP_TOLERANCE);
  const fill = kind === "ilu0" ? n : (options.fill ?? DEFAULT_ILUT_FILL);
  if (!(tau >= 0)) throw new ParameterError("dropTolerance", "non-negative", tau);
  if (!Number.isInteger(fill) || fill < 0) throw new ParameterError("fill", "a non-negative integer", fill);
  const perm = options.permutation ?? fillReducingOrdering(a, options.ordering ?? "natural");
  if (perm.length !== n) throw new DimensionError("permutation", `${n}`, `${perm.length}`);
  const inverse = invertPermutation(perm);
  const { rowStart, columns, values } = a;

  // Factor storage: L strictly lower rows, U rows with the diagonal first.
  let cap = Math.max(16, rowStart[n] * 2);
  const lStart = new Int32Array(n + 1);
  const uStart = new Int32Array(n + 1);
  let lCol = new Int32Array(cap);
  let lVal = new Float64Array(cap);
  let uCol = new Int32Array(cap);
  let uVal = new Float64Array(cap);
  let lNz = 0;
  let uNz = 0;

  const w = new Float64Array(n);
  const inRow = new Int32Array(n).fill(-1); // position in `pattern`, or -1
  const pattern = new Int32Array(n);
  const heap = new Int32Array(n);
  const lowerMag = new Float64Array(n);
  const upperMag = new Float64Array(n);
  let replacedPivots = 0;

  for (let i = 0; i < n; i++) {
    const old = perm[i];
    let count = 0;
    let heapSize = 0;
    let rowNormSq = 0;
    for (let p = rowStart[old]; p < rowStart[old + 1]; p++) {
      const j = inverse[columns[p]];
      const v = values[p];
      rowNormSq += v * v;
      inRow[j] = count;
      pattern[count++] = j;
      w[j] = v;
      if (j < i) heapSize = heapPush(heap, heapSize, j);
    }
    if (inRow[i] < 0) {
      inRow[i] = count;
      pattern[count++] = i;
      w[i] = 0;
    }
    const rowNorm = Math.sqrt(rowNormSq);
    const dropBelow = tau * rowNorm;
    // Eliminate with the previous U rows in increasing column order.
    while (heapSize > 0) {
      const k = heap[0];
      heapSize = heapPop(heap, heapSize);
      const u0 = uStart[k];
      const factor = w[k] / uVal[u0];
      // Drop on the unscaled entry |w_k| (same scale as the row norm), not on the multiplier.
      if (Math.abs(w[k]) <= dropBelow) {
        w[k] = 0;
        continue;
      }
      w[k] = factor;
      const end = uStart[k + 1];
      for (let p = u0 + 1; p < end; p++) {
        const j = uCol[p];
        if (inRow[j] >= 0) {
          w[j] -= factor * uVal[p];
        } else if (kind === "ilut") {
          inRow[j] = count;
          pattern[count++] = j;
          w[j] = -factor * uVal[p];
          if (j < i) heapSize = heapPush(heap, heapSize, j);
        }
      }
    }
    // Dual dropping: tau, then the `fill` largest of each part.
    let lowerCount = 0;
    let upperCount = 0;
    for (let t = 0; t < count; t++) {
      const j = pattern[t];
      const m = j < i ? Math.abs(w[j] * uVal[uStart[j]]) : Math.abs(w[j]);
      if (j === i || m <= dropBelow) continue;
      if (j < i) lowerMag[lowerCount++] = m;
      else upperMag[upperCount++] = m;
    }
    const lowerCut = lowerCount > fill ? kthLargest(lowerMag, lowerCount, fill) : 0;
    const upperCut = upperCount > fill ? kthLargest(upperMag, upperCount, fill) : 0;
    if (lNz + count > cap || uNz + count > cap) {
      cap = Math.max(2 * cap, lNz + count, uNz + count);
      lCol = grow32(lCol, cap);
      lVal = grow64(lVal, cap);
      uCol = grow32(uCol, cap);
      uVal = grow64(uVal, cap);
    }
    let diag = w[i];
    const floor = PIVOT_FLOOR * (rowNorm > 0 ? rowNorm : 1);
    if (!(Math.abs(diag) >= floor)) {
      diag = diag < 0 ? -floor : floor;
      replacedPivots++;
    }
    uCol[uNz] = i;
    uVal[uNz++] = diag;
    let lowerKept = 0;
    let upperKept = 0;
    for (let t = 0; t < count; t++) {
      const j = pattern[t];
      const v = w[j];
      inRow[j] = -1;
      w[j] = 0;
      if (j === i) continue;
      const m = j < i ? Math.abs(v * uVal[uStart[j]]) : Math.abs(v);
      if (m <= dropBelow || v === 0) continue;
      if (j < i) {
        if (m < lowerCut || (m === lowerCut && lowerKept >= fill)) continue;
        lCol[lNz] = j;
        lVal[lNz++] = v;
        lowerKept++;
      } else {
        if (m < upperCut || (m === upperCut && upperKept >= fill)) continue;
        uCol[uNz] = j;
        uVal[uNz++] = v;
        upperKept++;
      }
    }
    lStart[i + 1] = lNz;
    uStart[i + 1] = uNz;
  }
  const lc = lCol.slice(0, lNz);
  const lv = lVal.slice(0, lNz);
  const uc = uCol.slice(0, uNz);
  const uv = uVal.slice(0, uNz);
  const y = new Float64Array(n);
  return {
    n,
    entries: lNz + uNz,
    replacedPivots,
    applyInto(out: Float64Array, v: Float64Array): void {
      for (let i = 0; i < n; i++) {
        let s = v[perm[i]];
        for (let p = lStart[i]; p < lStart[i + 1]; p++) s -= lv[p] * y[lc[p]];
        y[i] = s;
      }
      for (let i = n - 1; i >= 0; i--) {
        const u0 = uStart[i];
        let s = y[i];
        for (let p = u0 + 1; p < uStart[i + 1]; p++) s -= uv[p] * y[uc[p]];
        y[i] = s / uv[u0];
      }
      for (let i = 0; i < n; i++) out[perm[i]] = y[i];
    },
  };
}

function heapPush(heap: Int32Array, size: number, value: number): number {
  let c = size;
  heap[c] = value;
  while (c > 0) {
    const parent = (c - 1) >> 1;
    if (heap[parent] <= heap[c]) break;
    const t = heap[parent];
    heap[parent] = heap[c];
    heap[c] = t;
    c = parent;
  }
  return size + 1;
}

function heapPop(heap: Int32Array, size: number): number {
  const last = size - 1;
  heap[0] = heap[last];
  let c = 0;
  for (;;) {
    const l = 2 * c + 1;
    if (l >= last) break;
    const r = l + 1;
    const s = r < last && heap[r] < heap[l] ? r : l;
    if (heap[c] <= heap[s]) break;
    const t = heap[s];
    heap[s] = heap[c];
    heap[c] = t;
    c = s;
  }
  return last;
}

/** The k-th largest of values[0 .. count-1] (1-based k), by quickselect; reorders the values. */
function kthLargest(values: Float64Array, count: number, k: number): number {
  let lo = 0;
  let hi = count - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] > pivot) i++;
      while (values[j] < pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i] = values[j];
        values[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return values[target];
  }
  return values[target];
}

function grow32(a: Int32Array, capacity: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(capacity);
  b.set(a);
  return b;
}

function grow64(a: Float64Array, capacity: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(capacity);
  b.set(a);
  return b;
}

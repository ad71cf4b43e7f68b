import { DimensionError } from "../../errors/dimension-error";
import { NumericalError } from "../../errors/numerical-error";
import { ParameterError } from "../../errors/parameter-error";
import { FactorTooLargeError } from "./factor-too-large-error";
import { multifrontalLu } from "./multifrontal-lu";
import { fillReducingOrdering, invertPermutation, type OrderingKind } from "./ordering";
import { type RealCsrMatrix, realCsrTranspose } from "./real-csr";
import { choleskyFactorEntries } from "./symbolic-cholesky";
import { symmetricPattern } from "./symmetric-pattern";

/**
 * Default threshold for partial pivoting: the diagonal entry (in the symmetric ordering) is kept
 * as pivot when its modulus is at least this fraction of the largest candidate in its column.
 * 1 is plain partial pivoting; smaller values keep the fill-reducing order more often.
 */
export const DEFAULT_PIVOT_THRESHOLD = 0.1;
/** Initial factor storage relative to the symbolic prediction (it grows by doubling if needed). */
const STORAGE_SLACK = 1.2;
/** How many progress reports a factorisation makes at most. */
const PROGRESS_STEPS = 100;

/** Options of {@link sparseLu}. */
export interface SparseLuOptions {
  /** Fill-reducing column ordering applied symmetrically to A + A^T (default "amd"). */
  readonly ordering?: OrderingKind;
  /** An explicit column ordering (new-to-old), overriding `ordering`. */
  readonly permutation?: Int32Array;
  /** Threshold partial pivoting parameter in (0, 1], default 0.1. */
  readonly pivotThreshold?: number;
  /** Refuse with {@link FactorTooLargeError} when L + U would hold more entries than this. */
  readonly maxFactorEntries?: number;
  /** Called with the fraction of columns factorised, about 100 times. */
  readonly onProgress?: (fraction: number) => void;
  /**
   * "multifrontal" (default): dense frontal matrices on a relaxed supernodal assembly tree
   * (`multifrontal-lu.ts`); "left-looking": column-by-column Gilbert-Peierls (cs_lu).
   */
  readonly method?: "multifrontal" | "left-looking";
}

/** A sparse LU factorisation P A Q = L U that can solve A x = b. */
export interface SparseLuFactor {
  /** Size of the factorised matrix. */
  readonly n: number;
  /** Nonzero entries of L and U together (diagonals included). */
  readonly factorEntries: number;
  /**
   * Entries actually stored, explicit zeros of dense frontal blocks included (the multifrontal
   * method; equal to factorEntries for the left-looking one). `maxFactorEntries` bounds this.
   */
  readonly storedEntries?: number;
  /** min |u_kk| / max |u_kk|: near zero means (nearly) singular. */
  readonly smallestPivotRatio: number;
  /** Overwrite b with the solution x of A x = b and return it. Not re-entrant (one workspace). */
  solveInPlace(b: Float64Array): Float64Array;
}

/**
 * Cheap prediction of the entries of L + U: twice the Cholesky factor entries of the reordered
 * pattern of A + A^T (minus the shared diagonal), from the elimination tree (Davis 2006, chapter
 * 4). Exact for a symmetric pattern when the pivots stay on the diagonal; pivoting away from it
 * can add fill. Stops counting once `stopAbove` is exceeded.
 */
export function predictLuEntries(
  a: RealCsrMatrix,
  ordering: OrderingKind | Int32Array = "amd",
  stopAbove = Number.POSITIVE_INFINITY,
): number {
  const pattern = symmetricPattern(a);
  const perm = typeof ordering === "string" ? fillReducingOrdering(a, ordering) : ordering;
  const chol = choleskyFactorEntries(pattern, perm, invertPermutation(perm), (stopAbove + a.rows) / 2);
  return 2 * chol - a.rows;
}

/**
 * Sparse LU factorisation with threshold partial pivoting, P A Q = L U, of a square real matrix.
 *
 * ## Method
 * By default multifrontal (`multifrontal-lu.ts`): dense frontal matrices on a relaxed
 * supernodal assembly tree of A + A^T, threshold partial pivoting inside each front and delayed
 * pivots, so that nearly all arithmetic runs in dense Float64Array kernels. With
 * `method: "left-looking"`: the column-by-column factorisation of Gilbert & Peierls ("Sparse partial pivoting in
 * time proportional to arithmetic operations", SIAM J. Sci. Stat. Comput. 9 (1988) 862), as in
 * CSparse cs_lu (Davis 2006, section 6.3): column q[k] of A is solved against the current L by a
 * sparse triangular solve whose nonzero pattern is found by depth-first search in the graph of L,
 * then the pivot is chosen among the not yet pivotal rows. Q is a fill-reducing ordering of
 * A + A^T (AMD by default); the diagonal of the symmetric ordering is preferred as pivot when it is
 * at least `pivotThreshold` times the largest candidate, which keeps the predicted fill.
 *
 * @throws FactorTooLargeError before allocation when the prediction exceeds `maxFactorEntries`,
 *   or during the factorisation when the actual count crosses it.
 * @throws NumericalError "singular" when a column has no nonzero pivot candidate.
 */
export function sparseLu(a: RealCsrMatrix, options: SparseLuOptions = {}): SparseLuFactor {
  if (a.rows !== a.cols) throw new DimensionError("matrix", "square", `${a.rows} x ${a.cols}`);
  const n = a.rows;
  const tol = options.pivotThreshold ?? DEFAULT_PIVOT_THRESHOLD;
  if (!(tol > 0 && tol <= 1)) throw new ParameterError("pivotThreshold", "in (0, 1]", tol);
  const limit = options.maxFactorEntries ?? Number.POSITIVE_INFINITY;
  if (!(limit > 0)) throw new ParameterError("maxFactorEntries", "positive", limit);
  const q = options.permutation ?? fillReducingOrdering(a, options.ordering ?? "amd");
  if (q.length !== n) throw new DimensionError("permutation", `${n}`, `${q.length}`);
  const pattern = symmetricPattern(a);
  const chol = choleskyFactorEntries(pattern, q, invertPermutation(q), (limit + n) / 2);
  const predicted = 2 * chol - n;
  if (predicted > limit) throw new FactorTooLargeError(predicted, limit);
  const method = options.method ?? "multifrontal";
  if (method === "multifrontal") {
    const mf = multifrontalLu({
      a,
      pattern,
      perm: q,
      pivotThreshold: tol,
      maxFactorEntries: limit,
      onProgress: options.onProgress,
    });
    return {
      n,
      factorEntries: mf.factorEntries,
      storedEntries: mf.storedEntries,
      smallestPivotRatio: mf.smallestPivotRatio,
      solveInPlace(b: Float64Array): Float64Array {
        if (b.length !== n) throw new DimensionError("b", `${n}`, `${b.length}`);
        return mf.solveInPlace(b);
      },
    };
  }
  if (method !== "left-looking")
    throw new ParameterError("method", '"multifrontal" or "left-looking"', method);

  const at = realCsrTranspose(a); // CSR of A^T = CSC of A
  const aStart = at.rowStart;
  const aRows = at.columns;
  const aValues = at.values;

  const half = Math.ceil((STORAGE_SLACK * (predicted + n)) / 2) + n;
  let lCap = Math.min(half, Math.max(n, Math.floor(limit)) + 1);
  let uCap = lCap;
  const lStart = new Int32Array(n + 1);
  const uStart = new Int32Array(n + 1);
  let lIndex = new Int32Array(lCap);
  let lValue = new Float64Array(lCap);
  let uIndex = new Int32Array(uCap);
  let uValue = new Float64Array(uCap);
  let lNz = 0;
  let uNz = 0;

  const pinv = new Int32Array(n).fill(-1); // original row -> pivot step
  const x = new Float64Array(n);
  const reach = new Int32Array(n); // topological order in reach[top .. n-1]
  const stack = new Int32Array(n);
  const stackPos = new Int32Array(n);
  const visited = new Int32Array(n).fill(-1);
  let minPivot = Number.POSITIVE_INFINITY;
  let maxPivot = 0;
  const progressEvery = Math.max(1, Math.floor(n / PROGRESS_STEPS));

  for (let k = 0; k < n; k++) {
    if (options.onProgress && k % progressEvery === 0) options.onProgress(k / n);
    const col = q[k];
    // Grow storage so that a full column fits.
    if (lNz + n > lCap || uNz + n > uCap) {
      const need = Math.max(lNz, uNz) + n;
      if (lNz + n > lCap) {
        lCap = Math.max(2 * lCap, need);
        lIndex = grow32(lIndex, lCap, lNz);
        lValue = grow64(lValue, lCap, lNz);
      }
      if (uNz + n > uCap) {
        uCap = Math.max(2 * uCap, need);
        uIndex = grow32(uIndex, uCap, uNz);
        uValue = grow64(uValue, uCap, uNz);
      }
    }
    lStart[k] = lNz;
    uStart[k] = uNz;
    // Depth-first search from each row of A(:, col) through the graph of L.
    let top = n;
    for (let p = aStart[col]; p < aStart[col + 1]; p++) {
      const root = aRows[p];
      if (visited[root] === k) continue;
      let depth = 0;
      stack[0] = root;
      visited[root] = k;
      const j0 = pinv[root];
      stackPos[0] = j0 < 0 ? 0 : lStart[j0] + 1;
      while (depth >= 0) {
        const node = stack[depth];
        const jn = pinv[node];
        let descended = false;
        if (jn >= 0) {
          const end = lStart[jn + 1];
          let pp = stackPos[depth];
          while (pp < end) {
            const child = lIndex[pp++];
            if (visited[child] === k) continue;
            stackPos[depth] = pp;
            visited[child] = k;
            depth++;
            stack[depth] = child;
            const jc = pinv[child];
            stackPos[depth] = jc < 0 ? 0 : lStart[jc] + 1;
            descended = true;
            break;
          }
        }
        if (!descended) {
          reach[--top] = node;
          depth--;
        }
      }
    }
    // Numeric sparse triangular solve x = L \ A(:, col).
    for (let p = top; p < n; p++) x[reach[p]] = 0;
    for (let p = aStart[col]; p < aStart[col + 1]; p++) x[aRows[p]] = aValues[p];
    for (let px = top; px < n; px++) {
      const j = reach[px];
      const J = pinv[j];
      if (J < 0) continue;
      const xj = x[j];
      if (xj === 0) continue;
      const end = lStart[J + 1];
      for (let p = lStart[J] + 1; p < end; p++) x[lIndex[p]] -= lValue[p] * xj;
    }
    // Pivot choice; U gets the pivotal rows.
    let pivotRow = -1;
    let best = -1;
    for (let px = top; px < n; px++) {
      const i = reach[px];
      const v = x[i];
      if (pinv[i] < 0) {
        const m = Math.abs(v);
        if (m > best) {
          best = m;
          pivotRow = i;
        }
      } else if (v !== 0) {
        uIndex[uNz] = pinv[i];
        uValue[uNz++] = v;
      }
    }
    if (pivotRow < 0 || best === 0 || !Number.isFinite(best)) {
      throw new NumericalError(
        Number.isFinite(best) ? "singular" : "non-finite",
        `sparse LU: no usable pivot in column ${k} of ${n} (matrix is singular)`,
      );
    }
    if (pinv[col] < 0 && visited[col] === k && Math.abs(x[col]) >= tol * best) pivotRow = col;
    const pivot = x[pivotRow];
    const mag = Math.abs(pivot);
    if (mag < minPivot) minPivot = mag;
    if (mag > maxPivot) maxPivot = mag;
    uIndex[uNz] = k;
    uValue[uNz++] = pivot;
    pinv[pivotRow] = k;
    lIndex[lNz] = pivotRow;
    lValue[lNz++] = 1;
    const inv = 1 / pivot;
    for (let px = top; px < n; px++) {
      const i = reach[px];
      if (pinv[i] < 0) {
        const v = x[i];
        if (v !== 0) {
          lIndex[lNz] = i;
          lValue[lNz++] = v * inv;
        }
      }
    }
    if (lNz + uNz > limit) throw new FactorTooLargeError(lNz + uNz, limit);
  }
  lStart[n] = lNz;
  uStart[n] = uNz;
  options.onProgress?.(1);
  const pivotRowOf = new Int32Array(n);
  for (let i = 0; i < n; i++) pivotRowOf[pinv[i]] = i;
  const li = lIndex.slice(0, lNz);
  const lv = lValue.slice(0, lNz);
  const ui = uIndex.slice(0, uNz);
  const uv = uValue.slice(0, uNz);
  const work = new Float64Array(n);
  const smallestPivotRatio = n === 0 ? 1 : minPivot / maxPivot;
  return {
    n,
    factorEntries: lNz + uNz,
    storedEntries: lNz + uNz,
    smallestPivotRatio,
    solveInPlace(b: Float64Array): Float64Array {
      if (b.length !== n) throw new DimensionError("b", `${n}`, `${b.length}`);
      // L y = P b, with L's row indices in the original numbering.
      for (let J = 0; J < n; J++) {
        const yj = b[pivotRowOf[J]];
        work[J] = yj;
        if (yj === 0) continue;
        const end = lStart[J + 1];
        for (let p = lStart[J] + 1; p < end; p++) b[li[p]] -= lv[p] * yj;
      }
      // U z = y (diagonal stored last in each column), then x = Q z.
      for (let J = n - 1; J >= 0; J--) {
        const end = uStart[J + 1] - 1;
        const zj = work[J] / uv[end];
        work[J] = zj;
        if (zj === 0) continue;
        for (let p = uStart[J]; p < end; p++) work[ui[p]] -= uv[p] * zj;
      }
      for (let J = 0; J < n; J++) b[q[J]] = work[J];
      return b;
    },
  };
}

function grow32(a: Int32Array, capacity: number, used: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(capacity);
  b.set(a.subarray(0, used));
  return b;
}

function grow64(a: Float64Array, capacity: number, used: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(capacity);
  b.set(a.subarray(0, used));
  return b;
}

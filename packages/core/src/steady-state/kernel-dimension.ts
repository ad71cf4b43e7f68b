import { ParameterError } from "../errors/parameter-error";
import type { ComplexMatrix } from "../linalg/complex-matrix";
import type { CsrMatrix } from "../linalg/csr";

/**
 * Pivots below this fraction of the largest one count as zero in `kernelDimension`; the same
 * threshold as steadyState's SINGULAR_PIVOT_RATIO, so that the two agree on uniqueness.
 */
export const KERNEL_TOLERANCE = 1e-12;

/**
 * Numerical dimension of the kernel of a square matrix (for a Liouvillian: the number of
 * independent steady states), from Gaussian elimination with complete pivoting: the number of
 * pivots below `tolerance` times the first one. Complete pivoting reveals the rank reliably for
 * the matrices met here (Golub & Van Loan, Sec. 3.4.8; Higham, Accuracy and Stability, Ch. 9).
 * Costs O(n^3) for an n x n matrix; works on a copy. `blockKernelDimension` gives the same count
 * for a sparse matrix at the cost of its diagonal blocks.
 */
export function kernelDimension(a: ComplexMatrix, tolerance = KERNEL_TOLERANCE): number {
  return rankDeficit(a.data.slice(), a.rows, (first) => tolerance * first);
}

/**
 * `kernelDimension` of a sparse square matrix through its diagonal blocks: the connected
 * components of its pattern (entry (i, j) joins i and j) order it block-diagonally by a symmetric
 * permutation, and the kernel's dimension is the sum of the blocks'. A Liouvillian with a
 * conserved charge splits into the blocks |q><q'| of fixed q - q' (and further where its terms
 * connect less), so the check costs sum over blocks of n_b^3 instead of (d^2)^3. Pivots count as
 * zero below `tolerance` times the largest entry of the whole matrix, as in the dense elimination:
 * in exact arithmetic its complete pivoting takes the same pivots, block by block, and stops where
 * every block's would, so the counts agree up to rounding of pivots at the threshold. With
 * `hermitianDimension` d (an integer with d^2 rows), the matrix must be a superoperator on d x d
 * matrices (column stacking) that maps X^dagger to (L X)^dagger, as every generator does: the
 * block of the transposed pairs (j, i) of a block's pairs (i, j) holds the conjugates of its
 * entries and has a kernel of the same dimension, so only one of the two is eliminated (where the
 * two patterns correspond entry by entry). Returns null, without eliminating, when the blocks to
 * eliminate cost more than `maxWork` (sum of n_b^3).
 */
export function blockKernelDimension(
  a: CsrMatrix,
  tolerance = KERNEL_TOLERANCE,
  maxWork = Number.POSITIVE_INFINITY,
  hermitianDimension?: number,
): number | null {
  const n = a.rows;
  const root = patternComponents(a);
  const sizes = new Int32Array(n);
  for (let i = 0; i < n; i++) sizes[root[i]]++;
  // weight[r]: how many blocks root r counts for (2: it stands for its conjugate too; 0: skipped).
  const weight = new Int8Array(n);
  for (let r = 0; r < n; r++) if (root[r] === r) weight[r] = 1;
  if (hermitianDimension !== undefined) pairConjugateBlocks(a, hermitianDimension, root, sizes, weight);
  let work = 0;
  for (let r = 0; r < n; r++) if (weight[r] > 0) work += sizes[r] ** 3;
  if (work > maxWork) return null;
  const threshold = tolerance * Math.sqrt(largestSquaredModulus(a.values));
  // Members of each block in index order, and each index's place in its block.
  const local = new Int32Array(n);
  const blockOf = new Int32Array(n).fill(-1);
  const members: Int32Array[] = [];
  const filled: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = root[i];
    if (weight[r] === 0) continue;
    if (blockOf[r] < 0) {
      blockOf[r] = members.length;
      members.push(new Int32Array(sizes[r]));
      filled.push(0);
    }
    const b = blockOf[r];
    local[i] = filled[b];
    members[b][filled[b]++] = i;
  }
  let deficit = 0;
  for (const rows of members) {
    const block = denseBlock(a, rows, local);
    deficit += weight[root[rows[0]]] * rankDeficit(block, rows.length, () => threshold);
  }
  return deficit;
}

/**
 * Pair each block with the block of its transposed pairs (vec index i + d j -> j + d i): the
 * partner's weight goes to 0 and the block's to 2. A pair is kept only when the transpose maps
 * the block's pattern onto the partner's entry by entry (every entry (r, c) has its image
 * (T r, T c)), so a pattern that rounding made asymmetric is eliminated block by block instead.
 */
function pairConjugateBlocks(
  a: CsrMatrix,
  d: number,
  root: Int32Array,
  sizes: Int32Array,
  weight: Int8Array,
): void {
  const n = a.rows;
  if (!Number.isInteger(d) || d < 1 || d * d !== n) {
    throw new ParameterError("hermitianDimension", `an integer d with d^2 = ${n} (the matrix's rows)`, d);
  }
  const t = (r: number) => Math.floor(r / d) + d * (r % d);
  for (let r = 0; r < n; r++) {
    if (root[r] !== r || weight[r] !== 1) continue;
    const partner = root[t(r)];
    if (partner === r || weight[partner] !== 1 || sizes[partner] !== sizes[r]) continue;
    weight[r] = 2;
    weight[partner] = 0;
  }
  // Unpair a block whose pattern the transpose does not carry onto its partner's.
  for (let i = 0; i < n; i++) {
    const r = root[i];
    if (weight[r] !== 2) continue;
    if (!transposedRowPresent(a, i, t)) {
      weight[r] = 1;
      weight[root[t(r)]] = 1;
    }
  }
}

/** Whether every entry (i, c) of row i has the entry (t(i), t(c)) (columns sorted in each row). */
function transposedRowPresent(a: CsrMatrix, i: number, t: (r: number) => number): boolean {
  const ti = t(i);
  if (a.rowStart[i + 1] - a.rowStart[i] !== a.rowStart[ti + 1] - a.rowStart[ti]) return false;
  for (let p = a.rowStart[i]; p < a.rowStart[i + 1]; p++) {
    const want = t(a.columns[p]);
    let lo = a.rowStart[ti];
    let hi = a.rowStart[ti + 1] - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (a.columns[mid] < want) lo = mid + 1;
      else hi = mid;
    }
    if (lo > hi || a.columns[lo] !== want) return false;
  }
  return true;
}

/** max |v_k|^2 over the complex entries of interleaved values. */
function largestSquaredModulus(values: Float64Array): number {
  let largest = 0;
  for (let k = 0; k < values.length; k += 2) {
    const m = values[k] * values[k] + values[k + 1] * values[k + 1];
    if (m > largest) largest = m;
  }
  return largest;
}

/** The interleaved m x m block of a on the indices `rows` (ascending), `local[i]` their places. */
function denseBlock(a: CsrMatrix, rows: Int32Array, local: Int32Array): Float64Array {
  const m = rows.length;
  const block = new Float64Array(2 * m * m);
  for (let r = 0; r < m; r++) {
    const i = rows[r];
    for (let p = a.rowStart[i]; p < a.rowStart[i + 1]; p++) {
      const s = 2 * (r * m + local[a.columns[p]]);
      block[s] += a.values[2 * p];
      block[s + 1] += a.values[2 * p + 1];
    }
  }
  return block;
}

/**
 * The connected components of the pattern of a square sparse matrix (union-find with path
 * halving; Tarjan 1975): root[i] is the smallest index of i's component.
 */
function patternComponents(a: CsrMatrix): Int32Array {
  const n = a.rows;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (i: number): number => {
    let x = i;
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (let i = 0; i < n; i++) {
    for (let p = a.rowStart[i]; p < a.rowStart[i + 1]; p++) {
      const ri = find(i);
      const rj = find(a.columns[p]);
      if (ri !== rj) parent[Math.max(ri, rj)] = Math.min(ri, rj);
    }
  }
  const root = new Int32Array(n);
  for (let i = 0; i < n; i++) root[i] = find(i);
  return root;
}

/**
 * n minus the rank that Gaussian elimination with complete pivoting finds in the interleaved
 * n x n matrix m (overwritten): elimination stops at the first pivot at most `cut(first pivot)`.
 */
function rankDeficit(m: Float64Array, n: number, cut: (first: number) => number): number {
  let threshold = 0;
  for (let k = 0; k < n; k++) {
    let best = -1;
    let pr = k;
    let pc = k;
    for (let i = k; i < n; i++) {
      for (let j = k; j < n; j++) {
        const s = 2 * (i * n + j);
        const v = m[s] * m[s] + m[s + 1] * m[s + 1];
        if (v > best) {
          best = v;
          pr = i;
          pc = j;
        }
      }
    }
    const pivot = Math.sqrt(best);
    if (k === 0) threshold = cut(pivot);
    if (pivot <= threshold || pivot === 0) return n - k;
    if (pr !== k) for (let j = 0; j < 2 * n; j++) swap(m, 2 * k * n + j, 2 * pr * n + j);
    if (pc !== k) {
      for (let i = 0; i < n; i++) {
        swap(m, 2 * (i * n + k), 2 * (i * n + pc));
        swap(m, 2 * (i * n + k) + 1, 2 * (i * n + pc) + 1);
      }
    }
    const kk = 2 * (k * n + k);
    const den = m[kk] * m[kk] + m[kk + 1] * m[kk + 1];
    const ir = m[kk] / den;
    const ii = -m[kk + 1] / den;
    for (let i = k + 1; i < n; i++) {
      const ik = 2 * (i * n + k);
      const fr = m[ik] * ir - m[ik + 1] * ii;
      const fi = m[ik] * ii + m[ik + 1] * ir;
      if (fr === 0 && fi === 0) continue;
      for (let j = k + 1; j < n; j++) {
        const kj = 2 * (k * n + j);
        const ij = 2 * (i * n + j);
        m[ij] -= fr * m[kj] - fi * m[kj + 1];
        m[ij + 1] -= fr * m[kj + 1] + fi * m[kj];
      }
    }
  }
  return 0;
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

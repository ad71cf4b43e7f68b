import { DimensionError } from "../errors/dimension-error";
import { NumericalError } from "../errors/numerical-error";
import { ParameterError } from "../errors/parameter-error";
import { ComplexMatrix } from "./complex-matrix";
import { submatrix } from "./kernels";
import { symmetricEigenInPlace, symmetricEigenvaluesInPlace } from "./symmetric-eigen";

/** Eigen-decomposition A = V diag(values) V^dagger of a Hermitian matrix. */
export interface HermitianEigen {
  /** Eigenvalues in ascending order. */
  readonly values: Float64Array;
  /** Unitary matrix whose column k is the eigenvector of `values[k]`. */
  readonly vectors: ComplexMatrix;
}

/** Off-diagonal Frobenius norm at which a Jacobi sweep stops, relative to the matrix norm. */
export const JACOBI_TOLERANCE = Number.EPSILON;
/** Sweeps after which the cyclic Jacobi method is declared not converged (it needs about 6-10). */
export const JACOBI_MAX_SWEEPS = 100;

/**
 * Eigenvalues (ascending) and orthonormal eigenvectors of a Hermitian matrix. The input is
 * trusted to be Hermitian (the public entry points check); only its upper triangle matters.
 *
 * ## Method
 * A real symmetric input (all imaginary parts zero) goes to Householder tridiagonalisation and
 * the implicit QL iteration (`symmetricEigenInPlace`, the EISPACK tred2/tql2 pair of algorithms). A complex Hermitian input
 * goes to the cyclic complex Jacobi method: each rotation U = D R D^dagger, with D a phase that
 * makes a_pq real and R the real Jacobi rotation, zeroes one off-diagonal pair (Golub & Van Loan,
 * Matrix Computations, 4th ed., Sec. 8.5). Both are backward stable, so A V - V D is about
 * machine epsilon times ||A||, and both return orthonormal eigenvectors also inside degenerate
 * eigenspaces (products of unitary rotations / orthogonal QL transforms).
 *
 * @example
 * hermitianEigen(ComplexMatrix.fromReal([[0, 1], [1, 0]])).values // Float64Array [-1, 1]
 */
export function hermitianEigen(a: ComplexMatrix): HermitianEigen {
  const n = a.rows;
  const raw = isRealChecked(a) ? realSymmetricEigen(a) : complexJacobiEigen(a);
  const { values, vectors } = sortAscending(raw.values, raw.vectors, n);
  return { values, vectors };
}

/**
 * The eigenvalues of a Hermitian matrix, ascending, without its eigenvectors (NumPy's `eigvalsh`,
 * which reads the lower triangle by default; this reads the upper). The input is trusted to be
 * Hermitian: only its upper triangle and the real parts of its diagonal enter, though every
 * entry must be finite.
 *
 * ## Method
 * A real input goes to the Householder reduction and QL iteration of `hermitianEigen` without
 * accumulating the transformations. A complex one A = X + iY is written as the real symmetric
 * [[X, -Y], [Y, X]] of twice its size, which has every eigenvalue of A twice (for the eigenvector
 * x + iy of A, both (x, y) and (-y, x)); every other value of its sorted spectrum is A's. Both
 * are backward stable, and cost about (4/3) n^3 and (32/3) n^3 flops: for the complex case a
 * fraction of the cyclic Jacobi method's sweeps, which also build the eigenvectors.
 *
 * @example
 * hermitianEigenvalues(ComplexMatrix.fromReal([[2, 1], [1, 2]])) // Float64Array [1, 3]
 */
export function hermitianEigenvalues(a: ComplexMatrix): Float64Array {
  const n = a.rows;
  const real = isRealChecked(a);
  const size = real ? n : 2 * n;
  const scale = powerOfTwoScale(a);
  const m = new Float64Array(size * size);
  // The lower triangle, from the upper triangle of A (lower of X from its upper; Y antisymmetric).
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const x = a.data[2 * (j * n + i)] * scale;
      m[i * size + j] = x;
      if (real) continue;
      const y = j === i ? 0 : -a.data[2 * (j * n + i) + 1] * scale; // Y_ij = Im A_ij = -Im A_ji
      m[(n + i) * size + (n + j)] = x;
      m[(n + i) * size + j] = y; // block (2, 1) = Y
      if (j < i) m[(n + j) * size + i] = -y; // Y_ji = -Y_ij, block (2, 1) above its diagonal
    }
  }
  const all = symmetricEigenvaluesInPlace(m, size).sort();
  const values = real ? all : Float64Array.from({ length: n }, (_, k) => all[2 * k]);
  for (let k = 0; k < n; k++) values[k] /= scale;
  return values;
}

/** Checks that `a` is square and finite; true when every imaginary part is zero. */
function isRealChecked(a: ComplexMatrix): boolean {
  if (!a.isSquare) throw new DimensionError("matrix", "square", `${a.rows}x${a.cols}`);
  for (let k = 0; k < a.data.length; k++) {
    if (!Number.isFinite(a.data[k]))
      throw new ParameterError("matrix", "made of finite numbers (found a NaN or Infinity)");
  }
  for (let k = 1; k < a.data.length; k += 2) if (a.data[k] !== 0) return false;
  return true;
}

/**
 * A power of two that brings the largest entry of `a` near 1 exactly (no rounding), also from
 * subnormal size (the exponent is clamped so that the factor itself stays finite and normal).
 */
function powerOfTwoScale(a: ComplexMatrix): number {
  let largest = 0;
  for (let k = 0; k < a.data.length; k++) largest = Math.max(largest, Math.abs(a.data[k]));
  return largest > 0 ? 2 ** Math.max(-1000, Math.min(1000, -Math.round(Math.log2(largest)))) : 1;
}

function realSymmetricEigen(a: ComplexMatrix): HermitianEigen {
  const n = a.rows;
  const scale = powerOfTwoScale(a);
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) m[i * n + j] = a.data[2 * (j * n + i)] * scale; // lower from upper
  }
  const values = symmetricEigenInPlace(m, n);
  const vectors = new ComplexMatrix(n, n);
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) vectors.data[2 * (i * n + k)] = m[k * n + i];
  }
  for (let k = 0; k < n; k++) values[k] /= scale;
  return { values, vectors };
}

function complexJacobiEigen(input: ComplexMatrix): HermitianEigen {
  const n = input.rows;
  const a = input.clone();
  const d = a.data;
  // Hermitise exactly from the upper triangle so rounding in the input cannot bias the result.
  for (let i = 0; i < n; i++) {
    d[2 * (i * n + i) + 1] = 0;
    for (let j = i + 1; j < n; j++) {
      d[2 * (j * n + i)] = d[2 * (i * n + j)];
      d[2 * (j * n + i) + 1] = -d[2 * (i * n + j) + 1];
    }
  }
  const v = ComplexMatrix.identity(n);
  const vd = v.data;
  let norm2 = 0;
  for (let k = 0; k < d.length; k++) norm2 += d[k] * d[k];
  const threshold = JACOBI_TOLERANCE * JACOBI_TOLERANCE * norm2;
  for (let sweep = 0; ; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const k = 2 * (i * n + j);
        off += 2 * (d[k] * d[k] + d[k + 1] * d[k + 1]);
      }
    }
    if (off <= threshold) break;
    if (sweep >= JACOBI_MAX_SWEEPS) {
      throw new NumericalError(
        "not-converged",
        `Jacobi eigensolver did not converge in ${JACOBI_MAX_SWEEPS} sweeps`,
      );
    }
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) rotate(d, vd, n, p, q);
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = d[2 * (i * n + i)];
  return { values, vectors: v };
}

/** One Jacobi rotation zeroing a_pq (and a_qp), applied to A (both sides) and V (right). */
function rotate(d: Float64Array, vd: Float64Array, n: number, p: number, q: number): void {
  const kpq = 2 * (p * n + q);
  const xr = d[kpq];
  const xi = d[kpq + 1];
  const r = Math.hypot(xr, xi);
  if (r === 0) return;
  const app = d[2 * (p * n + p)];
  const aqq = d[2 * (q * n + q)];
  const theta = (aqq - app) / (2 * r);
  const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  // e = a_pq / |a_pq|; U = [[c, s e], [-s conj(e), c]] on (p, q).
  const er = xr / r;
  const ei = xi / r;
  // Columns: A <- A U; V <- V U.
  for (const [m, rows] of [
    [d, n],
    [vd, n],
  ] as const) {
    for (let k = 0; k < rows; k++) {
      const ip = 2 * (k * n + p);
      const iq = 2 * (k * n + q);
      const pr = m[ip];
      const pi = m[ip + 1];
      const qr = m[iq];
      const qi = m[iq + 1];
      // new_p = c p - s conj(e) q ; new_q = s e p + c q
      m[ip] = c * pr - s * (er * qr + ei * qi);
      m[ip + 1] = c * pi - s * (er * qi - ei * qr);
      m[iq] = s * (er * pr - ei * pi) + c * qr;
      m[iq + 1] = s * (er * pi + ei * pr) + c * qi;
    }
  }
  // Rows: A <- U^dagger A; row p' = c row_p - s e row_q, row q' = s conj(e) row_p + c row_q.
  for (let k = 0; k < n; k++) {
    const ip = 2 * (p * n + k);
    const iq = 2 * (q * n + k);
    const pr = d[ip];
    const pi = d[ip + 1];
    const qr = d[iq];
    const qi = d[iq + 1];
    d[ip] = c * pr - s * (er * qr - ei * qi);
    d[ip + 1] = c * pi - s * (er * qi + ei * qr);
    d[iq] = s * (er * pr + ei * pi) + c * qr;
    d[iq + 1] = s * (er * pi - ei * pr) + c * qi;
  }
  d[kpq] = 0;
  d[kpq + 1] = 0;
  const kqp = 2 * (q * n + p);
  d[kqp] = 0;
  d[kqp + 1] = 0;
  d[2 * (p * n + p) + 1] = 0;
  d[2 * (q * n + q) + 1] = 0;
}

/** The decomposition with its values ascending, and the order taken (order[k]: the source of k). */
function sortAscending(
  values: Float64Array,
  vectors: ComplexMatrix,
  n: number,
): HermitianEigen & { readonly order: number[] } {
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => values[i] - values[j]);
  const sortedValues = new Float64Array(n);
  const sortedVectors = new ComplexMatrix(n, n);
  for (let k = 0; k < n; k++) {
    const src = order[k];
    sortedValues[k] = values[src];
    for (let i = 0; i < n; i++) {
      sortedVectors.data[2 * (i * n + k)] = vectors.data[2 * (i * n + src)];
      sortedVectors.data[2 * (i * n + k) + 1] = vectors.data[2 * (i * n + src) + 1];
    }
  }
  return { values: sortedValues, vectors: sortedVectors, order };
}

/**
 * `hermitianEigenvalues` of a matrix that does not join basis states of different labels (as for
 * `hermitianEigenByBlocks`): each block on its own, ascending over all of them. The caller
 * guarantees the block structure (entries across blocks are ignored).
 */
export function hermitianEigenvaluesByBlocks(a: ComplexMatrix, labels: Int32Array): Float64Array {
  const n = a.rows;
  const values = new Float64Array(n);
  let at = 0;
  for (const idx of labelGroups(labels, n)) {
    values.set(hermitianEigenvalues(submatrix(a, idx, idx)), at);
    at += idx.length;
  }
  return values.sort();
}

/** The indices of each label, in order of first appearance. */
export function labelGroups(labels: Int32Array, n: number): number[][] {
  const blocks = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const list = blocks.get(labels[i]);
    if (list) list.push(i);
    else blocks.set(labels[i], [i]);
  }
  return [...blocks.values()];
}

/** An eigen-decomposition whose eigenvectors each lie inside one block of a conserved charge. */
export interface BlockHermitianEigen extends HermitianEigen {
  /** The block label (see `hermitianEigenByBlocks`) of each eigenvector, in the order of `values`. */
  readonly blockLabels: Int32Array;
  /** The block label of each basis state (the `labels` the decomposition was given). */
  readonly basisLabels: Int32Array;
}

/**
 * `hermitianEigen` of a matrix that does not join basis states of different labels (H_ij = 0
 * when labels[i] != labels[j], e.g. a Hamiltonian that conserves the number of excitations):
 * each block is diagonalised on its own, so the cost is the sum of the blocks' cubes instead of
 * d^3, and every eigenvector lies inside one block, also where levels of different blocks are
 * degenerate. The caller guarantees the block structure (entries across blocks are ignored).
 */
export function hermitianEigenByBlocks(a: ComplexMatrix, labels: Int32Array): BlockHermitianEigen {
  const n = a.rows;
  const values = new Float64Array(n);
  const vectors = new ComplexMatrix(n, n);
  const columnLabel = new Int32Array(n);
  let col = 0;
  for (const idx of labelGroups(labels, n)) {
    const label = labels[idx[0]];
    const m = idx.length;
    const e = hermitianEigen(submatrix(a, idx, idx));
    for (let k = 0; k < m; k++, col++) {
      values[col] = e.values[k];
      columnLabel[col] = label;
      for (let r = 0; r < m; r++) {
        vectors.data[2 * (idx[r] * n + col)] = e.vectors.data[2 * (r * m + k)];
        vectors.data[2 * (idx[r] * n + col) + 1] = e.vectors.data[2 * (r * m + k) + 1];
      }
    }
  }
  const { values: sortedValues, vectors: sortedVectors, order } = sortAscending(values, vectors, n);
  return {
    values: sortedValues,
    vectors: sortedVectors,
    blockLabels: Int32Array.from(order, (src) => columnLabel[src]),
    basisLabels: Int32Array.from(labels),
  };
}

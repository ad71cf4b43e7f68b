import { DimensionError } from "../errors/dimension-error";
import { ComplexMatrix } from "../linalg/complex-matrix";
import { type HermitianEigen, hermitianEigen } from "../linalg/hermitian-eigen";
import { add, dagger, hermitiseInPlace, matmul } from "../linalg/kernels";
import { traceOfProduct } from "./states";
import { assertHermitian } from "./validate";

// Information measures of density matrices. Each takes Hermitian matrices (checked) and works in
// their eigenbases; eigenvalues of a state that rounding made slightly negative count as zero.

/**
 * Eigenvalues below this fraction of the largest one are the rounding of a zero eigenvalue: they
 * are clamped to zero in the logarithms (a state's kernel) and in square roots.
 */
export const STATE_EIGENVALUE_CUTOFF = 1e-14;

/** Tr[rho^2]: 1 for a pure state, 1/d for the maximally mixed one. */
export function purity(rho: ComplexMatrix): number {
  assertHermitian("rho", rho);
  return traceOfProduct(rho, rho)[0];
}

/**
 * The von Neumann entropy S(rho) = -Tr[rho ln rho] = -sum_k p_k ln p_k over the eigenvalues p_k
 * of rho, in nats (`base` 2 for bits; QuTiP's `entropy_vn` takes the same argument).
 */
export function vonNeumannEntropy(rho: ComplexMatrix, base: number = Math.E): number {
  assertHermitian("rho", rho);
  const p = stateEigenvalues(hermitianEigen(rho).values);
  let s = 0;
  for (const x of p) if (x > 0) s -= x * Math.log(x);
  return s / Math.log(base);
}

/**
 * The (root) fidelity F(rho, sigma) = Tr sqrt( sqrt(rho) sigma sqrt(rho) ) of Uhlmann, in [0, 1],
 * as QuTiP's `fidelity` (square it for Jozsa's convention); symmetric in its arguments.
 */
export function fidelity(rho: ComplexMatrix, sigma: ComplexMatrix): number {
  checkPair(rho, sigma);
  const root = matrixSqrt(hermitianEigen(rho));
  const m = matmul(root, matmul(sigma, root));
  hermitiseInPlace(m);
  let f = 0;
  for (const x of stateEigenvalues(hermitianEigen(m).values)) f += Math.sqrt(x);
  return f;
}

/** The trace distance (1/2) Tr|rho - sigma| = (1/2) sum_k |lambda_k(rho - sigma)|, in [0, 1]. */
export function traceDistance(rho: ComplexMatrix, sigma: ComplexMatrix): number {
  checkPair(rho, sigma);
  const diff = add(rho, sigma, 1, -1);
  hermitiseInPlace(diff);
  let sum = 0;
  for (const x of hermitianEigen(diff).values) sum += Math.abs(x);
  return sum / 2;
}

/**
 * The quantum relative entropy S(rho || sigma) = Tr[rho (ln rho - ln sigma)] >= 0, in nats: the
 * entropy production's natural companion (Spohn's inequality is its monotonicity under the
 * dynamics). Infinite when the support of rho is not inside that of sigma.
 *
 * ## Method
 * With rho = sum_i p_i |a_i><a_i| and sigma = sum_j q_j |b_j><b_j|,
 * S = sum_i p_i ln p_i - sum_{ij} p_i |<a_i|b_j>|^2 ln q_j; a term with p_i > 0, q_j <= 0 and an
 * overlap above rounding makes it infinite (rho's eigenvalues below STATE_EIGENVALUE_CUTOFF of the
 * largest count as zero; sigma's positive ones are all kept).
 */
export function relativeEntropy(rho: ComplexMatrix, sigma: ComplexMatrix): number {
  checkPair(rho, sigma);
  const a = hermitianEigen(rho);
  const b = hermitianEigen(sigma);
  const p = stateEigenvalues(a.values);
  // sigma's small positive eigenvalues are kept (a Gibbs state's populations of 1e-16 are real);
  // only those that rounding made zero or negative leave the support.
  const q = Array.from(b.values, (x) => Math.max(0, x));
  const overlap = matmul(dagger(a.vectors), b.vectors); // <a_i|b_j>
  const n = p.length;
  let s = 0;
  for (let i = 0; i < n; i++) {
    if (p[i] === 0) continue;
    s += p[i] * Math.log(p[i]);
    for (let j = 0; j < n; j++) {
      const w = overlap.re(i, j) ** 2 + overlap.im(i, j) ** 2;
      if (w <= STATE_EIGENVALUE_CUTOFF) continue;
      if (q[j] === 0) return Number.POSITIVE_INFINITY;
      s -= p[i] * w * Math.log(q[j]);
    }
  }
  return Math.max(0, s);
}

/**
 * Wootters' concurrence of a two-qubit state (PRL 80, 2245 (1998)), in [0, 1]:
 * C = max(0, l_1 - l_2 - l_3 - l_4) with l_k, descending, the square roots of the eigenvalues of
 * sqrt(rho) rho~ sqrt(rho), rho~ = (sigma_y x sigma_y) rho* (sigma_y x sigma_y). 1 for a Bell
 * state, 0 for any separable state.
 */
export function concurrence(rho: ComplexMatrix): number {
  assertHermitian("rho", rho);
  if (rho.rows !== 4) throw new DimensionError("rho", "4x4 (two qubits)", `${rho.rows}x${rho.cols}`);
  // sigma_y x sigma_y = antidiag(-1, 1, 1, -1): (yy rho* yy)_{ij} = s_i s_j conj(rho_{3-i, 3-j}).
  const sign = [-1, 1, 1, -1];
  const tilde = new ComplexMatrix(4, 4);
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      const s = sign[i] * sign[j];
      tilde.data[2 * (i * 4 + j)] = s * rho.re(3 - i, 3 - j);
      tilde.data[2 * (i * 4 + j) + 1] = -s * rho.im(3 - i, 3 - j);
    }
  }
  const root = matrixSqrt(hermitianEigen(rho));
  const m = matmul(root, matmul(tilde, root));
  hermitiseInPlace(m);
  const l = stateEigenvalues(hermitianEigen(m).values)
    .map(Math.sqrt)
    .sort((x, y) => y - x);
  return Math.max(0, l[0] - l[1] - l[2] - l[3]);
}

/** The eigenvalues with rounding-level (and negative) ones set to zero. */
function stateEigenvalues(values: Float64Array): number[] {
  const max = Math.max(0, ...values);
  return Array.from(values, (x) => (x > STATE_EIGENVALUE_CUTOFF * max ? x : 0));
}

/** V diag(sqrt(p)) V^dagger for a positive semidefinite matrix given by its eigen-decomposition. */
function matrixSqrt(eigen: HermitianEigen): ComplexMatrix {
  const { values, vectors } = eigen;
  const n = values.length;
  const p = stateEigenvalues(values);
  const scaled = vectors.clone();
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const r = Math.sqrt(p[k]);
      scaled.data[2 * (i * n + k)] *= r;
      scaled.data[2 * (i * n + k) + 1] *= r;
    }
  }
  const out = matmul(scaled, dagger(vectors));
  hermitiseInPlace(out);
  return out;
}

function checkPair(rho: ComplexMatrix, sigma: ComplexMatrix): void {
  assertHermitian("rho", rho);
  assertHermitian("sigma", sigma);
  if (rho.rows !== sigma.rows) {
    throw new DimensionError("sigma", `${rho.rows}x${rho.rows} (rho's)`, `${sigma.rows}x${sigma.cols}`);
  }
}

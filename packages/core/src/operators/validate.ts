import { DimensionError } from "../errors/dimension-error";
import { ParameterError } from "../errors/parameter-error";
import { ComplexMatrix } from "../linalg/complex-matrix";
import { hermiticityDefect, maxRowSumNorm, traceParts } from "../linalg/kernels";

/** Relative tolerance on |A - A^dagger| / ||A|| for accepting a matrix as Hermitian. */
export const HERMITICITY_TOLERANCE = 1e-12;

/** Throw a ParameterError naming `parameter` unless `m` is square, finite and Hermitian. */
export function assertHermitian(parameter: string, m: ComplexMatrix): void {
  assertMatrix(parameter, m);
  if (!m.isSquare) throw new DimensionError(parameter, "square", `${m.rows}x${m.cols}`);
  assertFiniteMatrix(parameter, m);
  const defect = hermiticityDefect(m);
  if (defect > HERMITICITY_TOLERANCE * Math.max(1, maxRowSumNorm(m))) {
    throw new ParameterError(parameter, `Hermitian (max |A - A^dagger| = ${defect.toExponential(2)})`);
  }
}

/** Throw unless every entry is finite. */
export function assertFiniteMatrix(parameter: string, m: ComplexMatrix): void {
  // Row by row through a small kernel, which V8 optimises after a few calls (a loop over all
  // entries here would run interpreted: a cold build checks each operator once).
  const stride = Math.max(2, 2 * m.cols);
  for (let k = 0; k < m.data.length; k += stride) {
    if (!allFinite(m.data, k, Math.min(m.data.length, k + stride)))
      throw new ParameterError(parameter, "made of finite numbers (found a NaN or Infinity)");
  }
}

/** True when data[from..to) holds no NaN or infinity. */
function allFinite(data: Float64Array, from: number, to: number): boolean {
  let poison = 0;
  for (let k = from; k < to; k++) poison += 0 * data[k]; // NaN exactly for a NaN or an infinity
  return poison === 0;
}

/** Throw unless `m` is n x n. */
export function assertSquareOfSize(parameter: string, m: ComplexMatrix, n: number): void {
  if (m.rows !== n || m.cols !== n) throw new DimensionError(parameter, `${n}x${n}`, `${m.rows}x${m.cols}`);
}

/**
 * Tolerance of `assertDensityMatrix`: |Tr rho - 1| and the most negative eigenvalue allowed
 * (absolute, as a density matrix has trace 1).
 */
export const DENSITY_MATRIX_TOLERANCE = 1e-10;

/** A value accepted as a matrix: it has rows, cols and interleaved Float64Array data. */
export function isComplexMatrix(m: unknown): m is ComplexMatrix {
  if (typeof m !== "object" || m === null) return false;
  const c = m as Partial<ComplexMatrix>;
  return (
    c.data instanceof Float64Array &&
    Number.isInteger(c.rows) &&
    Number.isInteger(c.cols) &&
    c.data.length === 2 * (c.rows as number) * (c.cols as number)
  );
}

/**
 * Throw unless `rho` is a density matrix of dimension `d`: a d x d matrix (DimensionError), finite
 * and Hermitian (`assertHermitian`), of trace 1 and positive semidefinite within `tolerance`
 * (ParameterError naming `parameter` and the constraint). Positivity is tested by a Cholesky
 * factorisation of rho + tolerance * I, which exists exactly when every eigenvalue of rho
 * exceeds -tolerance: O(d^3 / 3), no eigen-decomposition.
 */
export function assertDensityMatrix(
  parameter: string,
  rho: unknown,
  d: number,
  tolerance = DENSITY_MATRIX_TOLERANCE,
): asserts rho is ComplexMatrix {
  if (!isComplexMatrix(rho))
    throw new ParameterError(parameter, `a ${d}x${d} density matrix (ComplexMatrix)`, rho);
  assertSquareOfSize(parameter, rho, d);
  assertHermitian(parameter, rho);
  const [re, im] = traceParts(rho);
  if (!(Math.abs(re - 1) <= tolerance && Math.abs(im) <= tolerance)) {
    throw new ParameterError(parameter, `of trace 1 (within ${tolerance})`, `trace ${re}`);
  }
  if (!shiftedCholeskyExists(rho, tolerance)) {
    throw new ParameterError(
      parameter,
      `positive semidefinite (an eigenvalue is below -${tolerance}; a density matrix has none negative)`,
    );
  }
}

/**
 * True when the Hermitian m + shift * I has a Cholesky factor (all its eigenvalues are > 0). The
 * factor stays within the envelope of m (row i of L is zero left of the first nonzero of row i of
 * m; George and Liu, "Computer Solution of Large Sparse Positive Definite Systems", 1981, ch. 4),
 * so the sums skip the leading zeros: a diagonal or banded state costs O(d^2), a dense one O(d^3).
 */
function shiftedCholeskyExists(m: ComplexMatrix, shift: number): boolean {
  const n = m.rows;
  const first = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let k = 0;
    while (k < i && m.data[2 * (i * n + k)] === 0 && m.data[2 * (i * n + k) + 1] === 0) k++;
    first[i] = k;
  }
  // Lower triangle of L, interleaved, row-major; built column by column.
  const l = new Float64Array(2 * n * n);
  for (let j = 0; j < n; j++) {
    let diag = m.data[2 * (j * n + j)] + shift;
    for (let k = first[j]; k < j; k++) {
      const a = 2 * (j * n + k);
      diag -= l[a] * l[a] + l[a + 1] * l[a + 1];
    }
    if (!(diag > 0)) return false;
    const ljj = Math.sqrt(diag);
    l[2 * (j * n + j)] = ljj;
    for (let i = j + 1; i < n; i++) {
      if (first[i] > j) continue; // L_ij = 0: outside the envelope
      // L_ij = (m_ij - sum_k L_ik conj(L_jk)) / L_jj
      let re = m.data[2 * (i * n + j)];
      let im = m.data[2 * (i * n + j) + 1];
      for (let k = Math.max(first[i], first[j]); k < j; k++) {
        const a = 2 * (i * n + k);
        const b = 2 * (j * n + k);
        re -= l[a] * l[b] + l[a + 1] * l[b + 1];
        im -= l[a + 1] * l[b] - l[a] * l[b + 1];
      }
      l[2 * (i * n + j)] = re / ljj;
      l[2 * (i * n + j) + 1] = im / ljj;
    }
  }
  return true;
}

/** Throw a ParameterError naming `parameter` unless `m` is a ComplexMatrix (or an object shaped like one). */
export function assertMatrix(parameter: string, m: unknown): asserts m is ComplexMatrix {
  if (!(m instanceof ComplexMatrix) && !isComplexMatrix(m))
    throw new ParameterError(parameter, "a ComplexMatrix (or an Operator)", describeValue(m));
}

/**
 * What a wrong argument was, for the `value` of a ParameterError: a number or boolean as it is, anything else by
 * its kind ("an array of length 3", "an object of class Foo", "string x"), never its contents.
 */
export function describeValue(value: unknown): unknown {
  if (typeof value === "number" || typeof value === "boolean") return value;
  let text: string;
  if (value === null || value === undefined) text = String(value);
  else if (Array.isArray(value)) text = `an array of length ${value.length}`;
  else if (typeof value === "object") text = `an object of class ${value.constructor?.name ?? "unknown"}`;
  else text = `${typeof value} ${String(value)}`;
  return describeAs(text);
}

/** A description for the `value` of a ParameterError, printed as it is (ParameterError quotes plain strings). */
export function describeAs(text: string): unknown {
  return { toString: () => text };
}

import { DimensionError } from "../errors/dimension-error";
import { ParameterError } from "../errors/parameter-error";
import type { ComplexMatrix } from "../linalg/complex-matrix";
import { hermiticityDefect, maxRowSumNorm } from "../linalg/kernels";

/** Relative tolerance on |A - A^dagger| / ||A|| for accepting a matrix as Hermitian. */
export const HERMITICITY_TOLERANCE = 1e-12;

/** Throw a ParameterError naming `parameter` unless `m` is square, finite and Hermitian. */
export function assertHermitian(parameter: string, m: ComplexMatrix): void {
  if (!m.isSquare) throw new DimensionError(parameter, "square", `${m.rows}x${m.cols}`);
  assertFiniteMatrix(parameter, m);
  const defect = hermiticityDefect(m);
  if (defect > HERMITICITY_TOLERANCE * Math.max(1, maxRowSumNorm(m))) {
    throw new ParameterError(parameter, `Hermitian (max |A - A^dagger| = ${defect.toExponential(2)})`);
  }
}

/** Throw unless every entry is finite. */
export function assertFiniteMatrix(parameter: string, m: ComplexMatrix): void {
  for (let k = 0; k < m.data.length; k++) {
    if (!Number.isFinite(m.data[k]))
      throw new ParameterError(parameter, "made of finite numbers (found a NaN or Infinity)");
  }
}

/** Throw unless `m` is n x n. */
export function assertSquareOfSize(parameter: string, m: ComplexMatrix, n: number): void {
  if (m.rows !== n || m.cols !== n) throw new DimensionError(parameter, `${n}x${n}`, `${m.rows}x${m.cols}`);
}

import { ComplexMatrix } from "./complex-matrix";
import { addInto, matmulInto, maxRowSumNorm, scaleInto } from "./kernels";
import { assertSquare } from "./shapes";

/**
 * Degree of the Taylor polynomial of `expmDense`. After scaling, ||A||_inf <= 1, and the
 * remainder of the degree-18 series is at most sum_{k>18} 1/k! < e / 19! ~ 2.2e-17, below the
 * double-precision unit roundoff 1.1e-16.
 */
export const EXPM_TAYLOR_DEGREE = 18;

/**
 * The matrix exponential e^A of a dense square matrix by scaling and squaring: A is scaled by
 * 2^-s so that ||A / 2^s||_inf <= 1, the Taylor polynomial of degree `EXPM_TAYLOR_DEGREE` is
 * evaluated by Horner's rule, and the result is squared s times. Costs (18 + s) products of n x n
 * matrices, meant for Hilbert-space operators (not Liouvillians, where the Krylov propagator of
 * the integrators package is the tool).
 */
export function expmDense(a: ComplexMatrix): ComplexMatrix {
  assertSquare("a", a);
  const n = a.rows;
  const norm = maxRowSumNorm(a);
  const squarings = norm > 1 ? Math.ceil(Math.log2(norm)) : 0;
  const scaled = scaleInto(new ComplexMatrix(n, n), a, 2 ** -squarings);
  const identity = ComplexMatrix.identity(n);
  let p = ComplexMatrix.identity(n);
  let tmp = new ComplexMatrix(n, n);
  // Horner: p = I + (A/k) p for k = m, ..., 1 gives sum_k A^k / k!.
  for (let k = EXPM_TAYLOR_DEGREE; k >= 1; k--) {
    matmulInto(tmp, scaled, p, 1 / k);
    addInto(tmp, tmp, identity);
    [p, tmp] = [tmp, p];
  }
  for (let s = 0; s < squarings; s++) {
    matmulInto(tmp, p, p);
    [p, tmp] = [tmp, p];
  }
  return p;
}

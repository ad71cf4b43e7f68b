import { DimensionError } from "../errors/dimension-error";
import type { ComplexMatrix } from "../linalg/complex-matrix";
import type { Generator } from "../master-equation/generator";
import { vec } from "../superoperators/vectorize";

/**
 * The residual of a state under a generator, r(rho) = ||L vec(rho)||_2 = ||d rho/dt||_F: the
 * Euclidean norm of the complex vector L vec(rho) of length d^2, i.e. the Frobenius norm of the
 * time derivative of rho. It is zero exactly in a steady state, does not depend on the basis, and
 * has units of rho per unit time (the generator's rates). `SteadyState.residual` is this number.
 */
export function residualNorm(generator: Generator, rho: ComplexMatrix): number {
  const d = generator.dimension;
  if (rho.rows !== d || rho.cols !== d) {
    throw new DimensionError("rho", `${d}x${d} (the generator's)`, `${rho.rows}x${rho.cols}`);
  }
  return residualNormOfVector(generator, vec(rho), new Float64Array(2 * d * d));
}

/** ||L y||_2 for y = vec(rho), with caller-supplied scratch of length 2 d^2 (no allocation, no checks). */
export function residualNormOfVector(generator: Generator, y: Float64Array, scratch: Float64Array): number {
  generator.liouvillian.applyInto(scratch, y);
  let sum = 0;
  for (let k = 0; k < scratch.length; k++) sum += scratch[k] * scratch[k];
  return Math.sqrt(sum);
}

import { DimensionError } from "../errors/dimension-error";
import { ParameterError } from "../errors/parameter-error";
import type { ComplexMatrix } from "../linalg/complex-matrix";
import type { Generator } from "../master-equation/generator";
import { assertDensityMatrix, isComplexMatrix } from "../operators/validate";
import { type SteadyState, solvedFor } from "../steady-state/steady-state";

/**
 * Throw unless `state` belongs to `generator`: a density matrix of its dimension (checked by
 * `assertDensityMatrix`: Hermitian, trace 1, positive semidefinite within
 * DENSITY_MATRIX_TOLERANCE), or a SteadyState of its dimension solved for it. A steady state
 * solved for another generator of the same system, approach and Bohr tolerance (the same master
 * equation in another representation) is accepted; one of another master equation is not.
 */
export function assertStateOf(
  generator: Generator,
  state: unknown,
  parameter = "state",
): asserts state is SteadyState | ComplexMatrix {
  const d = generator.dimension;
  if (isComplexMatrix(state)) {
    assertDensityMatrix(parameter, state, d);
    return;
  }
  const rho = (state as Partial<SteadyState> | null)?.rho;
  if (!isComplexMatrix(rho) || typeof (state as SteadyState).method !== "string") {
    throw new ParameterError(parameter, "a SteadyState (from steadyState) or a density matrix", state);
  }
  if (rho.rows !== d || rho.cols !== d) {
    throw new DimensionError(`${parameter}.rho`, `${d}x${d} (the generator's)`, `${rho.rows}x${rho.cols}`);
  }
  const owner = solvedFor(state as SteadyState);
  if (
    owner !== undefined &&
    owner !== generator &&
    !(
      owner.system === generator.system &&
      owner.approach === generator.approach &&
      owner.bohrTolerance === generator.bohrTolerance
    )
  ) {
    throw new ParameterError(
      parameter,
      `a steady state of this generator (it was solved for another one: the ${owner.approach} master equation of ${owner.system === generator.system ? "the same" : "another"} system)`,
    );
  }
}

import { type ComplexMatrix, type Generator, residualNorm, residualNormOfVector } from "@liouville/core";

/**
 * The residual of a state under a generator, the measure of relaxation used by `untilRelaxed`
 * and by `evolve`'s `relaxationTolerance`:
 *
 *   r(rho) = ||L vec(rho)||_2 = ||d rho/dt||_F = sqrt(sum_ij |(d rho/dt)_ij|^2),
 *
 * the Euclidean norm of the complex vector L vec(rho) of length d^2, i.e. the Frobenius norm of
 * the time derivative of rho (the same quantity as `SteadyState.residual`). It is zero exactly
 * in a steady state, does not depend on the basis (vec of a unitary change of basis is unitary),
 * and has units of rho per unit time: near the steady state r ~ |lambda| ||rho - rho_ss||_F with
 * lambda the slowest nonzero rate of L, so a tolerance `tol` means a distance of about
 * tol / |lambda| from the steady state.
 *
 * ## Notes
 * A numerical solution does not relax below a floor set by the integrator: once the transients
 * have decayed, an explicit method steps at its stability limit and its state carries noise of
 * the order of its error weights atol + rtol |y_i| (y: the packed real unknowns it integrates,
 * see `evolutionDynamics`), which L turns into a residual. Measured with rk45 on the coupled
 * qubits, integrating the whole upper triangle (from a state with coherences between energies;
 * in the energy sector, populations only, the floor lies orders of magnitude lower),
 * ||L rho|| levels off near 6 atol under the global generator at the default
 * parameters, near max(6 atol, 0.03 rtol) under Redfield, and near 50 max(atol, 0.1 rtol) at
 * lambda = 0.9, where the frequencies and the coherences in the product basis are larger. A
 * relaxation tolerance below the floor is never met: `evolve` notices the stall
 * (`RelaxationMonitor`) and fails with the residual reached. Keep it two to three orders of
 * magnitude above atol, with rtol at most 100 atol, or use the `expm` integrator, whose error
 * does not accumulate step by step in the same way (it reaches 1e-17 on the coupled qubits).
 *
 * @example
 * ```ts
 * relaxationResidual(generator, steadyState(generator).rho); // ~1e-17
 * ```
 */
export function relaxationResidual(generator: Generator, rho: ComplexMatrix): number {
  return residualNorm(generator, rho);
}

/** ||L y||_2 for y = vec(rho), with caller-supplied scratch of length 2 d^2 (no allocation, no checks). */
export function relaxationResidualOfVector(
  generator: Generator,
  y: Float64Array,
  scratch: Float64Array,
): number {
  return residualNormOfVector(generator, y, scratch);
}

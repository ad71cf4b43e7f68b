import { type Generator, ParameterError, vec } from "@liouville/core";
import { defer, type MonoTypeOperatorFunction, takeWhile } from "rxjs";
import type { EvolutionSample } from "./evolve-sample";
import { relaxationResidualOfVector } from "./relaxation-residual";

/**
 * An rxjs operator that completes a stream of `EvolutionSample`s once the state has relaxed:
 * it passes samples through, and after the first sample whose residual
 * ||L vec(rho)||_2 = ||d rho/dt||_F (see `relaxationResidual`) is below `tolerance` it emits that
 * sample and completes, unsubscribing from the evolution (which then stops integrating).
 *
 * The residual is computed from each sample's `rho` with `generator`'s Liouvillian, so any
 * sample stream works, whatever options produced it. A NaN residual never counts as relaxed.
 * Inside `evolve` the same test is the option `relaxationTolerance`.
 *
 * @param tolerance in units of rho per unit time, a finite number > 0.
 * @example
 * ```ts
 * const last = await lastValueFrom(
 *   evolve(generator, rho0, { every: 1, rtol: 1e-10, atol: 1e-12 }).pipe(untilRelaxed(generator, 1e-9)),
 * ); // last.t: the first output time at which ||L rho|| < 1e-9
 * ```
 */
export function untilRelaxed(
  generator: Generator,
  tolerance: number,
): MonoTypeOperatorFunction<EvolutionSample> {
  if (!(typeof tolerance === "number" && Number.isFinite(tolerance) && tolerance > 0)) {
    throw new ParameterError("tolerance", "a finite number > 0", tolerance);
  }
  const n = 2 * generator.dimension * generator.dimension;
  return (source) =>
    defer(() => {
      // Scratch per subscription, so concurrent subscriptions do not share buffers.
      const y = new Float64Array(n);
      const ly = new Float64Array(n);
      return source.pipe(
        takeWhile(
          (sample) => !(relaxationResidualOfVector(generator, vec(sample.rho, y), ly) < tolerance),
          true,
        ),
      );
    });
}

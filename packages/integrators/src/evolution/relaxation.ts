import { type Generator, ParameterError, vec } from "@liouville/core";
import { defer, type MonoTypeOperatorFunction, takeWhile } from "rxjs";
import type { EvolutionSample } from "./evolve-sample";
import { relaxationResidualOfVector } from "./relaxation-residual";

/**
 * An rxjs operator that completes a stream of `EvolutionSample`s once the state has relaxed:
 * it passes samples through, and after the first sample whose residual
 * ||L vec(rho)||_2 = ||d rho/dt||_F (see `relaxationResidual`) is below `tolerance` it emits that
 * sample and completes, unsubscribing from the evolution (which then stops integrating). It does
 * not watch for a stall at the integrator's noise floor; `evolve`'s `relaxationTolerance` does
 * (see `RelaxationMonitor`).
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

/** A residual below this fraction of the lowest one so far counts as progress. */
export const STALL_PROGRESS = 0.5;
/** Samples without progress before a stall can be declared. */
export const STALL_MIN_SAMPLES = 50;
/**
 * ... and the time without progress must be at least this multiple of the time the lowest residual
 * took to reach (t - t0 >= STALL_SPAN (tBest - t0)) and of the time the last halving took, so a
 * slow but steady relaxation is not cut.
 */
export const STALL_SPAN = 2;
/**
 * A stall is only declared once the lowest residual is within this factor of the integrator's
 * noise floor ||L|| (atol + rtol): far above it, a pause in the decay is physics (a coherent
 * oscillation), not rounding.
 */
export const NOISE_FLOOR_MARGIN = 10;

/** The verdict of `RelaxationMonitor.observe`. */
export type RelaxationVerdict = "running" | "relaxed" | "stalled";

/**
 * Watches the residual ||L rho||_2 of successive samples for relaxation (below the tolerance) and
 * for a stall. The residual of an integrated state levels off at a noise floor: the per-step
 * errors, of the size of the error weights atol + rtol |rho_ij|, are turned by L into a residual
 * of at most about ||L|| (atol + rtol), the `noiseFloor` scale given here (with ||L|| the
 * dynamics' `normBound`; measured floors of rk45 on the whole upper triangle lie at 0.05 to 1
 * times it: `relaxationResidual`; in a small sector they can lie far lower), so a tolerance under
 * the floor is never met.
 * A stall is declared when the lowest residual so far is within NOISE_FLOOR_MARGIN of that scale
 * and has not halved over STALL_MIN_SAMPLES samples and a time STALL_SPAN times as long as both
 * the time it took to reach it and the last halving (so at least one halving must have been seen:
 * without it a plateau cannot be told from a slow decay).
 */
export class RelaxationMonitor {
  /** Lowest residual so far and the time it was reached. */
  best = Number.POSITIVE_INFINITY;
  /** Time at which `best` was reached. */
  tBest: number;
  private samplesWithoutProgress = 0;
  /** Time between the last two improvements of the lowest residual (0 before the second). */
  private lastHalving = 0;

  constructor(
    /** The residual below which the evolution counts as relaxed. */
    readonly tolerance: number,
    /** ||L|| (atol + rtol): the integrator's noise floor in the residual's units. */
    readonly noiseFloor: number,
    private readonly t0: number,
  ) {
    this.tBest = t0;
  }

  /** Record the residual at time t and say whether the run is relaxed, stalled or still running. */
  observe(t: number, residual: number): RelaxationVerdict {
    if (residual < this.tolerance) return "relaxed";
    if (residual < STALL_PROGRESS * this.best || this.best === Number.POSITIVE_INFINITY) {
      if (this.best !== Number.POSITIVE_INFINITY) this.lastHalving = t - this.tBest;
      this.best = residual;
      this.tBest = t;
      this.samplesWithoutProgress = 0;
      return "running";
    }
    this.samplesWithoutProgress++;
    const nearFloor = this.best <= NOISE_FLOOR_MARGIN * this.noiseFloor;
    const waited = t - this.tBest;
    // A decay must have been seen (one halving at least) to tell a plateau from a slow decay.
    const long =
      this.lastHalving > 0 &&
      t - this.t0 >= STALL_SPAN * (this.tBest - this.t0) &&
      waited >= STALL_SPAN * this.lastHalving;
    return nearFloor && long && this.samplesWithoutProgress >= STALL_MIN_SAMPLES ? "stalled" : "running";
  }
}

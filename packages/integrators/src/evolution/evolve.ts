import {
  assertDensityMatrix,
  type ComplexMatrix,
  evolutionDynamics,
  type Generator,
  NumericalError,
  ParameterError,
} from "@liouville/core";
import { Observable, type Subscriber } from "rxjs";
import {
  type IntegratorFactory,
  type IntegratorOptions,
  resolveIntegratorOptions,
  type Stepper,
} from "../ode/integrator";
import { getIntegrator } from "../ode/registry";
import {
  type EvolveOptions,
  type ResolvedEvolveOptions,
  resolveEvolveOptions,
  SCHEDULED_SLICE_MS,
} from "./evolve-options";
import { type EvolutionSample, type EvolutionSampleFor, SampleBuilder } from "./evolve-sample";
import { RelaxationMonitor } from "./relaxation";

/** |Tr rho0 - 1| above this rejects the initial state. */
export const INITIAL_TRACE_TOLERANCE = 1e-10;

/**
 * An output time within this fraction of `every` of the end time is merged with it, so that
 * rounding in t0 + k dt does not produce a near-duplicate last sample.
 */
const GRID_SNAP = 1e-9;

/**
 * Integrate the master equation d vec(rho)/dt = L vec(rho) (eq. (2.2) of Fogedby,
 * arXiv:2301.13544, in Liouville space) from rho(t0) = rho0 and stream the state as
 * `EvolutionSample`s: a copy of rho(t) plus what `options` asks for (eigenbasis populations
 * and heat currents by default; expectation values, eigenbasis elements, the residual).
 *
 * The Observable is cold and lazy: nothing is integrated until it is subscribed to, each
 * subscription integrates afresh, and unsubscribing stops the work at once (the producer checks
 * `subscriber.closed` before every sample, so `take(k)` costs only the steps up to the k-th
 * sample). The integrator steps freely and output times are served from its dense output.
 * It integrates a packed real form of rho (`evolutionDynamics`): the real unknowns of the
 * symmetry sector that holds rho0, when there is one (a conserved charge of the system: for an
 * 8-spin chain from a state diagonal in the excitation number, 12,870 numbers instead of
 * 131,072; under `global` also the energy, from a state without coherences between energies),
 * else the upper triangle (d (d + 1) doubles instead of 2 d^2); each sample unpacks rho, and
 * its heat currents are dot products on the packed state.
 * Between samples the integration allocates nothing; a sample allocates its own copies.
 *
 * Errors: invalid options or rho0 throw at the call (ParameterError, DimensionError,
 * UnknownIdError). Failures of the integration (IntegrationError with t and h: step-size
 * underflow, max steps, non-finite values) and NumericalError("not-converged") at `maxTime`
 * arrive as Observable errors.
 *
 * @param rho0 d x d density matrix in the original basis: Hermitian (relative 1e-12), trace 1
 *   and positive semidefinite (both within INITIAL_TRACE_TOLERANCE): a state, although a Redfield
 *   evolution need not keep it one.
 * @example
 * ```ts
 * const generator = buildGenerator(system, { approach: "redfield" });
 * evolve(generator, rho0, { every: 0.5, tEnd: 100, elements: [[1, 2]], rtol: 1e-10, atol: 1e-12 })
 *   .subscribe((s) => console.log(s.t, s.populations, s.currents, s.elements?.[0]));
 * // relax, sampling every accepted step, until ||L rho|| < 1e-9 (a tolerance above the
 * // integrator's noise floor: see relaxationResidual; a stall near it fails fast)
 * const last = await lastValueFrom(
 *   evolve(generator, rho0, { relaxationTolerance: 1e-9, rtol: 1e-10, atol: 1e-12 }),
 * ); // last.residual < 1e-9; last.rho is within ~1e-9 / (slowest rate) of the steady state
 * ```
 */
export function evolve<const O extends Partial<EvolveOptions> = Record<never, never>>(
  generator: Generator,
  rho0: ComplexMatrix,
  options?: O & { readonly [K in Exclude<keyof O, keyof EvolveOptions>]: never },
): Observable<EvolutionSampleFor<O>>;
export function evolve(
  generator: Generator,
  rho0: ComplexMatrix,
  options: Partial<EvolveOptions> = {},
): Observable<EvolutionSample> {
  const d = generator.dimension;
  const opts = resolveEvolveOptions(options, d);
  validateInitialState(rho0, d);
  const factory = getIntegrator(opts.method);
  const integratorOptions = resolveIntegratorOptions(factory.defaults, opts.integrator);
  return new Observable<EvolutionSample>((subscriber) => {
    // The stepper is created by the first production, so that with a scheduler subscribing
    // does no work at all until the first scheduled action runs.
    let run: EvolutionRun | undefined;
    const produce = (until: number): void => {
      try {
        run ??= new EvolutionRun(generator, rho0, opts, factory, integratorOptions);
        do run.next(subscriber);
        while (!subscriber.closed && performance.now() < until);
      } catch (error) {
        subscriber.error(error);
      }
    };
    const scheduler = opts.scheduler;
    if (scheduler === undefined) {
      produce(Number.POSITIVE_INFINITY);
      return;
    }
    return scheduler.schedule(function () {
      produce(performance.now() + SCHEDULED_SLICE_MS);
      if (!subscriber.closed) this.schedule();
    });
  });
}

/**
 * Throw unless rho0 is a density matrix of the generator's dimension d: finite, Hermitian, of
 * trace 1 and positive semidefinite within INITIAL_TRACE_TOLERANCE (`assertDensityMatrix`).
 */
export function validateInitialState(rho0: ComplexMatrix, d: number): void {
  assertDensityMatrix("rho0", rho0, d, INITIAL_TRACE_TOLERANCE);
}

/** The state of one subscription: the stepper, the position in the output schedule, scratch. */
class EvolutionRun {
  private readonly stepper: Stepper;
  private readonly samples: SampleBuilder;
  /** Packed scratch for interpolated states. */
  private readonly y: Float64Array;
  /** Index of the next output (times: into the list; every: k in t0 + k dt; steps: samples so far). */
  private index = 0;
  /** Time of the last sample emitted (an `every` grid must move past it). */
  private lastTime = Number.NEGATIVE_INFINITY;
  /** Relaxation and stall watch, with `relaxationTolerance`. */
  private readonly relaxation: RelaxationMonitor | undefined;

  constructor(
    generator: Generator,
    rho0: ComplexMatrix,
    private readonly options: ResolvedEvolveOptions,
    factory: IntegratorFactory,
    private readonly integratorOptions: Readonly<IntegratorOptions>,
  ) {
    // A packed real form of rho (a symmetry sector or the upper triangle) shrinks the state and
    // the integrator's vector work; samples unpack rho from it.
    const packed = evolutionDynamics(generator, rho0);
    const y0 = packed.pack(rho0);
    const problem = {
      size: packed.size,
      rhs: (t: number, y: Float64Array, dydt: Float64Array) => packed.rhs(t, y, dydt),
      // The generator does not depend on time, and packing is real-linear: y' = A y.
      linear: true,
      rhsFlops: packed.rhsFlops,
    };
    this.stepper = factory.create(problem, options.t0, y0, integratorOptions);
    this.samples = new SampleBuilder(generator, packed, options);
    this.y = new Float64Array(packed.size);
    const tol = options.relaxationTolerance;
    if (tol !== undefined) {
      const { rtol, atol } = integratorOptions;
      const floor = packed.normBound() * (atol + rtol);
      this.relaxation = new RelaxationMonitor(tol, floor, options.t0);
    }
  }

  /** The error of a relaxation whose residual has stopped decreasing at the noise floor. */
  private stalled(t: number): NumericalError {
    const m = this.relaxation!;
    const { rtol, atol } = this.integratorOptions;
    const fmt = (x: number) => x.toExponential(2);
    return new NumericalError(
      "not-converged",
      `evolve: relaxation stalled: the residual ||L rho||_2 has not fallen below ${fmt(m.best)} (reached at t = ${m.tBest}) up to t = ${t}, above relaxationTolerance = ${fmt(m.tolerance)}. This is the integrator's noise floor (its scale ||L|| (atol + rtol) is ${fmt(m.noiseFloor)}): tighten atol and rtol (now ${atol}, ${rtol}), or loosen relaxationTolerance to about ${fmt(10 * m.best)} (the residual is in units of rho per unit time)`,
    );
  }

  /** Compute and emit the next sample, then complete or fail if it is the last. */
  next(subscriber: Subscriber<EvolutionSample>): void {
    const { schedule, end } = this.options;
    const stepper = this.stepper;
    let t: number;
    let y: Float64Array;
    if (schedule.kind === "steps") {
      if (this.index > 0) stepper.step(Number.isFinite(end) ? end : undefined);
      t = stepper.t;
      y = stepper.y;
    } else {
      const time = this.nextOutputTime();
      if (time === undefined) {
        subscriber.complete();
        return;
      }
      t = time;
      y = this.stateAt(time);
    }
    this.index++;
    this.lastTime = t;
    const sample = this.samples.build(t, y);
    subscriber.next(sample);
    if (subscriber.closed) return;
    const verdict = this.relaxation?.observe(t, sample.residual!);
    if (verdict === "relaxed") subscriber.complete();
    else if (verdict === "stalled") subscriber.error(this.stalled(t));
    else if (t >= end) this.finish(subscriber, t);
  }

  /** The next time of a `times` or `every` schedule, or undefined when the schedule is done. */
  private nextOutputTime(): number | undefined {
    const { schedule, t0, end } = this.options;
    if (schedule.kind === "times") return schedule.times[this.index];
    const every = schedule.kind === "every" ? schedule.every : 0;
    const k = this.index;
    const t = t0 + k * every;
    if (t <= this.lastTime) {
      throw new ParameterError(
        "every",
        `large enough that t0 + k every advances (at k = ${k}, t = ${t} equals the previous sample: dt is below the spacing of doubles there)`,
        every,
      );
    }
    return t >= end - GRID_SNAP * every ? end : t;
  }

  /** Advance to `time` (never past the end of the stream) and return the state there. */
  private stateAt(time: number): Float64Array {
    const stepper = this.stepper;
    const bound = Number.isFinite(this.options.end) ? this.options.end : undefined;
    while (stepper.t < time) stepper.step(bound);
    if (time === stepper.t) return stepper.y;
    stepper.interpolate(time, this.y);
    return this.y;
  }

  private finish(subscriber: Subscriber<EvolutionSample>, t: number): void {
    if (!this.options.endIsFailure) {
      subscriber.complete();
      return;
    }
    subscriber.error(
      new NumericalError(
        "not-converged",
        `evolve: reached maxTime = ${this.options.end} at t = ${t} without completing${
          this.options.relaxationTolerance === undefined
            ? ""
            : ` (residual still >= relaxationTolerance = ${this.options.relaxationTolerance})`
        }`,
      ),
    );
  }
}

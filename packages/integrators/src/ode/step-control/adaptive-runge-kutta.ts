import { DimensionError, IntegrationError, ParameterError } from "@liouville/core";
import {
  type IntegratorFactory,
  type IntegratorOptions,
  resolveIntegratorOptions,
  type Stepper,
  type StepperStats,
  validateInitialValue,
} from "../integrator";
import type { OdeProblem } from "../ode-problem";
import { initialStepSize } from "./initial-step";
import { type PiControllerParameters, PiStepSizeController } from "./step-size-controller";

/**
 * A step may not shrink below 16 eps max(|t|, |h_first|): below it t + h barely differs
 * from t in floating point (cf. DOPRI5's test 0.1 |h| <= eps |t|); |h_first| gives the test
 * a scale at t = 0.
 */
const STEP_FLOOR_ULPS = 16 * Number.EPSILON;

/**
 * The computed new state carries a rounding error of about eps |y_i| that no step size can
 * remove. Each method adds it to its local error estimate and reports the weighted RMS norm
 * of this term alone as `roundingNorm`; when that exceeds 1 the step fails at once
 * ("step-size-underflow": no step size can meet the tolerance), so a tolerance below what
 * double precision resolves (rtol = 1e-20, say) is reported instead of being claimed. It adds
 * at most eps / rtol to the error norm (< 0.003 for rtol >= 1e-13).
 */
export const ROUNDING = Number.EPSILON;

/** When a step reaches within 1 % of `tBound`, it is stretched to end exactly there. */
const STRETCH = 1.01;

/** What tells one embedded explicit Runge-Kutta method apart for `AdaptiveRungeKuttaStepper`. */
export interface AdaptiveRungeKuttaScheme {
  /** Registry id, the prefix of every IntegrationError message ("rk45: ..."). */
  readonly id: string;
  /** Order q of the local error estimate, for the starting step (`initialStepSize`). */
  readonly errorOrder: number;
  /** Constants of the step-size controller; the DOPRI5 PI controller when omitted. */
  readonly controller?: Readonly<PiControllerParameters>;
  /** Number of stage arrays k[0..stages-1], each of length n. */
  readonly stages: number;
  /** Number of dense-output coefficient arrays, each of length n. */
  readonly denseCoefficients: number;
}

/**
 * The machinery shared by the embedded explicit Runge-Kutta pairs (rk45, dop853):
 *
 * - the first evaluation f(t0, y0) into k[0] and, with `firstStep` = 0, the starting step
 *   size of Hairer, Norsett & Wanner, Solving ODEs I, 2nd ed., Sec. II.4 (`initialStepSize`,
 *   one more evaluation);
 * - the step loop: the `maxSteps` budget, the step floor 16 eps max(|t|, |h_first|) (and
 *   `minStep`), stretching onto `tBound`, the rounding-floor check (`ROUNDING`), and
 *   acceptance of a step whose error norm is <= 1 (Sec. II.4, eq. (4.11)) with step sizes
 *   from `PiStepSizeController`;
 * - the rotation of the states at tPrevious, t and the candidate, counting of evaluations of
 *   f, the checks of `interpolate`, and the sticky IntegrationError.
 *
 * A method supplies `attempt` (stages, candidate, error norm), `completeStep` (what an
 * accepted step still needs, such as FSAL), and the dense output (`prepareDense`, made lazily
 * once per step, and `interpolateInside`). All work arrays are allocated here and in the
 * subclass constructor; a step allocates no arrays or objects.
 */
export abstract class AdaptiveRungeKuttaStepper implements Stepper {
  protected readonly problem: OdeProblem;
  protected readonly options: Readonly<IntegratorOptions>;
  private readonly id: string;
  private readonly controller: PiStepSizeController;
  private readonly counters = { steps: 0, rejected: 0, rhsEvaluations: 0 };
  private current: number;
  private previous: number;
  /** Step size to attempt next (the controller's proposal). */
  private h: number;
  private readonly hFirst: number;
  /** Size of the last accepted step (t - tPrevious up to rounding of t). */
  protected hLast = 0;
  /** States at tPrevious and t, and the candidate at t + h. Rotated on acceptance. */
  protected yPrevious: Float64Array;
  protected yCurrent: Float64Array;
  protected yCandidate: Float64Array;
  /** Stage argument. */
  protected readonly yStage: Float64Array;
  /** Stages (k[i] is k_{i+1}); k[0] = f(t, y) once the step starts. */
  protected readonly k: Float64Array[];
  /** Dense-output coefficients of the last step, filled by `prepareDense` on first use. */
  protected readonly dense: Float64Array[];
  /** Whether `dense` belongs to the last accepted step. */
  protected denseReady = false;
  /** Weighted RMS norm of the rounding term alone, set by `attempt`. */
  protected roundingNorm = 0;
  private failure: IntegrationError | undefined;

  protected constructor(
    problem: OdeProblem,
    t0: number,
    y0: Float64Array,
    options: Readonly<IntegratorOptions>,
    scheme: AdaptiveRungeKuttaScheme,
  ) {
    const n = problem.size;
    this.problem = problem;
    this.options = options;
    this.id = scheme.id;
    this.controller = new PiStepSizeController(scheme.controller);
    this.current = t0;
    this.previous = t0;
    this.yPrevious = Float64Array.from(y0);
    this.yCurrent = Float64Array.from(y0);
    this.yCandidate = new Float64Array(n);
    this.yStage = new Float64Array(n);
    this.k = Array.from({ length: scheme.stages }, () => new Float64Array(n));
    this.dense = Array.from({ length: scheme.denseCoefficients }, () => new Float64Array(n));

    const f0 = this.k[0];
    this.evaluate(t0, this.yCurrent, f0);
    this.requireFinite(f0, t0, 0, "f(t0, y0)");
    let h = options.firstStep;
    if (h === 0) {
      h = initialStepSize(problem, {
        t0,
        y0: this.yCurrent,
        f0,
        errorOrder: scheme.errorOrder,
        rtol: options.rtol,
        atol: options.atol,
        maxStep: options.maxStep,
        scratchY: this.yStage,
        scratchF: this.k[1],
      });
      this.counters.rhsEvaluations++;
      this.requireFinite(this.k[1], t0, h, "f at the probe for the initial step size");
      h = Math.max(h, options.minStep);
    }
    this.h = h;
    this.hFirst = h;
  }

  get t(): number {
    return this.current;
  }

  get tPrevious(): number {
    return this.previous;
  }

  get y(): Float64Array {
    return this.yCurrent;
  }

  get stats(): StepperStats {
    return this.counters;
  }

  step(tBound?: number): void {
    if (this.failure) throw this.failure;
    const t = this.current;
    if (tBound !== undefined && !(tBound > t)) {
      throw new ParameterError("tBound", `a number > t = ${t}`, tBound);
    }
    this.beginStep();
    const { minStep, maxSteps } = this.options;
    const floor = Math.max(minStep, STEP_FLOOR_ULPS * Math.max(Math.abs(t), Math.abs(this.hFirst)));
    for (;;) {
      let h = this.h;
      if (this.counters.steps + this.counters.rejected >= maxSteps) {
        this.fail("max-steps", t, h, `reached maxSteps = ${maxSteps} attempted steps`);
      }
      if (h < floor) {
        this.fail(
          "step-size-underflow",
          t,
          h,
          `step size fell below its floor ${floor} (minStep = ${minStep})`,
        );
      }
      let tNew = t + h;
      if (tBound !== undefined && t + STRETCH * h >= tBound) {
        h = tBound - t;
        tNew = tBound;
      }
      const err = this.attempt(t, tNew, h);
      if (this.roundingNorm > 1) {
        this.counters.rejected++;
        const { rtol, atol } = this.options;
        this.fail(
          "step-size-underflow",
          t,
          h,
          `the rounding error of the state alone exceeds the tolerance (rtol = ${rtol}, atol = ${atol}); no step size can meet it`,
        );
      }
      if (err <= 1) {
        this.completeStep(tNew, h);
        this.accept(tNew, h, h * this.controller.accepted(err));
        return;
      }
      this.counters.rejected++;
      this.h = h * this.controller.rejected(err);
    }
  }

  interpolate(time: number, out: Float64Array): void {
    if (this.failure) throw this.failure;
    if (out.length !== this.problem.size) {
      throw new DimensionError("out", `length ${this.problem.size}`, `length ${out.length}`);
    }
    const t0 = this.previous;
    const t1 = this.current;
    if (time === t1) {
      out.set(this.yCurrent);
      return;
    }
    if (time === t0) {
      out.set(this.yPrevious);
      return;
    }
    if (!(time >= t0 && time <= t1))
      throw new ParameterError("time", `in [tPrevious, t] = [${t0}, ${t1}]`, time);
    if (!this.denseReady) {
      this.prepareDense();
      this.denseReady = true;
    }
    this.interpolateInside((time - t0) / this.hLast, out);
  }

  /**
   * Called by `step` once its arguments are checked, before the first attempt. Nothing by
   * default; a method that defers FSAL moves the last stage to k[0] here.
   */
  protected beginStep(): void {}

  /**
   * Compute a step of size h from (t, yCurrent) into yCandidate (tNew = t + h, or the bound
   * itself), set `roundingNorm`, and return the weighted error norm (accepted when <= 1).
   */
  protected abstract attempt(t: number, tNew: number, h: number): number;

  /**
   * The attempt ending at tNew was accepted; called before the states rotate, so yCandidate
   * still holds the new state and k the stages of the step. May fail (IntegrationError).
   */
  protected abstract completeStep(tNew: number, h: number): void;

  /** Fill `dense` for the last accepted step (from tPrevious over hLast to t). */
  protected abstract prepareDense(): void;

  /** Write the dense output at tPrevious + theta hLast, 0 < theta < 1, into `out`. */
  protected abstract interpolateInside(theta: number, out: Float64Array): void;

  protected evaluate(t: number, y: Float64Array, dydt: Float64Array): void {
    this.counters.rhsEvaluations++;
    this.problem.rhs(t, y, dydt);
  }

  protected requireFinite(v: Float64Array, t: number, h: number, what: string): void {
    for (let i = 0; i < v.length; i++) {
      if (!Number.isFinite(v[i])) {
        this.fail("non-finite", t, h, `non-finite value ${v[i]} in ${what}, component ${i}`);
      }
    }
  }

  protected fail(reason: IntegrationError["reason"], t: number, h: number, detail: string): never {
    this.failure = new IntegrationError(reason, t, h, `${this.id}: ${detail}`);
    throw this.failure;
  }

  private accept(tNew: number, h: number, hNext: number): void {
    const yOld = this.yPrevious;
    this.yPrevious = this.yCurrent;
    this.yCurrent = this.yCandidate;
    this.yCandidate = yOld;
    this.previous = this.current;
    this.current = tNew;
    this.hLast = h;
    this.h = Math.min(hNext, this.options.maxStep);
    this.counters.steps++;
    this.denseReady = false;
  }
}

/**
 * The registry entry of an adaptive Runge-Kutta method: resolves the options against its
 * frozen defaults, validates the initial value, and builds the method's stepper with `build`
 * (a function, so that the stepper class may be declared further down its module).
 */
export function adaptiveRungeKuttaFactory(
  meta: { id: string; title: string; order: number; defaults: Readonly<IntegratorOptions> },
  build: (problem: OdeProblem, t0: number, y0: Float64Array, options: Readonly<IntegratorOptions>) => Stepper,
): IntegratorFactory {
  return Object.freeze({
    ...meta,
    create(problem: OdeProblem, t0: number, y0: Float64Array, options?: Partial<IntegratorOptions>) {
      const resolved = resolveIntegratorOptions(meta.defaults, options);
      validateInitialValue(problem, t0, y0);
      return build(problem, t0, y0, resolved);
    },
  });
}

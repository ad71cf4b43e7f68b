import { DimensionError, IntegrationError, ParameterError } from "@liouville/core";
import type { IntegratorOptions, Stepper, StepperStats } from "../integrator";
import type { OdeProblem } from "../ode-problem";

/**
 * A step may not shrink below 16 eps max(|t|, |h_first|): below it t + h barely differs
 * from t in floating point (cf. DOPRI5's test 0.1 |h| <= eps |t|); |h_first| gives the test
 * a scale at t = 0.
 */
export const STEP_FLOOR_ULPS = 16 * Number.EPSILON;

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

/**
 * What every adaptive stepper of the registry shares, whatever its method (the Runge-Kutta
 * pairs, the Krylov propagator):
 *
 * - the states at tPrevious and t and the candidate, rotated on acceptance, and the counters;
 * - the step loop: the `maxSteps` budget, the step floor 16 eps max(|t|, |h_first|) (and
 *   `minStep`), stretching onto `tBound`, the rounding-floor check (`ROUNDING`), acceptance of a
 *   step whose error norm is <= 1, with the next step size from the method;
 * - the checks of `interpolate`, and the sticky IntegrationError.
 *
 * A method supplies `beginStep` (work before the first attempt, which may set the step size),
 * `attempt` (candidate, `roundingNorm`, error norm), the step-size proposals after an accepted
 * and a rejected attempt, `completeStep`, and `interpolateInside`.
 */
export abstract class StepperCore implements Stepper {
  protected readonly counters = { steps: 0, rejected: 0, rhsEvaluations: 0 };
  private current: number;
  private previous: number;
  /** Step size to attempt next; 0 until the method sets it (in its constructor or `beginStep`). */
  protected h = 0;
  /** The first step size attempted (the scale of the step floor at t = 0). */
  protected hFirst = 0;
  /** Size of the last accepted step (t - tPrevious up to rounding of t). */
  protected hLast = 0;
  /** States at tPrevious and t, and the candidate at t + h. Rotated on acceptance. */
  protected yPrevious: Float64Array;
  protected yCurrent: Float64Array;
  protected yCandidate: Float64Array;
  /** Weighted RMS norm of the rounding term alone, set by `attempt`. */
  protected roundingNorm = 0;
  private failure: IntegrationError | undefined;
  /** Scratch of `errorNorm`: the two sums of squares and the poison (see weightedErrorSums). */
  private readonly errorSums = new Float64Array(3);

  protected constructor(
    protected readonly problem: OdeProblem,
    t0: number,
    y0: Float64Array,
    protected readonly options: Readonly<IntegratorOptions>,
    private readonly id: string,
  ) {
    this.current = t0;
    this.previous = t0;
    this.yPrevious = Float64Array.from(y0);
    this.yCurrent = Float64Array.from(y0);
    this.yCandidate = new Float64Array(problem.size);
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
    const { minStep, maxSteps } = this.options;
    if (this.counters.steps + this.counters.rejected >= maxSteps) {
      this.fail("max-steps", t, this.h, `reached maxSteps = ${maxSteps} attempted steps`);
    }
    this.beginStep(t);
    if (this.hFirst === 0) this.hFirst = this.h;
    const floor = Math.max(minStep, STEP_FLOOR_ULPS * Math.max(Math.abs(t), Math.abs(this.hFirst)));
    for (;;) {
      let h = this.h;
      if (this.counters.steps + this.counters.rejected >= maxSteps) {
        this.fail("max-steps", t, h, `reached maxSteps = ${maxSteps} attempted steps`);
      }
      if (!(h >= floor)) {
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
        this.accept(tNew, h, Math.min(this.acceptedStepSize(err, h), this.options.maxStep));
        return;
      }
      this.counters.rejected++;
      this.h = this.rejectedStepSize(err, h);
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
    this.interpolateInside(time, out);
  }

  /**
   * Called by `step` once its arguments are checked, before the first attempt: a method that
   * defers FSAL moves the last stage here, a Krylov method builds its subspace. Nothing by default.
   */
  protected beginStep(_t: number): void {}

  /**
   * Compute a step of size h from (t, yCurrent) into yCandidate (tNew = t + h, or the bound
   * itself), set `roundingNorm`, and return the weighted error norm (accepted when <= 1).
   */
  protected abstract attempt(t: number, tNew: number, h: number): number;

  /** The size of the next step after an accepted attempt of size h with error norm err. */
  protected abstract acceptedStepSize(err: number, h: number): number;

  /** The size of the next attempt after a rejected one of size h with error norm err > 1. */
  protected abstract rejectedStepSize(err: number, h: number): number;

  /**
   * The attempt ending at tNew was accepted; called before the states rotate, so yCandidate
   * still holds the new state. May fail (IntegrationError). Nothing by default.
   */
  protected completeStep(_tNew: number, _h: number): void {}

  /** Called after the states rotated to a new accepted step. Nothing by default. */
  protected afterAccept(): void {}

  /** Write the state at `time`, strictly inside (tPrevious, t), into `out`. */
  protected abstract interpolateInside(time: number, out: Float64Array): void;

  protected evaluate(t: number, y: Float64Array, dydt: Float64Array): void {
    this.counters.rhsEvaluations++;
    this.problem.rhs(t, y, dydt);
  }

  /**
   * The weighted RMS norm of the local error estimate errScale * err, plus the rounding term
   * ROUNDING max(|y_i|, |yNew_i|), with weights atol + rtol max(|y_i|, |yNew_i|) between yCurrent
   * and yCandidate; sets `roundingNorm`. A non-finite component of yCandidate or of `derivative`
   * (the derivative at the new point, for methods that evaluate one; null for those that do not)
   * fails the step with the name of what is not finite.
   */
  protected errorNorm(
    err: Float64Array,
    errScale: number,
    derivative: Float64Array | null,
    tNew: number,
    h: number,
  ): number {
    const n = this.problem.size;
    const sums = this.errorSums;
    const { rtol, atol } = this.options;
    // Without a derivative the kernel checks yCandidate twice (one signature keeps it monomorphic).
    const checked = derivative ?? this.yCandidate;
    weightedErrorSums(err, errScale, this.yCurrent, this.yCandidate, checked, rtol, atol, n, sums);
    if (sums[2] !== 0) {
      this.requireFinite(this.yCandidate, tNew, h, "the state");
      if (derivative !== null) this.requireFinite(derivative, tNew, h, "the derivative");
    }
    this.roundingNorm = Math.sqrt(sums[1] / n);
    return Math.sqrt(sums[0] / n);
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
    this.h = hNext;
    this.counters.steps++;
    this.afterAccept();
  }
}

/**
 * The sums behind `StepperCore.errorNorm`, in a module-level kernel that V8 optimises after a few
 * calls (a loop inlined in a method runs interpreted until the whole method tiers up): sums[0] =
 * sum of (error_i / weight_i)^2 (infinite when a zero weight meets a nonzero error), sums[1] = the
 * same of the rounding term alone, sums[2] = poison, nonzero exactly when yNew or `derivative`
 * has a NaN or an infinity (0 * x is NaN for those).
 */
function weightedErrorSums(
  err: Float64Array,
  errScale: number,
  y: Float64Array,
  yNew: Float64Array,
  derivative: Float64Array,
  rtol: number,
  atol: number,
  n: number,
  sums: Float64Array,
): void {
  let sum = 0;
  let roundingSum = 0;
  let poison = 0;
  for (let i = 0; i < n; i++) {
    poison += 0 * yNew[i] + 0 * derivative[i];
    const size = Math.max(Math.abs(y[i]), Math.abs(yNew[i]));
    const error = Math.abs(errScale * err[i]) + ROUNDING * size;
    const weight = atol + rtol * size;
    if (weight > 0) {
      const inverse = 1 / weight; // one division per component
      const r = error * inverse;
      const rounding = ROUNDING * size * inverse;
      sum += r * r;
      roundingSum += rounding * rounding;
    } else if (error !== 0) {
      sum = Number.POSITIVE_INFINITY;
    }
  }
  sums[0] = sum;
  sums[1] = roundingSum;
  sums[2] = poison;
}

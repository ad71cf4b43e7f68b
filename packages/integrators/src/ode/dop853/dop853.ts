import type { IntegratorFactory, IntegratorOptions } from "../integrator";
import type { OdeProblem } from "../ode-problem";
import {
  type AdaptiveRungeKuttaScheme,
  AdaptiveRungeKuttaStepper,
  adaptiveRungeKuttaFactory,
  ROUNDING,
} from "../step-control/adaptive-runge-kutta";
import type { PiControllerParameters } from "../step-control/step-size-controller";
import { prepareDop853Dense } from "./dop853-dense-output";
import { STEP_NODES, STEP_STAGES } from "./dop853-stages";
import {
  B1,
  B6,
  B7,
  B8,
  B9,
  B10,
  B11,
  B12,
  BHH1,
  BHH2,
  BHH3,
  ER1,
  ER6,
  ER7,
  ER8,
  ER9,
  ER10,
  ER11,
  ER12,
} from "./dop853-tableau";

/**
 * Default options of the Dormand-Prince 8(5,3) integrator `dop853` (frozen), the same as
 * rk45's: rtol 1e-6, atol 1e-8, firstStep 0 (automatic), minStep 0 (only the automatic floor
 * 16 eps max(|t|, |h_first|)), maxStep Infinity, maxSteps 100000 attempted steps.
 */
export const DOP853_DEFAULTS: Readonly<IntegratorOptions> = Object.freeze({
  rtol: 1e-6,
  atol: 1e-8,
  firstStep: 0,
  minStep: 0,
  maxStep: Number.POSITIVE_INFINITY,
  maxSteps: 100_000,
});

/**
 * The step-size control of the DOP853 code with its default constants: exponent 1/8 (the
 * combined error estimate behaves like h^8), safety 0.9, factors in [0.333, 6], beta = 0
 * (no PI term: the code's default for this method), so h_new = h clamp(0.9 err^(-1/8)).
 */
export const DOP853_STEP_CONTROLLER: Readonly<PiControllerParameters> = Object.freeze({
  safety: 0.9,
  alpha: 1 / 8,
  beta: 0,
  minFactor: 0.333,
  maxFactor: 6,
});

/** Weight of the 3rd-order estimate in err = err5^2 / sqrt(err5^2 + 0.01 err3^2). */
const ERR3_WEIGHT = 0.01;

/**
 * dop853 for `AdaptiveRungeKuttaStepper`: 16 stages (12 per step, k13 for FSAL, 3 for the
 * dense output), 7 dense-output coefficients, `DOP853_STEP_CONTROLLER`. The starting step
 * takes errorOrder 7: DOP853 chooses h1 = (0.01 / max(d1, d2))^(1/8), the exponent of its
 * error estimate.
 */
const DOP853_SCHEME: AdaptiveRungeKuttaScheme = Object.freeze({
  id: "dop853",
  errorOrder: 7,
  controller: DOP853_STEP_CONTROLLER,
  stages: 16,
  denseCoefficients: 7,
});

/**
 * The explicit Runge-Kutta method of Dormand and Prince of order 8 with embedded estimates of
 * orders 5 and 3 ("DOP853" of Hairer, Norsett & Wanner, Solving ODEs I, 2nd ed., Sec. II.10),
 * registered as `dop853`. For smooth problems at tight tolerances (rtol <= 1e-7, say) it
 * takes far fewer steps than rk45, each of 12 evaluations of f instead of 6.
 *
 * ## Method
 *
 * - 12 stages give the 8th-order solution y1; f(t + h, y1) is evaluated only when the step
 *   is accepted and is the first stage of the next step, so an accepted step costs 12
 *   evaluations and a rejected one 11.
 * - Error estimate (Sec. II.10, "Embedded formulas of order 8", and the DOP853 code): with
 *   err5 and err3 the weighted RMS norms of the 5th- and 3rd-order estimates
 *   h sum_i ER_i k_i and y1 - (y0 + h (BHH1 k1 + BHH2 k9 + BHH3 k12)),
 *     err = err5^2 / sqrt(err5^2 + 0.01 err3^2),
 *   which behaves like h^8 (err5 ~ h^6 is damped by err5 / err3 ~ h^2 once err5 << err3)
 *   while staying a safe estimate when the 3rd-order one is not yet asymptotic. Weights as in
 *   rk45: atol + rtol max(|y_i(t)|, |y_i(t + h)|), plus the rounding floor eps |y_i|.
 * - Step size: `DOP853_STEP_CONTROLLER` (exponent 1/8); the first step from
 *   `initialStepSize` with the code's exponent 1/8.
 * - Dense output: the 7th-order continuous extension of Sec. II.10 ("Dense output"), which
 *   needs 3 more evaluations of f (stages 14..16). They are made only when `interpolate` is
 *   first called inside a step, so steps without output times cost nothing extra. Should
 *   one of them not be finite, `interpolate` fails with IntegrationError "non-finite".
 *
 * All work arrays are allocated in `create`; a step allocates no arrays or objects.
 *
 * @example
 * ```ts
 * const stepper = dop853.create(
 *   { size: 1, rhs: (_t, y, dydt) => { dydt[0] = -y[0]; } }, 0, Float64Array.of(1), { rtol: 1e-12 },
 * );
 * const out = new Float64Array(1);
 * while (stepper.t < 1) stepper.step();
 * stepper.interpolate(1, out); // out[0] = 0.36787944117144... (exp(-1)) to about 1e-12
 * ```
 */
export const dop853: IntegratorFactory = adaptiveRungeKuttaFactory(
  {
    id: "dop853",
    title: "Dormand-Prince 8(5,3) (DOP853) with 7th-order dense output",
    order: 8,
    defaults: DOP853_DEFAULTS,
  },
  (problem, t0, y0, options) => new Dop853Stepper(problem, t0, y0, options),
);

/**
 * Stages k1..k16 of the last accepted step in k (k[i] is k_{i+1}; k[13..15], the dense-output
 * stages, once computed). k13 = f(t, y) moves to k[0] when the next step starts (FSAL).
 * `dense` holds the coefficients r2..r8 of the last step, filled on first use.
 */
class Dop853Stepper extends AdaptiveRungeKuttaStepper {
  /** Whether k[12] holds k13 of the last step, still to be moved to k[0] by the next step. */
  private fsalPending = false;
  private readonly evaluateCounted = (t: number, y: Float64Array, dydt: Float64Array): void =>
    this.evaluate(t, y, dydt);

  constructor(problem: OdeProblem, t0: number, y0: Float64Array, options: Readonly<IntegratorOptions>) {
    super(problem, t0, y0, options, DOP853_SCHEME);
  }

  protected override beginStep(): void {
    if (this.fsalPending) {
      // FSAL: k13 = f(t, y) of the last step is k1 of this one. From here on the stages of the
      // last step, and with them its dense output, are overwritten.
      const k = this.k;
      const fEnd = k[12];
      k[12] = k[0];
      k[0] = fEnd;
      this.fsalPending = false;
      this.denseReady = false;
    }
  }

  /**
   * Compute stages 2..12 of a step of size h from (t, yCurrent), the 8th-order candidate into
   * yCandidate, and return the combined error norm err (accepted when <= 1).
   */
  protected attempt(t: number, tNew: number, h: number): number {
    const n = this.problem.size;
    const y = this.yCurrent;
    const ys = this.yStage;
    const yNew = this.yCandidate;
    const k = this.k;
    const k1 = k[0];
    const k6 = k[5];
    const k7 = k[6];
    const k8 = k[7];
    const k9 = k[8];
    const k10 = k[9];
    const k11 = k[10];
    const k12 = k[11];

    for (let stage = 2; stage <= 12; stage++) {
      STEP_STAGES[stage - 2](ys, y, h, k);
      // c12 = 1: stage 12 is evaluated at tNew itself, which may be a bound, never beyond it.
      this.evaluate(stage === 12 ? tNew : t + STEP_NODES[stage - 2] * h, ys, k[stage - 1]);
    }

    const { rtol, atol } = this.options;
    let sum5 = 0;
    let sum3 = 0;
    let roundingSum = 0;
    let poison = 0; // 0 * x is NaN exactly when x is NaN or infinite
    for (let i = 0; i < n; i++) {
      const slope =
        B1 * k1[i] +
        B6 * k6[i] +
        B7 * k7[i] +
        B8 * k8[i] +
        B9 * k9[i] +
        B10 * k10[i] +
        B11 * k11[i] +
        B12 * k12[i];
      const yi = y[i] + h * slope;
      yNew[i] = yi;
      poison += 0 * yi;
      const estimate5 =
        ER1 * k1[i] +
        ER6 * k6[i] +
        ER7 * k7[i] +
        ER8 * k8[i] +
        ER9 * k9[i] +
        ER10 * k10[i] +
        ER11 * k11[i] +
        ER12 * k12[i];
      const estimate3 = slope - BHH1 * k1[i] - BHH2 * k9[i] - BHH3 * k12[i];
      const size = Math.max(Math.abs(y[i]), Math.abs(yi));
      const roundingError = ROUNDING * size;
      const error5 = Math.abs(h * estimate5) + roundingError;
      const error3 = Math.abs(h * estimate3) + roundingError;
      const weight = atol + rtol * size;
      if (weight > 0) {
        const r5 = error5 / weight;
        const r3 = error3 / weight;
        const rounding = roundingError / weight;
        sum5 += r5 * r5;
        sum3 += r3 * r3;
        roundingSum += rounding * rounding;
      } else if (error5 !== 0 || error3 !== 0) {
        sum5 = Number.POSITIVE_INFINITY;
      }
    }
    if (poison !== 0) this.requireFinite(yNew, tNew, h, "the state");
    this.roundingNorm = Math.sqrt(roundingSum / n);
    // err = err5^2 / sqrt(err5^2 + 0.01 err3^2) with err5^2 = sum5 / n, err3^2 = sum3 / n. An
    // overflowing estimate rejects the step (Infinity / Infinity would be NaN, 1 / Infinity 0).
    if (!(sum5 < Number.POSITIVE_INFINITY && sum3 < Number.POSITIVE_INFINITY)) {
      return Number.POSITIVE_INFINITY;
    }
    const denominator = sum5 + ERR3_WEIGHT * sum3;
    return denominator > 0 ? sum5 / Math.sqrt(n * denominator) : 0;
  }

  protected override completeStep(tNew: number, h: number): void {
    // k13 = f(t + h, y1): the first stage of the next step, evaluated only now. It stays in
    // k[12] for the dense output until the next step starts.
    const fNew = this.k[12];
    this.evaluate(tNew, this.yCandidate, fNew);
    this.requireFinite(fNew, tNew, h, "the derivative at the end of the step");
    this.fsalPending = true;
  }

  /** Stages 14..16 and the coefficients r2..r8 of the last accepted step (3 evaluations). */
  protected prepareDense(): void {
    const t0 = this.tPrevious;
    const h = this.hLast;
    const finite = prepareDop853Dense(
      t0,
      h,
      this.yPrevious,
      this.yCurrent,
      this.k,
      this.evaluateCounted,
      this.yStage,
      this.dense,
    );
    if (!finite) this.fail("non-finite", t0, h, "non-finite derivative in the dense-output stages");
  }

  protected interpolateTheta(s: number, out: Float64Array): void {
    const s1 = 1 - s;
    const y0 = this.yPrevious;
    const dense = this.dense;
    const r2 = dense[0];
    const r3 = dense[1];
    const r4 = dense[2];
    const r5 = dense[3];
    const r6 = dense[4];
    const r7 = dense[5];
    const r8 = dense[6];
    const n = out.length;
    for (let i = 0; i < n; i++) {
      out[i] =
        y0[i] +
        s * (r2[i] + s1 * (r3[i] + s * (r4[i] + s1 * (r5[i] + s * (r6[i] + s1 * (r7[i] + s * r8[i]))))));
    }
  }
}

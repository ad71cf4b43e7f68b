import {
  type IntegratorFactory,
  type IntegratorOptions,
  resolveIntegratorOptions,
  type Stepper,
  validateInitialValue,
} from "../integrator";
import type { OdeProblem } from "../ode-problem";
import { initialStepSize } from "./initial-step";
import { type PiControllerParameters, PiStepSizeController } from "./step-size-controller";
import { StepperCore } from "./stepper-core";

export { ROUNDING } from "./stepper-core";

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
 * What the embedded explicit Runge-Kutta pairs (rk45, dop853) share beyond `StepperCore`: the
 * first evaluation f(t0, y0) into k[0] and, with `firstStep` = 0, the starting step size of
 * Hairer, Norsett & Wanner, Solving ODEs I, 2nd ed., Sec. II.4 (`initialStepSize`, one more
 * evaluation); step sizes from `PiStepSizeController`; and dense output made lazily once per
 * step (`prepareDense`, `interpolateTheta`). All work arrays are allocated here and in the
 * subclass constructor; a step allocates no arrays or objects.
 */
export abstract class AdaptiveRungeKuttaStepper extends StepperCore {
  private readonly controller: PiStepSizeController;
  /** Stage argument. */
  protected readonly yStage: Float64Array;
  /** Stages (k[i] is k_{i+1}); k[0] = f(t, y) once the step starts. */
  protected readonly k: Float64Array[];
  /** Dense-output coefficients of the last step, filled by `prepareDense` on first use. */
  protected readonly dense: Float64Array[];
  /** Whether `dense` belongs to the last accepted step. */
  protected denseReady = false;

  protected constructor(
    problem: OdeProblem,
    t0: number,
    y0: Float64Array,
    options: Readonly<IntegratorOptions>,
    scheme: AdaptiveRungeKuttaScheme,
  ) {
    super(problem, t0, y0, options, scheme.id);
    const n = problem.size;
    this.controller = new PiStepSizeController(scheme.controller);
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

  protected acceptedStepSize(err: number, h: number): number {
    return h * this.controller.accepted(err);
  }

  protected rejectedStepSize(err: number, h: number): number {
    return h * this.controller.rejected(err);
  }

  protected override afterAccept(): void {
    this.denseReady = false;
  }

  protected interpolateInside(time: number, out: Float64Array): void {
    if (!this.denseReady) {
      this.prepareDense();
      this.denseReady = true;
    }
    this.interpolateTheta((time - this.tPrevious) / this.hLast, out);
  }

  /** Fill `dense` for the last accepted step (from tPrevious over hLast to t). */
  protected abstract prepareDense(): void;

  /** Write the dense output at tPrevious + theta hLast, 0 < theta < 1, into `out`. */
  protected abstract interpolateTheta(theta: number, out: Float64Array): void;
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

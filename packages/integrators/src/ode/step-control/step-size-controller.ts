/**
 * Constants of a proportional-integral step-size controller. `err` below is the weighted
 * RMS norm of the local error estimate, so a step is accepted when err <= 1.
 */
export interface PiControllerParameters {
  /** Safety factor applied to every proposal, < 1. */
  readonly safety: number;
  /** Exponent of the current error, about 1/(q+1) for an error estimate of order q. */
  readonly alpha: number;
  /** Exponent of the previous accepted error (0 gives the classical I-controller). */
  readonly beta: number;
  /** Smallest factor by which one step may shrink the next, in (0, 1). */
  readonly minFactor: number;
  /** Largest factor by which one step may grow the next, > 1. */
  readonly maxFactor: number;
}

/**
 * The PI controller of the DOPRI5 code: beta = 0.04, alpha = 1/5 - 0.75 beta = 0.17,
 * safety 0.9, factors in [0.2, 10] (Hairer, Norsett & Wanner, Solving ODEs I, 2nd ed.,
 * Sec. IV.2, "PI step size control", after Gustafsson, ACM TOMS 20 (1994) 496).
 */
export const DOPRI5_PI_CONTROLLER: Readonly<PiControllerParameters> = Object.freeze({
  safety: 0.9,
  alpha: 0.2 - 0.75 * 0.04,
  beta: 0.04,
  minFactor: 0.2,
  maxFactor: 10,
});

/**
 * Proposes the next step size from the error norms of the steps taken so far:
 *
 *   h_new = h * clamp(safety * err_n^(-alpha) * err_{n-1}^(beta), minFactor, maxFactor)
 *
 * after an accepted step, where err_{n-1} is the error of the previous accepted step
 * (floored at 1e-4 as in DOPRI5, so one very accurate step does not inflate the next).
 * After a rejection the proposal uses the current error alone and never grows; the step
 * accepted right after a rejection may not grow either, which stops the controller from
 * oscillating around a step size that fails.
 */
export class PiStepSizeController {
  private previousError = 1e-4;
  private lastRejected = false;

  /** @param parameters The controller's gains and limits (default: DOPRI5's). */
  constructor(readonly parameters: Readonly<PiControllerParameters> = DOPRI5_PI_CONTROLLER) {}

  /** Factor for the next step after a step with error norm `err` <= 1 was accepted. */
  accepted(err: number): number {
    const { safety, alpha, beta, minFactor, maxFactor } = this.parameters;
    let factor = safety * err ** -alpha * this.previousError ** beta;
    if (!(factor <= maxFactor)) factor = maxFactor; // also catches err = 0 (factor = Infinity)
    if (factor < minFactor) factor = minFactor;
    if (this.lastRejected && factor > 1) factor = 1;
    this.previousError = Math.max(err, 1e-4);
    this.lastRejected = false;
    return factor;
  }

  /** Factor (< 1) for the retry after a step with error norm `err` > 1 was rejected. */
  rejected(err: number): number {
    const { safety, alpha, minFactor } = this.parameters;
    this.lastRejected = true;
    return Math.max(minFactor, safety * err ** -alpha);
  }
}

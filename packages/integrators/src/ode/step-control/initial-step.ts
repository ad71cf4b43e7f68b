import type { OdeProblem } from "../ode-problem";

/**
 * The "small step" of Hairer, Norsett & Wanner's starting-step algorithm (step 2: the state or
 * its rate is negligible), also the fallback when the guess is not a finite number > 0.
 */
export const FALLBACK_INITIAL_STEP = 1e-6;

/** Inputs of `initialStepSize` besides the problem. */
export interface InitialStepInput {
  /** Initial time. */
  readonly t0: number;
  /** Initial state. */
  readonly y0: Float64Array;
  /** f(t0, y0), already evaluated. */
  readonly f0: Float64Array;
  /** Order q of the local error estimate (the error behaves like h^(q+1)); 4 for DOPRI5. */
  readonly errorOrder: number;
  /** Relative tolerance. */
  readonly rtol: number;
  /** Absolute tolerance. */
  readonly atol: number;
  /** Largest step allowed; the guess is capped at it. */
  readonly maxStep: number;
  /** Scratch of length n, overwritten (the Euler probe y0 + h0 f0). */
  readonly scratchY: Float64Array;
  /** Scratch of length n, overwritten (f at the Euler probe). */
  readonly scratchF: Float64Array;
}

/**
 * Guess the size of the first step from the problem itself, with one extra evaluation of f
 * (Hairer, Norsett & Wanner, Solving ODEs I, 2nd ed., Sec. II.4, "Starting Step Size"):
 *
 * 1. d0 = ||y0||, d1 = ||f(t0, y0)||, in the RMS norm weighted by atol + rtol |y0_i|;
 * 2. h0 = 0.01 d0 / d1, or FALLBACK_INITIAL_STEP = 1e-6 when d0 or d1 < 1e-5 (the state or its rate is negligible);
 * 3. one explicit Euler step y1 = y0 + h0 f0 estimates the second derivative,
 *    d2 = ||f(t0 + h0, y1) - f0|| / h0;
 * 4. h1 = (0.01 / max(d1, d2))^(1/(q+1)), so that the leading local error term is about
 *    0.01 tolerance; h1 = max(FALLBACK_INITIAL_STEP, 1e-3 h0) when max(d1, d2) <= 1e-15;
 * 5. h = min(100 h0, h1, maxStep).
 *
 * Components with zero weight (atol = 0 and y0_i = 0) are left out of the norms here: this
 * is only a first guess, which the step-size controller corrects after one step.
 *
 * ## Notes
 *
 * The norms are accumulated relative to the smallest positive weight, so that tolerances near
 * the bottom of the double range (rtol = atol = 1e-200, where y_i / w_i would overflow) still
 * give a finite ratio d0 / d1 and a finite h1 (computed through logarithms). Should the guess
 * still not be a finite number > 0, it falls back to FALLBACK_INITIAL_STEP (step 2's "small
 * step"); the integrator then reports a tolerance it cannot meet on its first attempt.
 *
 * @returns the step size, finite and > 0, and f at the Euler probe (in `scratchF`, possibly
 * non-finite: the caller checks it and counts the evaluation).
 */
export function initialStepSize(problem: OdeProblem, input: InitialStepInput): number {
  const { t0, y0, f0, errorOrder, rtol, atol, maxStep, scratchY, scratchF } = input;
  const n = y0.length;
  const weight = (i: number) => atol + rtol * Math.abs(y0[i]);
  // Every norm below is ||v|| = (RMS of v_i * (scale / w_i)) / scale, scale = min_i w_i > 0.
  let scale = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const w = weight(i);
    if (w > 0 && w < scale) scale = w;
  }
  if (scale === Number.POSITIVE_INFINITY) scale = 1;
  let s0 = 0;
  let s1 = 0;
  for (let i = 0; i < n; i++) {
    const w = weight(i);
    if (w > 0) {
      s0 += (y0[i] * (scale / w)) ** 2;
      s1 += (f0[i] * (scale / w)) ** 2;
    }
  }
  const r0 = Math.sqrt(s0 / n); // d0 * scale
  const r1 = Math.sqrt(s1 / n); // d1 * scale
  const d0 = r0 / scale;
  const d1 = r1 / scale;
  let h0 = d0 < 1e-5 || d1 < 1e-5 ? FALLBACK_INITIAL_STEP : 0.01 * (r0 / r1);
  if (!(h0 > 0 && Number.isFinite(h0))) h0 = FALLBACK_INITIAL_STEP;
  h0 = Math.min(h0, maxStep);

  for (let i = 0; i < n; i++) scratchY[i] = y0[i] + h0 * f0[i];
  problem.rhs(t0 + h0, scratchY, scratchF);
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const w = weight(i);
    if (w > 0) s2 += ((scratchF[i] - f0[i]) * (scale / w)) ** 2;
  }
  const r2 = Math.sqrt(s2 / n) / h0; // d2 * scale

  const rMax = Math.max(r1, r2);
  const dMax = rMax / scale;
  // h1 = (0.01 / dMax)^(1/(q+1)) = (0.01 scale / rMax)^(1/(q+1)), through logs to stay in range.
  const h1 =
    dMax <= 1e-15
      ? Math.max(FALLBACK_INITIAL_STEP, 1e-3 * h0)
      : Math.exp((Math.log(0.01) + Math.log(scale) - Math.log(rMax)) / (errorOrder + 1));
  const h = Math.min(100 * h0, h1, maxStep);
  return h > 0 && Number.isFinite(h) ? h : Math.min(FALLBACK_INITIAL_STEP, maxStep);
}

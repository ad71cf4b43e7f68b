import type { OdeProblem } from "./ode-problem";

/** Inputs of `initialStepSize` besides the problem. */
export interface InitialStepInput {
  readonly t0: number;
  readonly y0: Float64Array;
  /** f(t0, y0), already evaluated. */
  readonly f0: Float64Array;
  /** Order q of the local error estimate (the error behaves like h^(q+1)); 4 for DOPRI5. */
  readonly errorOrder: number;
  readonly rtol: number;
  readonly atol: number;
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
 * 2. h0 = 0.01 d0 / d1, or 1e-6 when d0 or d1 < 1e-5 (the state or its rate is negligible);
 * 3. one explicit Euler step y1 = y0 + h0 f0 estimates the second derivative,
 *    d2 = ||f(t0 + h0, y1) - f0|| / h0;
 * 4. h1 = (0.01 / max(d1, d2))^(1/(q+1)), so that the leading local error term is about
 *    0.01 tolerance; h1 = max(1e-6, 1e-3 h0) when max(d1, d2) <= 1e-15;
 * 5. h = min(100 h0, h1, maxStep).
 *
 * Components with zero weight (atol = 0 and y0_i = 0) are left out of the norms here: this
 * is only a first guess, which the step-size controller corrects after one step.
 *
 * @returns the step size and f at the Euler probe (in `scratchF`, possibly non-finite: the
 * caller checks it and counts the evaluation).
 */
export function initialStepSize(problem: OdeProblem, input: InitialStepInput): number {
  const { t0, y0, f0, errorOrder, rtol, atol, maxStep, scratchY, scratchF } = input;
  const n = y0.length;
  const weight = (i: number) => atol + rtol * Math.abs(y0[i]);
  let s0 = 0;
  let s1 = 0;
  for (let i = 0; i < n; i++) {
    const w = weight(i);
    if (w > 0) {
      s0 += (y0[i] / w) ** 2;
      s1 += (f0[i] / w) ** 2;
    }
  }
  const d0 = Math.sqrt(s0 / n);
  const d1 = Math.sqrt(s1 / n);
  let h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * (d0 / d1);
  h0 = Math.min(h0, maxStep);

  for (let i = 0; i < n; i++) scratchY[i] = y0[i] + h0 * f0[i];
  problem.rhs(t0 + h0, scratchY, scratchF);
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const w = weight(i);
    if (w > 0) s2 += ((scratchF[i] - f0[i]) / w) ** 2;
  }
  const d2 = Math.sqrt(s2 / n) / h0;

  const dMax = Math.max(d1, d2);
  const h1 = dMax <= 1e-15 ? Math.max(1e-6, 1e-3 * h0) : (0.01 / dMax) ** (1 / (errorOrder + 1));
  return Math.min(100 * h0, h1, maxStep);
}

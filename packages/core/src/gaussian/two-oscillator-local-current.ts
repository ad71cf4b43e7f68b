import {
  type TwoOscillatorLocalParameters,
  validateTwoOscillatorLocalParameters,
} from "./two-oscillator-systems";

/** Steady heat currents of the two baths, J_X > 0 when energy flows from bath X into the system. */
export interface TwoOscillatorCurrents {
  /** J_A, the heat current from bath A into the system. */
  currentA: number;
  /** J_B, the heat current from bath B into the system. */
  currentB: number;
}

/**
 * Closed-form steady heat currents of two coupled oscillators under the local master equation,
 * eqs. (4.32)-(4.35) of Fogedby (arXiv:2301.13544), with J_X = Tr[H_S K^X(rho)] and the full H_S (lambda
 * term included), as docs/paper-corrections.md ("Oscillators") prescribe:
 *
 *   J_A = -J_B = gA gB lambda^2 (gA omega2 + gB omega1) (nA - nB)
 *                / [ gA gB ((gA + gB)^2 / 4 + (omega1 - omega2)^2) + lambda^2 (gA + gB)^2 ],
 *
 * with gA = g_A(omega1), gB = g_B(omega2), nA = n_A(omega1), nB = n_B(omega2).
 *
 * ## Method
 * Derived here by hand from the 2 x 2 Lyapunov equation of `correlationEquation`. For the local
 * ME the drift is X = i h - diag(gA, gB) / 2 and P = diag(gA nA, gB nB). Write N = [[N1, c],
 * [conj(c), N2]], Delta = omega1 - omega2 and G = (gA + gB) / 2. The steady equations are
 *
 *   (11)  2 lambda Im c + gA (nA - N1) = 0,
 *   (22) -2 lambda Im c + gB (nB - N2) = 0,
 *   (12)  i [Delta c + lambda (N2 - N1)] - G c = 0  =>  c = lambda (N1 - N2) (Delta - i G) / (G^2 + Delta^2).
 *
 * So 2 lambda Im c = -kappa (N1 - N2) with kappa = 2 lambda^2 G / (G^2 + Delta^2), and (11)-(22)
 * give D = N1 - N2 = (nA - nB) / (1 + kappa (gA + gB) / (gA gB)). The current of bath A
 * (`gaussianHeatCurrents`, lowering gA (1 + nA) and raising gA nA on a1) is
 * J_A = gA [omega1 (nA - N1) - lambda Re c] = lambda^2 D (gA omega2 + gB omega1) / (G^2 + Delta^2),
 * which is the formula above. Energy is conserved: J_B = -J_A exactly.
 *
 * ## Notes
 * - The current is proportional to n_A(omega1) - n_B(omega2), not to T_A - T_B: it reverses where
 *   omega1 / T_A = omega2 / T_B, so for omega1 != omega2 heat can flow from the cold bath into the
 *   hot one (the example of docs/paper-corrections.md: omega1 = 2, omega2 = 1, lambda = 0.1, gA = gB = 0.05, T_A = 1,
 *   T_B = 0.8 gives J_A < 0): the local ME breaks the second law (Levy & Kosloff, EPL 107,
 *   20004 (2014)). At resonance (omega1 = omega2 = omega) it reduces to
 *   J_A = 4 omega lambda^2 gA gB (nA - nB) / ((gA + gB) (4 lambda^2 + gA gB)),
 *   the resonant result discussed by Levy & Kosloff.
 * - When gA gB lambda^2 = 0 there is no transport path and the current is 0 (the steady state
 *   may then not be unique, but every steady state carries no current).
 * - Checked against `gaussianSteadyState` on a grid of detuned and resonant parameters.
 *
 * @example
 * twoOscillatorLocalCurrent({ omega1: 1, omega2: 1, lambda: 0.1, gA: 0.1, gB: 0.1, nA: 1, nB: 0 })
 * // currentA = 4 * 0.01 * 0.01 / (0.2 * 0.05) = 0.04, currentB = -0.04
 */
export function twoOscillatorLocalCurrent(p: TwoOscillatorLocalParameters): TwoOscillatorCurrents {
  validateTwoOscillatorLocalParameters(p);
  const { omega1, omega2, lambda, gA, gB, nA, nB } = p;
  const numeratorWeight = gA * gB * lambda * lambda;
  if (numeratorWeight === 0) return { currentA: 0, currentB: 0 };
  const sum = gA + gB;
  const delta = omega1 - omega2;
  const denominator = gA * gB * (0.25 * sum * sum + delta * delta) + lambda * lambda * sum * sum;
  const currentA = (numeratorWeight * (gA * omega2 + gB * omega1) * (nA - nB)) / denominator;
  return { currentA: currentA + 0, currentB: -currentA + 0 };
}

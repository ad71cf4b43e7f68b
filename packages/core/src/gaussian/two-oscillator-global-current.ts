import { assertTemperature, nBose } from "../thermodynamics/bose";
import type { TwoOscillatorCurrents } from "./two-oscillator-local-current";
import { twoOscillatorNormalModes } from "./two-oscillator-normal-modes";
import { evaluateSpectralDensity, type TwoOscillatorGlobalParameters } from "./two-oscillator-systems";

/** One normal mode's share of the global-ME current. */
export interface NormalModeChannel {
  /** Normal-mode frequency omega_k (omega_+ first, then omega_-). */
  omega: number;
  /** g_Ak = g_A(omega_k) U_1k^2, bath A's effective rate on this mode. */
  gA: number;
  /** g_Bk = g_B(omega_k) U_2k^2. */
  gB: number;
  /** n_A(omega_k) = n(omega_k, T_A). */
  nA: number;
  /** n_B(omega_k). */
  nB: number;
  /** This mode's contribution to J_A. */
  currentA: number;
}

/** Global-ME currents with their split over the normal modes. */
export interface TwoOscillatorGlobalCurrents extends TwoOscillatorCurrents {
  /** The currents split over the two normal modes. */
  channels: NormalModeChannel[];
}

/**
 * Closed-form steady heat currents of two coupled oscillators, eq. (4.32) of Fogedby (arXiv:2301.13544),
 * under the global (normal-mode, secular) master equation (`twoOscillatorGlobalSystem`):
 *
 *   J_A = -J_B = sum_{k = +, -} omega_k g_Ak g_Bk (n_A(omega_k) - n_B(omega_k)) / (g_Ak + g_Bk),
 *   g_Ak = g_A(omega_k) U_1k^2,  g_Bk = g_B(omega_k) U_2k^2,
 *
 * with omega_+- and U from `twoOscillatorNormalModes` (Levy & Kosloff, EPL 107, 20004 (2014)).
 *
 * ## Method
 * In the global ME every jump acts on one normal mode b_k, and H_S = sum_k omega_k b_k^dag b_k,
 * so the correlation equation of `correlationEquation` is diagonal in the b basis: each mode is
 * one oscillator between two baths with damping g_Ak + g_Bk. Its steady occupation is
 * N_k = (g_Ak n_Ak + g_Bk n_Bk) / (g_Ak + g_Bk), and bath A's flux into it is
 * omega_k g_Ak (n_Ak - N_k), which is the summand above. Each summand has the sign of
 * n_A(omega_k) - n_B(omega_k), i.e. of T_A - T_B, so the entropy production
 * -J_A / T_A - J_B / T_B is >= 0 (second law), unlike the local ME (`twoOscillatorLocalCurrent`).
 *
 * ## Notes
 * A mode with g_Ak g_Bk = 0 carries no current (its term is 0, not 0/0).
 *
 * @example
 * // resonant, flat g = 0.1, lambda = 0.5: omega_+- = 1.5, 0.5 and U_xk^2 = 1/2
 * twoOscillatorGlobalCurrent({ omega1: 1, omega2: 1, lambda: 0.5, gA: () => 0.1, gB: () => 0.1, TA: 2, TB: 1 })
 * // currentA = sum_k omega_k 0.025 (n(omega_k, 2) - n(omega_k, 1)) = 0.047543...
 */
export function twoOscillatorGlobalCurrent(p: TwoOscillatorGlobalParameters): TwoOscillatorGlobalCurrents {
  const modes = twoOscillatorNormalModes(p.omega1, p.omega2, p.lambda);
  assertTemperature("TA", p.TA);
  assertTemperature("TB", p.TB);
  const u = modes.mixing;
  const omegas = [modes.omegaPlus, modes.omegaMinus];
  const channels: NormalModeChannel[] = [];
  let currentA = 0;
  for (let k = 0; k < 2; k++) {
    const omega = omegas[k];
    const gA = evaluateSpectralDensity("gA", p.gA, omega) * u[0][k] ** 2;
    const gB = evaluateSpectralDensity("gB", p.gB, omega) * u[1][k] ** 2;
    const nA = nBose(omega, p.TA);
    const nB = nBose(omega, p.TB);
    const product = gA * gB;
    const current = product === 0 ? 0 : (omega * product * (nA - nB)) / (gA + gB);
    channels.push({ omega, gA, gB, nA, nB, currentA: current });
    currentA += current;
  }
  return { currentA, currentB: -currentA + 0, channels };
}

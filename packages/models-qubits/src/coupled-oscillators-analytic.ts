import {
  type Approach,
  nBose,
  type TwoOscillatorGlobalParameters,
  type TwoOscillatorLocalParameters,
  twoOscillatorGlobalCurrent,
  twoOscillatorLocalCurrent,
} from "@liouville/core";
import type { Analytic, AnalyticChannel } from "./model";
import { bathSpectrum, type ParamValues } from "./parameters";

/**
 * The local master equation (4.33)-(4.35) of Fogedby (arXiv:2301.13544) at resolved model parameters: each
 * bath acts at its own oscillator's bare frequency, g_A = g_A(omega1), n_A = n(omega1, T_A),
 * g_B = g_B(omega2), n_B = n(omega2, T_B).
 *
 * @example
 * coupledOscillatorsLocalParameters({ omega1: 2, omega2: 1, lambda: 0.1, gA: 0.05, gB: 0.05,
 *   TA: 1, TB: 0.8, spectrumA: "flat", spectrumB: "flat", cutoffA: 10, cutoffB: 10 }).nA
 * // n(2, 1) = 1 / (e^2 - 1) = 0.15652...
 */
export function coupledOscillatorsLocalParameters(p: ParamValues): TwoOscillatorLocalParameters {
  const omega1 = p.omega1 as number;
  const omega2 = p.omega2 as number;
  return {
    omega1,
    omega2,
    lambda: p.lambda as number,
    gA: bathSpectrum(p, "A").value(omega1),
    gB: bathSpectrum(p, "B").value(omega2),
    nA: nBose(omega1, p.TA as number),
    nB: nBose(omega2, p.TB as number),
  };
}

/**
 * The global (normal-mode, secular) master equation at resolved model parameters: the spectral
 * densities are evaluated at the normal-mode frequencies omega_+- by the core builders.
 */
export function coupledOscillatorsGlobalParameters(p: ParamValues): TwoOscillatorGlobalParameters {
  const spectrumA = bathSpectrum(p, "A");
  const spectrumB = bathSpectrum(p, "B");
  return {
    omega1: p.omega1 as number,
    omega2: p.omega2 as number,
    lambda: p.lambda as number,
    gA: (w) => spectrumA.value(w),
    gB: (w) => spectrumB.value(w),
    TA: p.TA as number,
    TB: p.TB as number,
  };
}

/**
 * Closed-form steady heat currents of the two oscillators of eq. (4.32) of Fogedby (arXiv:2301.13544)
 * (Sec. IV C 2), J_X into the system (docs/conventions.md section 2):
 * - `local`, eqs. (4.33)-(4.35): J_A = -J_B proportional to n_A(omega1) - n_B(omega2)
 *   (`twoOscillatorLocalCurrent`), with the heat measured by the full H_S as docs/paper-corrections.md
 *   ("Oscillators") prescribe; it can run from the cold bath into the hot one.
 * - `global`: J_A = -J_B = sum_k omega_k g_Ak g_Bk (n_A(omega_k) - n_B(omega_k)) / (g_Ak + g_Bk)
 *   over the normal modes k = +, - (`twoOscillatorGlobalCurrent`), with its split per normal
 *   mode as `channels` (ordered by bath, then by frequency ascending, like the generator's).
 * - `redfield`: null (no closed form).
 *
 * The oscillators have no finite spectrum, so `energies` and `populations` are empty.
 *
 * @example
 * // The example of docs/paper-corrections.md (Oscillators): the local current runs from the cold bath B (T = 0.8) into the hot bath A
 * coupledOscillatorsAnalytic({ omega1: 2, omega2: 1, lambda: 0.1, gA: 0.05, gB: 0.05, TA: 1,
 *   TB: 0.8, spectrumA: "flat", spectrumB: "flat", cutoffA: 10, cutoffB: 10, nmax: "exact" },
 *   "local")!.currents.A // -3.5257e-4 (negative: n_A(2) = 0.157 < n_B(1) = 0.402)
 */
export function coupledOscillatorsAnalytic(p: ParamValues, approach: Approach): Analytic | null {
  if (approach === "local") {
    const { currentA, currentB } = twoOscillatorLocalCurrent(coupledOscillatorsLocalParameters(p));
    return {
      approach,
      energies: [],
      populations: [],
      currents: { A: currentA, B: currentB },
      source: "eqs. (4.32)-(4.35) (local master equation, docs/paper-corrections.md, 'Oscillators')",
    };
  }
  if (approach === "global") {
    const { currentA, currentB, channels } = twoOscillatorGlobalCurrent(
      coupledOscillatorsGlobalParameters(p),
    );
    const byOmega = [...channels].sort((x, y) => x.omega - y.omega);
    const perMode: AnalyticChannel[] = [
      ...byOmega.map((c) => ({ bath: "A", omega: c.omega, current: c.currentA })),
      ...byOmega.map((c) => ({ bath: "B", omega: c.omega, current: -c.currentA + 0 })),
    ];
    return {
      approach,
      energies: [],
      populations: [],
      currents: { A: currentA, B: currentB },
      channels: perMode,
      source: "eq. (4.32) with the global (normal-mode) master equation of Sec. IV C 2",
    };
  }
  return null;
}

import {
  type Approach,
  basisState,
  nBose,
  type OpenSystem,
  Operator,
  openSystem,
  scale,
  sigmaPlus,
  sigmaZ,
} from "@liouville/core";
import type { Analytic, Model } from "./model";
import { BATH_PARAMETERS, bathSpectrum, PARAMETERS, type ParamValues, twoBaths } from "./parameters";

/**
 * One qubit between two baths, eqs. (3.1)-(3.7) of Fogedby (arXiv:2301.13544):
 *   H_S = (omega0/2) sigma_z,   H_SX = sigma+ X + sigma- X^dagger  (X = A, B; paper-corrections item 1).
 * Basis (|+>, |->) as in QuTiP; the eigenbasis lists the ground state |-> first.
 *
 * For one qubit the local and the global generator coincide: sigma-+ are already the eigen-
 * transition operators of H_S at the single Bohr frequency omega0, so both give
 * g_X(1 + n_X) D[sigma-] + g_X n_X D[sigma+] per bath. The Redfield kernel adds nothing
 * either at steady state (no degenerate Bohr frequencies to mix).
 */
export const singleQubit: Model = Object.freeze({
  id: "single-qubit",
  title: "Single qubit between two heat baths",
  description:
    "H = (omega0/2) sigma_z, baths A and B coupled through sigma+-; closed forms (3.12)-(3.15) and the heat-current noise (two-state counting statistics)",
  parameters: [PARAMETERS.omega0, ...BATH_PARAMETERS],
  approaches: ["global", "local", "redfield"] as const,
  validate: () => {},
  build(p: ParamValues): OpenSystem {
    const w = p.omega0 as number;
    const qubit = { raise: sigmaPlus(), frequency: w };
    return openSystem({
      hamiltonian: Operator.of(scale(sigmaZ(), w / 2)),
      baths: twoBaths(p, qubit, qubit),
    });
  },
  initialState: () => basisState(2, 1),
  analytic: (p: ParamValues, _approach: Approach): Analytic => singleQubitAnalytic(p),
});

/** The rates entering (3.8)-(3.15): g_X = g_X(omega0), n_X = n_X(omega0). */
function rates(p: ParamValues) {
  const w = p.omega0 as number;
  return {
    w,
    gA: bathSpectrum(p, "A").value(w),
    gB: bathSpectrum(p, "B").value(w),
    nA: nBose(w, p.TA as number),
    nB: nBose(w, p.TB as number),
  };
}

/**
 * Closed forms of the single qubit: populations (3.12)-(3.13) (listed ground first) and heat
 * currents (3.14)-(3.15),
 *   q^A = g_A g_B omega0 (n_A - n_B) / (g_A(1 + 2 n_A) + g_B(1 + 2 n_B)),  q^B = -q^A.
 * Each population is a ratio of sums of positive terms, so it is accurate at any temperature.
 */
export function singleQubitAnalytic(p: ParamValues): Analytic {
  const { w, gA, gB, nA, nB } = rates(p);
  const den = gA * (1 + 2 * nA) + gB * (1 + 2 * nB);
  const excited = (gA * nA + gB * nB) / den;
  const ground = (gA * (1 + nA) + gB * (1 + nB)) / den;
  // gA (gB / den) rather than gA gB / den: the product overflows from rates of about 1e154.
  const qA = w * (nA - nB) * (gA * (gB / den));
  const qB = -qA;
  const statsA = singleQubitHeatStatistics(p, "A");
  const statsB = singleQubitHeatStatistics(p, "B");
  return {
    approach: "global",
    energies: [-w / 2, w / 2],
    populations: [ground, excited],
    currents: { A: qA, B: qB },
    noise: { A: statsA.noise, B: statsB.noise },
    scgf: { A: statsA.theta, B: statsB.theta },
    channels: [
      { bath: "A", omega: w, current: qA },
      { bath: "B", omega: w, current: qB },
    ],
    source: "eqs. (3.12)-(3.15)",
  };
}

/**
 * Full counting statistics of the heat from bath X ("A" or "B") into the qubit: a two-state jump
 * process with up rates u_Y = g_Y n_Y and down rates w_Y = g_Y (1 + n_Y) (Y = A, B), in which an
 * absorption from X carries e^{s omega0} and an emission into X e^{-s omega0}. The scaled cumulant
 * generating function is the larger root of the tilted 2 x 2 rate matrix,
 *   theta(s) = [-(U + W) + sqrt((U - W)^2 + 4 f(s))] / 2,  f(s) = (u_X e^{s omega0} + u_Y)(w_X e^{-s omega0} + w_Y),
 * with U = u_A + u_B, W = w_A + w_B, Y the other bath; its derivatives at 0 give the current
 * J = f'(0) / (U + W) (= q^X of (3.14)) and the noise
 *   S = f''(0) / (U + W) - 2 f'(0)^2 / (U + W)^3,  f'(0) = omega0 (u_X w_Y - u_Y w_X),  f''(0) = omega0^2 (u_X w_Y + u_Y w_X).
 * (Standard for a two-state process; see e.g. Esposito, Harbola & Mukamel, RMP 81, 1665 (2009).)
 */
export function singleQubitHeatStatistics(
  p: ParamValues,
  bath: "A" | "B",
): { theta: (s: number) => number; current: number; noise: number } {
  const { w, gA, gB, nA, nB } = rates(p);
  const [gX, nX, gY, nY] = bath === "A" ? [gA, nA, gB, nB] : [gB, nB, gA, nA];
  // Rates in units of the largest (a power of two, exact): the products below would overflow
  // from rates of about 1e77; theta, the current and the noise are all linear in this unit.
  const largest = Math.max(gX * (1 + nX), gY * (1 + nY));
  const unit = largest > 0 ? 2 ** Math.ceil(Math.log2(largest)) : 1;
  const uX = (gX * nX) / unit;
  const uY = (gY * nY) / unit;
  const wX = (gX * (1 + nX)) / unit;
  const wY = (gY * (1 + nY)) / unit;
  const total = uX + uY + wX + wY;
  const delta = uX + uY - wX - wY;
  const f1 = w * (uX * wY - uY * wX);
  const f2 = w * w * (uX * wY + uY * wX);
  return {
    theta: (s: number) => {
      const f = (uX * Math.exp(s * w) + uY) * (wX * Math.exp(-s * w) + wY);
      return (unit * (-total + Math.sqrt(delta * delta + 4 * f))) / 2;
    },
    current: (unit * f1) / total,
    noise: unit * (f2 / total - (2 * f1 * (f1 / total)) / (total * total)),
  };
}

/** Ratio r = rho+/rho- of eq. (4.1). */
export function singleQubitRatio(p: ParamValues): number {
  const { gA, gB, nA, nB } = rates(p);
  return (gA * nA + gB * nB) / (gA * (1 + nA) + gB * (1 + nB));
}

/**
 * Limits of the single-qubit currents (returned as q^A; q^B = -q^A):
 * - high temperature (T_A, T_B >> omega0), eq. (4.2): q^A ~ (1/2) g_A g_B omega0 (T_A - T_B) / (g_A T_A + g_B T_B),
 *   with relative error O(omega0 / T);
 * - low temperature (T_A, T_B << omega0), eq. (4.4): q^A ~ g_A g_B omega0 (e^{-omega0/T_A} - e^{-omega0/T_B}) / (g_A + g_B),
 *   with relative error O(e^{-omega0/T_max}).
 */
export function singleQubitCurrentLimits(p: ParamValues): {
  highTemperature: number;
  lowTemperature: number;
} {
  const { w, gA, gB } = rates(p);
  const TA = p.TA as number;
  const TB = p.TB as number;
  return {
    highTemperature: (0.5 * gA * gB * w * (TA - TB)) / (gA * TA + gB * TB),
    lowTemperature: ((gA * gB * w) / (gA + gB)) * (Math.exp(-w / TA) - Math.exp(-w / TB)),
  };
}

/**
 * Low-temperature ratio r for identical flat baths, corrected form of Sec. IV A 1 (paper-corrections item 4):
 * r -> exp(-omega0/T_H) cosh(omega0 Delta / (2 T_A T_B)), T_H = 2 T_A T_B/(T_A + T_B), Delta = T_A - T_B.
 * It equals (e^{-omega0/T_A} + e^{-omega0/T_B})/2 exactly; the error against (4.1) is O(e^{-omega0/T_max}).
 */
export function singleQubitLowTemperatureRatio(p: ParamValues): number {
  const w = p.omega0 as number;
  const TA = p.TA as number;
  const TB = p.TB as number;
  const th = (2 * TA * TB) / (TA + TB);
  return Math.exp(-w / th) * Math.cosh((w * (TA - TB)) / (2 * TA * TB));
}

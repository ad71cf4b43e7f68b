import { BOHR_TOLERANCE, nBose } from "@liouville/core";
import type { Analytic } from "./model";
import { bathSpectrum, type ParamValues } from "./parameters";

/** Mixing angle, eigen-energies and Bohr frequencies of the coupled qubits, eqs. (3.19)-(3.33). */
export interface CoupledQubitsSpectrum {
  /** alpha = cos(theta/2). */
  readonly alpha: number;
  /** beta = sin(theta/2). */
  readonly beta: number;
  /** E1..E4 ascending, eqs. (3.25)-(3.28). */
  readonly energies: readonly [number, number, number, number];
  /** omega+ = E4 - E2 = E3 - E1, eq. (3.32). */
  readonly omegaPlus: number;
  /** omega- = E4 - E3 = E2 - E1, eq. (3.33). */
  readonly omegaMinus: number;
}

/**
 * Eqs. (3.19)-(3.33) with theta = atan2(2 lambda, omega1 - omega2) (docs/paper-corrections.md: this covers
 * omega1 <= omega2 too), alpha = cos(theta/2), beta = sin(theta/2). Eigenstates (3.21)-(3.24):
 * |1> = |-->, |2> = -beta|+-> + alpha|-+>, |3> = alpha|+-> + beta|-+>, |4> = |++>.
 */
export function coupledQubitsSpectrum(p: ParamValues): CoupledQubitsSpectrum {
  const w1 = p.omega1 as number;
  const w2 = p.omega2 as number;
  const lambda = p.lambda as number;
  const wm = (w1 + w2) / 2;
  const dw = (w1 - w2) / 2;
  const root = Math.hypot(dw, lambda);
  const theta = Math.atan2(2 * lambda, w1 - w2);
  return {
    alpha: Math.cos(theta / 2),
    beta: Math.sin(theta / 2),
    energies: [-wm, -root, root, wm],
    omegaPlus: wm + root,
    // omega- = wm - root = (wm^2 - dw^2 - lambda^2)/(wm + root) = (w1 w2 - lambda^2)/(wm + root), without cancellation.
    omegaMinus: (w1 * w2 - lambda * lambda) / (wm + root),
  };
}

/** The rates A_{+-+-} and B_{+-+-} of eqs. (3.34)-(3.41). */
export interface CoupledQubitsRates {
  /** A_{++} = alpha^2 g_A(w+) (1 + n_A(w+)): bath A, emission at omega+. */
  readonly App: number;
  /** A_{+-} = beta^2 g_A(w-) (1 + n_A(w-)): bath A, emission at omega-. */
  readonly Apm: number;
  /** A_{-+} = alpha^2 g_A(w+) n_A(w+): bath A, absorption at omega+. */
  readonly Amp: number;
  /** A_{--} = beta^2 g_A(w-) n_A(w-): bath A, absorption at omega-. */
  readonly Amm: number;
  /** B_{++}: as A_{++} for bath B, alpha and beta exchanged. */
  readonly Bpp: number;
  /** B_{+-}: as A_{+-} for bath B, alpha and beta exchanged. */
  readonly Bpm: number;
  /** B_{-+}: as A_{-+} for bath B, alpha and beta exchanged. */
  readonly Bmp: number;
  /** B_{--}: as A_{--} for bath B, alpha and beta exchanged. */
  readonly Bmm: number;
}

/**
 * Eqs. (3.34)-(3.41): A_{++} = alpha^2 g_A(w+)(1 + n_A(w+)), A_{+-} = beta^2 g_A(w-)(1 + n_A(w-)),
 * A_{-+} = alpha^2 g_A(w+) n_A(w+), A_{--} = beta^2 g_A(w-) n_A(w-), and B with alpha, beta exchanged.
 */
export function coupledQubitsRates(p: ParamValues): CoupledQubitsRates {
  const { alpha, beta, omegaPlus: wp, omegaMinus: wm } = coupledQubitsSpectrum(p);
  const gA = bathSpectrum(p, "A");
  const gB = bathSpectrum(p, "B");
  const TA = p.TA as number;
  const TB = p.TB as number;
  const a2 = alpha * alpha;
  const b2 = beta * beta;
  return {
    App: a2 * gA.value(wp) * (1 + nBose(wp, TA)),
    Apm: b2 * gA.value(wm) * (1 + nBose(wm, TA)),
    Amp: a2 * gA.value(wp) * nBose(wp, TA),
    Amm: b2 * gA.value(wm) * nBose(wm, TA),
    Bpp: b2 * gB.value(wp) * (1 + nBose(wp, TB)),
    Bpm: a2 * gB.value(wm) * (1 + nBose(wm, TB)),
    Bmp: b2 * gB.value(wp) * nBose(wp, TB),
    Bmm: a2 * gB.value(wm) * nBose(wm, TB),
  };
}

/**
 * The population kernels K^A and K^B of eqs. (3.42)-(3.43), as K[n][p] (rate into n from p
 * off the diagonal), levels ordered 1..4 by energy.
 */
export function coupledQubitsKernels(p: ParamValues): { A: number[][]; B: number[][] } {
  const r = coupledQubitsRates(p);
  const kernel = (pp: number, pm: number, mp: number, mm: number) => [
    [-mp - mm, pm, pp, 0],
    [mm, -mp - pm, 0, pp],
    [mp, 0, -pp - mm, pm],
    [0, mp, mm, -pp - pm],
  ];
  return { A: kernel(r.App, r.Apm, r.Amp, r.Amm), B: kernel(r.Bpp, r.Bpm, r.Bmp, r.Bmm) };
}

/**
 * Degenerate E2 = E3 (lambda = 0 and omega1 = omega2, or so close that |E3 - E2| is below the
 * generators' Bohr-frequency resolution BOHR_TOLERANCE (E4 - E1)): the eigenbasis, and so
 * (3.46)-(3.49), is ambiguous, and the generator treats the two levels as one.
 */
export function coupledQubitsDegenerate(p: ParamValues): boolean {
  const { energies } = coupledQubitsSpectrum(p);
  return energies[2] - energies[1] <= BOHR_TOLERANCE * (energies[3] - energies[0]);
}

/**
 * Closed forms of the coupled qubits under the global master equation: populations
 * (3.46)-(3.49) and currents (3.52)-(3.57) split into the omega+ and omega- channels,
 *   q^A_+ = (alpha beta)^2 g_A(w+) g_B(w+) w+ (n_A(w+) - n_B(w+)) / (alpha^2 g_A(w+)(1 + 2n_A(w+)) + beta^2 g_B(w+)(1 + 2n_B(w+))),
 *   q^A_- = (alpha beta)^2 g_A(w-) g_B(w-) w- (n_A(w-) - n_B(w-)) / (beta^2 g_A(w-)(1 + 2n_A(w-)) + alpha^2 g_B(w-)(1 + 2n_B(w-))),
 * q^B_+- = -q^A_+-. Returns null when E2 = E3 (see `coupledQubitsDegenerate`).
 */
export function coupledQubitsAnalytic(p: ParamValues): Analytic | null {
  if (coupledQubitsDegenerate(p)) return null;
  const s = coupledQubitsSpectrum(p);
  const r = coupledQubitsRates(p);
  const plus = r.App + r.Bpp + r.Amp + r.Bmp;
  const minus = r.Amm + r.Bmm + r.Apm + r.Bpm;
  const den = plus * minus;
  const populations = [
    ((r.App + r.Bpp) * (r.Apm + r.Bpm)) / den,
    ((r.App + r.Bpp) * (r.Amm + r.Bmm)) / den,
    ((r.Amp + r.Bmp) * (r.Apm + r.Bpm)) / den,
    ((r.Amp + r.Bmp) * (r.Amm + r.Bmm)) / den,
  ];
  const { alpha, beta, omegaPlus: wp, omegaMinus: wm } = s;
  const gA = bathSpectrum(p, "A");
  const gB = bathSpectrum(p, "B");
  const TA = p.TA as number;
  const TB = p.TB as number;
  const ab2 = (alpha * beta) ** 2;
  const nAp = nBose(wp, TA);
  const nBp = nBose(wp, TB);
  const nAm = nBose(wm, TA);
  const nBm = nBose(wm, TB);
  // A channel that no bath couples to (zero denominator) carries no current.
  const ratio = (num: number, den: number) => (den === 0 ? 0 : num / den);
  const qp = ratio(
    ab2 * gA.value(wp) * gB.value(wp) * wp * (nAp - nBp),
    alpha ** 2 * gA.value(wp) * (1 + 2 * nAp) + beta ** 2 * gB.value(wp) * (1 + 2 * nBp),
  );
  const qm = ratio(
    ab2 * gA.value(wm) * gB.value(wm) * wm * (nAm - nBm),
    beta ** 2 * gA.value(wm) * (1 + 2 * nAm) + alpha ** 2 * gB.value(wm) * (1 + 2 * nBm),
  );
  return {
    approach: "global",
    energies: s.energies,
    populations,
    currents: { A: qp + qm, B: -(qp + qm) },
    channels: [
      { bath: "A", omega: wm, current: qm },
      { bath: "A", omega: wp, current: qp },
      { bath: "B", omega: wm, current: -qm },
      { bath: "B", omega: wp, current: -qp },
    ],
    source: "eqs. (3.46)-(3.57)",
  };
}

/**
 * Limits of the channel currents q^A_+- (q^B = -q^A):
 * - high temperature T_A, T_B >> omega+-, eqs. (4.12)-(4.13): relative error O(omega/T);
 * - low temperature T_A, T_B << omega+-, eqs. (4.16)-(4.17): relative error O(e^{-omega-/T_max}).
 */
export function coupledQubitsCurrentLimits(p: ParamValues): {
  highTemperature: { plus: number; minus: number };
  lowTemperature: { plus: number; minus: number };
} {
  const { alpha, beta, omegaPlus: wp, omegaMinus: wm } = coupledQubitsSpectrum(p);
  const gA = bathSpectrum(p, "A");
  const gB = bathSpectrum(p, "B");
  const TA = p.TA as number;
  const TB = p.TB as number;
  const a2 = alpha ** 2;
  const b2 = beta ** 2;
  const ab2 = a2 * b2;
  const num = (w: number) => ab2 * gA.value(w) * gB.value(w) * w;
  return {
    highTemperature: {
      plus: (0.5 * num(wp) * (TA - TB)) / (a2 * gA.value(wp) * TA + b2 * gB.value(wp) * TB),
      minus: (0.5 * num(wm) * (TA - TB)) / (b2 * gA.value(wm) * TA + a2 * gB.value(wm) * TB),
    },
    lowTemperature: {
      plus: (num(wp) / (a2 * gA.value(wp) + b2 * gB.value(wp))) * (Math.exp(-wp / TA) - Math.exp(-wp / TB)),
      minus: (num(wm) / (b2 * gA.value(wm) + a2 * gB.value(wm))) * (Math.exp(-wm / TA) - Math.exp(-wm / TB)),
    },
  };
}

/**
 * High-temperature limit of the rates with the mixing factors of paper-corrections item 5:
 * A_{++}, A_{-+} -> alpha^2 g_A(w+) T_A / w+, A_{+-}, A_{--} -> beta^2 g_A(w-) T_A / w-, B likewise
 * with alpha and beta exchanged; all four populations then tend to 1/4 (Sec. IV B 1).
 */
export function coupledQubitsHighTemperatureRates(p: ParamValues): CoupledQubitsRates {
  const { alpha, beta, omegaPlus: wp, omegaMinus: wm } = coupledQubitsSpectrum(p);
  const gA = bathSpectrum(p, "A");
  const gB = bathSpectrum(p, "B");
  const TA = p.TA as number;
  const TB = p.TB as number;
  const a2 = alpha ** 2;
  const b2 = beta ** 2;
  const Ap = (a2 * gA.value(wp) * TA) / wp;
  const Am = (b2 * gA.value(wm) * TA) / wm;
  const Bp = (b2 * gB.value(wp) * TB) / wp;
  const Bm = (a2 * gB.value(wm) * TB) / wm;
  return { App: Ap, Amp: Ap, Apm: Am, Amm: Am, Bpp: Bp, Bmp: Bp, Bpm: Bm, Bmm: Bm };
}

/**
 * The decoupled steady state at lambda = 0, eqs. (4.6)-(4.11): rho = rho^A (x) rho^B with each qubit
 * in equilibrium with its own bath, rho^X = diag(1 + n_X, n_X) / (1 + 2 n_X) over (lower, upper)
 * level at its own frequency (omega1 for A, omega2 for B; paper-corrections item 6: alpha = 1, beta = 0).
 * Returned as the qubits' excited-state probabilities and the four product populations in the
 * order of ascending energy (the eigenbasis order of the generators).
 */
export function coupledQubitsProductState(p: ParamValues): {
  excitedA: number;
  excitedB: number;
  populations: number[];
} {
  const w1 = p.omega1 as number;
  const w2 = p.omega2 as number;
  const nA = nBose(w1, p.TA as number);
  const nB = nBose(w2, p.TB as number);
  const excitedA = nA / (1 + 2 * nA);
  const excitedB = nB / (1 + 2 * nB);
  const groundA = (1 + nA) / (1 + 2 * nA);
  const groundB = (1 + nB) / (1 + 2 * nB);
  // Product states with their energies (3.19)-(3.20): |-->, |-+>, |+->, |++>.
  const states = [
    { e: -(w1 + w2) / 2, p: groundA * groundB },
    { e: (w2 - w1) / 2, p: groundA * excitedB },
    { e: (w1 - w2) / 2, p: excitedA * groundB },
    { e: (w1 + w2) / 2, p: excitedA * excitedB },
  ].sort((a, b) => a.e - b.e);
  return { excitedA, excitedB, populations: states.map((s) => s.p) };
}

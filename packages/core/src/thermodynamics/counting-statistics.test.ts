import { describe, expect, it } from "vitest";
import { ParameterError } from "../errors/parameter-error";
import { ResourceError } from "../errors/resource-error";
import { ComplexMatrix } from "../linalg/complex-matrix";
import { scale } from "../linalg/kernels";
import { buildGenerator } from "../master-equation/build-generator";
import { sigmaPlus, sigmaZ } from "../operators/builders";
import { Operator } from "../operators/operator";
import { populationRates, steadyState } from "../steady-state/steady-state";
import { openSystem } from "../system/open-system";
import { flatSpectrum } from "../system/spectral-density";
import { randomChain } from "../testing/random-chain";
import { nBose } from "./bose";
import {
  type ComplexPair,
  countingStatistics,
  rateFunction,
  scaledCumulantGeneratingFunction,
  TiltedEigenvalue,
} from "./counting-statistics";
import { entropyProduction } from "./entropy-production";
import { fluctuationAudit } from "./fluctuation-audit";
import { heatCurrents } from "./heat-current";

/** Agreement of the cumulant recursion with a closed form or another method (rounding of a few solves). */
const CUMULANT_AGREEMENT = 1e-9;
/** theta(chi) by continuation against a closed form (Newton converged to SCGF_NEWTON_TOLERANCE). */
const SCGF_AGREEMENT = 1e-10;
/** Points of the trapezoidal rule on a circle for Taylor coefficients (exponentially accurate). */
const CAUCHY_POINTS = 48;

const OMEGA = 1.3;
const RATES = { gA: 0.04, gB: 0.07, TA: 1.7, TB: 0.6 };

function singleQubit() {
  const bath = (name: string, g: number, temperature: number) => ({
    name,
    temperature,
    spectralDensity: flatSpectrum(g),
    couplings: [{ form: "rwa" as const, operator: sigmaPlus(), frequency: OMEGA }],
  });
  return openSystem({
    hamiltonian: Operator.of(scale(sigmaZ(), OMEGA / 2)),
    baths: [bath("A", RATES.gA, RATES.TA), bath("B", RATES.gB, RATES.TB)],
  });
}

const cmul = (a: ComplexPair, b: ComplexPair): ComplexPair => ({
  re: a.re * b.re - a.im * b.im,
  im: a.re * b.im + a.im * b.re,
});
const cexp = (a: ComplexPair): ComplexPair => ({
  re: Math.exp(a.re) * Math.cos(a.im),
  im: Math.exp(a.re) * Math.sin(a.im),
});
const csqrt = (a: ComplexPair): ComplexPair => {
  const r = Math.hypot(a.re, a.im);
  const re = Math.sqrt((r + a.re) / 2);
  const im = Math.sign(a.im || 1) * Math.sqrt(Math.max(0, (r - a.re) / 2));
  return { re, im };
};

/**
 * The single qubit's theta(s) (moment generating variable s = i chi, complex), counting bath A:
 * the two-state process with up rates u_X = g_X n_X and down rates w_X = g_X (1 + n_X), where an
 * absorption from A carries e^{s omega} and an emission into A e^{-s omega}:
 *   theta(s) = [-(U + W) + sqrt((U - W)^2 + 4 (u_A e^{s omega} + u_B)(w_A e^{-s omega} + w_B))] / 2.
 */
function qubitTheta(s: ComplexPair): ComplexPair {
  const nA = nBose(OMEGA, RATES.TA);
  const nB = nBose(OMEGA, RATES.TB);
  const uA = RATES.gA * nA;
  const uB = RATES.gB * nB;
  const wA = RATES.gA * (1 + nA);
  const wB = RATES.gB * (1 + nB);
  const up = cexp({ re: s.re * OMEGA, im: s.im * OMEGA });
  const down = cexp({ re: -s.re * OMEGA, im: -s.im * OMEGA });
  const f = cmul({ re: uA * up.re + uB, im: uA * up.im }, { re: wA * down.re + wB, im: wA * down.im });
  const delta = uA + uB - wA - wB;
  const root = csqrt({ re: delta * delta + 4 * f.re, im: 4 * f.im });
  return { re: (-(uA + uB + wA + wB) + root.re) / 2, im: root.im / 2 };
}

/** Taylor coefficients times n! (the derivatives at 0) of an analytic f, by the trapezoidal rule on |s| = r. */
function derivativesAtZero(f: (s: ComplexPair) => ComplexPair, r: number, orders: number): number[] {
  const out = new Array(orders).fill(0);
  for (let k = 0; k < CAUCHY_POINTS; k++) {
    const phi = (2 * Math.PI * k) / CAUCHY_POINTS;
    const v = f({ re: r * Math.cos(phi), im: r * Math.sin(phi) });
    for (let n = 1; n <= orders; n++) out[n - 1] += v.re * Math.cos(n * phi) + v.im * Math.sin(n * phi);
  }
  let factorial = 1;
  return out.map((sum, i) => {
    factorial *= i + 1;
    return (factorial * sum) / (CAUCHY_POINTS * r ** (i + 1));
  });
}

describe("countingStatistics: cumulants of the heat from one bath", () => {
  it("single qubit: c_1 .. c_4 equal the closed form's derivatives, c_1 the current (3.14)", () => {
    const generator = buildGenerator(singleQubit(), { approach: "global" });
    const stats = countingStatistics(generator, "A", { order: 4 });
    const exact = derivativesAtZero(qubitTheta, 0.4 / OMEGA, 4);
    stats.cumulants.forEach((c, n) => {
      expect(Math.abs(c - exact[n])).toBeLessThan(CUMULANT_AGREEMENT * Math.abs(exact[n]));
    });
    expect(Math.abs(stats.current - stats.heatCurrent)).toBeLessThan(
      CUMULANT_AGREEMENT * Math.abs(stats.current),
    );
    // The gross counted flow: omega times the total rate of jumps of bath A, u_A p_g + w_A p_e.
    const nA = nBose(OMEGA, RATES.TA);
    const nB = nBose(OMEGA, RATES.TB);
    const excited = (RATES.gA * nA + RATES.gB * nB) / (RATES.gA * (1 + 2 * nA) + RATES.gB * (1 + 2 * nB));
    const gross = OMEGA * (RATES.gA * nA * (1 - excited) + RATES.gA * (1 + nA) * excited);
    expect(Math.abs(stats.grossFlow - gross)).toBeLessThan(CUMULANT_AGREEMENT * gross);
  });

  it("a conserved charge does not change the cumulants (sector and full space agree)", () => {
    for (const approach of ["local", "global"] as const) {
      const withCharge = countingStatistics(buildGenerator(randomChain(3, 7, true), { approach }), "B");
      const without = countingStatistics(buildGenerator(randomChain(3, 7, false), { approach }), "B");
      withCharge.cumulants.forEach((c, n) => {
        expect(Math.abs(c - without.cumulants[n])).toBeLessThan(CUMULANT_AGREEMENT * Math.abs(c));
      });
    }
  });

  it("agrees with the derivatives of theta(chi) from the tilted generator's continued eigenvalue (local and global)", () => {
    for (const approach of ["local", "global"] as const) {
      const generator = buildGenerator(randomChain(2, 3, false), { approach });
      const stats = countingStatistics(generator, "A", { order: 3 });
      const tilted = new TiltedEigenvalue(generator, "A");
      // theta as a function of s = i chi: chi = -i s.
      const theta = (s: ComplexPair) => tilted.at({ re: s.im, im: -s.re });
      const numeric = derivativesAtZero(theta, 0.3, 3);
      stats.cumulants.forEach((c, n) => {
        expect(Math.abs(c - numeric[n])).toBeLessThan(1e3 * SCGF_AGREEMENT * Math.max(1e-3, Math.abs(c)));
      });
    }
  });

  it("global: the counted current is Tr[H D_X rho]; local: they differ (the local ME's energy bookkeeping)", () => {
    const global = countingStatistics(buildGenerator(randomChain(2, 5, false), { approach: "global" }), "A");
    expect(Math.abs(global.current - global.heatCurrent)).toBeLessThan(
      CUMULANT_AGREEMENT * Math.abs(global.current),
    );
    const local = countingStatistics(buildGenerator(randomChain(2, 5, false), { approach: "local" }), "A");
    expect(Math.abs(local.current - local.heatCurrent)).toBeGreaterThan(1e-6 * Math.abs(local.current));
  });

  it("global (a classical jump process): the thermodynamic uncertainty relation holds on random chains", () => {
    for (const seed of [1, 2, 3, 4]) {
      const generator = buildGenerator(randomChain(3, seed, false), { approach: "global" });
      const state = steadyState(generator);
      const sigma = entropyProduction(heatCurrents(generator, state), generator.system.baths);
      for (const bath of ["A", "B"]) {
        const s = countingStatistics(generator, bath, { order: 2 });
        expect((s.noise * sigma) / (2 * s.current ** 2)).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it("refuses Redfield, an unknown bath and a bad order with typed errors", () => {
    expect(() => countingStatistics(buildGenerator(singleQubit(), { approach: "redfield" }), "A")).toThrow(
      ParameterError,
    );
    const generator = buildGenerator(singleQubit(), { approach: "global" });
    expect(() => countingStatistics(generator, "C")).toThrow(/one of the system's baths \(A, B\)/);
    expect(() => countingStatistics(generator, "A", { order: 0 })).toThrow(ParameterError);
    expect(() => countingStatistics(generator, "A", { order: 2.5 })).toThrow(ParameterError);
  });
});

describe("scaledCumulantGeneratingFunction: the continued eigenvalue of the tilted generator", () => {
  it("single qubit: equals the closed form at real, imaginary and complex chi", () => {
    const generator = buildGenerator(singleQubit(), { approach: "global" });
    for (const chi of [
      { re: 0.7, im: 0 },
      { re: 3.1, im: 0 },
      { re: 0, im: -0.8 },
      { re: 0, im: 1.5 },
      { re: 1.2, im: 0.4 },
    ]) {
      const got = scaledCumulantGeneratingFunction(generator, "A", chi);
      // s = i chi
      const want = qubitTheta({ re: -chi.im, im: chi.re });
      expect(Math.abs(got.re - want.re)).toBeLessThan(SCGF_AGREEMENT);
      expect(Math.abs(got.im - want.im)).toBeLessThan(SCGF_AGREEMENT);
    }
    const origin = scaledCumulantGeneratingFunction(generator, "A", 0);
    expect(Math.hypot(origin.re, origin.im)).toBeLessThan(SCGF_AGREEMENT);
  });

  it("global: the exchange fluctuation theorem theta_A(chi) = theta_A(-chi + i (1/T_B - 1/T_A))", () => {
    const system = randomChain(3, 9, false);
    const generator = buildGenerator(system, { approach: "global" });
    const [a, b] = system.baths;
    const shift = 1 / b.temperature - 1 / a.temperature;
    const tilted = new TiltedEigenvalue(generator, "A");
    for (const chi of [
      { re: 0.4, im: 0 },
      { re: 0, im: -0.3 },
      { re: 1.1, im: 0.2 },
    ]) {
      const left = tilted.at(chi);
      const right = tilted.at({ re: -chi.re, im: -chi.im + shift });
      expect(Math.abs(left.re - right.re)).toBeLessThan(SCGF_AGREEMENT);
      expect(Math.abs(left.im - right.im)).toBeLessThan(SCGF_AGREEMENT);
    }
  });

  it("refuses what it cannot do: d > SCGF_MAX_DIMENSION, a non-finite chi", () => {
    const big = buildGenerator(randomChain(5, 1, true), { approach: "local" });
    expect(() => scaledCumulantGeneratingFunction(big, "A", 0.1)).toThrow(ResourceError);
    const generator = buildGenerator(singleQubit(), { approach: "global" });
    expect(() => scaledCumulantGeneratingFunction(generator, "A", Number.NaN)).toThrow(ParameterError);
  });
});

describe("fluctuationAudit: noise, Fano factor, TUR and the exchange fluctuation theorem per bath", () => {
  it("global chain: the TUR is guaranteed and holds, the fluctuation theorem holds", () => {
    const audit = fluctuationAudit(buildGenerator(randomChain(3, 4, false), { approach: "global" }));
    expect(audit.turGuaranteed).toBe(true);
    expect(audit.entropyProduction).toBeGreaterThan(0);
    // sigma of the counted currents equals the audit's sigma of Tr[H D rho] (global: they agree).
    const generator = buildGenerator(randomChain(3, 4, false), { approach: "global" });
    const sigma = entropyProduction(heatCurrents(generator, steadyState(generator)), generator.system.baths);
    expect(Math.abs(audit.entropyProduction - sigma)).toBeLessThan(CUMULANT_AGREEMENT * sigma);
    for (const b of audit.baths) {
      expect(b.tur).toBe("holds");
      expect(b.turRatio).toBeGreaterThanOrEqual(1);
    }
    expect(audit.exchangeFluctuationTheorem?.verdict).toBe("holds");
    expect(audit.exchangeFluctuationTheorem?.guaranteed).toBe(true);
  });

  it("a local generator is not guaranteed the TUR; a single qubit's Fano factor is omega coth-like: omega <= F", () => {
    const local = fluctuationAudit(buildGenerator(randomChain(2, 6, false), { approach: "local" }));
    expect(local.turGuaranteed).toBe(false);
    expect(local.exchangeFluctuationTheorem?.guaranteed).toBe(false);
    const qubit = fluctuationAudit(buildGenerator(singleQubit(), { approach: "global" }));
    // Every jump moves +-omega, so Var(Q) >= omega |<Q>| (the counted jumps' variance dominates the net count's mean).
    for (const b of qubit.baths) expect(b.fano).toBeGreaterThanOrEqual(OMEGA);
  });
});

describe("rateFunction: the Legendre transform of theta", () => {
  it("single qubit: zero at the mean current, positive elsewhere, and near the mean the Gaussian (j - J)^2 / (2 S)", () => {
    const generator = buildGenerator(singleQubit(), { approach: "global" });
    const stats = countingStatistics(generator, "A", { order: 2 });
    expect(rateFunction(generator, "A", stats.current)).toBeLessThan(1e-12);
    const dj = 0.02 * Math.sqrt(stats.noise);
    for (const j of [stats.current - dj, stats.current + dj]) {
      const gaussian = (j - stats.current) ** 2 / (2 * stats.noise);
      const got = rateFunction(generator, "A", j);
      // The cubic term of the expansion: relative O(c_3 dj / S^2).
      expect(Math.abs(got - gaussian)).toBeLessThan(0.1 * gaussian);
    }
    // Far from the mean: the closed form's Legendre transform, by a dense scan of s.
    const j = stats.current + 5 * Math.sqrt(stats.noise) * 0.05;
    let best = 0;
    for (let k = -4000; k <= 4000; k++) {
      const s = (k / 4000) * (3 / OMEGA);
      best = Math.max(best, s * j - qubitTheta({ re: s, im: 0 }).re);
    }
    expect(Math.abs(rateFunction(generator, "A", j) - best)).toBeLessThan(1e-6 * best);
  });
});

describe("theta(s) far from s = 0: the balanced continuation stays accurate", () => {
  it("a two-level system with a hot and a cold bath, |s| eps up to 12: the two-state closed form to 1e-10", () => {
    const h = ComplexMatrix.fromReal([
      [0, 0],
      [0, 2],
    ]);
    const coupling = (x: number) =>
      Operator.of(
        ComplexMatrix.from([
          [
            { re: 0.2, im: 0.2 },
            { re: 0.2, im: 0.2 },
          ],
          [
            { re: 0.2, im: x },
            { re: 0.2, im: 0.2 },
          ],
        ]),
      );
    const system = openSystem({
      hamiltonian: Operator.of(h),
      baths: [
        {
          name: "A",
          temperature: 3.4,
          spectralDensity: flatSpectrum(0.007),
          couplings: [{ form: "rwa", operator: coupling(0.99) }],
        },
        {
          name: "B",
          temperature: 0.2,
          spectralDensity: flatSpectrum(0.005),
          couplings: [{ form: "rwa", operator: coupling(0.2) }],
        },
      ],
    });
    const generator = buildGenerator(system, { approach: "global" });
    const w = populationRates(generator);
    const wA = populationRates(generator, "A");
    // Two states (E = 0, 2): an absorption from A carries e^{2 s}, an emission into A e^{-2 s}.
    const exact = (s: number) => {
      const up = w[0][1];
      const down = w[1][0];
      const upS = up - wA[0][1] + wA[0][1] * Math.exp(2 * s);
      const downS = down - wA[1][0] + wA[1][0] * Math.exp(-2 * s);
      const trace = -(up + down);
      return (trace + Math.sqrt(trace * trace - 4 * (up * down - upS * downS))) / 2;
    };
    const tilted = new TiltedEigenvalue(generator, "A");
    for (const s of [-6, -4, 1.4, 3]) {
      const got = tilted.at({ re: 0, im: -s }).re;
      expect(Math.abs(got - exact(s))).toBeLessThan(1e-10 * Math.abs(exact(s)));
    }
  });
});

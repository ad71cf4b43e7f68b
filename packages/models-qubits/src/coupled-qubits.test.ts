import {
  bohrTolerance,
  buildGenerator,
  DimensionError,
  embed,
  flatSpectrum,
  grossEnergyFlow,
  maxAbsDiff,
  openSystem,
  ParameterError,
  populationRates,
  redfieldKernelEigen,
  secularFilter,
  sigmaPlus,
  superToEigenbasis,
  thermalState,
  vecIndex,
} from "@liouville/core";
import { maxRelativeError, relativeError, seededRandom } from "@liouville/core/testing";
import { describe, expect, it } from "vitest";
import { coupledQubits } from "./coupled-qubits";
import {
  coupledQubitsAnalytic,
  coupledQubitsCurrentLimits,
  coupledQubitsHighTemperatureRates,
  coupledQubitsKernels,
  coupledQubitsProductState,
  coupledQubitsRates,
  coupledQubitsSpectrum,
} from "./coupled-qubits-analytic";
import { modelParameters } from "./parameters";
import { steadyReport } from "./steady-report";

/** Numerics against closed forms, relative to each quantity's own size. */
const CLOSED_FORM_RELATIVE = 1e-10;
/**
 * Absolute floor for currents, relative to the gross energy flow (see grossEnergyFlow): a current
 * that vanishes exactly (detailed balance, lambda = 0) comes out as rounding of the gross flow.
 */
const GROSS_FLOW_ROUNDING = 1e-14;
/** Kernel entries against (3.42)-(3.43). */
const KERNEL_RELATIVE = 1e-12;
/** Secular(Redfield) vs global, absolute, relative to the largest rate. */
const SECULAR_AGREEMENT = 1e-13;

const T_N30 = 1 / Math.log(1e30);
const TEMPERATURES = [0, T_N30, 0.1, 1, 10, 1000];
const GEOMETRIES = [
  { omega1: 1.2, omega2: 1, lambda: 0.1 },
  { omega1: 1, omega2: 1.5, lambda: 0.3 },
  { omega1: 1, omega2: 1, lambda: 0.2 },
  { omega1: 1.3, omega2: 0.8, lambda: 0 },
  { omega1: 1.2, omega2: 1, lambda: 1e-6 },
  { omega1: 1.2, omega2: 1, lambda: 0.999 * Math.sqrt(1.2) },
];
const SPECTRA = [{ spectrum: "flat" }, { spectrum: "ohmic", cutoff: 2 }];

const grid = GEOMETRIES.flatMap((geo) =>
  SPECTRA.flatMap((s) =>
    TEMPERATURES.flatMap((TA) =>
      TEMPERATURES.filter((TB) => TB !== TA).map((TB) => ({ ...geo, ...s, TA, TB, gA: 0.02, gB: 0.03 })),
    ),
  ),
);

describe("coupled-qubits global generator against the closed forms", () => {
  it("the population blocks equal K^A (3.42) and K^B (3.43) entry by entry", () => {
    for (const input of grid.filter((_, k) => k % 7 === 0)) {
      const p = modelParameters(coupledQubits, input);
      const gen = buildGenerator(coupledQubits.build(p), { approach: "global" });
      const kernels = coupledQubitsKernels(p);
      for (const bath of ["A", "B"] as const) {
        const w = populationRates(gen, bath);
        for (let n = 0; n < 4; n++) {
          let out = 0;
          for (let q = 0; q < 4; q++) if (q !== n) out += w[n][q];
          for (let m = 0; m < 4; m++) {
            const numeric = m === n ? -out : w[m][n];
            expect(
              relativeError(numeric, kernels[bath][n][m]),
              `${bath}[${n}][${m}] ${JSON.stringify(input)}`,
            ).toBeLessThanOrEqual(KERNEL_RELATIVE);
          }
        }
      }
    }
  });

  it("populations (3.46)-(3.49), currents (3.50)-(3.51) and channel currents (3.52)-(3.57) to relative 1e-10", () => {
    for (const input of grid) {
      const r = steadyReport(coupledQubits, input, "global");
      const a = r.analytic!;
      const where = JSON.stringify(input);
      expect(r.state!.method, where).toBe("rate-equation");
      expect(maxRelativeError(r.state!.populations, a.populations), where).toBeLessThanOrEqual(
        CLOSED_FORM_RELATIVE,
      );
      const close = (x: number, y: number, what: string) =>
        expect(relativeError(x, y), `${what} ${where}`).toBeLessThanOrEqual(CLOSED_FORM_RELATIVE);
      close(r.audit.currents.A, a.currents.A, "qA");
      close(r.audit.currents.B, a.currents.B, "qB");
      for (const ch of a.channels!) {
        const numeric = r.channels.filter((c) => c.bath === ch.bath && Math.abs(c.omega! - ch.omega) < 1e-9);
        close(
          numeric.reduce((s, c) => s + c.current, 0),
          ch.current,
          `channel ${ch.bath} ${ch.omega}`,
        );
      }
    }
  });

  it("lambda = 1e-12: the current keeps its sign and its size to the accuracy of the mixing angle", () => {
    // The eigenvectors are accurate to about eps ||H|| absolutely, so beta ~ lambda/|dw| = 4e-12
    // carries a relative error ~ 1e-16/4e-12; rates scale as beta^2. Populations and currents are
    // as accurate as that, and no worse: no cancellation is added on top (edge decomposition).
    const input = { omega1: 1, omega2: 1.5, lambda: 1e-12, TA: 2, TB: 0.5, gA: 0.02, gB: 0.03 };
    const r = steadyReport(coupledQubits, input, "global");
    const a = r.analytic!;
    const beta = coupledQubitsSpectrum(modelParameters(coupledQubits, input)).beta;
    const mixingAccuracy = (4 * Number.EPSILON * 1.5) / Math.min(beta, 1 - beta);
    expect(Math.sign(r.audit.currents.A)).toBe(1);
    expect(relativeError(r.audit.currents.A, a.currents.A)).toBeLessThan(mixingAccuracy);
    expect(relativeError(r.audit.currents.B, a.currents.B)).toBeLessThan(mixingAccuracy);
    expect(r.audit.secondLaw).toBe("ok");
  });

  it("gB = 0: Gibbs state of bath A and no current", () => {
    const p = modelParameters(coupledQubits, { gB: 0, TA: 0.7, TB: 3 });
    const r = steadyReport(coupledQubits, p, "global");
    const gibbs = thermalState(r.generator!.system.hamiltonian, 0.7);
    expect(maxAbsDiff(r.state!.rho, gibbs)).toBeLessThan(1e-14);
    expect(r.audit.currents.A).toBe(0);
    expect(r.audit.currents.B).toBe(0);
  });

  it("lambda = 0: the product state (4.6)-(4.11) and zero current", () => {
    for (const geo of [
      { omega1: 1.2, omega2: 1 },
      { omega1: 0.7, omega2: 1.4 },
    ]) {
      const input = { ...geo, lambda: 0, TA: 2, TB: 0.5, spectrumB: "ohmic" };
      const product = coupledQubitsProductState(modelParameters(coupledQubits, input));
      const r = steadyReport(coupledQubits, input, "global");
      expect(maxRelativeError(r.populations!, product.populations)).toBeLessThan(CLOSED_FORM_RELATIVE);
      // Each qubit's excited population is its own bath's Boltzmann factor (4.10)-(4.11).
      expect(
        relativeError(product.excitedA / (1 - product.excitedA), Math.exp(-geo.omega1 / 2)),
      ).toBeLessThan(1e-14);
    }
    const r = steadyReport(coupledQubits, { lambda: 0, TA: 2, TB: 0.5 }, "global");
    const a = r.analytic!;
    expect(a.currents.A).toBe(0);
    expect(r.audit.currents.A).toBe(0);
    expect(maxRelativeError(r.state!.populations, a.populations)).toBeLessThan(CLOSED_FORM_RELATIVE);
  });

  it("omega1 = omega2 and lambda = 0: degenerate levels, the closed form says it does not apply", () => {
    const r = steadyReport(coupledQubits, { omega1: 1, omega2: 1, lambda: 0, TA: 2, TB: 0.5 }, "global");
    expect(r.analytic).toBeNull();
    expect(Math.abs(r.audit.currents.A)).toBeLessThanOrEqual(
      GROSS_FLOW_ROUNDING * grossEnergyFlow(r.generator!, r.state!),
    );
  });
});

describe("coupled-qubits limits (4.12)-(4.19)", () => {
  it("high temperature: channel currents (4.12)-(4.13) with relative error O(omega/T)", () => {
    for (const T of [10, 100, 1000]) {
      const p = modelParameters(coupledQubits, { TA: 1.5 * T, TB: T, lambda: 0.3 });
      const a = coupledQubitsAnalytic(p)!;
      const lim = coupledQubitsCurrentLimits(p).highTemperature;
      const { omegaPlus } = coupledQubitsSpectrum(p);
      expect(relativeError(lim.plus, a.channels![1].current)).toBeLessThan(omegaPlus / T);
      expect(relativeError(lim.minus, a.channels![0].current)).toBeLessThan(omegaPlus / T);
    }
  });

  it("high temperature: rates with the mixing factors of paper-corrections item 5, populations -> 1/4 at O(omega/T)", () => {
    const T = 1e4;
    const p = modelParameters(coupledQubits, { TA: T, TB: T / 2, lambda: 0.3 });
    const r = steadyReport(coupledQubits, p, "global");
    const hi = coupledQubitsHighTemperatureRates(p);
    const r0 = coupledQubitsKernels(p);
    // A_{++} of the exact kernel sits at K^A[3][1] (3.42) and tends to alpha^2 g T/omega+.
    expect(relativeError(r0.A[3][1], hi.App)).toBeLessThan(2 / T);
    expect(relativeError(r0.B[2][3], hi.Bpm)).toBeLessThan(2 / T);
    for (const pop of r.state!.populations) expect(Math.abs(pop - 0.25)).toBeLessThan(2 / T);
  });

  it("low temperature: channel currents (4.16)-(4.17) with relative error O(exp(-omega-/T_max))", () => {
    for (const T of [0.02, 0.04, 0.08]) {
      const p = modelParameters(coupledQubits, { TA: T, TB: T / 2, lambda: 0.3 });
      const a = coupledQubitsAnalytic(p)!;
      const lim = coupledQubitsCurrentLimits(p).lowTemperature;
      const { omegaMinus } = coupledQubitsSpectrum(p);
      // The neglected terms are O(e^{-omega-/T}); below about 1e-15 rounding of the two forms dominates.
      const bound = 3 * Math.exp(-omegaMinus / T) + 1e-15;
      expect(relativeError(lim.plus, a.channels![1].current)).toBeLessThan(bound);
      expect(relativeError(lim.minus, a.channels![0].current)).toBeLessThan(bound);
    }
  });
});

describe("coupled-qubits Redfield kernel", () => {
  const base = { omega1: 1.2, omega2: 1, lambda: 0.1, gA: 0.01, gB: 0.01, TA: 2, TB: 0.5 };

  it("its secular part equals the global generator, bath by bath", () => {
    for (const input of [
      base,
      { ...base, spectrum: "ohmic", cutoff: 2 },
      { ...base, omega1: 1, omega2: 1, lambda: 0 },
    ]) {
      const p = modelParameters(coupledQubits, input);
      const sys = coupledQubits.build(p);
      const global = buildGenerator(sys, { approach: "global" });
      const tol = bohrTolerance(global.eigen.values);
      sys.baths.forEach((bath, b) => {
        const secular = secularFilter(
          redfieldKernelEigen(bath, b, global.eigen, tol),
          global.eigen.values,
          tol,
        );
        const davies = superToEigenbasis(global.bathDissipators.get(bath.name)!.toDense(), global.eigen);
        expect(maxAbsDiff(secular, davies)).toBeLessThan(SECULAR_AGREEMENT);
      });
    }
  });

  it("the Gibbs state is exactly stationary when TA = TB (paper-corrections item 10)", () => {
    for (const T of [0.3, 1, 5]) {
      const p = modelParameters(coupledQubits, { ...base, TA: T, TB: T, spectrumB: "ohmic" });
      const r = steadyReport(coupledQubits, p, "redfield");
      const gibbs = thermalState(r.generator!.system.hamiltonian, T);
      expect(maxAbsDiff(r.state!.rho, gibbs)).toBeLessThan(1e-13);
      expect(Math.abs(r.audit.currents.A)).toBeLessThan(1e-16);
    }
  });

  it("the steady rho_23 is small, nonzero, and obeys eq. (4.30) with the terms of paper-corrections item 7", () => {
    const p = modelParameters(coupledQubits, base);
    const r = steadyReport(coupledQubits, p, "redfield");
    const rho = r.state!.rhoEigen;
    const rho23 = { re: rho.re(1, 2), im: rho.im(1, 2) };
    expect(Math.hypot(rho23.re, rho23.im)).toBeGreaterThan(1e-6);
    expect(Math.hypot(rho23.re, rho23.im)).toBeLessThan(0.05);
    // Steady (4.30): (i E - C) rho23 = B1 rho11 + B4 rho44 + K_{23,22} rho22 + K_{23,33} rho33, E = E2 - E3.
    const gen = r.generator!;
    const tol = bohrTolerance(gen.eigen.values);
    const kernels = gen.system.baths.map((bath, b) => redfieldKernelEigen(bath, b, gen.eigen, tol));
    const d = 4;
    const el = (a: number, b: number, c: number, e: number) => {
      const i = vecIndex(a, b, d);
      const j = vecIndex(c, e, d);
      // Kernel K summed over the baths, plus -i (E_a - E_b) on the diagonal (eq. (2.2)).
      const hamiltonian = i === j ? -(gen.eigen.values[a] - gen.eigen.values[b]) : 0;
      return {
        re: kernels.reduce((s, k) => s + k.re(i, j), 0),
        im: kernels.reduce((s, k) => s + k.im(i, j), 0) + hamiltonian,
      };
    };
    let drive = 0;
    let driveIm = 0;
    let correctionPart = 0;
    for (let q = 0; q < 4; q++) {
      const kq = el(1, 2, q, q);
      drive += kq.re * rho.re(q, q);
      driveIm += kq.im * rho.re(q, q);
      if (q === 1 || q === 2) correctionPart += Math.hypot(kq.re, kq.im);
    }
    expect(correctionPart).toBeGreaterThan(0); // K_{23,22}, K_{23,33} are not zero
    // C = K_{23,23} = -(1/2) sum_{p,q = +-} (A_pq + B_pq), the text after (4.31), from the rates (3.34)-(3.41).
    const rates = coupledQubitsRates(p);
    const cPaper = -0.5 * Object.values(rates).reduce((s, x) => s + x, 0);
    expect(relativeError(el(1, 2, 1, 2).re, cPaper)).toBeLessThan(1e-12);
    // The (23,23) entry of the full generator is C - iE.
    const diag = el(1, 2, 1, 2);
    // 0 = diag * rho23 + drive (+ K_{23,32} rho32 = 0 here): rho23 = -drive / diag.
    const den = diag.re * diag.re + diag.im * diag.im;
    const predRe = -(drive * diag.re + driveIm * diag.im) / den;
    const predIm = -(driveIm * diag.re - drive * diag.im) / den;
    expect(Math.hypot(el(1, 2, 2, 1).re, el(1, 2, 2, 1).im)).toBe(0);
    expect(Math.hypot(predRe - rho23.re, predIm - rho23.im)).toBeLessThan(
      1e-12 * Math.hypot(rho23.re, rho23.im) + 1e-17,
    );
  });

  it("rho_23 vanishes at lambda = 0, at TA = TB, and with one bath off (paper-corrections item 8)", () => {
    for (const input of [
      { ...base, lambda: 0 },
      { ...base, TB: base.TA },
      { ...base, gB: 0 },
    ]) {
      const r = steadyReport(coupledQubits, input, "redfield");
      expect(
        Math.hypot(r.state!.rhoEigen.re(1, 2), r.state!.rhoEigen.im(1, 2)),
        JSON.stringify(input),
      ).toBeLessThan(1e-15);
    }
  });

  it("|rho_23| scales as g / |E3 - E2|: slope 1 in g, slope -1 in |E3 - E2|", () => {
    const coherence = (input: object) => {
      const r = steadyReport(coupledQubits, { ...base, ...input }, "redfield");
      return Math.hypot(r.state!.rhoEigen.re(1, 2), r.state!.rhoEigen.im(1, 2));
    };
    const slope = (x1: number, y1: number, x2: number, y2: number) => Math.log(y2 / y1) / Math.log(x2 / x1);
    const gSlope = slope(1e-4, coherence({ gA: 1e-4, gB: 1e-4 }), 1e-3, coherence({ gA: 1e-3, gB: 1e-3 }));
    expect(Math.abs(gSlope - 1)).toBeLessThan(0.01);
    // Resonant qubits: |E3 - E2| = 2 lambda; g = 1e-4 << 2 lambda.
    const gap = (lambda: number) => 2 * lambda;
    const c1 = coherence({ omega1: 1, omega2: 1, lambda: 0.05, gA: 1e-4, gB: 1e-4 });
    const c2 = coherence({ omega1: 1, omega2: 1, lambda: 0.1, gA: 1e-4, gB: 1e-4 });
    expect(Math.abs(slope(gap(0.05), c1, gap(0.1), c2) + 1)).toBeLessThan(0.1);
  });

  it("Redfield currents differ from the secular ones at second order in g/|E3 - E2|", () => {
    const diff = (g: number) => {
      const input = { ...base, gA: g, gB: g };
      const rf = steadyReport(coupledQubits, input, "redfield").audit.currents.A;
      const gl = steadyReport(coupledQubits, input, "global").audit.currents.A;
      return Math.abs(rf - gl) / Math.abs(gl);
    };
    const s = Math.log(diff(1e-3) / diff(1e-4)) / Math.log(10);
    expect(Math.abs(s - 2)).toBeLessThan(0.1);
  });
});

describe("coupled-qubits thermodynamics under the global generator", () => {
  it("first law and second law over seeded random parameters", () => {
    const rand = seededRandom(11);
    for (let trial = 0; trial < 200; trial++) {
      const omega1 = 0.2 + 2 * rand();
      const omega2 = 0.2 + 2 * rand();
      const input = {
        omega1,
        omega2,
        lambda: 0.99 * rand() * Math.sqrt(omega1 * omega2),
        gA: 0.1 * rand(),
        gB: 0.1 * rand(),
        TA: 5 * rand(),
        TB: 5 * rand(),
        spectrumA: rand() < 0.5 ? "flat" : "ohmic",
        spectrumB: rand() < 0.5 ? "flat" : "ohmic",
        cutoff: 0.5 + 3 * rand(),
      };
      const r = steadyReport(coupledQubits, input, "global");
      const gross = r.generator!.channels.flatMap((c) => c.jumps).reduce((s, j) => s + j.rate, 0) * 4;
      expect(Math.abs(r.audit.currents.A + r.audit.currents.B)).toBeLessThanOrEqual(1e-14 * gross);
      expect(r.audit.entropyProduction, JSON.stringify(input)).toBeGreaterThanOrEqual(0);
      expect(r.audit.currents.A * (input.TA - input.TB)).toBeGreaterThanOrEqual(0);
    }
  });
});

describe("coupled-qubits bad input", () => {
  it("lambda >= sqrt(omega1 omega2) names lambda and the bound", () => {
    expect(() => modelParameters(coupledQubits, { lambda: 1.1 })).toThrow(ParameterError);
    expect(() => modelParameters(coupledQubits, { lambda: 1.1 })).toThrow(
      /lambda must be < sqrt\(omega1\*omega2\)/,
    );
  });

  it("negative rates and temperatures are rejected", () => {
    expect(() => modelParameters(coupledQubits, { gA: -0.1 })).toThrow(/gA must be >= 0/);
    expect(() => modelParameters(coupledQubits, { TB: -2 })).toThrow(/TB must be >= 0/);
  });

  it("a coupling operator of the wrong dimension is rejected at the entry point", () => {
    const p = modelParameters(coupledQubits, {});
    const sys = coupledQubits.build(p);
    expect(() =>
      openSystem({
        hamiltonian: sys.hamiltonian,
        baths: [
          {
            name: "A",
            temperature: 1,
            spectralDensity: flatSpectrum(0.1),
            couplings: [{ form: "rwa", operator: sigmaPlus() }],
          },
        ],
      }),
    ).toThrow(DimensionError);
    expect(() =>
      openSystem({
        hamiltonian: sys.hamiltonian,
        baths: [
          {
            name: "A",
            temperature: 1,
            spectralDensity: flatSpectrum(0.1),
            couplings: [{ form: "rwa", operator: embed(sigmaPlus(), 0, [2, 2, 2]) }],
          },
        ],
      }),
    ).toThrow(/couplings\[0\]\.operator must have dimension 4x4/);
  });
});

describe("coupled-qubits near the edges of the parameter space", () => {
  it("lambda so close to sqrt(omega1 omega2) that omega- is unresolvable is refused naming lambda", () => {
    expect(() => modelParameters(coupledQubits, { lambda: 1.095445115 })).toThrow(
      /lambda must be < sqrt\(omega1\*omega2\)/,
    );
    expect(() => modelParameters(coupledQubits, { lambda: 1.095 })).not.toThrow();
  });

  it("E3 - E2 below the Bohr resolution counts as degenerate: no closed form, no false verdict", () => {
    const r = steadyReport(coupledQubits, { omega1: 1, omega2: 1, lambda: 1e-12, TA: 2, TB: 0.5 }, "global");
    expect(r.analytic).toBeNull();
    expect(r.audit.secondLaw).toBe("ok");
  });
});

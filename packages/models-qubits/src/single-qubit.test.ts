import {
  buildGenerator,
  countingStatistics,
  entropyProduction,
  heatCurrents,
  maxAbsDiff,
  ParameterError,
  scaledCumulantGeneratingFunction,
  steadyState,
  UnknownIdError,
} from "@liouville/core";
import { maxRelativeError, relativeError } from "@liouville/core/testing";
import { describe, expect, it } from "vitest";
import { modelParameters } from "./parameters";
import {
  singleQubit,
  singleQubitAnalytic,
  singleQubitCurrentLimits,
  singleQubitHeatStatistics,
  singleQubitLowTemperatureRatio,
  singleQubitRatio,
} from "./single-qubit";
import { steadyReport } from "./steady-report";

/** Numerics against closed forms, relative to each quantity's own size. */
const CLOSED_FORM_RELATIVE = 1e-10;
/** First-law residual relative to the gross energy flow through the qubit. */
const FIRST_LAW_ROUNDING = 1e-14;
/** local vs global Liouvillians of one qubit: equal to rounding. */
const ROUNDING = 1e-14;

// omega0 / ln(1e30) puts n(omega0) near 1e-30.
const T_N30 = 1 / Math.log(1e30);
const TEMPERATURES = [0, T_N30, 0.05, 0.3, 1, 7, 1000];
const SPECTRA = [{ spectrum: "flat" }, { spectrum: "ohmic", cutoff: 3 }];

const grid = SPECTRA.flatMap((s) =>
  TEMPERATURES.flatMap((TA) =>
    TEMPERATURES.filter((TB) => TB !== TA).map((TB) => ({ ...s, TA, TB, gA: 0.02, gB: 0.05 })),
  ),
);

describe("single-qubit: numerics against eqs. (3.12)-(3.15)", () => {
  it.each(["global", "local"] as const)(
    "%s: populations and both currents to relative 1e-10 over the grid",
    (approach) => {
      for (const input of grid) {
        const r = steadyReport(singleQubit, input, approach);
        const a = r.analytic!;
        const where = JSON.stringify(input);
        expect(maxRelativeError(r.state!.populations, a.populations), where).toBeLessThanOrEqual(
          CLOSED_FORM_RELATIVE,
        );
        expect(relativeError(r.audit.currents.A, a.currents.A), where).toBeLessThanOrEqual(
          CLOSED_FORM_RELATIVE,
        );
        expect(relativeError(r.audit.currents.B, a.currents.B), where).toBeLessThanOrEqual(
          CLOSED_FORM_RELATIVE,
        );
      }
    },
  );

  it("n near 1e-30: the excited population and the current are resolved, not noise", () => {
    const r = steadyReport(singleQubit, { TA: T_N30, TB: 0 });
    expect(r.state!.populations[1]).toBeGreaterThan(1e-31);
    expect(r.state!.populations[1]).toBeLessThan(1e-29);
    expect(r.audit.currents.A).toBeGreaterThan(0);
    expect(r.audit.entropyProduction).toBeGreaterThan(0);
  });

  it("gB = 0: Boltzmann populations at TA and zero current", () => {
    for (const TA of [0.1, 1, 10]) {
      const r = steadyReport(singleQubit, { TA, TB: 0.3, gB: 0 });
      expect(
        relativeError(r.state!.populations[1] / r.state!.populations[0], Math.exp(-1 / TA)),
      ).toBeLessThan(CLOSED_FORM_RELATIVE);
      expect(r.audit.currents.A).toBe(0);
      expect(r.audit.currents.B).toBe(0);
    }
  });

  it("first law qA + qB = 0, second law sigma >= 0, and the current changes sign exactly when TA and TB swap", () => {
    for (const input of grid) {
      const r = steadyReport(singleQubit, input);
      // Each current is a sum of gross fluxes of size up to omega0 * sum of rates; the first law
      // holds to rounding relative to that gross flow (at T = 1000 it exceeds the net current 1e3-fold).
      const grossFlow = r.generator!.channels.flatMap((c) => c.jumps).reduce((s, j) => s + j.rate, 0);
      expect(Math.abs(r.audit.currents.A + r.audit.currents.B)).toBeLessThanOrEqual(
        FIRST_LAW_ROUNDING * grossFlow,
      );
      expect(r.audit.entropyProduction).toBeGreaterThanOrEqual(0);
      expect(Math.sign(r.audit.currents.A)).toBe(Math.sign(input.TA - input.TB));
      const swapped = steadyReport(singleQubit, {
        ...input,
        TA: input.TB,
        TB: input.TA,
        gA: input.gB,
        gB: input.gA,
      });
      expect(relativeError(swapped.audit.currents.B, r.audit.currents.A)).toBeLessThanOrEqual(
        CLOSED_FORM_RELATIVE,
      );
    }
    expect(steadyReport(singleQubit, { TA: 0.7, TB: 0.7 }).audit.currents.A).toBeCloseTo(0, 18);
  });

  it("redfield agrees with global for one qubit (no secular terms to drop in the populations)", () => {
    const input = { TA: 2, TB: 0.5, gA: 0.02, gB: 0.05 };
    const g = steadyReport(singleQubit, input, "global");
    const rf = steadyReport(singleQubit, input, "redfield");
    expect(maxAbsDiff(g.state!.rho, rf.state!.rho)).toBeLessThan(1e-12);
    expect(relativeError(rf.audit.currents.A, g.audit.currents.A)).toBeLessThan(1e-9);
  });

  it("global equals local to rounding error (Liouvillians and dissipators)", () => {
    const p = modelParameters(singleQubit, { TA: 1.5, TB: 0.2, spectrum: "ohmic" });
    const sys = singleQubit.build(p);
    const g = buildGenerator(sys, { approach: "global" });
    const l = buildGenerator(sys, { approach: "local" });
    expect(maxAbsDiff(g.liouvillian.toDense(), l.liouvillian.toDense())).toBeLessThan(ROUNDING);
    for (const bath of ["A", "B"])
      expect(
        maxAbsDiff(g.bathDissipators.get(bath)!.toDense(), l.bathDissipators.get(bath)!.toDense()),
      ).toBeLessThan(ROUNDING);
  });

  it("the dense solve agrees with the rate equation where both are accurate", () => {
    const p = modelParameters(singleQubit, { TA: 1.5, TB: 0.4 });
    const gen = buildGenerator(singleQubit.build(p));
    const rate = steadyState(gen);
    const dense = steadyState(gen, { method: "dense" });
    expect(rate.method).toBe("rate-equation");
    expect(maxAbsDiff(rate.rho, dense.rho)).toBeLessThan(1e-14);
    const ja = heatCurrents(gen, rate).A;
    expect(relativeError(heatCurrents(gen, dense).A, ja)).toBeLessThan(1e-12);
    expect(entropyProduction(heatCurrents(gen, rate), gen.system.baths)).toBeGreaterThan(0);
  });
});

describe("single-qubit limits (4.1)-(4.5)", () => {
  it("high temperature (4.2): relative error O(omega0/T)", () => {
    for (const T of [10, 100, 1000]) {
      const p = modelParameters(singleQubit, { TA: 1.5 * T, TB: T });
      const err = relativeError(
        singleQubitCurrentLimits(p).highTemperature,
        singleQubitAnalytic(p).currents.A,
      );
      expect(err).toBeLessThan(1 / T);
    }
  });

  it("low temperature (4.4): relative error O(exp(-omega0/T_max))", () => {
    for (const T of [0.05, 0.1, 0.2]) {
      const p = modelParameters(singleQubit, { TA: T, TB: T / 2 });
      const err = relativeError(
        singleQubitCurrentLimits(p).lowTemperature,
        singleQubitAnalytic(p).currents.A,
      );
      expect(err).toBeLessThan(3 * Math.exp(-1 / T));
    }
  });

  it("ratio (4.1); corrected low-temperature ratio of paper-corrections item 4 for identical baths", () => {
    const p = modelParameters(singleQubit, { TA: 0.08, TB: 0.05 });
    const a = singleQubitAnalytic(p);
    expect(relativeError(singleQubitRatio(p), a.populations[1] / a.populations[0])).toBeLessThan(1e-14);
    expect(relativeError(singleQubitLowTemperatureRatio(p), singleQubitRatio(p))).toBeLessThan(
      3 * Math.exp(-1 / 0.08),
    );
  });
});

describe("single-qubit bad input", () => {
  it.each([
    [{ TA: -1 }, /TA must be >= 0/],
    [{ gA: "abc" }, /gA must be a finite number/],
    [{ omega0: "NaN" }, /omega0 must be a finite number/],
    [{ omega0: 0 }, /omega0 must be > 0/],
    [{ spectrum: "lorentz" }, /spectrum must be one of flat, ohmic/],
  ])("%j is rejected naming the parameter", (input, message) => {
    expect(() => modelParameters(singleQubit, input)).toThrow(ParameterError);
    expect(() => modelParameters(singleQubit, input)).toThrow(message);
  });

  it("an unknown parameter lists the known ones", () => {
    expect(() => modelParameters(singleQubit, { lambda: 1 })).toThrow(UnknownIdError);
    expect(() => modelParameters(singleQubit, { lambda: 1 })).toThrow(/known: omega0, gA/);
  });
});

describe("single-qubit in any unit of energy", () => {
  it("omega0 = 1e-10 with temperatures and rates to scale gives the same dimensionless answer", () => {
    const s = 1e-10;
    const small = steadyReport(singleQubit, { omega0: s, TA: 2 * s, TB: s, gA: 0.01 * s, gB: 0.02 * s });
    const unit = steadyReport(singleQubit, { omega0: 1, TA: 2, TB: 1, gA: 0.01, gB: 0.02 });
    expect(maxRelativeError(small.populations!, unit.populations!)).toBeLessThan(1e-12);
    expect(relativeError(small.audit.currents.A / (s * s), unit.audit.currents.A)).toBeLessThan(1e-12);
  });

  it("rates that overflow are refused naming the bath, not reported as a non-unique state", () => {
    expect(() => steadyReport(singleQubit, { gA: 1e308, TA: 2 })).toThrow(/bath A/);
    expect(() => steadyReport(singleQubit, { gA: 1e308, TA: 2 })).toThrow(ParameterError);
  });
});

describe("parameter parsing", () => {
  it("takes decimal notation only", () => {
    expect(modelParameters(singleQubit, { TA: "2.5e-1" }).TA).toBe(0.25);
    expect(() => modelParameters(singleQubit, { TA: "0x3" })).toThrow(/TA must be a finite number/);
  });
});

describe("single qubit: full counting statistics of the heat against the closed forms", () => {
  /** The cumulant recursion and Newton's continuation against the two-state closed form. */
  const FCS_RELATIVE = 1e-9;
  const cases = [
    { TA: 2, TB: 0.5, gA: 0.02, gB: 0.05 },
    { TA: 0.3, TB: 7, gA: 0.1, gB: 0.01, spectrum: "ohmic", cutoff: 3 },
  ];
  it.each(cases)("current, noise and theta(s) per bath at %o", (c) => {
    const p = modelParameters(singleQubit, c);
    const generator = buildGenerator(singleQubit.build(p), { approach: "global" });
    for (const bath of ["A", "B"] as const) {
      const exact = singleQubitHeatStatistics(p, bath);
      const stats = countingStatistics(generator, bath, { order: 2 });
      expect(relativeError(stats.current, exact.current)).toBeLessThan(FCS_RELATIVE);
      expect(relativeError(stats.noise, exact.noise)).toBeLessThan(FCS_RELATIVE);
      expect(relativeError(exact.current, singleQubitAnalytic(p).currents[bath])).toBeLessThan(FCS_RELATIVE);
      expect(singleQubitAnalytic(p).noise?.[bath]).toBe(exact.noise);
      expect(singleQubitAnalytic(p).scgf?.[bath](0.3)).toBe(exact.theta(0.3));
      for (const s of [-0.7, 0.4, 1.5]) {
        // theta at chi = -i s
        const theta = scaledCumulantGeneratingFunction(generator, bath, { re: 0, im: -s }).re;
        expect(Math.abs(theta - exact.theta(s))).toBeLessThan(
          FCS_RELATIVE * Math.max(1e-3, Math.abs(exact.theta(s))),
        );
      }
    }
  });
});

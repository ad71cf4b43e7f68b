import {
  type Approach,
  add,
  create,
  destroy,
  embed,
  expect as expectation,
  gaussianSteadyState,
  hermitianEigen,
  matmul,
  NumericalError,
  nBose,
  ParameterError,
  twoOscillatorNormalModes,
  UnknownIdError,
} from "@liouville/core";
import { relativeError, seededRandom } from "@liouville/core/testing";
import { describe, expect, it } from "vitest";
import { compareApproaches } from "./compare";
import { coupledOscillators, EXACT_NMAX } from "./coupled-oscillators";
import { coupledOscillatorsAnalytic } from "./coupled-oscillators-analytic";
import { coupledOscillatorsBosonicSystem } from "./coupled-oscillators-gaussian";
import {
  assertTruncation,
  MAX_FOCK_CUTOFF,
  suggestedFockCutoff,
  TRUNCATION_TOLERANCE,
} from "./coupled-oscillators-truncation";
import { modelParameters } from "./parameters";
import { getModel } from "./registry";
import { type SteadyReport, steadyReport } from "./steady-report";

/** Exact Gaussian solver against the closed forms, relative to each current's own size. */
const CLOSED_FORM_RELATIVE = 1e-10;
/** Truncated Fock numerics at a converged cutoff against the closed form (the target). */
const CONVERGED_FOCK_RELATIVE = 1e-8;
/**
 * Measured bound on the truncation error: a Fock current (or occupation) differs from the exact
 * one by at most this factor times (nmax + 1) times the top-level weight (measured: 0.05 to 5).
 */
const TRUNCATION_ERROR_FACTOR = 10;
/** Rounding floor of a Fock current relative to the exact one (dense LU on d^2 unknowns). */
const FOCK_ROUNDING_RELATIVE = 1e-11;
/** A current that vanishes exactly comes out as rounding of the gross energy flow. */
const GROSS_FLOW_ROUNDING = 1e-14;
/** Normal-mode ladder of the truncated H_S against omega_+- (absolute, energies of order 1). */
const SPECTRUM_ABSOLUTE = 1e-12;
/** Entries of H_S built two ways, relative to the largest entry (a few roundings). */
const OPERATOR_ROUNDING = 4 * Number.EPSILON;

/** The example of docs/paper-corrections.md (Oscillators): the local ME carries heat from the cold bath B into A. */
const OSCILLATOR_EXAMPLE = { omega1: 2, omega2: 1, lambda: 0.1, gA: 0.05, gB: 0.05, TA: 1.0, TB: 0.8 };

/** Cold enough (omega / T >= 6) that nmax = 4 converges the currents to far below 1e-8. */
function cold(geo: { omega1: number; omega2: number; lambda: number }, swap = false) {
  const [a, b] = swap ? [6.5, 6] : [6, 6.5];
  // Unequal rates, so that the closed form is tested on its asymmetric parts (gA w2 + gB w1).
  return { gA: 0.05, gB: 0.02, ...geo, TA: geo.omega1 / a, TB: geo.omega2 / b };
}

const GEOMETRIES = [
  { omega1: 1.2, omega2: 1, lambda: 0.1 }, // detuned, weak coupling
  { omega1: 1, omega2: 1, lambda: 0.3 }, // resonant
  { omega1: 1, omega2: 1.5, lambda: 0.2 }, // omega1 < omega2
  { omega1: 2, omega2: 1, lambda: 0.9 }, // strongly mixed (bound sqrt(2))
];

const model = coupledOscillators;
const solve = (input: Record<string, unknown>, approach: Approach, allowTruncation = false) =>
  steadyReport(model, input, approach, { allowTruncation });
const weightOf = (r: SteadyReport) => Math.max(...(r.extras!.truncationWeight as number[]));
const truncationBound = (r: SteadyReport) =>
  TRUNCATION_ERROR_FACTOR * ((r.extras!.nmax as number) + 1) * weightOf(r) + FOCK_ROUNDING_RELATIVE;

describe("coupled-oscillators: the model", () => {
  it("is registered, lists local, global and redfield, and defaults to the exact solver", () => {
    expect(getModel("coupled-oscillators")).toBe(model);
    expect(model.approaches).toEqual(["global", "local", "redfield"]);
    const params = modelParameters(model);
    expect(params.nmax).toBe(EXACT_NMAX);
    expect(steadyReport(model).method).toBe("gaussian");
    // a command line's "--nmax 2" selects the Fock path, "--nmax exact" the default
    expect(modelParameters(model, { nmax: "2" }).nmax).toBe(2);
    expect(modelParameters(model, { nmax: "exact" }).nmax).toBe(EXACT_NMAX);
  });

  it("truncated H_S: every level with at most nmax quanta is n+ omega+ + n- omega- (eq. (4.32))", () => {
    const nmax = 3;
    for (const geo of GEOMETRIES) {
      const system = model.build(modelParameters(model, { ...geo, nmax }));
      expect(system.hamiltonian.dims).toEqual([nmax + 1, nmax + 1]);
      const energies = Array.from(hermitianEigen(system.hamiltonian).values);
      const { omegaPlus, omegaMinus } = twoOscillatorNormalModes(geo.omega1, geo.omega2, geo.lambda);
      for (let total = 0; total <= nmax; total++) {
        for (let np = 0; np <= total; np++) {
          const e = np * omegaPlus + (total - np) * omegaMinus;
          expect(Math.min(...energies.map((x) => Math.abs(x - e)))).toBeLessThan(SPECTRUM_ABSOLUTE);
        }
      }
      // baths couple through a1^dag and a2^dag (RWA) at the bare frequencies
      const a1dag = embed(create(nmax + 1), 0, [nmax + 1, nmax + 1]);
      expect(system.baths.map((b) => b.name)).toEqual(["A", "B"]);
      expect(system.baths[0].couplings[0].operator.data).toEqual(a1dag.data);
      expect(system.baths[0].couplings[0].frequency).toBe(geo.omega1);
      expect(system.baths[1].couplings[0].frequency).toBe(geo.omega2);
    }
  });

  it("H_S written entry by entry equals the products of the truncated ladder operators", () => {
    for (const nmax of [1, 3, 6]) {
      const dims = [nmax + 1, nmax + 1];
      const [a1, a2] = [0, 1].map((m) => embed(destroy(nmax + 1), m, dims));
      const [c1, c2] = [0, 1].map((m) => embed(create(nmax + 1), m, dims));
      for (const geo of GEOMETRIES) {
        const products = add(
          add(matmul(c1, a1), matmul(c2, a2), geo.omega1, geo.omega2),
          add(matmul(a1, c2), matmul(c1, a2)),
          1,
          geo.lambda,
        );
        const built = model.build(modelParameters(model, { ...geo, nmax })).hamiltonian;
        let worst = 0;
        for (let k = 0; k < built.data.length; k++)
          worst = Math.max(worst, Math.abs(built.data[k] - products.data[k]));
        // The products carry sqrt(n)^2 for n on the diagonal: rounding of the largest entry.
        expect(worst).toBeLessThanOrEqual(OPERATOR_ROUNDING * (nmax * (geo.omega1 + geo.omega2)));
        expect(built.dims).toEqual(dims);
      }
    }
  });

  it("starts time evolution from the vacuum |0, 0>, which needs nmax", () => {
    const rho = model.initialState(modelParameters(model, { nmax: 2 }));
    expect(rho.dims).toEqual([3, 3]);
    expect(rho.re(0, 0)).toBe(1);
    expect(rho.data.reduce((s, x) => s + Math.abs(x), 0)).toBe(1);
    for (const call of [
      () => model.initialState(modelParameters(model)),
      () => model.build(modelParameters(model)),
    ]) {
      expect(call).toThrow(ParameterError);
      expect(call).toThrow(/nmax/);
    }
  });
});

describe("coupled-oscillators: local master equation (4.33)-(4.35) on the Fock path", () => {
  it("matches the closed-form current to 1e-8 at nmax = 4, detuned and resonant, both directions", () => {
    for (const geo of GEOMETRIES) {
      for (const swap of [false, true]) {
        const input = { ...cold(geo, swap), nmax: 4 };
        const r = solve(input, "local"); // passes the truncation control on its own
        const closed = coupledOscillatorsAnalytic(modelParameters(model, input), "local")!.currents;
        expect(relativeError(r.audit.currents.A, closed.A)).toBeLessThan(CONVERGED_FOCK_RELATIVE);
        expect(relativeError(r.audit.currents.B, closed.B)).toBeLessThan(CONVERGED_FOCK_RELATIVE);
        expect(weightOf(r)).toBeLessThan(TRUNCATION_TOLERANCE);
        expect(Math.sign(r.audit.currents.A)).toBe(swap ? -1 : 1);
      }
    }
  });

  it("converges in nmax: the error follows the top-level weight down to rounding", () => {
    const input = cold(GEOMETRIES[0]);
    const closed = coupledOscillatorsAnalytic(modelParameters(model, input), "local")!.currents.A;
    let previousWeight = 1;
    const errors: number[] = [];
    for (let nmax = 1; nmax <= 5; nmax++) {
      const r = solve({ ...input, nmax }, "local", true);
      const error = relativeError(r.audit.currents.A, closed);
      errors.push(error);
      expect(error).toBeLessThan(truncationBound(r));
      // each level costs about nbar / (1 + nbar) ~ 2e-3 of weight
      expect(weightOf(r)).toBeLessThan(5e-3 * previousWeight);
      previousWeight = weightOf(r);
    }
    // measured: 4.3e-3, 9.6e-6, 1.4e-8, 9.7e-13, 8.0e-14
    expect(errors[1]).toBeLessThan(errors[0] * 1e-2);
    expect(errors[2]).toBeLessThan(errors[1] * 1e-2);
    expect(errors[4]).toBeLessThan(CONVERGED_FOCK_RELATIVE);
  });
});

describe("coupled-oscillators: the example of docs/paper-corrections.md (local ME against the second law)", () => {
  const params = modelParameters(model, OSCILLATOR_EXAMPLE);

  it("n_A(omega1) = 0.157 < n_B(omega2) = 0.402 although T_A > T_B", () => {
    expect(nBose(2, 1)).toBeCloseTo(0.157, 3);
    expect(nBose(1, 0.8)).toBeCloseTo(0.402, 3);
  });

  it("Gaussian path: local J_A < 0 with negative entropy production, flagged by the audit", () => {
    const r = solve(OSCILLATOR_EXAMPLE, "local");
    expect(r.method).toBe("gaussian");
    expect(r.audit.currents.A).toBeLessThan(0);
    expect(r.audit.entropyProduction).toBeLessThan(0);
    expect(r.audit.secondLaw).toBe("violated");
    expect(r.audit.positivity).toBe("ok");
    expect(r.audit.kernelDimension).toBe(1);
    const closed = coupledOscillatorsAnalytic(params, "local")!.currents;
    expect(relativeError(r.audit.currents.A, closed.A)).toBeLessThan(CLOSED_FORM_RELATIVE);
    expect(r.analytic!.currents.A).toBe(closed.A);
    expect(Math.abs(r.audit.firstLawResidual)).toBeLessThan(GROSS_FLOW_ROUNDING * r.audit.firstLawScale);
  });

  it("Fock path (nmax = 5, truncation allowed): the same violation, within the truncation error", () => {
    const exact = solve(OSCILLATOR_EXAMPLE, "local").audit.currents.A;
    const r = solve({ ...OSCILLATOR_EXAMPLE, nmax: 5 }, "local", true);
    expect(r.method).toBe("dense");
    expect(r.audit.currents.A).toBeLessThan(0);
    expect(r.audit.secondLaw).toBe("violated");
    expect(relativeError(r.audit.currents.A, exact)).toBeLessThan(truncationBound(r));
  });

  it("the global ME on the same system carries heat from hot to cold (sigma > 0), on both paths", () => {
    for (const input of [OSCILLATOR_EXAMPLE, { ...OSCILLATOR_EXAMPLE, nmax: 3 }]) {
      const r = solve(input, "global", true);
      expect(r.audit.currents.A).toBeGreaterThan(0);
      expect(r.audit.entropyProduction).toBeGreaterThan(0);
      expect(r.audit.secondLaw).toBe("ok");
    }
  });

  it("the local current reverses where n_A(omega1) = n_B(omega2) (T_A = 1.6), not at T_A = T_B", () => {
    const reversal = (OSCILLATOR_EXAMPLE.omega1 / OSCILLATOR_EXAMPLE.omega2) * OSCILLATOR_EXAMPLE.TB; // omega1 / T_A = omega2 / T_B
    const local = (TA: number) => solve({ ...OSCILLATOR_EXAMPLE, TA }, "local").audit;
    const global = (TA: number) => solve({ ...OSCILLATOR_EXAMPLE, TA }, "global").audit;
    expect(local(reversal * (1 - 1e-3)).currents.A).toBeLessThan(0);
    expect(local(reversal * (1 + 1e-3)).currents.A).toBeGreaterThan(0);
    // at T_A = T_B the local ME still pumps heat (into the equally hot bath A: it violates nothing
    // there, sigma = 0, but it is not equilibrium), while the global current vanishes
    expect(local(OSCILLATOR_EXAMPLE.TB).currents.A).toBeLessThan(0);
    const g = solve({ ...OSCILLATOR_EXAMPLE, TA: OSCILLATOR_EXAMPLE.TB }, "global");
    expect(Math.abs(g.audit.currents.A)).toBeLessThan(GROSS_FLOW_ROUNDING * g.audit.firstLawScale);
    // between the two temperatures the local ME violates the second law, the global never does
    for (const TA of [0.9, 1.0, 1.2, 1.5]) {
      expect(local(TA).secondLaw).toBe("violated");
      expect(global(TA).currents.A).toBeGreaterThan(0);
      expect(global(TA).secondLaw).toBe("ok");
    }
    for (const TA of [0.5, 1.7, 3]) expect(local(TA).secondLaw).toBe("ok");
  });

  it("exactly at omega1 / T_A = omega2 / T_B the local current vanishes (to rounding), with T_A = 2 T_B", () => {
    for (const TB of [0.25, 0.5, 4, 50]) {
      const r = solve({ ...OSCILLATOR_EXAMPLE, TA: 2 * TB, TB }, "local");
      expect(Math.abs(r.audit.currents.A)).toBeLessThan(GROSS_FLOW_ROUNDING * r.audit.firstLawScale);
      expect(r.analytic!.currents.A).toBe(0);
    }
  });
});

/** Random parameters: frequencies, coupling below its bound, rates, temperatures, spectra. */
function randomParameters(rand: () => number) {
  const omega1 = 0.2 + 2.8 * rand();
  const omega2 = 0.2 + 2.8 * rand();
  return {
    omega1,
    omega2,
    lambda: 0.99 * rand() * Math.sqrt(omega1 * omega2),
    gA: 1e-3 + 0.2 * rand(),
    gB: 1e-3 + 0.2 * rand(),
    TA: rand() < 0.1 ? 0 : 5 * rand(),
    TB: rand() < 0.1 ? 0 : 5 * rand(),
    spectrumA: rand() < 0.5 ? "flat" : "ohmic",
    spectrumB: rand() < 0.5 ? "flat" : "ohmic",
    cutoffA: 0.5 + 5 * rand(),
    cutoffB: 0.5 + 5 * rand(),
  };
}

describe("coupled-oscillators: exact Gaussian path", () => {
  it("global: per-mode currents omega_k g_Ak g_Bk (n_A - n_B)(omega_k) / (g_Ak + g_Bk), sigma >= 0 (seeded)", () => {
    const rand = seededRandom(4032);
    for (let trial = 0; trial < 200; trial++) {
      const input = randomParameters(rand);
      if (input.TA === input.TB) continue;
      const r = solve(input, "global");
      const closed = coupledOscillatorsAnalytic(r.params, "global")!;
      expect(r.audit.secondLaw).toBe("ok");
      expect(r.audit.entropyProduction).toBeGreaterThanOrEqual(
        -GROSS_FLOW_ROUNDING * r.audit.firstLawScale * (1 / Math.max(input.TA, input.TB, 1e-300)),
      );
      expect(r.channels.length).toBe(4);
      r.channels.forEach((c, k) => {
        const cc = closed.channels![k];
        expect(c.bath).toBe(cc.bath);
        expect(relativeError(c.omega!, cc.omega)).toBeLessThan(CLOSED_FORM_RELATIVE);
        const tolerance =
          CLOSED_FORM_RELATIVE * Math.abs(cc.current) + GROSS_FLOW_ROUNDING * r.audit.firstLawScale;
        expect(Math.abs(c.current - cc.current)).toBeLessThanOrEqual(tolerance);
        // each normal mode carries heat from the hotter bath to the colder one
        const hotter = input.TA > input.TB ? "A" : "B";
        if (Math.abs(cc.current) > tolerance) expect(Math.sign(cc.current)).toBe(c.bath === hotter ? 1 : -1);
      });
      const tolerance =
        CLOSED_FORM_RELATIVE * Math.abs(closed.currents.A) + GROSS_FLOW_ROUNDING * r.audit.firstLawScale;
      expect(Math.abs(r.audit.currents.A - closed.currents.A)).toBeLessThanOrEqual(tolerance);
    }
  });

  it("local: J_A = closed form, with the sign of n_A(omega1) - n_B(omega2) (seeded)", () => {
    const rand = seededRandom(435);
    let violations = 0;
    for (let trial = 0; trial < 200; trial++) {
      const input = randomParameters(rand);
      const r = solve(input, "local");
      const p = r.params;
      const closed = coupledOscillatorsAnalytic(p, "local")!.currents.A;
      const tolerance = CLOSED_FORM_RELATIVE * Math.abs(closed) + GROSS_FLOW_ROUNDING * r.audit.firstLawScale;
      expect(Math.abs(r.audit.currents.A - closed)).toBeLessThanOrEqual(tolerance);
      const drive = nBose(input.omega1, input.TA) - nBose(input.omega2, input.TB);
      if (Math.abs(closed) > tolerance) expect(Math.sign(closed)).toBe(Math.sign(drive));
      if (r.audit.secondLaw === "violated") violations++;
    }
    // the random draws include second-law violations (omega1/T_A and omega2/T_B out of order)
    expect(violations).toBeGreaterThan(0);
  });

  it("high temperature (T = 100, 1000): closed forms hold where no Fock cutoff fits in memory", () => {
    for (const geo of GEOMETRIES) {
      for (const [TA, TB] of [
        [100, 60],
        [1000, 1200],
      ]) {
        const input = { ...geo, gA: 0.02, gB: 0.07, TA, TB };
        for (const approach of ["local", "global"] as const) {
          const r = solve(input, approach);
          const closed = coupledOscillatorsAnalytic(r.params, approach)!.currents.A;
          expect(relativeError(r.audit.currents.A, closed)).toBeLessThan(CLOSED_FORM_RELATIVE);
          if (approach === "global") expect(r.audit.secondLaw).toBe("ok");
          // occupations ~ T / omega: a cutoff at 1e-6 needs nmax ~ 1e3 (T = 100; measured >= 938)
          // to 1e4 (T = 1000) per mode, more than ten times the largest cutoff allowed
          expect(suggestedFockCutoff(r.extras!.occupations as number[])).toBeGreaterThan(
            10 * MAX_FOCK_CUTOFF,
          );
        }
        // classical limit of the global ME: omega_k (n_A - n_B)(omega_k) -> T_A - T_B
        const global = coupledOscillatorsAnalytic(modelParameters(model, input), "global")!;
        const { omegaPlus, omegaMinus } = twoOscillatorNormalModes(geo.omega1, geo.omega2, geo.lambda);
        const mixing = twoOscillatorNormalModes(geo.omega1, geo.omega2, geo.lambda).mixing;
        let classical = 0;
        [omegaPlus, omegaMinus].forEach((_, k) => {
          const gA = input.gA * mixing[0][k] ** 2;
          const gB = input.gB * mixing[1][k] ** 2;
          classical += ((gA * gB) / (gA + gB)) * (TA - TB);
        });
        // n(w, T) = T / w - 1/2 + w / (12 T) + O(w^3 / T^3): each mode is off by w^2 / (12 T_A T_B)
        const correction = omegaPlus ** 2 / (12 * TA * TB);
        expect(relativeError(global.currents.A, classical)).toBeLessThan(correction);
      }
    }
  });

  it("reports the Gaussian solution: no finite basis, Lyapunov residual, N >= 0, channels", () => {
    const r = solve(OSCILLATOR_EXAMPLE, "global");
    expect([r.energies, r.populations, r.rhoEigen, r.generator, r.state]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(r.residual).toBeLessThan(1e-15);
    // rho of a Gaussian state has spectrum down to 0; N itself is positive definite here.
    expect(r.audit.minEigenvalue).toBe(0);
    expect(r.extras!.minCorrelationEigenvalue as number).toBeGreaterThan(0);
    expect(r.audit.positivity).toBe("ok");
    expect(r.analytic!.energies).toEqual([]);
    const vacuum = solve({ ...OSCILLATOR_EXAMPLE, TA: 0, TB: 0 }, "global");
    expect(vacuum.audit.minEigenvalue).toBe(0);
    expect(vacuum.audit.currents).toEqual({ A: 0, B: 0 });
    expect(solve(OSCILLATOR_EXAMPLE, "local").channels.map((c) => [c.bath, c.omega])).toEqual([
      ["A", 2],
      ["B", 1],
    ]);
  });
});

describe("coupled-oscillators: Gaussian solver against the truncated Fock numerics", () => {
  const adag = (i: number, nmax: number) => embed(create(nmax + 1), i, [nmax + 1, nmax + 1]);
  const a = (i: number, nmax: number) => embed(destroy(nmax + 1), i, [nmax + 1, nmax + 1]);

  for (const [approach, nmax] of [
    ["local", 4],
    ["global", 3],
  ] as const) {
    it(`${approach}: currents and correlations <a_i^dag a_j> agree to the truncation error (nmax = ${nmax})`, () => {
      for (const geo of [GEOMETRIES[0], GEOMETRIES[1]]) {
        const input = cold(geo);
        const exact = solve(input, approach);
        const fock = solve({ ...input, nmax }, approach);
        const bound = truncationBound(fock);
        expect(relativeError(fock.audit.currents.A, exact.audit.currents.A)).toBeLessThan(bound);
        expect(fock.audit.secondLaw).toBe("ok");
        expect(fock.audit.positivity).toBe("ok");
        const gaussianN = gaussianCorrelations(input, approach);
        for (let i = 0; i < 2; i++) {
          for (let j = 0; j < 2; j++) {
            const n = expectation(matmul(adag(i, nmax), a(j, nmax)), fock.state!.rho);
            const scale = Math.max(...(exact.extras!.occupations as number[]));
            expect(Math.abs(n.re - gaussianN[i][j].re)).toBeLessThan(bound * scale);
            expect(Math.abs(n.im - gaussianN[i][j].im)).toBeLessThan(bound * scale);
          }
          const occupation = (fock.extras!.occupations as number[])[i];
          expect(relativeError(occupation, (exact.extras!.occupations as number[])[i])).toBeLessThan(bound);
        }
      }
    });
  }

  it("redfield runs on the Fock path only, and stays within O((g / (omega+ - omega-))^2) of global", () => {
    const input = cold(GEOMETRIES[1]);
    const r = solve({ ...input, nmax: 3 }, "redfield");
    const g = solve(input, "global");
    expect(r.channels).toEqual([]);
    const ratio = input.gA / (2 * GEOMETRIES[1].lambda); // omega+ - omega- = 2 lambda at resonance
    expect(relativeError(r.audit.currents.A, g.audit.currents.A)).toBeLessThan(2 * ratio ** 2);
    expect(() => solve(input, "redfield")).toThrow(ParameterError);
    expect(() => solve(input, "redfield")).toThrow(/redfield needs a truncated Fock space/);
  });
});

describe("coupled-oscillators: truncation control", () => {
  const lowT = cold(GEOMETRIES[0]);

  it("refuses a too-small nmax with an error naming nmax and a cutoff that would do", () => {
    let error: unknown;
    try {
      solve({ ...lowT, nmax: 2 }, "local");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NumericalError);
    expect((error as NumericalError).reason).toBe("truncation");
    expect((error as Error).message).toMatch(/nmax = 2 truncates/);
    const suggested = Number(/nmax = (\d+) would do/.exec((error as Error).message)![1]);
    expect(suggested).toBe(3);
    // the suggestion does pass the control
    const r = solve({ ...lowT, nmax: suggested }, "local");
    expect(weightOf(r)).toBeLessThan(TRUNCATION_TOLERANCE);
  });

  it("checks the solved state too, and says when no cutoff fits the Fock-space limit", () => {
    expect(() => assertTruncation(3, [2e-6, 1e-9], [0.01, 0.01])).toThrow(/oscillator 1.*nmax = 3 would do/);
    expect(() => assertTruncation(3, [5e-7, 1e-9], [0.01, 0.01])).not.toThrow();
    // T = 100 is far too hot for any Fock space the library allows; refused up front
    expect(() => solve({ TA: 100, TB: 60, nmax: 6 }, "global")).toThrow(
      new RegExp(`exceeds the Fock-space limit ${MAX_FOCK_CUTOFF}; omit nmax`),
    );
  });

  it("allowTruncation lets a truncated state through and reports its weight", () => {
    const r = solve({ ...OSCILLATOR_EXAMPLE, nmax: 1 }, "local", true);
    const weights = r.extras!.truncationWeight as number[];
    expect(weights[0]).toBeGreaterThan(0.1);
    expect(weights[1]).toBeGreaterThan(0.2);
    expect(r.extras!.nmax).toBe(1);
    expect(() => steadyReport(model, OSCILLATOR_EXAMPLE, "local", { allowTrunc: true } as never)).toThrow(
      UnknownIdError,
    );
  });
});

describe("coupled-oscillators: side-by-side audit", () => {
  it("compare: local violates the second law, global holds, redfield needs nmax (the example of docs/paper-corrections.md)", () => {
    const c = compareApproaches(model, OSCILLATOR_EXAMPLE);
    const [local, global, redfield] = c.approaches;
    expect(local.available && local.audit.secondLaw).toBe("violated");
    expect(global.available && global.audit.secondLaw).toBe("ok");
    expect(!redfield.available && redfield.reason).toMatch(/redfield needs a truncated Fock space/);
  });
});

describe("coupled-oscillators: bad input", () => {
  it("nmax = 0 and nmax = 100 are refused before anything is allocated, pointing to the exact solver", () => {
    for (const nmax of [0, -1, 100, MAX_FOCK_CUTOFF + 1]) {
      const call = () => modelParameters(model, { nmax });
      expect(call).toThrow(ParameterError);
      expect(call).toThrow(
        new RegExp(
          `^nmax must be an integer from 1 to ${MAX_FOCK_CUTOFF}.*omit nmax for the exact Gaussian solver`,
        ),
      );
    }
    expect(() => modelParameters(model, { nmax: 100 })).toThrow(/10201 levels/);
    expect(() => modelParameters(model, { nmax: 2.5 })).toThrow(/nmax must be an integer/);
    expect(() => modelParameters(model, { nmax: "many" })).toThrow(ParameterError);
  });

  it("lambda >= sqrt(omega1 omega2) is refused naming lambda and the bound", () => {
    for (const lambda of [Math.SQRT2, 1.5]) {
      const call = () => modelParameters(model, { omega1: 2, omega2: 1, lambda });
      expect(call).toThrow(ParameterError);
      expect(call).toThrow(/^lambda must be < sqrt\(omega1\*omega2\) = 1\.414/);
    }
    expect(() => modelParameters(model, { omega1: 2, omega2: 1, lambda: 0.9999 * Math.SQRT2 })).not.toThrow();
  });
});

/** N_ij = <a_i^dag a_j> of the exact steady state (the report carries only its diagonal). */
function gaussianCorrelations(input: Record<string, unknown>, approach: "local" | "global") {
  const system = coupledOscillatorsBosonicSystem(modelParameters(model, input), approach);
  const n = gaussianSteadyState(system).correlations;
  return [0, 1].map((i) => [0, 1].map((j) => ({ re: n.re(i, j), im: n.im(i, j) })));
}

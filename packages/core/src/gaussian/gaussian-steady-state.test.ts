import { describe, expect, it } from "vitest";
import { DimensionError } from "../errors/dimension-error";
import { NumericalError } from "../errors/numerical-error";
import { ParameterError } from "../errors/parameter-error";
import { ComplexMatrix } from "../linalg/complex-matrix";
import { randomHermitian, seededRandom } from "../testing/random";
import { nBose } from "../thermodynamics/bose";
import { gaussianHeatCurrents } from "./gaussian-heat-currents";
import { gaussianSteadyState } from "./gaussian-steady-state";
import type { LinearJump, QuadraticBosonicSystem } from "./quadratic-bosonic-system";

/** Relative agreement with closed forms (rounding only). */
const RELATIVE_TOLERANCE = 1e-13;
/** Residual ||X N + N X^dag + P|| relative to ||P|| on random systems. */
const RESIDUAL_TOLERANCE = 1e-13;

function thermalPair(bath: string, coefficients: number[], g: number, n: number): LinearJump[] {
  return [
    { bath, kind: "lowering", coefficients, rate: g * (1 + n) },
    { bath, kind: "raising", coefficients, rate: g * n },
  ];
}

function oneModeTwoBaths(w: number, gA: number, nA: number, gB: number, nB: number): QuadraticBosonicSystem {
  return {
    modes: 1,
    hamiltonian: ComplexMatrix.from([[w]]),
    jumps: [...thermalPair("A", [1], gA, nA), ...thermalPair("B", [1], gB, nB)],
  };
}

function expectRelative(actual: number, expected: number, tol = RELATIVE_TOLERANCE) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.abs(expected));
}

describe("gaussianSteadyState: one mode between two baths", () => {
  it.each([
    [1, 0.1, 0.5, 0.2, 1],
    [2.5, 0.01, nBose(2.5, 3), 0.3, nBose(2.5, 0.1)],
    [1, 1e-3, nBose(1, 1000), 1e-3, nBose(1, 10)],
  ])("w = %f: N = (gA nA + gB nB)/(gA + gB), J_A = w gA gB (nA - nB)/(gA + gB)", (w, gA, nA, gB, nB) => {
    const state = gaussianSteadyState(oneModeTwoBaths(w, gA, nA, gB, nB));
    expectRelative(state.occupations[0], (gA * nA + gB * nB) / (gA + gB));
    const jA = (w * gA * gB * (nA - nB)) / (gA + gB);
    expectRelative(state.currents.A, jA, 1e-12);
    expectRelative(state.currents.B, -jA, 1e-12);
    expectRelative(state.energy, w * state.occupations[0]);
    expect(state.correlations.im(0, 0)).toBe(0);
  });

  it("is the exact vacuum with zero currents when every bath is at T = 0", () => {
    const rand = seededRandom(7);
    const h = randomHermitian(3, rand);
    const system: QuadraticBosonicSystem = {
      modes: 3,
      hamiltonian: h,
      jumps: [0, 1, 2].flatMap((i) =>
        thermalPair(
          i === 1 ? "B" : "A",
          [0, 1, 2].map((k) => (k === i ? 1 : 0.1 * k)),
          0.1 + i,
          nBose(1, 0),
        ),
      ),
    };
    const state = gaussianSteadyState(system);
    expect(state.occupations).toEqual([0, 0, 0]);
    for (const v of state.correlations.data) expect(v).toBe(0);
    expect(state.energy).toBe(0);
    expect(state.currents).toEqual({ A: 0, B: 0 });
    expect(state.residual).toBe(0);
  });
});

describe("gaussianSteadyState: random systems (seeded)", () => {
  it("solves the Lyapunov equation, returns a PSD N and conserves energy (sum of currents 0)", () => {
    const rand = seededRandom(42);
    for (let trial = 0; trial < 20; trial++) {
      const m = 1 + Math.floor(rand() * 4);
      const jumps: LinearJump[] = [];
      // a damping jump on every mode guarantees stability; extra random ones add complexity
      for (let i = 0; i < m; i++) {
        const c = Array.from({ length: m }, (_, k) => (k === i ? 1 : 0));
        jumps.push(...thermalPair(i % 2 === 0 ? "A" : "B", c, 0.05 + rand(), 3 * rand()));
      }
      for (let j = 0; j < 3; j++) {
        const c = Array.from({ length: m }, () => ({ re: 2 * rand() - 1, im: 2 * rand() - 1 }));
        jumps.push({ bath: "C", kind: "lowering", coefficients: c, rate: rand() });
      }
      const system: QuadraticBosonicSystem = { modes: m, hamiltonian: randomHermitian(m, rand), jumps };
      const state = gaussianSteadyState(system);
      let pNorm = 0;
      for (const j of jumps) if (j.kind === "raising") pNorm += j.rate;
      expect(state.residual).toBeLessThan(RESIDUAL_TOLERANCE * Math.max(1, pNorm));
      // the transfer-form steady currents equal the N-based formula at the returned N
      const direct = gaussianHeatCurrents(system, state.correlations);
      for (const bath of Object.keys(direct)) {
        expect(Math.abs(state.currents[bath] - direct[bath])).toBeLessThan(1e-12 * Math.max(1, pNorm));
      }
      let total = 0;
      let scale = 0;
      for (const v of Object.values(state.currents)) {
        total += v;
        scale += Math.abs(v);
      }
      expect(Math.abs(total)).toBeLessThan(1e-12 * Math.max(scale, 1e-300));
      // N is positive semidefinite: its diagonal is >= 0 and every 2x2 minor is >= 0
      for (let i = 0; i < m; i++) {
        expect(state.occupations[i]).toBeGreaterThanOrEqual(0);
        for (let k = 0; k < m; k++) {
          const minor =
            state.correlations.re(i, i) * state.correlations.re(k, k) -
            state.correlations.re(i, k) ** 2 -
            state.correlations.im(i, k) ** 2;
          expect(minor).toBeGreaterThanOrEqual(-1e-12);
        }
      }
    }
  });
});

describe("gaussianSteadyState: bad input", () => {
  const good = oneModeTwoBaths(1, 0.1, 0.5, 0.2, 1);

  it("rejects a non-Hermitian h with a ParameterError naming hamiltonian", () => {
    const h = ComplexMatrix.from([
      [1, 0.5],
      [0.2, 1],
    ]);
    const system = { modes: 2, hamiltonian: h, jumps: [] };
    expect(() => gaussianSteadyState(system)).toThrow(ParameterError);
    expect(() => gaussianSteadyState(system)).toThrow(/hamiltonian/);
  });

  it("rejects a complex diagonal in h", () => {
    const h = ComplexMatrix.from([[{ re: 1, im: 0.1 }]]);
    expect(() => gaussianSteadyState({ ...good, hamiltonian: h })).toThrow(ParameterError);
  });

  it("rejects h of the wrong size with a DimensionError", () => {
    expect(() => gaussianSteadyState({ ...good, hamiltonian: ComplexMatrix.identity(2) })).toThrow(
      DimensionError,
    );
  });

  it("rejects a coefficient list of the wrong length with a DimensionError naming the jump", () => {
    const jumps = [
      ...good.jumps,
      { bath: "C", kind: "lowering", coefficients: [1, 0], rate: 1 } as LinearJump,
    ];
    expect(() => gaussianSteadyState({ ...good, jumps })).toThrow(DimensionError);
    expect(() => gaussianSteadyState({ ...good, jumps })).toThrow(/jumps\[4\]\.coefficients/);
  });

  it("rejects a negative, NaN or infinite rate with a ParameterError naming the jump", () => {
    for (const rate of [-0.1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const jumps = good.jumps.map((j, k) => (k === 1 ? { ...j, rate } : j));
      expect(() => gaussianSteadyState({ ...good, jumps })).toThrow(ParameterError);
      expect(() => gaussianSteadyState({ ...good, jumps })).toThrow(/jumps\[1\]\.rate/);
    }
  });

  it("rejects non-finite entries of h and coefficients", () => {
    const h = ComplexMatrix.from([[Number.NaN]]);
    expect(() => gaussianSteadyState({ ...good, hamiltonian: h })).toThrow(ParameterError);
    const jumps = good.jumps.map((j, k) =>
      k === 0 ? { ...j, coefficients: [{ re: 1, im: Number.NaN }] } : j,
    );
    expect(() => gaussianSteadyState({ ...good, jumps })).toThrow(/jumps\[0\]\.coefficients\[0\]/);
  });

  it("rejects an unknown jump kind and a bad mode count", () => {
    const jumps = [{ ...good.jumps[0], kind: "sideways" }] as unknown as LinearJump[];
    expect(() => gaussianSteadyState({ ...good, jumps })).toThrow(/kind/);
    expect(() => gaussianSteadyState({ ...good, modes: 0 })).toThrow(ParameterError);
  });
});

describe("gaussianSteadyState: no unique steady state", () => {
  function expectNonUnique(system: QuadraticBosonicSystem) {
    let error: unknown;
    try {
      gaussianSteadyState(system);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NumericalError);
    expect((error as NumericalError).reason).toBe("non-unique-steady-state");
  }

  it("detects a mode that no jump reaches", () => {
    expectNonUnique({
      modes: 2,
      hamiltonian: ComplexMatrix.diagonal([1, 2]),
      jumps: thermalPair("A", [1, 0], 0.1, 0.5),
    });
  });

  it("detects a dark normal mode of two degenerate oscillators damped symmetrically", () => {
    // a1 + a2 is damped, a1 - a2 decouples from the bath and from H
    expectNonUnique({
      modes: 2,
      hamiltonian: ComplexMatrix.fromReal([
        [1, 0.3],
        [0.3, 1],
      ]),
      jumps: thermalPair("A", [Math.SQRT1_2, Math.SQRT1_2], 0.1, 0.5),
    });
  });

  it("detects a mode amplified faster than it is damped", () => {
    expectNonUnique({
      modes: 1,
      hamiltonian: ComplexMatrix.from([[1]]),
      jumps: [
        { bath: "A", kind: "lowering", coefficients: [1], rate: 0.1 },
        { bath: "A", kind: "raising", coefficients: [1], rate: 0.2 },
      ],
    });
  });

  it("detects a closed system (no jumps)", () => {
    expectNonUnique({ modes: 1, hamiltonian: ComplexMatrix.from([[1]]), jumps: [] });
  });
});

describe("gaussianSteadyState: thermal jumps at any temperature", () => {
  /** One mode between two baths, each bath one "thermal" jump (g, n). */
  function thermalOneMode(w: number, gA: number, nA: number, gB: number, nB: number): QuadraticBosonicSystem {
    return {
      modes: 1,
      hamiltonian: ComplexMatrix.from([[w]]),
      jumps: [
        { bath: "A", kind: "thermal", coefficients: [1], rate: gA, occupation: nA },
        { bath: "B", kind: "thermal", coefficients: [1], rate: gB, occupation: nB },
      ],
    };
  }

  it.each([1, 1e7, 1e20, 1e100, 1e200, 1e300])(
    "nA = %s: N and J_A = w gA gB (nA - nB)/(gA + gB) to rounding (the two-jump form loses g from n ~ 1e7)",
    (nA) => {
      const [w, gA, gB, nB] = [1.3, 0.01, 0.02, 0.5];
      const state = gaussianSteadyState(thermalOneMode(w, gA, nA, gB, nB));
      expectRelative(state.occupations[0], (gA * nA + gB * nB) / (gA + gB));
      const jA = w * (nA - nB) * (gA * (gB / (gA + gB)));
      expectRelative(state.currents.A, jA, 1e-12);
      expectRelative(state.currents.B, -jA, 1e-12);
      expectRelative(state.jumpCurrents[0], jA, 1e-12);
      expect(Number.isFinite(state.residual)).toBe(true);
    },
  );

  it("a thermal jump is the same dissipator as its lowering/raising pair (moderate n)", () => {
    const rand = seededRandom(11);
    const h = randomHermitian(3, rand);
    const coefficients = [
      [1, 0.3, 0],
      [0, 0.5, 1],
    ];
    const pairs = thermalPair("A", coefficients[0], 0.05, 2.5).concat(
      thermalPair("B", coefficients[1], 0.02, 0.1),
    );
    const thermal: LinearJump[] = [
      { bath: "A", kind: "thermal", coefficients: coefficients[0], rate: 0.05, occupation: 2.5 },
      { bath: "B", kind: "thermal", coefficients: coefficients[1], rate: 0.02, occupation: 0.1 },
    ];
    // A third bath with a plain lowering jump mixes the kinds in the transfer form.
    const extra: LinearJump = { bath: "C", kind: "lowering", coefficients: [0, 0, 1], rate: 0.01 };
    const a = gaussianSteadyState({ modes: 3, hamiltonian: h, jumps: [...pairs, extra] });
    const b = gaussianSteadyState({ modes: 3, hamiltonian: h, jumps: [...thermal, extra] });
    for (let k = 0; k < 3; k++) expectRelative(b.occupations[k], a.occupations[k], 1e-12);
    for (const bath of ["A", "B", "C"]) expectRelative(b.currents[bath], a.currents[bath], 1e-10);
    expectRelative(
      gaussianHeatCurrents({ modes: 3, hamiltonian: h, jumps: thermal }, b.correlations).A,
      gaussianHeatCurrents({ modes: 3, hamiltonian: h, jumps: pairs }, b.correlations).A,
      1e-12,
    );
  });

  it("rejects a thermal jump without a finite occupation, and an occupation on another kind", () => {
    const base = thermalOneMode(1, 0.1, 1, 0.1, 0);
    const bad = (occupation: unknown) =>
      ({ ...base, jumps: [{ ...base.jumps[0], occupation }, base.jumps[1]] }) as QuadraticBosonicSystem;
    for (const n of [undefined, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => gaussianSteadyState(bad(n))).toThrow(/jumps\[0\]\.occupation/);
    }
    const lowering = {
      ...base,
      jumps: [{ bath: "A", kind: "lowering", coefficients: [1], rate: 1, occupation: 2 }],
    };
    expect(() => gaussianSteadyState(lowering as QuadraticBosonicSystem)).toThrow(ParameterError);
  });
});

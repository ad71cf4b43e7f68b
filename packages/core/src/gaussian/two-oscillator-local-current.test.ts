import { describe, expect, it } from "vitest";
import { ParameterError } from "../errors/parameter-error";
import { nBose } from "../thermodynamics/bose";
import { gaussianSteadyState } from "./gaussian-steady-state";
import { twoOscillatorGlobalCurrent } from "./two-oscillator-global-current";
import { twoOscillatorLocalCurrent } from "./two-oscillator-local-current";
import { type TwoOscillatorLocalParameters, twoOscillatorLocalSystem } from "./two-oscillator-systems";

/** Agreement of the closed form with the Lyapunov solution, relative to the current. */
const RELATIVE_TOLERANCE = 1e-12;
/**
 * The rates g (1 + n) and g n are rounded before the solver sees them, which moves the effective
 * n by about eps (1 + n)^2 and so the current by a relative amount up to
 * eps (1 + nA + nB)(1 + max n) / |nA - nB|: large only at high temperature with nA ~ nB.
 * Where that exceeds RELATIVE_TOLERANCE the test allows this multiple of it instead (as an
 * absolute error K eps (1 + nA + nB)(1 + max n), with K = J / (nA - nB) the conductance).
 */
const INPUT_CONDITIONING_FACTOR = 4;

/** Absolute error of J = K (nA - nB) induced by rounding the rates, K the conductance. */
function inputRoundingError(conductance: number, nA: number, nB: number): number {
  return Number.EPSILON * (1 + nA + nB) * (1 + Math.max(nA, nB)) * Math.abs(conductance);
}

const FREQUENCIES: [number, number][] = [
  [1, 1],
  [0.5, 0.5001],
  [2, 1],
  [1, 3],
];
const LAMBDA_FRACTIONS = [0, 1e-3, 0.1, 0.5, 0.9, 0.999];
const RATES = [0.001, 0.05, 1];
const TEMPERATURES = [0, 0.05, 0.3, 1, 10, 1000];

describe("twoOscillatorLocalCurrent", () => {
  it("agrees with gaussianSteadyState over a grid (detuned and resonant, lambda up to sqrt(w1 w2), T up to 1000)", () => {
    let points = 0;
    let strict = 0;
    let worst = 0;
    for (const [omega1, omega2] of FREQUENCIES) {
      for (const fraction of LAMBDA_FRACTIONS) {
        const lambda = fraction * Math.sqrt(omega1 * omega2);
        for (const gA of RATES) {
          for (const gB of [0.01, 0.3]) {
            for (const TA of TEMPERATURES) {
              for (const TB of TEMPERATURES) {
                const nA = nBose(omega1, TA);
                const nB = nBose(omega2, TB);
                const p = { omega1, omega2, lambda, gA, gB, nA, nB };
                const closed = twoOscillatorLocalCurrent(p);
                const state = gaussianSteadyState(twoOscillatorLocalSystem(p));
                const err = Math.abs(state.currents.A - closed.currentA);
                const conductance = twoOscillatorLocalCurrent({ ...p, nA: 1, nB: 0 }).currentA;
                const tol = Math.max(
                  RELATIVE_TOLERANCE * Math.abs(closed.currentA),
                  INPUT_CONDITIONING_FACTOR * inputRoundingError(conductance, nA, nB),
                );
                expect(err, JSON.stringify(p)).toBeLessThanOrEqual(tol);
                expect(Math.abs(state.currents.B - closed.currentB)).toBeLessThanOrEqual(tol);
                points++;
                if (err <= RELATIVE_TOLERANCE * Math.abs(closed.currentA)) strict++;
                if (closed.currentA !== 0) worst = Math.max(worst, err / Math.abs(closed.currentA));
              }
            }
          }
        }
      }
    }
    expect(points).toBe(5184);
    // most of the grid meets 1e-12 outright; the rest is the high-T, nA ~ nB corner
    expect(strict / points).toBeGreaterThan(0.97);
    expect(worst).toBeLessThan(1e-8);
  });

  it("conserves energy exactly: J_A + J_B = 0", () => {
    const c = twoOscillatorLocalCurrent({
      omega1: 2,
      omega2: 1,
      lambda: 0.3,
      gA: 0.1,
      gB: 0.2,
      nA: 0.7,
      nB: 0.1,
    });
    expect(c.currentA + c.currentB).toBe(0);
  });

  it("has the resonant form 4 w lambda^2 gA gB (nA - nB) / ((gA + gB)(4 lambda^2 + gA gB))", () => {
    const [w, lambda, gA, gB, nA, nB] = [1.3, 0.2, 0.07, 0.11, 2.5, 0.4];
    const expected = (4 * w * lambda ** 2 * gA * gB * (nA - nB)) / ((gA + gB) * (4 * lambda ** 2 + gA * gB));
    const c = twoOscillatorLocalCurrent({ omega1: w, omega2: w, lambda, gA, gB, nA, nB });
    expect(Math.abs(c.currentA - expected)).toBeLessThan(RELATIVE_TOLERANCE * expected);
    expect(
      twoOscillatorLocalCurrent({ omega1: 1, omega2: 1, lambda: 0.1, gA: 0.1, gB: 0.1, nA: 1, nB: 0 })
        .currentA,
    ).toBeCloseTo(0.04, 15);
  });

  it("changes sign where nA(omega1) = nB(omega2), i.e. TA / omega1 = TB / omega2, not where TA = TB", () => {
    const [omega1, omega2, TB] = [2, 1, 0.8];
    const local = (TA: number) =>
      twoOscillatorLocalCurrent({
        omega1,
        omega2,
        lambda: 0.1,
        gA: 0.05,
        gB: 0.05,
        nA: nBose(omega1, TA),
        nB: nBose(omega2, TB),
      }).currentA;
    const crossing = (TB * omega1) / omega2; // 1.6
    expect(local(crossing * (1 - 1e-6))).toBeLessThan(0);
    expect(local(crossing * (1 + 1e-6))).toBeGreaterThan(0);
    expect(Math.abs(local(crossing))).toBeLessThan(1e-15);
    // at TA = TB heat still flows: from B (hotter in occupation) into A's oscillator
    expect(local(TB)).toBeLessThan(0);
  });

  it("reproduces the example of docs/paper-corrections.md: J_A < 0 under the local ME, > 0 under the global ME", () => {
    const [omega1, omega2, lambda, g, TA, TB] = [2, 1, 0.1, 0.05, 1.0, 0.8];
    const nA = nBose(omega1, TA);
    const nB = nBose(omega2, TB);
    expect(nA).toBeCloseTo(0.157, 3);
    expect(nB).toBeCloseTo(0.402, 3);
    const p: TwoOscillatorLocalParameters = { omega1, omega2, lambda, gA: g, gB: g, nA, nB };
    const local = twoOscillatorLocalCurrent(p);
    expect(local.currentA).toBeLessThan(0);
    expect(gaussianSteadyState(twoOscillatorLocalSystem(p)).currents.A).toBeLessThan(0);
    // entropy production -J_A/TA - J_B/TB is negative: the local ME breaks the second law here
    expect(-local.currentA / TA - local.currentB / TB).toBeLessThan(0);
    const global = twoOscillatorGlobalCurrent({ omega1, omega2, lambda, gA: () => g, gB: () => g, TA, TB });
    expect(global.currentA).toBeGreaterThan(0);
    expect(-global.currentA / TA - global.currentB / TB).toBeGreaterThan(0);
  });

  it("is exactly zero at T = 0 and without a transport path", () => {
    const base = { omega1: 2, omega2: 1, lambda: 0.3, gA: 0.1, gB: 0.2, nA: 0, nB: 0 };
    expect(twoOscillatorLocalCurrent(base)).toEqual({ currentA: 0, currentB: 0 });
    const state = gaussianSteadyState(twoOscillatorLocalSystem(base));
    expect(state.currents).toEqual({ A: 0, B: 0 });
    expect(state.occupations).toEqual([0, 0]);
    expect(twoOscillatorLocalCurrent({ ...base, nA: 1, lambda: 0 })).toEqual({ currentA: 0, currentB: 0 });
    expect(twoOscillatorLocalCurrent({ ...base, nA: 1, gB: 0 })).toEqual({ currentA: 0, currentB: 0 });
  });

  it("rejects bad parameters with a ParameterError naming them", () => {
    const base = { omega1: 2, omega2: 1, lambda: 0.3, gA: 0.1, gB: 0.2, nA: 0, nB: 0 };
    expect(() => twoOscillatorLocalCurrent({ ...base, lambda: Math.SQRT2 })).toThrow(/lambda/);
    expect(() => twoOscillatorLocalCurrent({ ...base, omega1: 0 })).toThrow(/omega1/);
    expect(() => twoOscillatorLocalCurrent({ ...base, gB: -1 })).toThrow(ParameterError);
    expect(() => twoOscillatorLocalCurrent({ ...base, nA: Number.NaN })).toThrow(/nA/);
  });
});

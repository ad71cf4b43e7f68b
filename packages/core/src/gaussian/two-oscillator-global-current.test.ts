import { describe, expect, it } from "vitest";
import { ParameterError } from "../errors/parameter-error";
import { hermitianEigen } from "../linalg/hermitian-eigen";
import { seededRandom } from "../testing/random";
import { nBose } from "../thermodynamics/bose";
import { gaussianSteadyState } from "./gaussian-steady-state";
import { twoOscillatorGlobalCurrent } from "./two-oscillator-global-current";
import { twoOscillatorNormalModes } from "./two-oscillator-normal-modes";
import { twoOscillatorGlobalSystem, twoOscillatorHamiltonian } from "./two-oscillator-systems";

/** Closed form vs Lyapunov solution, relative to the current (well-conditioned random draws). */
const RELATIVE_TOLERANCE = 1e-12;
/** Normal modes vs an independent eigensolver, relative to the largest frequency. */
const EIGEN_TOLERANCE = 1e-14;

const ohmic = (g: number, cutoff: number) => (w: number) => g * w * Math.exp(-w / cutoff);

describe("twoOscillatorNormalModes", () => {
  it("diagonalises h = [[w1, lambda], [lambda, w2]] (against hermitianEigen, seeded)", () => {
    const rand = seededRandom(11);
    for (let trial = 0; trial < 50; trial++) {
      const omega1 = 0.1 + 3 * rand();
      const omega2 = trial % 5 === 0 ? omega1 : 0.1 + 3 * rand();
      const lambda = (2 * rand() - 1) * 0.999 * Math.sqrt(omega1 * omega2);
      const modes = twoOscillatorNormalModes(omega1, omega2, lambda);
      const ref = hermitianEigen(twoOscillatorHamiltonian(omega1, omega2, lambda));
      expect(Math.abs(modes.omegaMinus - ref.values[0])).toBeLessThan(EIGEN_TOLERANCE * modes.omegaPlus);
      expect(Math.abs(modes.omegaPlus - ref.values[1])).toBeLessThan(EIGEN_TOLERANCE * modes.omegaPlus);
      const u = modes.mixing;
      const omegas = [modes.omegaPlus, modes.omegaMinus];
      for (let k = 0; k < 2; k++) {
        // h u_k = omega_k u_k and orthonormality
        expect(Math.abs(omega1 * u[0][k] + lambda * u[1][k] - omegas[k] * u[0][k])).toBeLessThan(
          1e-14 * omegas[0],
        );
        expect(Math.abs(lambda * u[0][k] + omega2 * u[1][k] - omegas[k] * u[1][k])).toBeLessThan(
          1e-14 * omegas[0],
        );
        expect(Math.abs(u[0][k] ** 2 + u[1][k] ** 2 - 1)).toBeLessThan(1e-15);
      }
      expect(Math.abs(u[0][0] * u[0][1] + u[1][0] * u[1][1])).toBeLessThan(1e-15);
    }
  });

  it("keeps a weak mixing accurate relative to itself", () => {
    // sin(phi) ~ lambda / (omega1 - omega2) for lambda << |omega1 - omega2|, both signs of the detuning
    expect(twoOscillatorNormalModes(2, 1, 1e-12).mixing[1][0]).toBeCloseTo(1e-12, 25);
    expect(Math.abs(twoOscillatorNormalModes(1, 2, 1e-12).mixing[0][0])).toBeCloseTo(1e-12, 25);
  });
});

describe("twoOscillatorGlobalCurrent", () => {
  it("agrees with gaussianSteadyState on the normal-mode system and has sigma >= 0 (seeded)", () => {
    const rand = seededRandom(2024);
    let worst = 0;
    for (let trial = 0; trial < 200; trial++) {
      const omega1 = 0.2 + 2 * rand();
      const omega2 = trial % 4 === 0 ? omega1 : 0.2 + 2 * rand();
      const lambda = rand() * 0.99 * Math.sqrt(omega1 * omega2);
      const flat = trial % 2 === 0;
      const gA = flat ? (() => 0.001 + 0.1 * rand())() : 0;
      const gB = flat ? (() => 0.001 + 0.1 * rand())() : 0;
      const p = {
        omega1,
        omega2,
        lambda,
        gA: flat ? () => gA : ohmic(0.01 + 0.1 * rand(), 1 + 5 * rand()),
        gB: flat ? () => gB : ohmic(0.01 + 0.1 * rand(), 1 + 5 * rand()),
        TA: 0.05 + 5 * rand(),
        TB: 0.05 + 5 * rand(),
      };
      const closed = twoOscillatorGlobalCurrent(p);
      const state = gaussianSteadyState(twoOscillatorGlobalSystem(p));
      const rel = Math.abs(state.currents.A - closed.currentA) / Math.abs(closed.currentA);
      worst = Math.max(worst, rel);
      expect(rel).toBeLessThan(RELATIVE_TOLERANCE);
      expect(Math.abs(state.currents.B - closed.currentB)).toBeLessThan(
        RELATIVE_TOLERANCE * Math.abs(closed.currentA),
      );
      expect(closed.currentA + closed.currentB).toBe(0);
      // second law: sigma = -J_A/TA - J_B/TB >= 0, and heat flows from hot to cold
      expect(-closed.currentA / p.TA - closed.currentB / p.TB).toBeGreaterThanOrEqual(0);
      expect(-state.currents.A / p.TA - state.currents.B / p.TB).toBeGreaterThanOrEqual(0);
      expect(Math.sign(closed.currentA)).toBe(Math.sign(p.TA - p.TB));
      // in the eigenbasis the steady state is a product of thermal-like modes
      const occ = closed.channels.map((c) => (c.gA * c.nA + c.gB * c.nB) / (c.gA + c.gB));
      const u = twoOscillatorNormalModes(omega1, omega2, lambda).mixing;
      const n11 = u[0][0] ** 2 * occ[0] + u[0][1] ** 2 * occ[1];
      expect(Math.abs(state.occupations[0] - n11)).toBeLessThan(1e-12 * (occ[0] + occ[1]));
    }
    expect(worst).toBeLessThan(RELATIVE_TOLERANCE);
  });

  it("sums omega_k gA_k gB_k (nA - nB) / (gA_k + gB_k) over the normal modes (resonant example)", () => {
    const c = twoOscillatorGlobalCurrent({
      omega1: 1,
      omega2: 1,
      lambda: 0.5,
      gA: () => 0.1,
      gB: () => 0.1,
      TA: 2,
      TB: 1,
    });
    const expected =
      1.5 * 0.025 * (nBose(1.5, 2) - nBose(1.5, 1)) + 0.5 * 0.025 * (nBose(0.5, 2) - nBose(0.5, 1));
    expect(Math.abs(c.currentA - expected)).toBeLessThan(1e-15);
    expect(c.currentA).toBeCloseTo(0.047543, 6);
    expect(c.channels.map((ch) => ch.omega)).toEqual([1.5, 0.5]);
  });

  it("is exactly zero at T = 0 and at equal temperatures", () => {
    const p = { omega1: 2, omega2: 1, lambda: 0.4, gA: ohmic(0.1, 3), gB: () => 0.05, TA: 0, TB: 0 };
    expect(twoOscillatorGlobalCurrent(p).currentA).toBe(0);
    const state = gaussianSteadyState(twoOscillatorGlobalSystem(p));
    expect(state.currents).toEqual({ A: 0, B: 0 });
    expect(state.occupations).toEqual([0, 0]);
    expect(twoOscillatorGlobalCurrent({ ...p, TA: 0.7, TB: 0.7 }).currentA).toBe(0);
  });

  it("rejects a negative temperature or spectral density", () => {
    const p = { omega1: 2, omega2: 1, lambda: 0.4, gA: () => 0.1, gB: () => 0.05, TA: 1, TB: 1 };
    expect(() => twoOscillatorGlobalCurrent({ ...p, TB: -1 })).toThrow(/TB/);
    expect(() => twoOscillatorGlobalCurrent({ ...p, gA: () => -0.1 })).toThrow(ParameterError);
    expect(() => twoOscillatorGlobalSystem({ ...p, gB: () => Number.NaN })).toThrow(/gB/);
  });
});

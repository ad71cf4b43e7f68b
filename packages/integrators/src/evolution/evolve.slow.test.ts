import {
  APPROACHES,
  fromEigenbasis,
  heatCurrents,
  Operator,
  steadyState,
  traceDistance,
} from "@liouville/core";
import { lastValueFrom, toArray } from "rxjs";
import { describe, expect, test } from "vitest";
import { coupledQubitsGenerator, eigenSuperposition } from "../test-support/evolve-test-systems";
import { evolve } from "./evolve";
import { untilRelaxed } from "./relaxation";

// The slow tier of `evolve`: long-time evolution against the direct steady state over a grid
// of parameters and every approach, and the second-order scaling of the Redfield coherence's
// frequency shift.

/**
 * Tighter than in the default tier: at lambda = 0.9 (larger frequencies, coherences ~0.1 in the
 * product basis where the integration runs) the noise floor of ||L rho|| is ~1e-10 at
 * rtol 1e-10, atol 1e-12 and ~5e-11 at rtol = atol = 1e-12, above RELAXED (see
 * relaxationResidual). Measured at these tolerances: ~6e-13.
 */
const RTOL = 1e-13;
const ATOL = 1e-14;
/** Thirty times the integrator's noise floor at RTOL, ATOL. */
const RELAXED = 2e-11;
const TRACE_DISTANCE_TOLERANCE = 1e-9;
/** Currents are linear in rho with coefficients ~ g omega, so they agree like rho does. */
const CURRENT_TOLERANCE = 1e-10;

const GRID = [
  { omega1: 1.2, omega2: 1, lambda: 0.05, gA: 0.05, gB: 0.05, TA: 2, TB: 1 },
  { omega1: 1.2, omega2: 1, lambda: 0.4, gA: 0.02, gB: 0.08, TA: 2, TB: 1 },
  { omega1: 1, omega2: 1.5, lambda: 0.9, gA: 0.05, gB: 0.05, TA: 0.5, TB: 3 },
  { omega1: 1.2, omega2: 1, lambda: 0.3, gA: 0.05, gB: 0.05, TA: 1, TB: 1 },
];

describe.each(APPROACHES)("long-time evolution (%s) agrees with steadyState", (approach) => {
  test.each(GRID)("lambda $lambda, gA $gA, gB $gB, TA $TA, TB $TB", async (params) => {
    const generator = coupledQubitsGenerator(params, approach);
    const steady = steadyState(generator);
    for (const amplitudes of [
      [1, 0, 0, 0],
      [0, 1, 1, 0],
    ]) {
      const rho0 = eigenSuperposition(generator, amplitudes);
      const last = await lastValueFrom(
        evolve(generator, rho0, { rtol: RTOL, atol: ATOL }).pipe(untilRelaxed(generator, RELAXED)),
      );
      expect(traceDistance(last.rho, steady.rho)).toBeLessThan(TRACE_DISTANCE_TOLERANCE);
      const currents = heatCurrents(generator, steady);
      for (const bath of ["A", "B"]) {
        expect(Math.abs(last.currents![bath] - currents[bath])).toBeLessThan(CURRENT_TOLERANCE);
      }
    }
  });
});

describe("the Redfield coherence's frequency shift is second order in g", () => {
  /** Exponent of the shift |omega_fit - (E3 - E2)| ~ g^p: p = 2 up to higher orders. */
  const EXPONENT_TOLERANCE = 0.1;

  test("omega_fit - (E3 - E2) scales as g^2", async () => {
    const strengths = [0.02, 0.01, 0.005];
    const shifts: number[] = [];
    for (const g of strengths) {
      const params = { omega1: 1.2, omega2: 1, lambda: 0.5, gA: g, gB: g, TA: 2, TB: 1 };
      const generator = coupledQubitsGenerator(params, "redfield");
      const steady = steadyState(generator).rhoEigen;
      const start = steady.clone();
      start.set(1, 2, { re: steady.re(1, 2) + 0.05, im: steady.im(1, 2) });
      start.set(2, 1, { re: steady.re(2, 1) + 0.05, im: steady.im(2, 1) });
      const rho0 = Operator.of(fromEigenbasis(start, generator.eigen), [2, 2]);
      const samples = await lastValueFrom(
        evolve(generator, rho0, {
          every: 0.25,
          tEnd: 50,
          elements: [[1, 2]],
          populations: false,
          currents: false,
          rtol: 1e-12,
          atol: 1e-14,
        }).pipe(toArray()),
      );
      const phase: number[] = [];
      for (const s of samples) {
        let arg = Math.atan2(s.elements![0].im - steady.im(1, 2), s.elements![0].re - steady.re(1, 2));
        if (phase.length > 0) arg += 2 * Math.PI * Math.round((phase.at(-1)! - arg) / (2 * Math.PI));
        phase.push(arg);
      }
      const omega = (phase.at(-1)! - phase[0]) / (samples.at(-1)!.t - samples[0].t);
      const [, e2, e3] = generator.eigen.values;
      shifts.push(Math.abs(omega - (e3 - e2)));
    }
    const exponent = Math.log(shifts[0] / shifts[2]) / Math.log(strengths[0] / strengths[2]);
    expect(Math.abs(exponent - 2)).toBeLessThan(EXPONENT_TOLERANCE);
  });
});

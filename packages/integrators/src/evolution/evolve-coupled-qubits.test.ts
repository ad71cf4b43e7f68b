import {
  BOHR_TOLERANCE,
  bohrTolerance,
  dagger,
  fromEigenbasis,
  kron,
  matmul,
  Operator,
  redfieldKernelEigen,
  steadyState,
  traceDistance,
  vecIndex,
} from "@liouville/core";
import { lastValueFrom, tap, toArray } from "rxjs";
import { describe, expect, test } from "vitest";
import {
  coupledQubitsGenerator,
  eigenSuperposition,
  stateDefects,
} from "../test-support/evolve-test-systems";
import { evolve } from "./evolve";
import { untilRelaxed } from "./relaxation";

// Time evolution of the coupled qubits (eqs. (3.16)-(3.18) of Fogedby (arXiv:2301.13544)): relaxation to
// the steady state that `steadyState` solves directly, and the Redfield coherence rho_23 of
// Sec. IV C 1, eqs. (4.26)-(4.31), with paper-corrections items 7 and 8.

const RTOL = 1e-10;
const ATOL = 1e-12;
/**
 * ||L rho|| at which the evolution counts as relaxed: well above the integrator's noise floor
 * at these tolerances (~6e-12 global, ~1e-11 Redfield; see relaxationResidual) and small enough
 * that the distance to the steady state, about residual / (slowest rate), is below 1e-9.
 */
const RELAXED = 2e-11;
/** Measured: 4e-11 to 8e-11 at t ~ 170-180 (global and Redfield, both initial states). */
const TRACE_DISTANCE_TOLERANCE = 1e-9;
/**
 * Trace and Hermiticity are conserved by L exactly; the integration keeps them to rounding
 * (measured: trace within 8e-16, Hermiticity within 3e-17).
 */
const CONSERVATION_TOLERANCE = 1e-12;

/** Baths strong enough (g = 0.05) to relax in a few hundred time units. */
const RELAXING = { omega1: 1.2, omega2: 1, lambda: 0.1, gA: 0.05, gB: 0.05, TA: 2, TB: 1 };

describe.each(["global", "redfield"] as const)("the coupled qubits relax under %s", (approach) => {
  const generator = coupledQubitsGenerator(RELAXING, approach);
  const target = steadyState(generator).rho;

  test.each([
    ["the ground state", [1, 0, 0, 0]],
    ["(|2> + |3>)/sqrt(2), a state with coherence", [0, 1, 1, 0]],
  ])("from %s to the steady state of steadyState", async (_name, amplitudes) => {
    const rho0 = eigenSuperposition(generator, amplitudes);
    let worstTrace = 0;
    let worstHermiticity = 0;
    let count = 0;
    const last = await lastValueFrom(
      evolve(generator, rho0, { rtol: RTOL, atol: ATOL }).pipe(
        untilRelaxed(generator, RELAXED),
        tap((s) => {
          const defects = stateDefects(s.rho);
          worstTrace = Math.max(worstTrace, defects.trace);
          worstHermiticity = Math.max(worstHermiticity, defects.hermiticity);
          count++;
        }),
      ),
    );
    const distance = traceDistance(last.rho, target);
    expect(distance).toBeLessThan(TRACE_DISTANCE_TOLERANCE);
    expect(worstTrace).toBeLessThan(CONSERVATION_TOLERANCE);
    expect(worstHermiticity).toBeLessThan(CONSERVATION_TOLERANCE);
    expect(count).toBeGreaterThan(100); // checked along the way, not only at the end
  });
});

describe("the Redfield coherence rho_23 (Sec. IV C 1, paper-corrections items 7-8)", () => {
  // g << |E3 - E2| so that rho_23 oscillates many times while it decays: lambda = 0.5 gives
  // E3 - E2 = 2 sqrt(((omega1 - omega2)/2)^2 + lambda^2) = 1.0198, and g = 0.01 gives C ~ -0.035.
  const params = { ...RELAXING, lambda: 0.5, gA: 0.01, gB: 0.01 };
  const generator = coupledQubitsGenerator(params, "redfield");
  const [, e2, e3] = generator.eigen.values;
  /** The paper's E = E_23 = E2 - E3 (eq. (4.30)); rho_23 turns as exp(-i E t). */
  const E = e2 - e3;
  /** C = K_{23,23}, the diagonal Redfield kernel element of rho_23 (zero-based [1, 2]), summed over baths. */
  const m = vecIndex(1, 2, 4);
  const tolerance = bohrTolerance(generator.eigen.values, BOHR_TOLERANCE);
  const C = generator.system.baths.reduce(
    (sum, bath, b) => sum + redfieldKernelEigen(bath, b, generator.eigen, tolerance).re(m, m),
    0,
  );
  const steady = steadyState(generator).rhoEigen;
  const rho23Steady = { re: steady.re(1, 2), im: steady.im(1, 2) };
  /**
   * The coherence couples to the populations through K_{pp,23} and K_{23,pp} (eqs. (4.26)-(4.31)
   * with paper-corrections item 7); these shift its eigenvalue from C - iE at second order, by about
   * g^2/|E| relative to |E| and to |C|: (g/|E|)^2 ~ 1e-4 here. Measured: rate -0.0349895 vs
   * C = -0.0349895 (2e-7 relative), frequency 1.019760 vs E3 - E2 = 1.019804 (4e-5 relative).
   */
  const SECOND_ORDER = 2e-4;

  test("C < 0, and the Liouvillian's diagonal element for rho_23 in the eigenbasis is C - iE", () => {
    expect(C).toBeLessThan(0);
    expect(Math.abs(E)).toBeCloseTo(2 * Math.hypot((params.omega1 - params.omega2) / 2, params.lambda), 12);
    // W^dagger L W with W = conj(V) (x) V: the generator in the eigenbasis (column stacking)
    const v = generator.eigen.vectors;
    const conjV = v.clone();
    for (let k = 1; k < conjV.data.length; k += 2) conjV.data[k] = -conjV.data[k];
    const w = kron(conjV, v);
    const lEigen = matmul(matmul(dagger(w), generator.liouvillian.toDense()), w);
    expect(lEigen.re(m, m)).toBeCloseTo(C, 14);
    expect(lEigen.im(m, m)).toBeCloseTo(-E, 12);
  });

  test("rho_23(t) - rho_23(inf) = A exp((C - iE) t): fitted rate and frequency", async () => {
    // Start from the steady state with an extra coherence eps (|2><3| + |3><2|): the deviation
    // is then the coherence mode alone, up to the second-order coupling to the populations.
    const eps = 0.05;
    const start = steady.clone();
    start.set(1, 2, { re: steady.re(1, 2) + eps, im: steady.im(1, 2) });
    start.set(2, 1, { re: steady.re(2, 1) + eps, im: steady.im(2, 1) });
    const rho0 = Operator.of(fromEigenbasis(start, generator.eigen), [2, 2]);
    const dt = 0.25; // < pi / |E|: the phase is unwrapped sample by sample
    const tEnd = 3 / Math.abs(C);
    const samples = await lastValueFrom(
      evolve(generator, rho0, {
        every: dt,
        tEnd,
        elements: [[1, 2]],
        populations: false,
        currents: false,
        rtol: RTOL,
        atol: ATOL,
      }).pipe(toArray()),
    );
    const ts: number[] = [];
    const logAmplitude: number[] = [];
    const phase: number[] = [];
    for (const s of samples) {
      const re = s.elements![0].re - rho23Steady.re;
      const im = s.elements![0].im - rho23Steady.im;
      let arg = Math.atan2(im, re);
      if (phase.length > 0) arg += 2 * Math.PI * Math.round((phase.at(-1)! - arg) / (2 * Math.PI));
      ts.push(s.t);
      logAmplitude.push(Math.log(Math.hypot(re, im)));
      phase.push(arg);
    }
    const rate = slope(ts, logAmplitude);
    const frequency = slope(ts, phase);
    expect(Math.abs(rate - C) / Math.abs(C)).toBeLessThan(SECOND_ORDER);
    expect(Math.abs(frequency - -E) / Math.abs(E)).toBeLessThan(SECOND_ORDER);
    // the amplitude at t = 0 is the perturbation itself
    expect(Math.exp(logAmplitude[0])).toBeCloseTo(eps, 12);
  });

  test("rho_23 settles at its small nonzero steady value, O(g / |E3 - E2|)", async () => {
    const size = Math.hypot(rho23Steady.re, rho23Steady.im);
    expect(size).toBeGreaterThan(1e-2 * (params.gA / Math.abs(E)));
    expect(size).toBeLessThan(params.gA / Math.abs(E));
    const rho0 = eigenSuperposition(generator, [0, 1, 1, 0]);
    const last = await lastValueFrom(
      evolve(generator, rho0, { elements: [[1, 2]], rtol: RTOL, atol: ATOL }).pipe(
        untilRelaxed(generator, 1e-10),
      ),
    );
    const z = last.elements![0];
    expect(Math.hypot(z.re - rho23Steady.re, z.im - rho23Steady.im)).toBeLessThan(1e-3 * size);
  });
});

/** Least-squares slope of y against x. */
function slope(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b) / n;
  const my = y.reduce((a, b) => a + b) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  return sxy / sxx;
}

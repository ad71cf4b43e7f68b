import {
  ComplexMatrix,
  DimensionError,
  type Generator,
  NumericalError,
  ParameterError,
  steadyState,
  vec,
} from "@liouville/core";
import { lastValueFrom, of, tap, toArray } from "rxjs";
import { describe, expect, test } from "vitest";
import { coupledQubitsGenerator, eigenSuperposition } from "../test-support/evolve-test-systems";
import { evolve } from "./evolve";
import type { EvolutionSample } from "./evolve-sample";
import { RelaxationMonitor, STALL_MIN_SAMPLES, untilRelaxed } from "./relaxation";
import { relaxationResidual } from "./relaxation-residual";

// The relaxation residual ||L vec(rho)||_2 and the operator that completes a relaxed stream.

const generator = coupledQubitsGenerator(
  { omega1: 1.2, omega2: 1, lambda: 0.1, gA: 0.05, gB: 0.05, TA: 2, TB: 1 },
  "redfield",
);
const ground = eigenSuperposition(generator, [1, 0, 0, 0]);
/** Far above the integrator's noise floor at its default tolerances (~1e-7, see relaxationResidual). */
const TOLERANCE = 1e-5;
/** The dense steady state solves L rho = 0 to rounding. */
const STEADY_RESIDUAL = 1e-15;

function counting(g: Generator): { generator: Generator; calls: () => number } {
  let calls = 0;
  return {
    generator: {
      ...g,
      packed: {
        ...g.packed,
        rhs: (t, y, dydt) => {
          calls++;
          g.packed.rhs(t, y, dydt);
        },
      },
    },
    calls: () => calls,
  };
}

describe("relaxationResidual", () => {
  test("vanishes on the steady state, not on the ground state", () => {
    expect(relaxationResidual(generator, steadyState(generator).rho)).toBeLessThan(STEADY_RESIDUAL);
    expect(relaxationResidual(generator, ground)).toBeGreaterThan(1e-3);
  });

  test("is the Euclidean norm of d vec(rho)/dt as the generator's RHS gives it", async () => {
    const [s] = await lastValueFrom(evolve(generator, ground, { times: [3] }).pipe(toArray()));
    const dydt = new Float64Array(32);
    generator.rhs(3, vec(s.rho), dydt);
    expect(relaxationResidual(generator, s.rho)).toBeCloseTo(Math.hypot(...dydt), 15);
  });

  test("checks the dimension", () => {
    expect(() => relaxationResidual(generator, ComplexMatrix.identity(2))).toThrow(DimensionError);
  });
});

describe("untilRelaxed", () => {
  test.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])("rejects the tolerance %s", (tol) => {
    expect(() => untilRelaxed(generator, tol)).toThrow(ParameterError);
  });

  test("emits up to and including the first relaxed sample, then completes", async () => {
    const samples = await lastValueFrom(
      evolve(generator, ground, { every: 5, residual: true }).pipe(
        untilRelaxed(generator, TOLERANCE),
        toArray(),
      ),
    );
    const last = samples.at(-1)!;
    expect(last.residual).toBeLessThan(TOLERANCE);
    for (const s of samples.slice(0, -1)) expect(s.residual).toBeGreaterThanOrEqual(TOLERANCE);
    expect(samples.length).toBeGreaterThan(3);
  });

  test("stops the evolution upstream: the same work as the option relaxationTolerance", async () => {
    const viaOperator = counting(generator);
    const a = await lastValueFrom(
      evolve(viaOperator.generator, ground, { every: 5 }).pipe(untilRelaxed(generator, TOLERANCE), toArray()),
    );
    const viaOption = counting(generator);
    const b = await lastValueFrom(
      evolve(viaOption.generator, ground, { every: 5, relaxationTolerance: TOLERANCE }).pipe(toArray()),
    );
    expect(a.map((s) => s.t)).toEqual(b.map((s) => s.t));
    // The counters see the upper triangle's RHS (this system declares no charge, so no sector).
    expect(viaOption.calls()).toBeGreaterThan(0);
    expect(viaOperator.calls()).toBe(viaOption.calls());
  });

  test("a NaN residual never counts as relaxed", async () => {
    const broken = ComplexMatrix.diagonal([Number.NaN, 0, 0, 0]);
    const relaxed = steadyState(generator).rho;
    const stream = of<EvolutionSample[]>(
      { t: 0, rho: broken as EvolutionSample["rho"] },
      { t: 1, rho: relaxed },
      { t: 2, rho: relaxed },
    );
    const seen = await lastValueFrom(stream.pipe(untilRelaxed(generator, TOLERANCE), toArray()));
    expect(seen.map((s) => s.t)).toEqual([0, 1]);
  });
});

describe("relaxation below the noise floor", () => {
  // gA = gB = 0.01: the residual of rk45 at rtol 1e-10, atol 1e-12 levels off near 1e-11 from
  // t ~ 1,000 on; before the stall watch it ran 100,000 steps to t ~ 245,677 and failed there.
  const weak = coupledQubitsGenerator(
    { omega1: 1.2, omega2: 1, lambda: 0.1, gA: 0.01, gB: 0.01, TA: 2, TB: 1 },
    "global",
  );
  // A coherence between levels of different energy, so the whole upper triangle is integrated
  // (from an eigenstate the populations alone would be, in the energy sector, far below the floor).
  const start = eigenSuperposition(weak, [1, 1, 0, 0]);
  /** The stall must be caught within a few times the time it starts (t ~ 1,000). */
  const STALL_CAUGHT_BY = 10_000;

  test("a tolerance under the floor fails fast with the reached residual, the tolerance and the remedy", async () => {
    let error: unknown;
    let lastT = 0;
    try {
      await lastValueFrom(
        evolve(weak, start, { relaxationTolerance: 1e-12, rtol: 1e-10, atol: 1e-12 }).pipe(
          tap((s) => (lastT = s.t)),
        ),
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NumericalError);
    expect((error as NumericalError).reason).toBe("not-converged");
    const message = (error as Error).message;
    expect(message).toMatch(
      /relaxation stalled: the residual \|\|L rho\|\|_2 has not fallen below \d\.\d\de-1\d/,
    );
    expect(message).toMatch(/relaxationTolerance = 1\.00e-12/);
    expect(message).toMatch(/tighten atol and rtol \(now 1e-12, 1e-10\), or loosen relaxationTolerance/);
    expect(lastT).toBeLessThan(STALL_CAUGHT_BY);
  });

  test("the same run relaxes when the tolerance is above the floor, and expm reaches 1e-12", async () => {
    const ok = await lastValueFrom(
      evolve(weak, start, { relaxationTolerance: 1e-9, rtol: 1e-10, atol: 1e-12 }),
    );
    expect(ok.residual).toBeLessThan(1e-9);
    const krylov = await lastValueFrom(
      evolve(weak, start, { method: "expm", relaxationTolerance: 1e-12, rtol: 1e-10, atol: 1e-12 }),
    );
    expect(krylov.residual).toBeLessThan(1e-12);
  });
});

describe("RelaxationMonitor on synthetic residuals", () => {
  /** The verdicts for residual r(t) sampled at t = 1, 2, ..., count. */
  function verdicts(r: (t: number) => number, count: number, floor: number) {
    const m = new RelaxationMonitor(1e-30, floor, 0);
    const out: string[] = [];
    for (let t = 1; t <= count; t++) out.push(m.observe(t, r(t)));
    return out;
  }

  test("a slow but steady exponential decay near the floor is never called a stall", () => {
    // Halves every 200 samples: slower than STALL_MIN_SAMPLES, but t - t0 >= 2 (tBest - t0) fails.
    expect(verdicts((t) => 1e-10 * 2 ** (-t / 200), 5000, 1e-10)).not.toContain("stalled");
  });

  test("a plateau far above the floor (a coherent pause) is not a stall", () => {
    expect(verdicts(() => 1e-3, 1000, 1e-10)).not.toContain("stalled");
  });

  test("a plateau within NOISE_FLOOR_MARGIN of the floor is a stall after STALL_MIN_SAMPLES samples", () => {
    // Halves every sample down to a noisy plateau at 3e-11 (reached by t = 15), then stays there.
    const plateau = (t: number) => 3e-11 * (1 + 0.3 * Math.sin(t));
    const v = verdicts((t) => Math.max(1e-6 * 0.5 ** t, plateau(t)), 1000, 1e-10);
    const first = v.indexOf("stalled") + 1; // the time t of the first stall verdict
    expect(first).toBeGreaterThanOrEqual(15 + STALL_MIN_SAMPLES);
    expect(first).toBeLessThan(15 + 2 * STALL_MIN_SAMPLES);
  });

  test("relaxed as soon as the residual is below the tolerance", () => {
    const m = new RelaxationMonitor(1e-9, 1e-10, 0);
    expect(m.observe(1, 1e-8)).toBe("running");
    expect(m.observe(2, 5e-10)).toBe("relaxed");
  });
});

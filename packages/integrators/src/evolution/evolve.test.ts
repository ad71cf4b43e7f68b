import {
  ComplexMatrix,
  DimensionError,
  type Generator,
  heatCurrents,
  IntegrationError,
  NumericalError,
  ParameterError,
  toEigenbasis,
  traceOfProduct,
  UnknownIdError,
  vec,
} from "@liouville/core";
import { asyncScheduler, firstValueFrom, lastValueFrom, type Observable, take, toArray } from "rxjs";
import { describe, expect, test } from "vitest";
import { coupledQubitsGenerator, eigenSuperposition } from "../test-support/evolve-test-systems";
import { exactPropagation } from "../test-support/matrix-exponential";
import { evolve, INITIAL_TRACE_TOLERANCE } from "./evolve";
import { EVOLVE_DEFAULTS, EVOLVE_OPTION_KEYS } from "./evolve-options";
import type { EvolutionSample } from "./evolve-sample";
import { relaxationResidual } from "./relaxation-residual";

// evolve: options, schedules, sample contents, cancellation and errors. The physics of
// relaxation and of the Redfield coherence is in evolve-coupled-qubits.test.ts.

const PARAMS = { omega1: 1.2, omega2: 1, lambda: 0.3, gA: 0.05, gB: 0.05, TA: 2, TB: 1 };
const RTOL = 1e-10;
const ATOL = 1e-12;
/**
 * Agreement with exp(L t) rho0: the global error of rk45 stays within about 20 local
 * tolerances on these short runs (integrator-contract.test.ts), i.e. ~ 20 (ATOL + RTOL).
 */
const PROPAGATOR_TOLERANCE = 1e-9;
/** Quantities that are sums of O(d^2) products of numbers <= 1 agree to rounding. */
const ROUNDING = 1e-14;
/**
 * RHS calls rk45 may spend for k samples: 2 to start (f(t0) and the probe of the first step
 * size), then 6 per attempted step (FSAL). With one step per sample after the first (`steps`;
 * `every` with dt below the step size) that is 2 + 6 (k - 1); one rejected attempt is allowed.
 * Measured: 2, 14, 56 calls for k = 1, 3, 10 (steps) and 2, 14, 26 (every 0.05).
 */
const rhsBound = (k: number) => 2 + 6 * k;

const redfield = coupledQubitsGenerator(PARAMS, "redfield");
const ground = eigenSuperposition(redfield, [1, 0, 0, 0]);

function counting(generator: Generator): { generator: Generator; calls: () => number } {
  let calls = 0;
  return {
    generator: {
      ...generator,
      packed: {
        ...generator.packed,
        rhs: (t, y, dydt) => {
          calls++;
          generator.packed.rhs(t, y, dydt);
        },
      },
    },
    calls: () => calls,
  };
}

function collect(stream: Observable<EvolutionSample>): Promise<EvolutionSample[]> {
  return lastValueFrom(stream.pipe(toArray()));
}

function failure(
  stream: Observable<EvolutionSample>,
): Promise<{ error: unknown; samples: EvolutionSample[] }> {
  const samples: EvolutionSample[] = [];
  return new Promise((resolve, reject) => {
    stream.subscribe({
      next: (s) => samples.push(s),
      error: (error) => resolve({ error, samples }),
      complete: () => reject(new Error("the stream completed instead of failing")),
    });
  });
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

/** exp(L t) vec(rho0) from the generator's dense Liouvillian. */
function exactState(generator: Generator, rho0: ComplexMatrix, t: number): Float64Array {
  return exactPropagation(generator.liouvillian.toDense(), rho0, t);
}

describe("evolve options", () => {
  test("the defaults are frozen and the option keys include the integrator's", () => {
    expect(Object.isFrozen(EVOLVE_DEFAULTS)).toBe(true);
    expect(EVOLVE_DEFAULTS).toMatchObject({ method: "rk45", t0: 0, populations: true, currents: true });
    expect(EVOLVE_OPTION_KEYS).toEqual(
      expect.arrayContaining(["every", "times", "tEnd", "rtol", "maxSteps"]),
    );
  });

  test("an unknown key is rejected with the list of allowed keys", () => {
    const error = thrown(() => evolve(redfield, ground, { evry: 1 } as never));
    expect(error).toBeInstanceOf(UnknownIdError);
    expect((error as Error).message).toMatch(/evry.*every.*tEnd.*rtol/);
  });

  test.each([
    ["every <= 0", { every: -1 }, ParameterError],
    ["non-increasing times", { times: [0, 2, 1] }, ParameterError],
    ["times before t0", { t0: 1, times: [0.5] }, ParameterError],
    ["tEnd <= t0", { tEnd: 0 }, ParameterError],
    ["two schedules", { every: 1, steps: true }, ParameterError],
    ["times with tEnd", { times: [1], tEnd: 2 }, ParameterError],
    ["tEnd with maxTime", { tEnd: 2, maxTime: 3 }, ParameterError],
    ["relaxationTolerance 0", { relaxationTolerance: 0 }, ParameterError],
    ["an element outside the matrix", { elements: [[0, 4]] }, ParameterError],
    ["an operator of the wrong size", { expect: { x: ComplexMatrix.identity(3) } }, DimensionError],
    ["an unknown integrator", { method: "euler" }, UnknownIdError],
    ["a bad integrator option", { rtol: -1 }, ParameterError],
  ] as const)("%s throws at the call", (_name, options, type) => {
    expect(thrown(() => evolve(redfield, ground, options as never))).toBeInstanceOf(type);
  });

  test("rho0 must be d x d, Hermitian and of trace 1", () => {
    expect(thrown(() => evolve(redfield, ComplexMatrix.identity(3)))).toBeInstanceOf(DimensionError);
    const notHermitian = ComplexMatrix.diagonal([1, 0, 0, 0]).set(0, 1, 0.5);
    expect(thrown(() => evolve(redfield, notHermitian))).toBeInstanceOf(ParameterError);
    const traceTwo = ComplexMatrix.diagonal([1, 1, 0, 0]);
    expect((thrown(() => evolve(redfield, traceTwo)) as Error).message).toMatch(/trace 1/);
  });

  test("rho0 must be positive semidefinite: diag(2, -1, 0, 0) has trace 1 and is refused (issue 10, item 7)", () => {
    const error = thrown(() => evolve(redfield, ComplexMatrix.diagonal([2, -1, 0, 0])));
    expect(error).toBeInstanceOf(ParameterError);
    expect((error as ParameterError).parameter).toBe("rho0");
    expect((error as Error).message).toMatch(/^rho0: positive semidefinite \(an eigenvalue is below -1e-10/);
    // An eigenvalue within the tolerance of zero is a state (rounding of a computed one).
    const withinRounding = ComplexMatrix.diagonal([
      1 + INITIAL_TRACE_TOLERANCE / 2,
      -INITIAL_TRACE_TOLERANCE / 2,
      0,
      0,
    ]);
    expect(() => evolve(redfield, withinRounding)).not.toThrow();
  });

  test("the Observable is cold: nothing is integrated before a subscription", () => {
    const { generator, calls } = counting(redfield);
    evolve(generator, ground, { tEnd: 10 });
    expect(calls()).toBe(0);
  });
});

describe("output schedules", () => {
  test("`times`: exactly the requested times, states equal to exp(L t) rho0", async () => {
    const times = [0, 0.3, 1.7, 4, 4.05, 10];
    const samples = await collect(evolve(redfield, ground, { times, rtol: RTOL, atol: ATOL }));
    expect(samples.map((s) => s.t)).toEqual(times);
    for (const s of samples) {
      const exact = exactState(redfield, ground, s.t);
      const y = vec(s.rho);
      const worst = Math.max(...y.map((v, k) => Math.abs(v - exact[k])));
      expect(worst).toBeLessThan(PROPAGATOR_TOLERANCE);
    }
  });

  test("`every`: the grid t0 + k dt, then tEnd itself when it is off the grid", async () => {
    const samples = await collect(evolve(redfield, ground, { t0: 1, every: 0.3, tEnd: 2 }));
    expect(samples.map((s) => s.t)).toEqual([1, 1.3, 1 + 2 * 0.3, 1 + 3 * 0.3, 2]);
    const onGrid = await collect(evolve(redfield, ground, { every: 0.1, tEnd: 1 }));
    expect(onGrid).toHaveLength(11); // no near-duplicate of t = 1 from rounding in 10 * 0.1
    expect(onGrid[10].t).toBe(1);
  });

  test("`steps` (the default): t0, then every accepted step, ending exactly at tEnd", async () => {
    const samples = await collect(evolve(redfield, ground, { tEnd: 5 }));
    expect(samples[0].t).toBe(0);
    expect(samples.at(-1)!.t).toBe(5);
    for (let k = 1; k < samples.length; k++) expect(samples[k].t).toBeGreaterThan(samples[k - 1].t);
  });
});

describe("what a sample carries", () => {
  test("populations, currents, expectation values, eigenbasis elements and the residual", async () => {
    const rho0 = eigenSuperposition(redfield, [1, 1, 2, 0.5]);
    const h = redfield.system.hamiltonian;
    const samples = await collect(
      evolve(redfield, rho0, { every: 2.5, tEnd: 10, expect: { H: h }, elements: [[1, 2]], residual: true }),
    );
    for (const s of samples) {
      const eigen = toEigenbasis(s.rho, redfield.eigen);
      expect(s.rho.dims).toEqual([2, 2]);
      s.populations!.forEach((p, k) => {
        expect(p).toBeCloseTo(eigen.re(k, k), 14);
      });
      expect(s.populations!.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
      const currents = heatCurrents(redfield, s.rho);
      for (const bath of ["A", "B"]) {
        expect(Math.abs(s.currents![bath] - currents[bath])).toBeLessThan(ROUNDING);
      }
      const [energy] = traceOfProduct(h, s.rho);
      expect(Math.abs(s.expect!.H.re - energy)).toBeLessThan(ROUNDING);
      expect(Math.abs(s.expect!.H.im)).toBeLessThan(ROUNDING);
      expect(Math.abs(s.elements![0].re - eigen.re(1, 2))).toBeLessThan(ROUNDING);
      expect(Math.abs(s.elements![0].im - eigen.im(1, 2))).toBeLessThan(ROUNDING);
      expect(s.residual).toBeCloseTo(relaxationResidual(redfield, s.rho), 15);
    }
  });

  test("each sample owns its rho: mutating one changes no other", async () => {
    const [a, b] = await collect(evolve(redfield, ground, { times: [1, 2] }));
    const before = b.rho.data.slice();
    a.rho.data.fill(0);
    expect(b.rho.data).toEqual(before);
  });

  test("populations and currents can be switched off", async () => {
    const s = await firstValueFrom(evolve(redfield, ground, { populations: false, currents: false }));
    expect(s.populations).toBeUndefined();
    expect(s.currents).toBeUndefined();
    expect(s.residual).toBeUndefined();
  });
});

describe("unsubscribing stops the work", () => {
  test.each([
    ["steps", {}],
    ["every", { every: 0.05 }],
  ] as const)(
    "take(k) on an open-ended stream (%s) costs a bounded number of RHS calls",
    async (_name, options) => {
      for (const k of [1, 3, 10]) {
        const { generator, calls } = counting(redfield);
        const samples = await collect(evolve(generator, ground, options).pipe(take(k)));
        expect(samples).toHaveLength(k);
        expect(calls()).toBeLessThanOrEqual(rhsBound(k));
      }
    },
  );

  test("with a scheduler, subscribing returns at once and the samples are the same", async () => {
    const { generator, calls } = counting(redfield);
    const sync = await collect(evolve(redfield, ground, { every: 1, tEnd: 20 }));
    const stream = evolve(generator, ground, { every: 1, tEnd: 20, scheduler: asyncScheduler });
    const seen: EvolutionSample[] = [];
    const done = new Promise<void>((resolve) =>
      stream.subscribe({ next: (s) => seen.push(s), complete: resolve }),
    );
    expect(calls()).toBe(0);
    expect(seen).toHaveLength(0);
    await done;
    expect(seen.map((s) => [s.t, ...s.populations!])).toEqual(sync.map((s) => [s.t, ...s.populations!]));
  });

  test("with a scheduler, unsubscribing before the first action does no work", async () => {
    const { generator, calls } = counting(redfield);
    evolve(generator, ground, { scheduler: asyncScheduler }).subscribe().unsubscribe();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls()).toBe(0);
  });
});

describe("failures arrive as Observable errors", () => {
  test("maxSteps: IntegrationError 'max-steps' with t and h, after the samples before it", async () => {
    const { error, samples } = await failure(
      evolve(redfield, ground, { every: 0.1, tEnd: 100, maxSteps: 5 }),
    );
    expect(error).toBeInstanceOf(IntegrationError);
    expect((error as IntegrationError).reason).toBe("max-steps");
    expect((error as Error).message).toMatch(/t = .*h = /);
    expect(samples.length).toBeGreaterThan(0);
  });

  test("an impossible tolerance: IntegrationError 'step-size-underflow', not a hang", async () => {
    const { error } = await failure(evolve(redfield, ground, { tEnd: 10, rtol: 1e-20, atol: 0 }));
    expect(error).toBeInstanceOf(IntegrationError);
    expect((error as IntegrationError).reason).toBe("step-size-underflow");
  });

  test("with a scheduler too (no uncaught exception)", async () => {
    const { error } = await failure(
      evolve(redfield, ground, { tEnd: 100, maxSteps: 5, scheduler: asyncScheduler }),
    );
    expect(error).toBeInstanceOf(IntegrationError);
  });

  test("maxTime without relaxation: the sample at maxTime, then NumericalError 'not-converged'", async () => {
    const { error, samples } = await failure(
      evolve(redfield, ground, { every: 1, maxTime: 3, relaxationTolerance: 1e-12 }),
    );
    expect(error).toBeInstanceOf(NumericalError);
    expect((error as NumericalError).reason).toBe("not-converged");
    expect(samples.map((s) => s.t)).toEqual([0, 1, 2, 3]);
  });
});

describe("degenerate tolerances and output intervals fail cleanly", () => {
  test("rtol = atol = 1e-200: IntegrationError 'step-size-underflow', never a NaN step", async () => {
    const { error, samples } = await failure(
      evolve(redfield, ground, { tEnd: 10, rtol: 1e-200, atol: 1e-200 }),
    );
    expect(error).toBeInstanceOf(IntegrationError);
    expect((error as IntegrationError).reason).toBe("step-size-underflow");
    expect((error as Error).message).not.toMatch(/NaN/);
    expect(samples.map((s) => s.t)).toEqual([0]);
  });

  test("every: no bound on the number of streamed samples; a consumer takes what it wants", async () => {
    const first = await firstValueFrom(
      evolve(redfield, ground, { tEnd: 1e9, every: 1e-2 }).pipe(take(3), toArray()),
    );
    expect(first.map((s) => s.t)).toEqual([0, 0.01, 0.02]);
    const open = await firstValueFrom(
      evolve(redfield, ground, { maxTime: 1e9, every: 1e-300, relaxationTolerance: 1e-30 }).pipe(
        take(2),
        toArray(),
      ),
    );
    expect(open.map((s) => s.t)).toEqual([0, 1e-300]);
  });

  test("every below the spacing of doubles at t0 is rejected at the call", () => {
    const error = thrown(() =>
      evolve(redfield, ground, { t0: 1e17, tEnd: 2e17, every: 1e10 * Number.EPSILON }),
    );
    expect(error).toBeInstanceOf(ParameterError);
    expect((error as Error).message).toMatch(/^every must be large enough that t0 \+ every > t0/);
  });

  test("an every grid that stops advancing fails with ParameterError('every') instead of repeating t", async () => {
    // Near t = 1e17 doubles are 16 apart: t0 + 10 rounds to t0 + 16, and t0 + 20 to t0 + 16 again.
    // A zero derivative lets the integrator take the long steps this far out needs.
    const still: Generator = {
      ...redfield,
      rhs: (_t, _y, dydt) => dydt.fill(0),
      packed: { ...redfield.packed, rhs: (_t, _y, dydt) => dydt.fill(0) },
    };
    const { error, samples } = await failure(
      evolve(still, ground, { t0: 1e17, every: 10, relaxationTolerance: 1e-300, firstStep: 1000 }),
    );
    expect(error).toBeInstanceOf(ParameterError);
    expect((error as Error).message).toMatch(
      /^every must be large enough that t0 \+ k every advances \(at k = 2/,
    );
    expect(samples.map((s) => s.t)).toEqual([1e17, 1e17 + 16]);
  });
});

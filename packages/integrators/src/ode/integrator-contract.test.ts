import { IntegrationError, LiouvilleError, UnknownIdError } from "@liouville/core";
import { describe, expect, test } from "vitest";
import {
  harmonicOscillator,
  largeStableLinearSystem,
  maxAbsDifference,
  type OdeTestSystem,
  odeTestSystems,
  randomStableLinearSystem,
} from "../test-support/ode-test-systems";
import { integrate } from "./integrate";
import { INTEGRATOR_OPTION_KEYS, type IntegratorFactory } from "./integrator";
import type { OdeProblem } from "./ode-problem";
import { listIntegrators } from "./registry";

// The contract every registered integrator meets, checked against ODEs with known solutions.

const RTOL = 1e-8;
const ATOL = 1e-10;
/**
 * Allowed global error, in units of atol + rtol max|y|. The local error per step is held
 * below the tolerance; over the tens to hundreds of steps of these problems the global error
 * of rk45 reaches about 1-4 tolerances at step ends and about 5 between them.
 */
const GLOBAL_ERROR_MULTIPLE = 20;
/** Accepted deviation of the measured convergence order from the method's order (measured: rk45 5.02-5.23, dop853 8.38-8.49; one order lower fails). */
const ORDER_SLACK = 0.6;
/** Distance of the numerical blow-up time from the exact one at the default rtol 1e-6. */
const BLOW_UP_TIME_TOLERANCE = 1e-5;
/** Output times per test: more than the steps rk45 takes, so most steps serve several. */
const OUTPUT_COUNT = 1000;
/**
 * Evaluations of f an attempted step may cost, dense output included: rk45 uses 6, dop853 12
 * (15 with its dense-output stages); 16 leaves room for a 16-stage method.
 */
const MAX_EVALUATIONS_PER_STEP = 16;

function errorInTolerances(system: OdeTestSystem, times: readonly number[], states: Float64Array[]): number {
  let worst = 0;
  times.forEach((t, j) => {
    const exact = system.exact(t);
    const scale = Math.max(...Array.from(exact, Math.abs));
    worst = Math.max(worst, maxAbsDifference(states[j], exact) / (ATOL + RTOL * scale));
  });
  return worst;
}

function evenlySpaced(from: number, to: number, count: number): number[] {
  return Array.from({ length: count }, (_, j) =>
    j === count - 1 ? to : from + ((to - from) * j) / (count - 1),
  );
}

function withCounter(problem: OdeProblem): { problem: OdeProblem; calls: () => number } {
  let calls = 0;
  return {
    problem: {
      size: problem.size,
      linear: problem.linear,
      rhs: (t, y, dydt) => {
        calls++;
        problem.rhs(t, y, dydt);
      },
    },
    calls: () => calls,
  };
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error, none was thrown");
}

/** Least-squares slope of y against x. */
function slope(points: [number, number][]): number {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of points) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
  }
  return sxy / sxx;
}

const integrators: [string, IntegratorFactory][] = listIntegrators().map((factory) => [factory.id, factory]);
// The large system exceeds the Krylov dimension, so it exercises expm's error control too (on
// the small ones Arnoldi ends early and the projection is exact).
const systems: [string, OdeTestSystem][] = [...odeTestSystems(), largeStableLinearSystem()].map((system) => [
  system.name,
  system,
]);

describe.each(integrators)("integrator %s", (id, factory) => {
  const options = { method: id, rtol: RTOL, atol: ATOL };

  describe.each(systems)("on the %s", (_name, system) => {
    const times = evenlySpaced(system.t0, system.tEnd, OUTPUT_COUNT);

    test("matches the exact solution at every output time within a small multiple of the tolerance", () => {
      const result = integrate(system.problem, system.t0, system.y0, times, options);
      expect(errorInTolerances(system, times, result.states)).toBeLessThan(GLOBAL_ERROR_MULTIPLE);
    });

    test("returns exactly the requested times, the initial state at t0, and fresh arrays", () => {
      const result = integrate(system.problem, system.t0, system.y0, times, options);
      expect(result.times).toEqual(times);
      expect(result.states).toHaveLength(times.length);
      expect(Array.from(result.states[0])).toEqual(Array.from(system.y0));
      expect(new Set(result.states).size).toBe(times.length);
      for (const state of result.states) expect(state).toHaveLength(system.problem.size);
    });

    test("dense output costs no steps: 1000 output times take as many steps as 2", () => {
      const many = integrate(system.problem, system.t0, system.y0, times, options);
      const two = integrate(system.problem, system.t0, system.y0, [system.t0, system.tEnd], options);
      expect(many.stats.steps).toBe(two.stats.steps);
      expect(many.stats.steps).toBeLessThan(OUTPUT_COUNT);
      expect(Array.from(many.states[OUTPUT_COUNT - 1])).toEqual(Array.from(two.states[1]));
    });

    test("counts every evaluation of the right-hand side", () => {
      const counted = withCounter(system.problem);
      const result = integrate(counted.problem, system.t0, system.y0, times, options);
      expect(result.stats.rhsEvaluations).toBe(counted.calls());
      expect(counted.calls()).toBeGreaterThan(result.stats.steps);
    });

    test("never evaluates the right-hand side outside [t0, last output time]", () => {
      let earliest = Number.POSITIVE_INFINITY;
      let latest = Number.NEGATIVE_INFINITY;
      const tLast = (system.t0 + system.tEnd) / 2;
      const watched: OdeProblem = {
        size: system.problem.size,
        linear: system.problem.linear,
        rhs: (t, y, dydt) => {
          earliest = Math.min(earliest, t);
          latest = Math.max(latest, t);
          system.problem.rhs(t, y, dydt);
        },
      };
      integrate(watched, system.t0, system.y0, [tLast], options);
      expect(earliest).toBe(system.t0);
      // A Runge-Kutta step evaluates f at its end; a Krylov step only at its start.
      if (factory.linearOnly) expect(latest).toBeLessThan(tLast);
      else expect(latest).toBe(tLast);
    });
  });

  test.skipIf(factory.linearOnly)(
    "its global error falls at the method's order as the number of steps grows",
    () => {
      for (const system of [harmonicOscillator(), randomStableLinearSystem()]) {
        const points: [number, number][] = [1e-6, 1e-7, 1e-8, 1e-9, 1e-10, 1e-11].map((rtol) => {
          const result = integrate(system.problem, system.t0, system.y0, [system.tEnd], {
            method: id,
            rtol,
            atol: rtol * 1e-3,
          });
          const error = maxAbsDifference(result.states[0], system.exact(system.tEnd));
          return [Math.log(result.stats.steps), Math.log(error)];
        });
        const order = -slope(points);
        expect(order).toBeGreaterThan(factory.order - ORDER_SLACK);
        expect(order).toBeLessThan(factory.order + ORDER_SLACK);
      }
    },
  );

  test.runIf(factory.linearOnly)(
    "a Krylov method keeps the global error within a small multiple of the tolerance from rtol 1e-5 to 1e-12",
    () => {
      const system = largeStableLinearSystem();
      const times = evenlySpaced(system.t0, 10 * system.tEnd, 50);
      for (const rtol of [1e-5, 1e-7, 1e-9, 1e-12]) {
        const result = integrate(system.problem, system.t0, system.y0, times, {
          method: id,
          rtol,
          atol: rtol * 1e-2,
        });
        times.forEach((t, j) => {
          const exact = system.exact(t);
          const scale = Math.max(...Array.from(exact, Math.abs));
          const error = maxAbsDifference(result.states[j], exact) / (rtol * 1e-2 + rtol * scale);
          expect(error, `rtol ${rtol}, t = ${t}`).toBeLessThan(GLOBAL_ERROR_MULTIPLE);
        });
      }
    },
  );

  test.runIf(factory.linearOnly)("refuses a problem that is not declared linear", () => {
    const { problem, t0, y0 } = harmonicOscillator();
    expect(() => factory.create({ size: problem.size, rhs: problem.rhs }, t0, y0)).toThrow(/linear/);
  });

  test("an impossible tolerance ends in a step-size underflow, not a hang", () => {
    const system = harmonicOscillator();
    const error = thrown(() =>
      integrate(system.problem, system.t0, system.y0, [system.tEnd], { method: id, rtol: 1e-20, atol: 0 }),
    );
    expect(error).toBeInstanceOf(IntegrationError);
    const failure = error as IntegrationError;
    expect(failure.reason).toBe("step-size-underflow");
    expect(failure.t).toBeGreaterThanOrEqual(system.t0);
    expect(failure.h).toBeGreaterThan(0);
    expect(failure.message).toContain(`t = ${failure.t}`);
    expect(failure.message).toContain(`h = ${failure.h}`);
  });

  test("maxSteps stops the integration with reason max-steps, t and h", () => {
    const system = harmonicOscillator();
    const counted = withCounter(system.problem);
    // A Krylov step is exact on this two-dimensional problem, so one step must already be the limit.
    const maxSteps = factory.linearOnly ? 1 : 10;
    const error = thrown(() =>
      integrate(counted.problem, system.t0, system.y0, [system.tEnd], { ...options, maxSteps }),
    ) as IntegrationError;
    expect(error).toBeInstanceOf(IntegrationError);
    expect(error.reason).toBe("max-steps");
    expect(error.t).toBeGreaterThan(system.t0);
    expect(error.t).toBeLessThan(system.tEnd);
    expect(error.h).toBeGreaterThan(0);
    // Two evaluations to start (f(t0, y0) and the probe of the automatic first step).
    expect(counted.calls()).toBeLessThanOrEqual(2 + MAX_EVALUATIONS_PER_STEP * maxSteps);
  });

  test("a right-hand side that returns NaN raises non-finite with t and h", () => {
    const poisoned: OdeProblem = {
      size: 1,
      // y' = -y until f turns NaN after t = 1; declared linear so that expm takes it too.
      linear: true,
      rhs: (t, y, dydt) => {
        dydt[0] = t > 1 ? Number.NaN : -y[0];
      },
    };
    // Steps of at most 0.25, so some step starts (Krylov) or has a stage (Runge-Kutta) past t = 1.
    const short = { ...options, maxStep: 0.25 };
    const error = thrown(() => integrate(poisoned, 0, Float64Array.of(1), [2], short)) as IntegrationError;
    expect(error).toBeInstanceOf(IntegrationError);
    expect(error.reason).toBe("non-finite");
    expect(error.t).toBeGreaterThan(1);
    expect(error.h).toBeGreaterThan(0);

    const atStart = thrown(() => integrate(poisoned, 2, Float64Array.of(1), [3], short)) as IntegrationError;
    expect(atStart.reason).toBe("non-finite");
    expect(atStart.t).toBe(2);
  });

  test("an unknown option key is rejected with the list of allowed keys", () => {
    const system = harmonicOscillator();
    const error = thrown(() =>
      factory.create(system.problem, system.t0, system.y0, { rtoll: 1e-6 } as unknown as { rtol: number }),
    );
    expect(error).toBeInstanceOf(UnknownIdError);
    for (const key of INTEGRATOR_OPTION_KEYS) expect((error as Error).message).toContain(key);
  });

  test("declares frozen, valid defaults and a positive order", () => {
    expect(Object.isFrozen(factory.defaults)).toBe(true);
    expect(Object.keys(factory.defaults).sort()).toEqual([...INTEGRATOR_OPTION_KEYS].sort());
    expect(factory.order).toBeGreaterThan(0);
    expect(factory.title.length).toBeGreaterThan(0);
  });

  test("steps forward, interpolates exactly at both ends of a step and only inside it", () => {
    const system = harmonicOscillator();
    const y0 = Float64Array.from(system.y0);
    const stepper = factory.create(system.problem, system.t0, y0, { rtol: RTOL, atol: ATOL });
    expect(stepper.t).toBe(system.t0);
    expect(stepper.tPrevious).toBe(system.t0);
    stepper.step();
    stepper.step();
    expect(stepper.t).toBeGreaterThan(stepper.tPrevious);
    expect(stepper.stats.steps).toBe(2);
    const out = new Float64Array(2);
    stepper.interpolate(stepper.t, out);
    expect(Array.from(out)).toEqual(Array.from(stepper.y));
    const middle = (stepper.t + stepper.tPrevious) / 2;
    stepper.interpolate(middle, out);
    expect(maxAbsDifference(out, system.exact(middle))).toBeLessThan(GLOBAL_ERROR_MULTIPLE * (ATOL + RTOL));
    expect(() => stepper.interpolate(stepper.t + 1, out)).toThrow(LiouvilleError);
    expect(() => stepper.interpolate(Number.NaN, out)).toThrow(LiouvilleError);
    expect(() => stepper.interpolate(stepper.t, new Float64Array(3))).toThrow(LiouvilleError);
    expect(Array.from(y0)).toEqual(Array.from(system.y0));

    const bound = stepper.t + 1e-3;
    stepper.step(bound);
    expect(stepper.t).toBe(bound);
    expect(() => stepper.step(stepper.t)).toThrow(LiouvilleError);
  });
});

// Step control and failure modes, the same contract for every integrator.
describe.each(integrators)("integrator %s: step control and failures", (_id, factory) => {
  test("keeps every step within maxStep and reaches a bound exactly", () => {
    const { problem, t0, y0, tEnd } = harmonicOscillator();
    const maxStep = 0.05;
    const stepper = factory.create(problem, t0, y0, { maxStep, rtol: 1e-3 });
    while (stepper.t < tEnd) {
      stepper.step(tEnd);
      expect(stepper.t - stepper.tPrevious).toBeLessThanOrEqual(maxStep * (1 + 1e-12));
    }
    expect(stepper.t).toBe(tEnd);
  });

  test("minStep turns a tolerance that needs small steps into a step-size underflow", () => {
    // A Krylov step is exact on the two-dimensional oscillator: it needs the larger system.
    const { problem, t0, y0, tEnd } = factory.linearOnly ? largeStableLinearSystem() : harmonicOscillator();
    const minStep = factory.linearOnly ? 2 : 0.3;
    const stepper = factory.create(problem, t0, y0, { rtol: 1e-13, atol: 1e-15, minStep });
    const run = () => {
      while (stepper.t < tEnd) stepper.step();
    };
    expect(run).toThrow(IntegrationError);
    try {
      run();
    } catch (error) {
      // A failed stepper stays failed and reports the same error.
      expect((error as IntegrationError).reason).toBe("step-size-underflow");
      expect((error as IntegrationError).h).toBeLessThan(minStep);
      expect(() => stepper.interpolate(stepper.t, new Float64Array(problem.size))).toThrow(error as Error);
    }
  });

  test("a tolerance below double precision fails at the first attempt, saying why", () => {
    const { problem, t0, y0 } = harmonicOscillator();
    const stepper = factory.create(problem, t0, y0, { rtol: 1e-17, atol: 0 });
    expect(() => stepper.step()).toThrow(/rounding error of the state alone exceeds the tolerance/);
    expect(stepper.stats.steps).toBe(0);
    expect(stepper.stats.rejected).toBe(1);
  });

  test.skipIf(factory.linearOnly)(
    "a finite-time blow-up ends in a step-size underflow at the singularity",
    () => {
      // y' = y^2, y(0) = 1: y = 1 / (1 - t) blows up at t = 1.
      const blowUp: OdeProblem = {
        size: 1,
        rhs: (_t, y, dydt) => {
          dydt[0] = y[0] ** 2;
        },
      };
      const stepper = factory.create(blowUp, 0, Float64Array.of(1));
      let failure: IntegrationError | undefined;
      try {
        while (stepper.t < 2) stepper.step();
      } catch (error) {
        failure = error as IntegrationError;
      }
      expect(failure).toBeInstanceOf(IntegrationError);
      expect(["step-size-underflow", "non-finite"]).toContain(failure?.reason);
      expect(Math.abs((failure?.t ?? 0) - 1)).toBeLessThan(BLOW_UP_TIME_TOLERANCE);
    },
  );
});

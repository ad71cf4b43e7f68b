import { seededNormal } from "@liouville/core/testing";
import type { OdeProblem } from "../ode/ode-problem";
import { expm, matvec } from "./matrix-exponential";

/** An ODE with a known solution, for testing every integrator against the truth. */
export interface OdeTestSystem {
  readonly name: string;
  readonly problem: OdeProblem;
  readonly t0: number;
  readonly y0: Float64Array;
  /** A time by which the solution has done something non-trivial. */
  readonly tEnd: number;
  /** The exact solution at time t. */
  exact(t: number): Float64Array;
}

/** y' = -k y, componentwise with rates k = (0.5, 2): y(t) = y0 exp(-k t). */
export function exponentialDecay(): OdeTestSystem {
  const rates = [0.5, 2];
  const y0 = Float64Array.of(1, -3);
  return {
    name: "exponential decay",
    problem: {
      size: 2,
      linear: true,
      rhs: (_t, y, dydt) => {
        dydt[0] = -rates[0] * y[0];
        dydt[1] = -rates[1] * y[1];
      },
    },
    t0: 0,
    y0,
    tEnd: 4,
    exact: (t) => Float64Array.of(y0[0] * Math.exp(-rates[0] * t), y0[1] * Math.exp(-rates[1] * t)),
  };
}

/**
 * Harmonic oscillator x' = omega p, p' = -omega x with omega = 2, started at t0 = 0.3:
 * x = x0 cos(omega s) + p0 sin(omega s), p = p0 cos(omega s) - x0 sin(omega s), s = t - t0.
 */
export function harmonicOscillator(): OdeTestSystem {
  const omega = 2;
  const t0 = 0.3;
  const y0 = Float64Array.of(1, 0.5);
  return {
    name: "harmonic oscillator",
    problem: {
      size: 2,
      linear: true,
      rhs: (_t, y, dydt) => {
        dydt[0] = omega * y[1];
        dydt[1] = -omega * y[0];
      },
    },
    t0,
    y0,
    tEnd: t0 + 10,
    exact: (t) => {
      const c = Math.cos(omega * (t - t0));
      const s = Math.sin(omega * (t - t0));
      return Float64Array.of(y0[0] * c + y0[1] * s, y0[1] * c - y0[0] * s);
    },
  };
}

/**
 * y' = A y with a seeded random A = -(B B^T / n + c I) + (S - S^T) / 2: the symmetric part
 * is negative definite (so the solution decays) and the antisymmetric part makes it rotate.
 * Exact solution exp(A t) y0 by `expm`.
 */
export function randomStableLinearSystem(n = 6, seed = 20240611): OdeTestSystem {
  const normal = seededNormal(seed);
  const b = Float64Array.from({ length: n * n }, normal);
  const s = Float64Array.from({ length: n * n }, normal);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let bbt = 0;
      for (let k = 0; k < n; k++) bbt += b[i * n + k] * b[j * n + k];
      a[i * n + j] = -bbt / n - (i === j ? 0.1 : 0) + (s[i * n + j] - s[j * n + i]) / 2;
    }
  }
  const y0 = Float64Array.from({ length: n }, normal);
  return {
    name: "random stable linear system",
    problem: {
      size: n,
      linear: true,
      rhs: (_t, y, dydt) => {
        for (let i = 0; i < n; i++) {
          let sum = 0;
          for (let j = 0; j < n; j++) sum += a[i * n + j] * y[j];
          dydt[i] = sum;
        }
      },
    },
    t0: 0,
    y0,
    tEnd: 3,
    exact: (t) =>
      matvec(
        expm(
          a.map((v) => v * t),
          n,
        ),
        y0,
        n,
      ),
  };
}

/** Every test system, freshly built. */
export function odeTestSystems(): OdeTestSystem[] {
  return [exponentialDecay(), harmonicOscillator(), randomStableLinearSystem()];
}

/**
 * A random stable linear system larger than a Krylov subspace (n = 60 > 30), so that the
 * projection of `expm` is not exact and its error control is exercised.
 */
export function largeStableLinearSystem(): OdeTestSystem {
  return { ...randomStableLinearSystem(60, 7), name: "large random stable linear system" };
}

/** Largest componentwise |a_i - b_i| / (atol + rtol |b_i|): the error in units of the tolerance. */
export function errorInTolerances(a: Float64Array, b: Float64Array, rtol: number, atol: number): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    worst = Math.max(worst, Math.abs(a[i] - b[i]) / (atol + rtol * Math.abs(b[i])));
  }
  return worst;
}

/** Largest componentwise |a_i - b_i|. */
export function maxAbsDifference(a: Float64Array, b: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

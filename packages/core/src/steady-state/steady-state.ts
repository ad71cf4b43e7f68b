import { NumericalError } from "../errors/numerical-error";
import { ParameterError } from "../errors/parameter-error";
import { UnknownIdError } from "../errors/unknown-id-error";
import { ComplexMatrix } from "../linalg/complex-matrix";
import { hermitianEigen } from "../linalg/hermitian-eigen";
import { frobeniusNorm, matvecInto } from "../linalg/kernels";
import { luFactor, luSolveInPlace } from "../linalg/lu";
import { fromEigenbasis, toEigenbasis } from "../master-equation/eigenbasis";
import type { Generator, Jump } from "../master-equation/generator";
import { Operator } from "../operators/operator";
import { unvec, vec, vecIndex } from "../superoperators/vectorize";
import { stationaryDistribution } from "./rate-equation";

/** Options of `steadyState`. */
export interface SteadyStateOptions {
  /**
   * "auto" (default) uses the rate equation of the populations when the generator does not couple
   * populations to coherences in the eigenbasis of H_S, else the dense solve; "dense" forces the
   * dense solve; "rate-equation" requires the decoupled structure.
   */
  readonly method: "auto" | "dense" | "rate-equation";
  /**
   * Smallest pivot ratio min|u_kk|/max|u_kk| of the bordered Liouvillian below which the kernel
   * is taken to have dimension > 1 (non-unique steady state). Default SINGULAR_PIVOT_RATIO.
   */
  readonly singularPivotRatio: number;
}

/** Default threshold on the LU pivot ratio that flags a non-unique steady state. */
export const SINGULAR_PIVOT_RATIO = 1e-12;
/** Largest Hilbert dimension for which the audit computes the kernel dimension of L (O(d^6)). */
export const DENSE_SOLVE_MAX_DIMENSION = 32;

export const STEADY_STATE_DEFAULTS: Readonly<SteadyStateOptions> = Object.freeze({
  method: "auto",
  singularPivotRatio: SINGULAR_PIVOT_RATIO,
});

/** The stationary state of a generator and how good it is. */
export interface SteadyState {
  /** rho in the original basis, Hermitian, trace 1. */
  readonly rho: Operator;
  /** rho in the eigenbasis of H_S (energies ascending). */
  readonly rhoEigen: ComplexMatrix;
  /**
   * Populations of the energy eigenstates. On the rate-equation path each is accurate relative to
   * its own size (also at 1e-30); on the dense path, to about 1e-15 absolute.
   */
  readonly populations: Float64Array;
  /** ||L vec(rho)||_2 of the returned state. */
  readonly residual: number;
  /** Smallest eigenvalue of rho (negative: not a physical state; possible under Redfield). */
  readonly minEigenvalue: number;
  readonly method: "rate-equation" | "dense";
}

/**
 * Solve L vec(rho) = 0 with Tr rho = 1 (DESIGN.md section 4).
 *
 * ## Method
 * If every jump operator, in the eigenbasis of H_S, has at most one nonzero entry in each row and
 * column (true for the global generator with a non-degenerate spectrum, and for one qubit), the
 * populations obey a closed rate equation (eq. (2.3) of the seed paper) with rates
 * W(p -> q) = sum_k rate_k |<q|L_k|p>|^2; it is solved by the Grassmann-Taksar-Heyman algorithm
 * (no cancellation) and the coherences are zero. Otherwise one row of L is replaced by the trace
 * condition and the system is solved by complex LU with partial pivoting.
 * A kernel of dimension > 1 (a second closed class of the rate equation, or a near-zero LU pivot)
 * raises NumericalError("non-unique-steady-state"). On the dense path the pivot test compares
 * pivots with the largest one, so dissipation weaker than about SINGULAR_PIVOT_RATIO times the
 * Hamiltonian's scale cannot be told from none; the rate path has no such limit.
 */
export function steadyState(generator: Generator, options: Partial<SteadyStateOptions> = {}): SteadyState {
  const opts = resolve(options);
  const d = generator.dimension;
  const decoupled = generator.lindbladForm && populationsDecouple(generator);
  if (opts.method === "rate-equation" && !decoupled) {
    throw new ParameterError(
      "method",
      `"rate-equation" only for generators whose populations decouple from coherences; use "auto" or "dense"`,
    );
  }
  const useRates = decoupled && opts.method !== "dense";
  let rhoEigen: ComplexMatrix;
  let rho: ComplexMatrix;
  if (useRates) {
    // Uniqueness is decided exactly by the closed classes of the rate equation (a second one
    // throws); coherences then decay, as every state of the single closed class has outflow.
    const populations = stationaryDistribution(populationRates(generator));
    rhoEigen = ComplexMatrix.diagonal(Array.from(populations));
    rho = fromEigenbasis(rhoEigen, generator.eigen);
  } else {
    rho = denseSolve(generator, opts.singularPivotRatio);
    rhoEigen = toEigenbasis(rho, generator.eigen);
  }
  hermitise(rho);
  hermitise(rhoEigen);
  const populations = Float64Array.from({ length: d }, (_, k) => rhoEigen.re(k, k));
  const y = vec(rho);
  const ly = new Float64Array(y.length);
  matvecInto(ly, generator.liouvillian, y);
  const minEigenvalue = hermitianEigen(rhoEigen).values[0];
  return {
    rho: Operator.of(rho, generator.system.hamiltonian.dims),
    rhoEigen: rhoEigen,
    populations,
    residual: frobeniusNorm(ly),
    minEigenvalue,
    method: useRates ? "rate-equation" : "dense",
  };
}

/**
 * True when no jump operator couples populations to coherences in the eigenbasis: each has at
 * most one nonzero entry per row and per column there (so D[L] maps diagonal to diagonal and
 * L^dagger L is diagonal).
 */
export function populationsDecouple(generator: Generator): boolean {
  const d = generator.dimension;
  for (const ch of generator.channels) {
    for (const j of ch.jumps) {
      if (j.rate === 0) continue;
      const m = j.eigenOperator;
      const rowUsed = new Uint8Array(d);
      const colUsed = new Uint8Array(d);
      for (let i = 0; i < d; i++) {
        for (let k = 0; k < d; k++) {
          if (m.re(i, k) === 0 && m.im(i, k) === 0) continue;
          if (rowUsed[i] || colUsed[k]) return false;
          rowUsed[i] = 1;
          colUsed[k] = 1;
        }
      }
    }
  }
  return true;
}

/**
 * Add the transition rates of Lindblad jumps to `w` (flat, w[p * d + q] is the rate p -> q):
 * rate |<q|L|p>|^2 with L in the eigenbasis of H_S, p != q.
 */
export function accumulateTransitionRates(jumps: readonly Jump[], d: number, w: Float64Array): Float64Array {
  for (const j of jumps) {
    if (j.rate === 0) continue;
    const m = j.eigenOperator;
    for (let q = 0; q < d; q++) {
      for (let p = 0; p < d; p++) {
        if (p === q) continue;
        const a = m.re(q, p);
        const b = m.im(q, p);
        if (a !== 0 || b !== 0) w[p * d + q] += j.rate * (a * a + b * b);
      }
    }
  }
  return w;
}

/**
 * Transition rates W[p][q] (p -> q) between eigenstates: sum over jumps of rate |<q|L|p>|^2,
 * over all baths or over the one named `bath`. The paper's kernel (eq. (2.3)) is K_qp = W[p][q]
 * for q != p and K_pp = -sum_q W[p][q].
 */
export function populationRates(generator: Generator, bath?: string): Float64Array[] {
  const d = generator.dimension;
  const w = new Float64Array(d * d);
  for (const ch of generator.channels) {
    if (bath === undefined || ch.bath === bath) accumulateTransitionRates(ch.jumps, d, w);
  }
  return Array.from({ length: d }, (_, p) => w.slice(p * d, (p + 1) * d));
}

function denseSolve(generator: Generator, singularPivotRatio: number): ComplexMatrix {
  const d = generator.dimension;
  const n = d * d;
  const a = generator.liouvillian.clone();
  // Replace row 0 (the equation for rho_00) by the trace condition sum_k rho_kk = 1.
  for (let j = 0; j < n; j++) {
    a.data[2 * j] = 0;
    a.data[2 * j + 1] = 0;
  }
  for (let k = 0; k < d; k++) a.data[2 * vecIndex(k, k, d)] = 1;
  const f = luFactor(a);
  if (!(f.smallestPivotRatio > singularPivotRatio)) {
    throw new NumericalError(
      "non-unique-steady-state",
      `the steady state is not unique: the Liouvillian has a kernel of dimension > 1 (pivot ratio ${f.smallestPivotRatio.toExponential(2)}); check that every bath couples and rates are nonzero`,
    );
  }
  const b = new Float64Array(2 * n);
  b[0] = 1;
  luSolveInPlace(f, b);
  for (let k = 0; k < b.length; k++) {
    if (!Number.isFinite(b[k]))
      throw new NumericalError("non-finite", "steady-state solve produced a non-finite value");
  }
  return unvec(b);
}

function hermitise(m: ComplexMatrix): void {
  const n = m.rows;
  for (let i = 0; i < n; i++) {
    m.data[2 * (i * n + i) + 1] = 0;
    for (let j = i + 1; j < n; j++) {
      const re = 0.5 * (m.re(i, j) + m.re(j, i));
      const im = 0.5 * (m.im(i, j) - m.im(j, i));
      m.set(i, j, { re, im });
      m.set(j, i, { re, im: -im });
    }
  }
}

function resolve(options: Partial<SteadyStateOptions>): SteadyStateOptions {
  const allowed = Object.keys(STEADY_STATE_DEFAULTS);
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) throw new UnknownIdError("steady-state option", key, allowed);
  }
  const merged = { ...STEADY_STATE_DEFAULTS, ...options };
  if (!["auto", "dense", "rate-equation"].includes(merged.method)) {
    throw new UnknownIdError("steady-state method", String(merged.method), [
      "auto",
      "dense",
      "rate-equation",
    ]);
  }
  return merged;
}

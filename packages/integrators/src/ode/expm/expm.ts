import { DimensionError, IntegrationError, ParameterError } from "@liouville/core";
import {
  type IntegratorFactory,
  type IntegratorOptions,
  resolveIntegratorOptions,
  type Stepper,
  type StepperStats,
  validateInitialValue,
} from "../integrator";
import type { OdeProblem } from "../ode-problem";
import { ROUNDING } from "../step-control/adaptive-runge-kutta";
import { smallExpmWorkspace } from "./small-expm";

/** Largest dimension m of the Krylov subspace per step (fewer for a smaller problem). */
export const KRYLOV_DIMENSION = 30;
/** Safety factor on the step size the error estimate predicts. */
const SAFETY = 0.9;
/** A step is at most this many times the last one, and a retry at least this fraction of it. */
const MAX_GROWTH = 10;
const MIN_SHRINK = 0.1;
/** Arnoldi stops early ("happy breakdown": the subspace is invariant) below this fraction of ||H||. */
const BREAKDOWN = 1e-12;
/** As for the Runge-Kutta methods: a step may not shrink below 16 eps max(|t|, |h_first|). */
const STEP_FLOOR_ULPS = 16 * Number.EPSILON;
/** When a step reaches within 1 % of `tBound`, it is stretched to end exactly there. */
const STRETCH = 1.01;

export const EXPM_DEFAULTS: Readonly<IntegratorOptions> = Object.freeze({
  rtol: 1e-6,
  atol: 1e-8,
  firstStep: 0,
  minStep: 0,
  maxStep: Number.POSITIVE_INFINITY,
  maxSteps: 100000,
});

/**
 * The Krylov propagator of a linear, time-independent problem y' = A y (`problem.linear`):
 * each step advances y by exp(h A) y, projected on a Krylov subspace built from products with A
 * (calls of `problem.rhs`), so it works on any representation of A: dense, sparse or
 * matrix-free.
 *
 * ## Method
 * Arnoldi with modified Gram-Schmidt builds V_{m+1} and the Hessenberg H_m from y / beta,
 * beta = ||y||_2, in m products with A (Saad, SIAM J. Numer. Anal. 29 (1992) 209). With the
 * (m + 1) x (m + 1) matrix Hbar = [[H_m, 0], [h_{m+1,m} e_m^T, 0]],
 *   y(t + tau) ~ beta V_{m+1} exp(tau Hbar) e_1,
 * the corrected approximation of Saad (1992) and Sidje's Expokit (ACM TOMS 24 (1998) 130); the
 * error of the uncorrected one, beta [exp(tau Hbar)]_{m+1,1} v_{m+1}, is the estimate, measured in
 * the weighted RMS norm of the Runge-Kutta methods (atol + rtol |y_i|). A step is accepted when
 * the estimate is <= 1; otherwise tau shrinks by SAFETY err^(-1/m) and the same subspace is used
 * again, so a rejected step costs no products with A. If Arnoldi breaks down (an invariant
 * subspace of dimension k < m), the projection is exact and only rounding limits the step.
 * Dense output at any time inside the last step is exp(theta Hbar) from the same subspace: no
 * further products, and output times are hit exactly. The step grows as the state settles
 * (the error estimate shrinks with ||A y||), which makes it the method for relaxation.
 *
 * Memory: two subspaces of m + 1 vectors of `problem.size` doubles (the last step's, kept for
 * dense output, and the next one).
 */
class KrylovStepper implements Stepper {
  private readonly counters = { steps: 0, rejected: 0, rhsEvaluations: 0 };
  private readonly n: number;
  private readonly m: number;
  private current: number;
  private previous: number;
  private yPrevious: Float64Array;
  private yCurrent: Float64Array;
  private yCandidate: Float64Array;
  /** Subspace of the next step and of the last accepted one (swapped on acceptance). */
  private basis: Float64Array;
  private lastBasis: Float64Array;
  private readonly w: Float64Array;
  /** The Arnoldi Hessenberg matrix, column j at j (m + 1). */
  private readonly hessenberg: Float64Array;
  /** Hbar (row-major, (m + 1) x (m + 1)) and its size for the next and the last step. */
  private hbar: Float64Array;
  private lastHbar: Float64Array;
  private size = 0;
  private lastSize = 0;
  private beta = 0;
  private lastBeta = 0;
  private readonly expBuffer: Float64Array;
  /** exp of the (at most (m + 1) x (m + 1)) projected matrix, allocation-free. */
  private readonly smallExpm: ReturnType<typeof smallExpmWorkspace>;
  private readonly scaled: Float64Array;
  /** Step size to attempt next; 0 until the first subspace gives a scale. */
  private h: number;
  private hFirst = 0;
  private failure: IntegrationError | undefined;

  constructor(
    private readonly problem: OdeProblem,
    t0: number,
    y0: Float64Array,
    private readonly options: Readonly<IntegratorOptions>,
  ) {
    const n = problem.size;
    this.n = n;
    this.m = Math.min(KRYLOV_DIMENSION, n);
    this.current = t0;
    this.previous = t0;
    this.yPrevious = Float64Array.from(y0);
    this.yCurrent = Float64Array.from(y0);
    this.yCandidate = new Float64Array(n);
    this.basis = new Float64Array((this.m + 1) * n);
    this.lastBasis = new Float64Array((this.m + 1) * n);
    this.w = new Float64Array(n);
    this.hessenberg = new Float64Array((this.m + 1) * this.m);
    const k = (this.m + 1) * (this.m + 1);
    this.hbar = new Float64Array(k);
    this.lastHbar = new Float64Array(k);
    this.expBuffer = new Float64Array(k);
    this.smallExpm = smallExpmWorkspace(this.m + 1);
    this.scaled = new Float64Array(k);
    this.h = options.firstStep;
  }

  get t(): number {
    return this.current;
  }

  get tPrevious(): number {
    return this.previous;
  }

  get y(): Float64Array {
    return this.yCurrent;
  }

  get stats(): StepperStats {
    return this.counters;
  }

  step(tBound?: number): void {
    if (this.failure) throw this.failure;
    const t = this.current;
    if (tBound !== undefined && !(tBound > t)) {
      throw new ParameterError("tBound", `a number > t = ${t}`, tBound);
    }
    const { minStep, maxStep, maxSteps, rtol, atol } = this.options;
    if (this.counters.steps + this.counters.rejected >= maxSteps) {
      this.fail("max-steps", t, this.h, `reached maxSteps = ${maxSteps} attempted steps`);
    }
    const k = this.arnoldi(t);
    if (this.h === 0) {
      // First step: tau ||Hbar|| = 1, then the error estimate corrects it at no cost in products.
      this.h = Math.min(
        maxStep,
        Math.max(minStep, 1 / Math.max(infinityNorm(this.hbar, k), Number.MIN_VALUE)),
      );
    }
    if (this.hFirst === 0) this.hFirst = this.h;
    const floor = Math.max(minStep, STEP_FLOOR_ULPS * Math.max(Math.abs(t), Math.abs(this.hFirst)));
    const exact = k <= this.m || this.beta === 0; // k = m + 1 unless Arnoldi broke down
    for (;;) {
      let h = this.h;
      if (h < floor) {
        this.fail(
          "step-size-underflow",
          t,
          h,
          `step size fell below its floor ${floor} (minStep = ${minStep})`,
        );
      }
      let tNew = t + h;
      if (tBound !== undefined && t + STRETCH * h >= tBound) {
        h = tBound - t;
        tNew = tBound;
      }
      const e = this.propagate(h, k, this.basis, this.hbar, this.beta, this.yCandidate);
      // Error estimate beta [exp(h Hbar)]_{k, 0} v_k in the weighted RMS norm; rounding of y alone.
      const coefficient = exact ? 0 : Math.abs(this.beta * e[(k - 1) * k + 0]);
      const vLast = this.basis.subarray((k - 1) * this.n, k * this.n);
      let sum = 0;
      let rounding = 0;
      for (let i = 0; i < this.n; i++) {
        const scale = atol + rtol * Math.max(Math.abs(this.yCurrent[i]), Math.abs(this.yCandidate[i]));
        const err = (coefficient * vLast[i]) / scale;
        const r = (ROUNDING * Math.abs(this.yCandidate[i])) / scale;
        sum += err * err;
        rounding += r * r;
      }
      const err = Math.sqrt(sum / this.n);
      if (Math.sqrt(rounding / this.n) > 1) {
        this.counters.rejected++;
        this.fail(
          "step-size-underflow",
          t,
          h,
          `the rounding error of the state alone exceeds the tolerance (rtol = ${rtol}, atol = ${atol}); no step size can meet it`,
        );
      }
      for (let i = 0; i < this.n; i++) {
        if (!Number.isFinite(this.yCandidate[i])) {
          this.fail(
            "non-finite",
            t,
            h,
            `non-finite value ${this.yCandidate[i]} in the state, component ${i}`,
          );
        }
      }
      if (err <= 1) {
        const grow = err === 0 ? MAX_GROWTH : Math.min(MAX_GROWTH, SAFETY * err ** (-1 / (k - 1)));
        this.accept(tNew, k, Math.min(maxStep, h * Math.max(1, grow)));
        return;
      }
      this.counters.rejected++;
      if (this.counters.steps + this.counters.rejected >= maxSteps) {
        this.fail("max-steps", t, h, `reached maxSteps = ${maxSteps} attempted steps`);
      }
      this.h = h * Math.max(MIN_SHRINK, SAFETY * err ** (-1 / (k - 1)));
    }
  }

  interpolate(time: number, out: Float64Array): void {
    if (this.failure) throw this.failure;
    if (out.length !== this.n) throw new DimensionError("out", `length ${this.n}`, `length ${out.length}`);
    const t0 = this.previous;
    const t1 = this.current;
    if (time === t1) {
      out.set(this.yCurrent);
      return;
    }
    if (time === t0) {
      out.set(this.yPrevious);
      return;
    }
    if (!(time >= t0 && time <= t1))
      throw new ParameterError("time", `in [tPrevious, t] = [${t0}, ${t1}]`, time);
    this.propagate(time - t0, this.lastSize, this.lastBasis, this.lastHbar, this.lastBeta, out);
  }

  /**
   * Arnoldi from yCurrent: fills `basis` with v_1..v_{k} (k <= m + 1 vectors) and `hbar` with the
   * k x k matrix Hbar (row-major, stride k); returns k. k = m + 1 normally, smaller after a
   * breakdown (the subspace is then invariant and Hbar = H_k).
   */
  private arnoldi(t: number): number {
    const { n, m, basis, w } = this;
    const y = this.yCurrent;
    let beta = 0;
    for (let i = 0; i < n; i++) beta += y[i] * y[i];
    beta = Math.sqrt(beta);
    this.beta = beta;
    const h = this.hessenberg; // column j: h[j * (m + 1) + i]
    h.fill(0);
    if (beta === 0) {
      this.hbar.fill(0);
      this.size = 1;
      basis.fill(0, 0, n);
      return 1;
    }
    for (let i = 0; i < n; i++) basis[i] = y[i] / beta;
    let k = m + 1;
    let hNorm = 0;
    for (let j = 0; j < m; j++) {
      const vj = basis.subarray(j * n, (j + 1) * n);
      this.counters.rhsEvaluations++;
      this.problem.rhs(t, vj, w);
      for (let i = 0; i < n; i++) {
        if (!Number.isFinite(w[i]))
          this.fail("non-finite", t, this.h, `non-finite value ${w[i]} in f, component ${i}`);
      }
      for (let l = 0; l <= j; l++) {
        const vl = basis.subarray(l * n, (l + 1) * n);
        let d = 0;
        for (let i = 0; i < n; i++) d += w[i] * vl[i];
        h[j * (m + 1) + l] = d;
        for (let i = 0; i < n; i++) w[i] -= d * vl[i];
      }
      let norm = 0;
      for (let i = 0; i < n; i++) norm += w[i] * w[i];
      norm = Math.sqrt(norm);
      let column = norm;
      for (let l = 0; l <= j; l++) column += Math.abs(h[j * (m + 1) + l]);
      hNorm = Math.max(hNorm, column);
      h[j * (m + 1) + j + 1] = norm;
      if (norm <= BREAKDOWN * hNorm) {
        k = j + 1;
        break;
      }
      const next = basis.subarray((j + 1) * n, (j + 2) * n);
      for (let i = 0; i < n; i++) next[i] = w[i] / norm;
    }
    // Hbar: H_k, plus the row h_{m+1,m} e_m^T when there was no breakdown (k = m + 1).
    const hbar = this.hbar;
    hbar.fill(0, 0, k * k);
    const columns = k === m + 1 ? m : k;
    for (let j = 0; j < columns; j++) {
      for (let i = 0; i <= Math.min(j + 1, k - 1); i++) hbar[i * k + j] = h[j * (m + 1) + i];
    }
    this.size = k;
    return k;
  }

  /** out = beta V exp(tau Hbar) e_1 over the k basis vectors; returns exp(tau Hbar) (stride k). */
  private propagate(
    tau: number,
    k: number,
    basis: Float64Array,
    hbar: Float64Array,
    beta: number,
    out: Float64Array,
  ): Float64Array {
    const scaled = this.scaled;
    for (let p = 0; p < k * k; p++) scaled[p] = tau * hbar[p];
    const e = this.smallExpm(scaled, k, this.expBuffer);
    out.fill(0);
    const n = this.n;
    for (let j = 0; j < k; j++) {
      const c = beta * e[j * k];
      if (c === 0) continue;
      const v = basis.subarray(j * n, (j + 1) * n);
      for (let i = 0; i < n; i++) out[i] += c * v[i];
    }
    return e;
  }

  private accept(tNew: number, k: number, hNext: number): void {
    [this.yPrevious, this.yCurrent, this.yCandidate] = [this.yCurrent, this.yCandidate, this.yPrevious];
    [this.basis, this.lastBasis] = [this.lastBasis, this.basis];
    [this.hbar, this.lastHbar] = [this.lastHbar, this.hbar];
    this.lastSize = k;
    this.lastBeta = this.beta;
    this.previous = this.current;
    this.current = tNew;
    this.counters.steps++;
    this.h = hNext;
  }

  private fail(reason: IntegrationError["reason"], t: number, h: number, detail: string): never {
    this.failure = new IntegrationError(reason, t, h, `expm: ${detail}`);
    throw this.failure;
  }
}

function infinityNorm(a: Float64Array, n: number): number {
  let norm = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    for (let j = 0; j < n; j++) row += Math.abs(a[i * n + j]);
    norm = Math.max(norm, row);
  }
  return norm;
}

/**
 * `expm`: the Krylov propagator (see KrylovStepper) for linear, time-independent problems; a
 * problem without `linear: true` is refused.
 */
export const expmIntegrator: IntegratorFactory = Object.freeze({
  id: "expm",
  title: "Krylov (Arnoldi) propagator exp(h A) y with Saad's error estimate (Saad 1992; Sidje, Expokit 1998)",
  order: KRYLOV_DIMENSION,
  linearOnly: true,
  defaults: EXPM_DEFAULTS,
  create(problem: OdeProblem, t0: number, y0: Float64Array, options?: Partial<IntegratorOptions>): Stepper {
    const resolved = resolveIntegratorOptions(EXPM_DEFAULTS, options);
    validateInitialValue(problem, t0, y0);
    if (problem.linear !== true) {
      throw new ParameterError(
        "problem",
        "linear and time-independent (problem.linear = true, f(t, y) = A y) for the expm integrator; use rk45 or dop853",
      );
    }
    return new KrylovStepper(problem, t0, y0, resolved);
  },
});

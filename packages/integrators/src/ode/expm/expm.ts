import { ParameterError, realAxpy, realDot, realScaleInto } from "@liouville/core";
import {
  type IntegratorFactory,
  type IntegratorOptions,
  resolveIntegratorOptions,
  type Stepper,
  validateInitialValue,
} from "../integrator";
import type { OdeProblem } from "../ode-problem";
import { FALLBACK_INITIAL_STEP } from "../step-control/initial-step";
import { StepperCore } from "../step-control/stepper-core";
import { infinityNorm, smallExpmWorkspace } from "./small-expm";

/** Largest dimension m of the Krylov subspace per step (Expokit's default). */
export const KRYLOV_DIMENSION = 30;
/**
 * Smallest dimension the cost model (`krylovDimension`) chooses for a problem larger than
 * KRYLOV_DIMENSION. Below about 8 the error estimate's prediction (h^m) is least reliable: at
 * m = 6 the XX chains of 6 and 7 spins at rtol 1e-6 ended with currents 1.6e-6 and 3e-6 (relative)
 * from those at larger m, at m = 8 within about the tolerance.
 */
export const MIN_KRYLOV_DIMENSION = 8;
/**
 * Flops of the small exponentials per Krylov step, in units of (m + 1)^3: about two exponentials
 * of the (m + 1) x (m + 1) projected matrix per step (the step's own and the first dense output
 * inside it), each about ten products (four for the [6/6] Pade approximant, the solve, and the
 * squarings) of 2 (m + 1)^3 flops.
 */
const SMALL_EXPM_FLOPS = 40;
/** The relative accuracy the cost model assumes when rtol is below it (double precision's reach). */
const MODEL_TOLERANCE_FLOOR = 1e-15;

/**
 * The Krylov dimension of `expm` for a problem of `size` unknowns whose product with A costs
 * `rhsFlops` floating-point operations, at relative tolerance `rtol`: `size` itself up to
 * KRYLOV_DIMENSION (the whole space: exact steps), else the m in
 * [MIN_KRYLOV_DIMENSION, KRYLOV_DIMENSION] of least predicted cost per unit time.
 *
 * A step of dimension m costs m products with A, the Gram-Schmidt orthogonalisation
 * (2 m (m + 1) `size` flops) and its small exponentials (SMALL_EXPM_FLOPS (m + 1)^3). Its length
 * follows Saad's bound on the error of the Krylov approximation, about (h ||A||)^m / m! (Saad,
 * SIAM J. Numer. Anal. 29 (1992) 209): h ||A|| ~ (m! rtol)^(1/m), which grows with m but more
 * slowly than the cost once the orthogonalisation dominates. Products with a Liouvillian in CSR
 * form cost only 10 to 20 flops per unknown, so the orthogonalisation and the small exponentials
 * decide: m comes out about 10 to 19 at rtol 1e-6 (growing with the size up to about 10^4
 * unknowns, beyond which every term but the small exponentials grows with it) and rises towards
 * 30 at tight tolerances and for costly products (a dense matrix). The model counts rtol only
 * (atol-only control is taken as full double precision). Choosing m by cost, not fixing it, is
 * the approach of Niesen & Wright's phipm (ACM TOMS 38 (2012) 22), which also counts the
 * orthogonalisation.
 */
export function krylovDimension(size: number, rhsFlops: number, rtol: number): number {
  // A subspace of the whole space is exact (Arnoldi ends on an invariant subspace): no step-size
  // limit from the error estimate, so a few large steps cover any span.
  if (size <= KRYLOV_DIMENSION) return size;
  const largest = KRYLOV_DIMENSION;
  const logTolerance = Math.log(Math.max(rtol, MODEL_TOLERANCE_FLOOR));
  let best = largest;
  let bestCost = Number.POSITIVE_INFINITY;
  let logFactorial = 0;
  for (let m = 1; m <= largest; m++) {
    logFactorial += Math.log(m);
    if (m < MIN_KRYLOV_DIMENSION) continue;
    const stepCost = m * rhsFlops + 2 * m * (m + 1) * size + SMALL_EXPM_FLOPS * (m + 1) ** 3;
    // h ||A|| from (h ||A||)^m / m! = rtol; the cost per unit of h ||A||.
    const reach = Math.exp((logFactorial + logTolerance) / m);
    const cost = stepCost / reach;
    if (cost < bestCost) {
      bestCost = cost;
      best = m;
    }
  }
  return best;
}
/** Safety factor on the step size the error estimate predicts. */
const SAFETY = 0.9;
/** A step is at most this many times the last one, and a retry at least this fraction of it. */
const MAX_GROWTH = 10;
const MIN_SHRINK = 0.1;
/**
 * Two output gaps within this many units in the last place of the output times are one gap: the
 * times themselves carry that rounding (t0 + k * every), so the outputs differ from exact ones by
 * no more than the rounding of t already causes.
 */
const SAME_GAP_ULPS = 8;
/** Arnoldi stops early ("happy breakdown": the subspace is invariant) below this fraction of ||H||. */
const BREAKDOWN = 1e-12;

/** Default options of the Krylov propagator `expm`. */
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
 * further products, and output times are hit exactly; successive outputs chain from the previous
 * one, so evenly spaced outputs reuse one small exponential per step. The step grows as the state settles
 * (the error estimate shrinks with ||A y||), which makes it the method for relaxation.
 *
 * The dimension m comes from a cost model (`krylovDimension`): the problem's size, the cost of a
 * product (`OdeProblem.rhsFlops`) and rtol.
 *
 * Memory: two subspaces of m + 1 vectors of `problem.size` doubles (the last step's, kept for
 * dense output, and the next one).
 */
class KrylovStepper extends StepperCore {
  private readonly n: number;
  private readonly m: number;
  /** Subspace of the next step and of the last accepted one (swapped on acceptance). */
  private basis: Float64Array;
  private lastBasis: Float64Array;
  private readonly w: Float64Array;
  /** The Arnoldi Hessenberg matrix, column j at j (m + 1). */
  private readonly hessenberg: Float64Array;
  /** Hbar (row-major, stride k) and its size k for the next and the last step. */
  private hbar: Float64Array;
  private lastHbar: Float64Array;
  private k = 1;
  private lastK = 1;
  private beta = 0;
  private lastBeta = 0;
  private readonly expBuffer: Float64Array;
  private readonly scaled: Float64Array;
  /** exp of the (at most (m + 1) x (m + 1)) projected matrix, allocation-free. */
  private readonly smallExpm: ReturnType<typeof smallExpmWorkspace>;
  /**
   * Dense output inside the last step, chained: exp(tau Hbar) e_1 at the last output's tau, and
   * exp(gap Hbar) for the last gap between outputs, so evenly spaced outputs cost one product
   * with a small matrix each instead of a small exponential. Valid while `outputValid`.
   */
  private outputValid = false;
  private outputTime = 0;
  private readonly outputColumn: Float64Array;
  private readonly nextColumn: Float64Array;
  private gapTau = Number.NaN;
  private readonly gapExp: Float64Array;

  constructor(problem: OdeProblem, t0: number, y0: Float64Array, options: Readonly<IntegratorOptions>) {
    super(problem, t0, y0, options, "expm");
    const n = problem.size;
    this.n = n;
    // Without a cost, the product is taken to be a dense matrix's (2 n^2 flops).
    this.m = krylovDimension(n, problem.rhsFlops ?? 2 * n * n, options.rtol);
    this.basis = new Float64Array((this.m + 1) * n);
    this.lastBasis = new Float64Array((this.m + 1) * n);
    this.w = new Float64Array(n);
    this.hessenberg = new Float64Array((this.m + 1) * this.m);
    const size = (this.m + 1) * (this.m + 1);
    this.hbar = new Float64Array(size);
    this.lastHbar = new Float64Array(size);
    this.expBuffer = new Float64Array(size);
    this.scaled = new Float64Array(size);
    this.smallExpm = smallExpmWorkspace(this.m + 1);
    this.outputColumn = new Float64Array(this.m + 1);
    this.nextColumn = new Float64Array(this.m + 1);
    this.gapExp = new Float64Array(size);
    this.h = options.firstStep;
  }

  /** Build the subspace of this step; choose the first step size from it. */
  protected override beginStep(t: number): void {
    this.k = this.arnoldi(t);
    if (this.h === 0) {
      // tau ||Hbar|| = 1; the error estimate corrects it at no cost in products with A.
      const norm = infinityNorm(this.hbar, this.k);
      const h = norm > 0 ? 1 / norm : FALLBACK_INITIAL_STEP;
      this.h = Math.min(this.options.maxStep, Math.max(this.options.minStep, h));
    }
  }

  protected attempt(_t: number, tNew: number, h: number): number {
    const { n, k } = this;
    const e = this.propagate(h, k, this.basis, this.hbar, this.beta, this.yCandidate);
    // Error estimate beta [exp(h Hbar)]_{k, 1} v_k (zero when Arnoldi broke down: the subspace is
    // invariant), in the weighted RMS norm of the Runge-Kutta methods, plus rounding of y.
    const exact = k <= this.m || this.beta === 0;
    const coefficient = exact ? 0 : Math.abs(this.beta * e[(k - 1) * k]);
    const vLast = this.basis.subarray((k - 1) * n, k * n);
    return this.errorNorm(vLast, coefficient, null, tNew, h);
  }

  /** The error of a Krylov step of dimension m grows like h^m (Saad 1992). */
  protected acceptedStepSize(err: number, h: number): number {
    const grow = err === 0 ? MAX_GROWTH : Math.min(MAX_GROWTH, SAFETY * err ** (-1 / (this.k - 1)));
    return h * Math.max(1, grow);
  }

  protected rejectedStepSize(err: number, h: number): number {
    return h * Math.max(MIN_SHRINK, SAFETY * err ** (-1 / (this.k - 1)));
  }

  /** Keep this step's subspace for dense output; the next step builds into the other buffers. */
  protected override completeStep(): void {
    [this.basis, this.lastBasis] = [this.lastBasis, this.basis];
    [this.hbar, this.lastHbar] = [this.lastHbar, this.hbar];
    this.lastK = this.k;
    this.lastBeta = this.beta;
    this.outputValid = false;
    this.gapTau = Number.NaN;
  }

  /**
   * y(tPrevious + tau) = beta V exp(tau Hbar) e_1 from the last step's subspace. After an output at
   * tau0 < tau, exp(tau Hbar) e_1 = exp((tau - tau0) Hbar) exp(tau0 Hbar) e_1, and the factor for a
   * gap equal to the previous one (up to SAME_GAP_ULPS roundings of the times) is reused: one
   * product of size k^2 instead of an exponential.
   */
  protected interpolateInside(time: number, out: Float64Array): void {
    const k = this.lastK;
    const column = this.outputColumn;
    if (this.outputValid && time > this.outputTime) {
      let gap = time - this.outputTime;
      const g = this.gapExp;
      // Gaps that differ only by the rounding of the output times are the same gap.
      const rounding = SAME_GAP_ULPS * Number.EPSILON * Math.max(Math.abs(time), Math.abs(this.outputTime));
      if (Math.abs(gap - this.gapTau) <= rounding) gap = this.gapTau;
      else {
        this.smallExpm(realScaleInto(this.scaled, gap, this.lastHbar, k * k), k, g);
        this.gapTau = gap;
      }
      const next = this.nextColumn;
      for (let i = 0; i < k; i++) {
        let sum = 0;
        for (let j = 0; j < k; j++) sum += g[i * k + j] * column[j];
        next[i] = sum;
      }
      column.set(next.subarray(0, k));
      // The chain's own time: the reused gaps add up exactly, so rounding does not accumulate.
      this.outputTime += gap;
    } else {
      const e = this.exponential(time - this.tPrevious, k, this.lastHbar);
      for (let i = 0; i < k; i++) column[i] = e[i * k];
      this.outputTime = time;
    }
    this.outputValid = true;
    this.combine(column, 1, k, this.lastBasis, this.lastBeta, out);
  }

  /**
   * Arnoldi from yCurrent: fills `basis` with v_1..v_{k} (k <= m + 1 vectors) and `hbar` with the
   * k x k matrix Hbar (row-major, stride k); returns k. k = m + 1 normally, smaller after a
   * breakdown (the subspace is then invariant and Hbar = H_k).
   */
  private arnoldi(t: number): number {
    const { n, m, basis, w } = this;
    const y = this.yCurrent;
    const beta = Math.sqrt(realDot(y, y, n));
    this.beta = beta;
    const h = this.hessenberg; // column j: h[j * (m + 1) + i]
    h.fill(0);
    if (beta === 0) {
      this.hbar.fill(0);
      basis.fill(0, 0, n);
      return 1;
    }
    realScaleInto(basis, 1 / beta, y, n);
    let k = m + 1;
    let hNorm = 0;
    // The vector work is in small kernels (realDot, realAxpy, realScaleInto), shared by every loop
    // here: V8 optimises them after a few calls, where loops inlined in this method would run
    // in the interpreter until the whole method tiers up (about 2x on a cold 5-spin chain).
    for (let j = 0; j < m; j++) {
      const vj = basis.subarray(j * n, (j + 1) * n);
      this.evaluate(t, vj, w);
      this.requireFinite(w, t, this.h, "f");
      for (let l = 0; l <= j; l++) {
        const vl = basis.subarray(l * n, (l + 1) * n);
        const d = realDot(w, vl, n);
        h[j * (m + 1) + l] = d;
        realAxpy(w, -d, vl, n);
      }
      const norm = Math.sqrt(realDot(w, w, n));
      let column = norm;
      for (let l = 0; l <= j; l++) column += Math.abs(h[j * (m + 1) + l]);
      hNorm = Math.max(hNorm, column);
      h[j * (m + 1) + j + 1] = norm;
      if (norm <= BREAKDOWN * hNorm) {
        k = j + 1;
        break;
      }
      realScaleInto(basis.subarray((j + 1) * n, (j + 2) * n), 1 / norm, w, n);
    }
    // Hbar: H_k, plus the row h_{m+1,m} e_m^T when there was no breakdown (k = m + 1).
    const hbar = this.hbar;
    hbar.fill(0, 0, k * k);
    const columns = k === m + 1 ? m : k;
    for (let j = 0; j < columns; j++) {
      for (let i = 0; i <= Math.min(j + 1, k - 1); i++) hbar[i * k + j] = h[j * (m + 1) + i];
    }
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
    const e = this.exponential(tau, k, hbar);
    this.combine(e, k, k, basis, beta, out);
    return e;
  }

  /** exp(tau Hbar) for the k x k `hbar`, into the shared buffer (stride k). */
  private exponential(tau: number, k: number, hbar: Float64Array): Float64Array {
    return this.smallExpm(realScaleInto(this.scaled, tau, hbar, k * k), k, this.expBuffer);
  }

  /** out = beta sum_j c_j v_j with c_j = coefficients[j * stride] over the k basis vectors. */
  private combine(
    coefficients: Float64Array,
    stride: number,
    k: number,
    basis: Float64Array,
    beta: number,
    out: Float64Array,
  ): void {
    out.fill(0);
    const n = this.n;
    for (let j = 0; j < k; j++) {
      const c = beta * coefficients[j * stride];
      if (c !== 0) realAxpy(out, c, basis.subarray(j * n, (j + 1) * n), n);
    }
  }
}

/**
 * `expm`: the Krylov propagator (see KrylovStepper) for linear, time-independent problems; a
 * problem without `linear: true` is refused.
 */
export const expmIntegrator: IntegratorFactory = Object.freeze({
  id: "expm",
  title: "Krylov (Arnoldi) propagator exp(h A) y with Saad's error estimate (Saad 1992; Sidje, Expokit 1998)",
  // The largest subspace (the error of a step goes as h^m, m from krylovDimension).
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

import { NumericalError } from "../../errors/numerical-error";
import { ParameterError } from "../../errors/parameter-error";
import { realAxpy, realDot, realScaleInto } from "../real-vector";

/** Default target of the relative residual ||b - A x|| / ||b||. */
export const DEFAULT_GMRES_TOLERANCE = 1e-10;
/** Default Krylov dimension between restarts. */
export const DEFAULT_GMRES_RESTART = 50;
/** Default cap on the total number of Krylov steps (matrix-vector products). */
export const DEFAULT_GMRES_MAX_ITERATIONS = 1000;
/** A new Krylov vector smaller than this fraction of its pre-orthogonalisation norm is a breakdown. */
const BREAKDOWN_RATIO = 1e-14;

/** Options of {@link gmres}. */
export interface GmresOptions {
  /** Relative residual ||b - A x|| / ||b|| to reach (default {@link DEFAULT_GMRES_TOLERANCE}). */
  readonly tolerance?: number;
  /** Krylov dimension m of GMRES(m) (default {@link DEFAULT_GMRES_RESTART}). */
  readonly restart?: number;
  /** Total Krylov steps allowed (default {@link DEFAULT_GMRES_MAX_ITERATIONS}). */
  readonly maxIterations?: number;
  /** Right preconditioner: out = M^-1 v (M close to A). */
  readonly precondition?: (out: Float64Array, v: Float64Array) => void;
  /** Initial guess (copied; default zero). */
  readonly x0?: Float64Array;
  /** Called after every Krylov step with the step count and the estimated relative residual. */
  readonly onProgress?: (iteration: number, relativeResidual: number) => void;
}

/** Outcome of {@link gmres}: the solution, the Krylov steps taken and the true relative residual. */
export interface GmresResult {
  /** The approximate solution. */
  x: Float64Array;
  /** Krylov steps taken, over all restarts. */
  iterations: number;
  /** ||b - A x|| / ||b||, recomputed from x. */
  relativeResidual: number;
}

/**
 * Solve A x = b by restarted GMRES(m) with right preconditioning, A M^-1 u = b, x = M^-1 u.
 *
 * ## Method
 * Saad & Schultz, "GMRES: a generalized minimal residual algorithm for solving nonsymmetric
 * linear systems", SIAM J. Sci. Stat. Comput. 7 (1986) 856; Saad, "Iterative Methods for Sparse
 * Linear Systems", 2nd ed. (SIAM 2003), Algorithm 9.5. Arnoldi with modified Gram-Schmidt, the
 * least-squares problem updated by Givens rotations so the residual norm is known at every step.
 * There is no re-orthogonalisation pass: MGS-GMRES is backward stable, its basis losing
 * orthogonality only once the residual has reached the level of rounding (Paige, Rozloznik &
 * Strakos, SIAM J. Matrix Anal. Appl. 28 (2006) 264). On the steady-state equations a second
 * pass ran at every step and changed neither the step count nor the result, at twice the cost
 * of the orthogonalisation. At each restart the true residual b - A x is recomputed, and
 * convergence is only declared on it.
 *
 * `apply(out, x)` must write A x into out without keeping either array.
 *
 * @throws NumericalError "not-converged" when maxIterations steps do not reach the tolerance,
 *   "non-finite" when NaN or infinity appears.
 */
export function gmres(
  apply: (out: Float64Array, x: Float64Array) => void,
  b: Float64Array,
  options: GmresOptions = {},
): GmresResult {
  const n = b.length;
  const tol = options.tolerance ?? DEFAULT_GMRES_TOLERANCE;
  const m = Math.min(options.restart ?? DEFAULT_GMRES_RESTART, Math.max(1, n));
  const maxIterations = options.maxIterations ?? DEFAULT_GMRES_MAX_ITERATIONS;
  if (!(tol > 0)) throw new ParameterError("tolerance", "positive", tol);
  if (!Number.isInteger(m) || m < 1) throw new ParameterError("restart", "a positive integer", m);
  if (!Number.isInteger(maxIterations) || maxIterations < 0) {
    throw new ParameterError("maxIterations", "a non-negative integer", maxIterations);
  }
  const precondition = options.precondition;
  const x = options.x0 ? Float64Array.from(options.x0) : new Float64Array(n);
  const bNorm = norm(b);
  if (bNorm === 0) return { x: new Float64Array(n), iterations: 0, relativeResidual: 0 };
  if (!Number.isFinite(bNorm)) throw new NumericalError("non-finite", "gmres: right-hand side is not finite");

  const basis = new Float64Array((m + 1) * n);
  const h = new Float64Array((m + 1) * m); // column-major Hessenberg, h[j * (m + 1) + i]
  const cs = new Float64Array(m);
  const sn = new Float64Array(m);
  const g = new Float64Array(m + 1);
  const y = new Float64Array(m);
  const r = new Float64Array(n);
  const z = new Float64Array(n);
  const w = new Float64Array(n);

  const residualInto = (out: Float64Array): number => {
    apply(out, x);
    realScaleInto(out, -1, out, n);
    realAxpy(out, 1, b, n);
    return norm(out);
  };

  let iterations = 0;
  let beta = options.x0 ? residualInto(r) : bNorm;
  if (!options.x0) r.set(b);
  let relative = beta / bNorm;
  while (!(relative <= tol)) {
    if (!Number.isFinite(relative)) throw new NumericalError("non-finite", "gmres: residual is not finite");
    if (iterations >= maxIterations) {
      throw new NumericalError(
        "not-converged",
        `gmres reached relative residual ${relative.toExponential(3)} after ${iterations} iterations, ` +
          `tolerance ${tol.toExponential(3)}`,
      );
    }
    // Arnoldi cycle.
    realScaleInto(basis, 1 / beta, r, n);
    g.fill(0);
    g[0] = beta;
    let k = 0;
    let estimate = relative;
    while (k < m && iterations < maxIterations) {
      const vk = basis.subarray(k * n, (k + 1) * n);
      if (precondition) {
        precondition(z, vk);
        apply(w, z);
      } else {
        apply(w, vk);
      }
      iterations++;
      const col = k * (m + 1);
      const before = norm(w);
      for (let j = 0; j <= k; j++) {
        const vj = basis.subarray(j * n, (j + 1) * n);
        const d = realDot(w, vj);
        h[col + j] = d;
        realAxpy(w, -d, vj);
      }
      const after = norm(w);
      h[col + k + 1] = after;
      const breakdown = after <= BREAKDOWN_RATIO * before;
      if (!breakdown) {
        realScaleInto(basis.subarray((k + 1) * n, (k + 2) * n), 1 / after, w, n);
      }
      // Apply the previous rotations, then a new one to zero h[k+1, k].
      for (let j = 0; j < k; j++) {
        const a0 = h[col + j];
        const a1 = h[col + j + 1];
        h[col + j] = cs[j] * a0 + sn[j] * a1;
        h[col + j + 1] = -sn[j] * a0 + cs[j] * a1;
      }
      const hk = h[col + k];
      const hk1 = h[col + k + 1];
      const rho = Math.hypot(hk, hk1);
      cs[k] = rho === 0 ? 1 : hk / rho;
      sn[k] = rho === 0 ? 0 : hk1 / rho;
      h[col + k] = rho;
      h[col + k + 1] = 0;
      g[k + 1] = -sn[k] * g[k];
      g[k] = cs[k] * g[k];
      k++;
      estimate = Math.abs(g[k]) / bNorm;
      options.onProgress?.(iterations, estimate);
      if (estimate <= tol || breakdown) break;
    }
    // Solve the k x k triangular system and update x += M^-1 V y.
    for (let i = k - 1; i >= 0; i--) {
      let s = g[i];
      for (let j = i + 1; j < k; j++) s -= h[j * (m + 1) + i] * y[j];
      const d = h[i * (m + 1) + i];
      y[i] = d === 0 ? 0 : s / d;
    }
    w.fill(0);
    for (let j = 0; j < k; j++) realAxpy(w, y[j], basis.subarray(j * n, (j + 1) * n));
    if (precondition) {
      precondition(z, w);
      realAxpy(x, 1, z);
    } else {
      realAxpy(x, 1, w);
    }
    beta = residualInto(r);
    relative = beta / bNorm;
    if (beta === 0) break;
  }
  return { x, iterations, relativeResidual: relative };
}

function norm(v: Float64Array): number {
  return Math.sqrt(realDot(v, v));
}

import { NumericalError } from "../errors/numerical-error";
import { ComplexMatrix } from "../linalg/complex-matrix";
import { frobeniusNorm, maxRowSumNorm } from "../linalg/kernels";
import { buildCorrelationEquation } from "./correlation-equation";
import { steadyStateHeatCurrents } from "./gaussian-heat-currents";
import { lyapunovOperator, solveLyapunov } from "./lyapunov";
import { type QuadraticBosonicSystem, resolveQuadraticBosonicSystem } from "./quadratic-bosonic-system";

/** The exact steady state of a quadratic bosonic system, given by its correlation matrix. */
export interface GaussianSteadyState {
  /** N_ij = <a_i^dagger a_j>, Hermitian positive semidefinite, M x M. */
  correlations: ComplexMatrix;
  /** Mean occupations <a_i^dagger a_i> = N_ii. */
  occupations: number[];
  /** Mean energy <H> = sum_ij h_ij N_ij (the vacuum has energy 0 in this normal-ordered H). */
  energy: number;
  /** J_X = Tr[H D_X(rho)] per bath name, positive when energy flows from bath X into the system. */
  currents: Record<string, number>;
  /** Each jump's share of its bath's current, in the order of `system.jumps` (same method). */
  jumpCurrents: number[];
  /** Frobenius norm of X N + N X^dagger + P at the returned N. */
  residual: number;
}

/**
 * Relative size below which a decay rate counts as zero: the steady state is declared not unique
 * when the LU pivot ratio of the Lyapunov operator, or the slowest-relaxation estimate
 * 1 / (2 Tr Y ||X||) described in `gaussianSteadyState`, falls below it.
 */
export const GAUSSIAN_STABILITY_TOLERANCE = 1e-13;

/**
 * The exact (Gaussian, zero-mean) steady state of M bosonic modes with a number-conserving
 * quadratic Hamiltonian H = sum_ij h_ij a_i^dagger a_j and jump operators linear in the modes,
 * with its heat currents per bath.
 *
 * ## Method
 * The correlation matrix N_ij = <a_i^dagger a_j> obeys dN/dt = X N + N X^dagger + P (see
 * `correlationEquation` for X, P and their derivation). The steady state solves the continuous
 * Lyapunov equation X N + N X^dagger = -P, vectorised to (I (x) X + conj(X) (x) I) vec(N) = -vec(P)
 * and solved by complex LU (`lyapunovOperator`). Since the dynamics preserves Gaussianity and
 * the phase symmetry a -> e^{i phi} a, the state is the zero-mean Gaussian state fixed by N.
 *
 * A unique steady state exists exactly when X is strictly stable (every eigenvalue has negative
 * real part: each normal mode is damped more than it is amplified). Lyapunov's theorem gives a
 * certificate without an eigensolver: X is stable if and only if the solution Y of
 * X Y + Y X^dagger = -I is positive definite (Horn & Johnson, Topics in Matrix Analysis,
 * Sec. 2.2). The same factorisation solves for Y; a Cholesky factorisation tests it. For a left
 * eigenvector u of X with eigenvalue lambda, u^dag Y u / |u|^2 = 1 / (2 |Re lambda|), so Tr Y also
 * bounds the slowest relaxation rate from below, which is compared with ||X||.
 *
 * The heat currents J_X = Tr[H D_X(rho)] (`gaussianHeatCurrents`, with the full H including
 * inter-mode couplings) are evaluated in the transfer form of `steadyStateHeatCurrents`: every
 * term pairs a lowering with a raising jump, the in- and out-fluxes of one thermal bath cancel
 * exactly, and a small current between hot baths (n >> 1) or through a weak coupling keeps its
 * relative accuracy. Their sum over baths vanishes (energy conservation) to rounding.
 * Each Lyapunov solve gets fixed-precision iterative refinement (`LYAPUNOV_REFINEMENT_STEPS`).
 *
 * ## Notes
 * - With every bath at T = 0 (no raising jumps with a rate), P = 0 and the result is the vacuum:
 *   all occupations, the energy and the currents are exactly 0.
 * - Throws `ParameterError` / `DimensionError` for bad input (h not Hermitian, wrong
 *   coefficient length, negative or non-finite rate) and `NumericalError` with reason
 *   `"non-unique-steady-state"` when X is not strictly stable (a mode undamped, e.g. a mode no
 *   jump reaches, or amplified).
 *
 * @example
 * // one mode, w = 1, bath A: g = 0.1, n = 2 (rates 0.3 down, 0.2 up)
 * gaussianSteadyState({
 *   modes: 1, hamiltonian: ComplexMatrix.from([[1]]),
 *   jumps: [{ bath: "A", kind: "lowering", rate: 0.3, coefficients: [1] },
 *           { bath: "A", kind: "raising", rate: 0.2, coefficients: [1] }],
 * }).occupations // [2] (to rounding)
 */
export function gaussianSteadyState(system: QuadraticBosonicSystem): GaussianSteadyState {
  const jumps = resolveQuadraticBosonicSystem(system);
  const m = system.modes;
  const h = system.hamiltonian;
  const { drift, diffusion } = buildCorrelationEquation(m, h, jumps);
  const op = lyapunovOperator(drift);
  if (!(op.factorization.smallestPivotRatio > GAUSSIAN_STABILITY_TOLERANCE)) {
    throw new NumericalError(
      "non-unique-steady-state",
      `the steady state of the quadratic bosonic system is not unique: the drift matrix X of ` +
        `dN/dt = X N + N X^dagger + P has an undamped mode (Lyapunov operator singular, pivot ratio ` +
        `${op.factorization.smallestPivotRatio}); check that every mode is reached by a damping jump`,
    );
  }
  assertStable(drift, solveLyapunov(op, ComplexMatrix.identity(m)));
  const n = solveLyapunov(op, diffusion);
  for (let k = 0; k < n.data.length; k++) {
    if (!Number.isFinite(n.data[k])) {
      throw new NumericalError("non-finite", "the Gaussian steady state has a non-finite correlation");
    }
  }
  const currents = steadyStateHeatCurrents(m, h, jumps, op);
  for (const j of [...Object.values(currents.baths), ...currents.jumps]) {
    if (!Number.isFinite(j)) {
      throw new NumericalError("non-finite", "a heat current of the Gaussian steady state is not finite");
    }
  }
  const occupations: number[] = [];
  for (let i = 0; i < m; i++) occupations.push(n.re(i, i));
  let energy = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) energy += h.re(i, j) * n.re(i, j) - h.im(i, j) * n.im(i, j);
  }
  return {
    correlations: n,
    occupations,
    energy,
    currents: currents.baths,
    jumpCurrents: currents.jumps,
    residual: lyapunovResidual(drift, diffusion, n),
  };
}

/** Throws unless y (the solution of X Y + Y X^dag = -I) is positive definite and not huge. */
function assertStable(x: ComplexMatrix, y: ComplexMatrix): void {
  const trace = choleskyTrace(y);
  const scale = maxRowSumNorm(x);
  if (!(trace > 0) || !(1 / (2 * trace) > GAUSSIAN_STABILITY_TOLERANCE * scale)) {
    throw new NumericalError(
      "non-unique-steady-state",
      `the quadratic bosonic system has no unique steady state: the drift matrix X of ` +
        `dN/dt = X N + N X^dagger + P is not strictly stable (some mode is undamped, or amplified ` +
        `at least as fast as it is damped)`,
    );
  }
}

/**
 * Trace of a Hermitian matrix if a Cholesky factorisation succeeds (it is positive definite),
 * otherwise -1.
 */
function choleskyTrace(a: ComplexMatrix): number {
  const m = a.rows;
  const l = new Float64Array(2 * m * m);
  let trace = 0;
  for (let j = 0; j < m; j++) {
    let djj = a.re(j, j);
    trace += djj;
    for (let k = 0; k < j; k++) djj -= l[2 * (j * m + k)] ** 2 + l[2 * (j * m + k) + 1] ** 2;
    if (!(djj > 0)) return -1;
    const ljj = Math.sqrt(djj);
    l[2 * (j * m + j)] = ljj;
    for (let i = j + 1; i < m; i++) {
      // l_ij = (a_ij - sum_k l_ik conj(l_jk)) / l_jj
      let sr = a.re(i, j);
      let si = a.im(i, j);
      for (let k = 0; k < j; k++) {
        const pr = l[2 * (i * m + k)];
        const pi = l[2 * (i * m + k) + 1];
        const qr = l[2 * (j * m + k)];
        const qi = l[2 * (j * m + k) + 1];
        sr -= pr * qr + pi * qi;
        si -= pi * qr - pr * qi;
      }
      l[2 * (i * m + j)] = sr / ljj;
      l[2 * (i * m + j) + 1] = si / ljj;
    }
  }
  return trace;
}

/** || X N + N X^dagger + P ||_F. */
function lyapunovResidual(x: ComplexMatrix, p: ComplexMatrix, n: ComplexMatrix): number {
  const m = x.rows;
  const r = p.clone();
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      let sr = 0;
      let si = 0;
      for (let k = 0; k < m; k++) {
        // (X N)_ij
        const xr = x.re(i, k);
        const xi = x.im(i, k);
        const nr = n.re(k, j);
        const ni = n.im(k, j);
        sr += xr * nr - xi * ni;
        si += xr * ni + xi * nr;
        // (N X^dag)_ij = N_ik conj(X_jk)
        const ar = n.re(i, k);
        const ai = n.im(i, k);
        const br = x.re(j, k);
        const bi = -x.im(j, k);
        sr += ar * br - ai * bi;
        si += ar * bi + ai * br;
      }
      r.data[2 * (i * m + j)] += sr;
      r.data[2 * (i * m + j) + 1] += si;
    }
  }
  return frobeniusNorm(r);
}

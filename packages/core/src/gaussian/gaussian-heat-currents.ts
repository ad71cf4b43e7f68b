import { DimensionError } from "../errors/dimension-error";
import { ComplexMatrix } from "../linalg/complex-matrix";
import { type LyapunovOperator, solveLyapunov } from "./lyapunov";
import {
  type QuadraticBosonicSystem,
  type ResolvedJump,
  resolveQuadraticBosonicSystem,
} from "./quadratic-bosonic-system";

/**
 * Heat currents J_X = Tr[H D_X(rho)] of a quadratic bosonic system, one per bath name, from
 * the correlation matrix N_ij = <a_i^dagger a_j> of any state (not only the steady state).
 * Sign as in docs/conventions.md section 2: J_X > 0 when energy flows from bath X into the system.
 *
 * ## Method
 * J_X = sum over the jumps of X of gamma <D^dag(H)>, with the adjoint dissipator
 * D^dag(H) = 1/2 (L^dag [H, L] + [L^dag, H] L) (Breuer & Petruccione, eq. (3.69)). With
 * [H, a_k] = -sum_l h_kl a_l and [H, a_k^dag] = sum_l h_lk a_l^dag, and normal ordering
 * (a_k a_l^dag = a_l^dag a_k + delta_kl), this gives, with N Hermitian,
 *
 *   lowering  L = sum_i c_i a_i:      gamma <D^dag(H)> = -gamma Re(c^dag N h^T c),
 *   raising   L = sum_i c_i a_i^dag:  gamma <D^dag(H)> =  gamma [Re(u^dag N h^T u) + u^dag h^T u],
 *                                     with u = conj(c),
 *
 * i.e. an expression linear in N plus a constant (the vacuum term of the raising jumps).
 * For one mode of frequency w with a thermal pair of rates g(1 + n), g n this is
 * J = g w (n - N), the familiar single-oscillator current. Jumps are summed flux by flux.
 *
 * ## Notes
 * A jump is a heat channel only if H_S is the energy measured; this function uses the full
 * H = sum h_ij a_i^dag a_j, including inter-mode couplings (as docs/paper-corrections.md requires for the local
 * master equation of Sec. IV C 2, which makes J_A + J_B = 0 exact in the steady state).
 *
 * @example
 * // one mode (w = 1) at N = 0.5, bath A with g = 0.1, n = 1 (rates 0.2 down, 0.1 up):
 * // J_A = g w (n - N) = 0.05
 * gaussianHeatCurrents({
 *   modes: 1, hamiltonian: ComplexMatrix.from([[1]]),
 *   jumps: [{ bath: "A", kind: "lowering", rate: 0.2, coefficients: [1] },
 *           { bath: "A", kind: "raising", rate: 0.1, coefficients: [1] }],
 * }, ComplexMatrix.from([[0.5]])) // { A: 0.05 }
 */
export function gaussianHeatCurrents(
  system: QuadraticBosonicSystem,
  correlations: ComplexMatrix,
): Record<string, number> {
  const jumps = resolveQuadraticBosonicSystem(system);
  const m = system.modes;
  if (correlations.rows !== m || correlations.cols !== m) {
    throw new DimensionError("correlations", `${m} x ${m}`, `${correlations.rows} x ${correlations.cols}`);
  }
  return heatCurrentsFromCorrelations(m, system.hamiltonian, jumps, correlations);
}

/** The unchecked kernel behind `gaussianHeatCurrents`. */
export function heatCurrentsFromCorrelations(
  m: number,
  h: ComplexMatrix,
  jumps: readonly ResolvedJump[],
  n: ComplexMatrix,
): Record<string, number> {
  const currents: Record<string, number> = {};
  for (const jump of jumps) {
    if (!(jump.bath in currents)) currents[jump.bath] = 0;
    if (jump.rate === 0) continue;
    const u = jumpVector(m, jump);
    const hu = hermitianTransposeTimes(m, h, u);
    // 1/2 <L^dag [H, L] + h.c.>-type symmetric form: equal to Re(u^dag N h^T u) for Hermitian N.
    const linear = 0.5 * (realQuadratic(m, n, u, hu) + realQuadratic(m, n, hu, u));
    let vacuum = 0;
    for (let i = 0; i < m; i++) vacuum += u[2 * i] * hu[2 * i] + u[2 * i + 1] * hu[2 * i + 1];
    let flux: number;
    if (jump.kind === "raising") flux = jump.rate * (linear + vacuum);
    else if (jump.kind === "lowering") flux = -jump.rate * linear;
    // -g (1 + n) linear + g n (linear + vacuum): the lowering and raising halves share u = c.
    else flux = jump.rate * (jump.occupation * vacuum - linear);
    currents[jump.bath] += flux;
  }
  return currents;
}

/** Re(u^dagger N v) for interleaved complex vectors u, v. */
function realQuadratic(m: number, n: ComplexMatrix, u: Float64Array, v: Float64Array): number {
  const d = n.data;
  let s = 0;
  for (let i = 0; i < m; i++) {
    let wr = 0;
    let wi = 0;
    for (let k = 0; k < m; k++) {
      const nr = d[2 * (i * m + k)];
      const ni = d[2 * (i * m + k) + 1];
      wr += nr * v[2 * k] - ni * v[2 * k + 1];
      wi += nr * v[2 * k + 1] + ni * v[2 * k];
    }
    // Re(conj(u_i) w_i)
    s += u[2 * i] * wr + u[2 * i + 1] * wi;
  }
  return s;
}

/** Steady-state heat currents per bath and per jump, from `steadyStateHeatCurrents`. */
export interface SteadyStateCurrents {
  /** J_X per bath name. */
  readonly baths: Record<string, number>;
  /** The share of each jump in its bath's current, in the order of the jumps. */
  readonly jumps: number[];
}

/**
 * Steady-state heat currents per bath and per jump in "transfer" form, free of the cancellation
 * between the large in- and out-fluxes of one bath that the N-based formula suffers at high
 * temperature or weak inter-mode coupling.
 *
 * ## Method
 * Let B_j = v_j v_j^dag for each jump (v = c for lowering and thermal, v = conj(c) for raising)
 * and Z_j the solution of X Z_j + Z_j X^dag = -B_j. Write gamma_d, gamma_u for the rates of the
 * lowering and raising jumps and (g_s, n_s) for the thermal ones. By linearity
 * N = sum_u gamma_u Z_u + sum_s g_s n_s Z_s, and because
 * X + X^dag = -sum_d gamma_d B_d + sum_u gamma_u B_u - sum_s g_s B_s, also
 * I = sum_d gamma_d Z_d - sum_u gamma_u Z_u + sum_s g_s Z_s. Substituting both into the per-jump
 * fluxes of `gaussianHeatCurrents` (f_j(Z) = Re Tr[Z h^T B_j], f_j(I) the vacuum term) gives
 *
 *   lowering d:  -gamma_d [sum_u gamma_u f_d(Z_u) + sum_s g_s n_s f_d(Z_s)],
 *   raising u:    gamma_u [sum_d gamma_d f_u(Z_d) + sum_s g_s (1 + n_s) f_u(Z_s)],
 *   thermal t:    g_t [n_t sum_d gamma_d f_t(Z_d) - (1 + n_t) sum_u gamma_u f_t(Z_u)
 *                      + sum_{s != t} g_s (n_t - n_s) f_t(Z_s)].
 *
 * Every term pairs two jumps. For a thermal pair of one bath given as two jumps (same B) the two
 * terms are bitwise equal and cancel exactly; a thermal jump has no term with itself. What
 * remains is the exchange between different baths, e.g. J_A proportional to gA gB (nA - nB) in
 * the local two-oscillator model: products of the damping rates g times occupation differences,
 * which stay accurate (and finite) at any representable occupation, where gamma_d gamma_u
 * = g^2 n (1 + n) of the two-jump form would lose g's digits and overflow from n of about 1e154.
 */
export function steadyStateHeatCurrents(
  m: number,
  h: ComplexMatrix,
  jumps: readonly ResolvedJump[],
  op: LyapunovOperator,
): SteadyStateCurrents {
  const baths: Record<string, number> = {};
  for (const jump of jumps) if (!(jump.bath in baths)) baths[jump.bath] = 0;
  const perJump = new Array<number>(jumps.length).fill(0);
  const index = jumps.flatMap((j, k) => (j.rate > 0 ? [k] : []));
  const active = index.map((k) => jumps[k]);
  const v = active.map((j) => jumpVector(m, j));
  const hv = v.map((x) => hermitianTransposeTimes(m, h, x));
  const z = v.map((x) => solveLyapunov(op, outer(m, x)));
  const f = (j: number, zk: ComplexMatrix) =>
    0.5 * (realQuadratic(m, zk, v[j], hv[j]) + realQuadratic(m, zk, hv[j], v[j]));
  for (let j = 0; j < active.length; j++) {
    for (let k = j + 1; k < active.length; k++) {
      const toJ = pairTerm(active[j], active[k], () => f(j, z[k]));
      const toK = pairTerm(active[k], active[j], () => f(k, z[j]));
      perJump[index[j]] += toJ;
      perJump[index[k]] += toK;
      // One bath: add the pair's two terms first, so that they cancel exactly when they should.
      if (active[j].bath === active[k].bath) baths[active[j].bath] += toJ + toK;
      else {
        baths[active[j].bath] += toJ;
        baths[active[k].bath] += toK;
      }
    }
  }
  return { baths, jumps: perJump };
}

/**
 * The term of jump a's steady flux that pairs it with jump b (see `steadyStateHeatCurrents`),
 * given fab() = f_a(Z_b). Zero for two lowering or two raising jumps.
 */
function pairTerm(a: ResolvedJump, b: ResolvedJump, fab: () => number): number {
  if (a.kind === "lowering") {
    if (b.kind === "raising") return -(a.rate * b.rate) * fab();
    if (b.kind === "thermal") return -a.rate * (b.rate * b.occupation * fab());
    return 0;
  }
  if (a.kind === "raising") {
    if (b.kind === "lowering") return a.rate * b.rate * fab();
    if (b.kind === "thermal") return a.rate * (b.rate * (1 + b.occupation) * fab());
    return 0;
  }
  if (b.kind === "lowering") return a.rate * (a.occupation * (b.rate * fab()));
  if (b.kind === "raising") return -a.rate * ((1 + a.occupation) * (b.rate * fab()));
  return a.rate * (b.rate * (a.occupation - b.occupation) * fab());
}

/** v = c (lowering, thermal) or conj(c) (raising), so that B = v v^dag. */
function jumpVector(m: number, jump: ResolvedJump): Float64Array {
  const v = jump.c.slice();
  if (jump.kind === "raising") for (let i = 0; i < m; i++) v[2 * i + 1] = -v[2 * i + 1];
  return v;
}

/** h^T v with h replaced by its Hermitian part. */
function hermitianTransposeTimes(m: number, h: ComplexMatrix, v: Float64Array): Float64Array {
  const out = new Float64Array(2 * m);
  for (let i = 0; i < m; i++) {
    let sr = 0;
    let si = 0;
    for (let k = 0; k < m; k++) {
      const hr = 0.5 * (h.re(k, i) + h.re(i, k));
      const hi = 0.5 * (h.im(k, i) - h.im(i, k));
      sr += hr * v[2 * k] - hi * v[2 * k + 1];
      si += hr * v[2 * k + 1] + hi * v[2 * k];
    }
    out[2 * i] = sr;
    out[2 * i + 1] = si;
  }
  return out;
}

/** v v^dagger as a matrix. */
function outer(m: number, v: Float64Array): ComplexMatrix {
  const b = new ComplexMatrix(m, m);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < m; k++) {
      b.data[2 * (i * m + k)] = v[2 * i] * v[2 * k] + v[2 * i + 1] * v[2 * k + 1];
      b.data[2 * (i * m + k) + 1] = v[2 * i + 1] * v[2 * k] - v[2 * i] * v[2 * k + 1];
    }
  }
  return b;
}

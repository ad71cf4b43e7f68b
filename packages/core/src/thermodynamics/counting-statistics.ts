import { NumericalError } from "../errors/numerical-error";
import { ParameterError } from "../errors/parameter-error";
import { ResourceError } from "../errors/resource-error";
import { ComplexMatrix } from "../linalg/complex-matrix";
import { commutator, dagger } from "../linalg/kernels";
import { luFactor, luSolveInPlace } from "../linalg/lu";
import { FactorTooLargeError } from "../linalg/sparse/factor-too-large-error";
import { type RealCsrMatrix, realCsrMatvecInto } from "../linalg/sparse/real-csr";
import { type SparseLuFactor, sparseLu } from "../linalg/sparse/sparse-lu";
import type { Generator, Jump } from "../master-equation/generator";
import {
  assembleSectorMatrix,
  assembleSectorOperator,
  hermitianSector,
  type SectorCharge,
  sectorToMatrix,
} from "../master-equation/hermitian-sector";
import { traceOfProduct } from "../operators/states";
import { SINGULAR_PIVOT_RATIO } from "../steady-state/steady-state";
import { MatrixFreeSuperoperator } from "../superoperators/matrix-free-superoperator";
import type { SandwichTerm } from "../superoperators/sandwich-terms";
import { chargeTolerance } from "../system/charge";
import { heatCurrents } from "./heat-current";

// Full counting statistics of the heat exchanged with one bath.
//
// Unravel the Lindblad generator into jumps: each jump k of bath X, rate gamma_k and operator
// L_k, moves an energy eps_k from the bath into the system (eps_k = +omega for an absorption,
// -omega for an emission, omega the channel's frequency). The heat Q_X(t) counted into the system
// over [0, t] has the generating function <e^{s Q_X}> ~ e^{t theta(s)}, where theta(s) is the
// eigenvalue of the tilted generator
//   L(s) rho = L rho + sum_k (e^{s eps_k} - 1) gamma_k L_k rho L_k^dagger
// that continues from theta(0) = 0 (Esposito, Harbola & Mukamel, RMP 81, 1665 (2009), Sec. IV;
// Landi, Kewming, Kosloff, Schaller & Potts, PRX Quantum 5, 020201 (2024)). The counting field is
// s = i chi: chi real gives the characteristic function, chi imaginary the moment generating one.
// Sign: Q_X > 0 is heat into the system, as J_X of `heatCurrents`.
//
// The cumulant rates c_n = d^n theta / ds^n at s = 0 (c_1 the mean current, c_2 the noise) come
// from Rayleigh-Schrodinger perturbation theory in s without finite differences. Write
// L(s) = sum_n s^n/n! L_n with L_0 = L and L_n = sum_k eps_k^n gamma_k L_k . L_k^dagger, and
// expand the eigenvector rho(s) = sum_n s^n/n! rho_n with Tr rho_n = delta_n0. Order n of
// L(s) rho(s) = theta(s) rho(s), traced (Tr L = 0), and projected, gives the recursion
//   c_n   = sum_{k=1}^n C(n,k) Tr[L_k rho_{n-k}],
//   rho_n = L^D sum_{k=1}^n C(n,k) (c_k rho_{n-k} - L_k rho_{n-k}),
// with L^D the Drazin (group) inverse of L: L y = x, Tr y = 0, for the traceless x on the right
// (Flindt, Novotny, Braggio, Sassetti & Jauho, PRL 100, 150601 (2008) give the same scheme). At
// n = 2: c_2 = Tr[L_2 rho] - 2 Tr[L_1 L^D L_1 rho].
//
// Every L_n is Hermiticity-preserving and, with a conserved charge, keeps the steady state's
// sector; so the recursion runs on the sector's real unknowns with one sparse LU of the
// steady-state equations (the trace row makes L y = x, Tr y = 0 a nonsingular system).

/** Highest cumulant `countingStatistics` computes by default (mean, noise, skewness, kurtosis). */
export const DEFAULT_CUMULANT_ORDER = 4;
/** Largest cumulant order accepted (the recursion is exact, but high orders lose digits). */
export const MAX_CUMULANT_ORDER = 12;
/**
 * Largest Hilbert dimension for theta(chi) at a given chi: Newton's method on the dense tilted
 * generator, a complex (d^2 + 1) x (d^2 + 1) LU per iteration.
 */
export const SCGF_MAX_DIMENSION = 16;
/** Newton's iteration for theta(chi) stops when the residual is below this times ||L(chi)||. */
export const SCGF_NEWTON_TOLERANCE = 1e-13;
/** Newton iterations per continuation step before the step is halved. */
const SCGF_NEWTON_ITERATIONS = 12;
/** Continuation steps from 0 to chi move each phase chi eps_k by at most this (radians). */
const SCGF_PHASE_STEP = 0.25;
/** Halvings of a continuation step before theta(chi) is declared lost. */
const SCGF_MAX_HALVINGS = 30;

/** A jump of the counted bath and the energy it moves into the system. */
export interface CountedJump {
  /** The jump operator, with its rate. */
  readonly jump: Jump;
  /** Energy eps into the system per jump: +omega (absorption from the bath), -omega (emission). */
  readonly energy: number;
}

/** Cumulants of the heat counted from one bath at steady state. */
export interface CountingStatistics {
  /** Name of the counted bath. */
  readonly bath: string;
  /** c_1 .. c_order: the n-th cumulant of Q_X per unit time (energy^n / time). */
  readonly cumulants: readonly number[];
  /** c_1: the mean heat current counted by the jumps, into the system. */
  readonly current: number;
  /** c_2: the noise, Var(Q_X) / t for long t. */
  readonly noise: number;
  /**
   * c_2 / |c_1| (an energy: the effective quantum of the exchange; omega for a Poissonian stream of
   * quanta omega). Infinite when the mean current is zero.
   */
  readonly fano: number;
  /**
   * Tr[H_S D_X(rho)], the heat current of `heatCurrents`. Equal to `current` for `global` (each
   * jump changes the system's energy by exactly its eps). Under `local` the jumps move the local
   * frequencies while H_S contains the internal couplings, so the two differ by terms of the order
   * of the coupling: the local master equation's known energy-bookkeeping mismatch (Levy &
   * Kosloff, EPL 107, 20004 (2014)).
   */
  readonly heatCurrent: number;
}

/**
 * The jumps of `bath` with nonzero rates and the energy each moves into the system. The magnitude
 * is the channel's frequency (the Bohr frequency for `global`, the local frequency for `local`);
 * the sign is that of Re Tr(L^dagger [H_S, L]) (negative for a lowering operator). Redfield has
 * no jump unravelling and is refused.
 */
export function countedJumps(generator: Generator, bath: string): CountedJump[] {
  if (!generator.lindbladForm) {
    throw new ParameterError(
      "generator",
      `a Lindblad generator ("local" or "global") for counting statistics: the ${generator.approach} kernel has no jump unravelling`,
      generator.approach,
    );
  }
  const channels = generator.channels.filter((c) => c.bath === bath);
  if (channels.length === 0) {
    const names = generator.system.baths.map((b) => b.name).join(", ");
    throw new ParameterError("bath", `one of the system's baths (${names})`, bath);
  }
  const h = generator.system.hamiltonian;
  const out: CountedJump[] = [];
  for (const channel of channels) {
    const omega = channel.omega ?? 0;
    for (const jump of channel.jumps) {
      if (jump.rate === 0) continue;
      if (omega === 0) {
        out.push({ jump, energy: 0 });
        continue;
      }
      const l = jump.operator;
      const overlap = traceOfProduct(dagger(l), commutator(h, l))[0];
      if (overlap === 0) {
        throw new ParameterError(
          `bath ${bath}`,
          `jumps that raise or lower the energy (a jump of the channel at omega = ${omega} commutes with H_S)`,
        );
      }
      out.push({ jump, energy: Math.sign(overlap) * omega });
    }
  }
  return out;
}

/**
 * The cumulants of the heat counted from `bath` into the system at steady state, up to `order`
 * (default DEFAULT_CUMULANT_ORDER), by the recursion in the file comment: exact derivatives of the
 * scaled cumulant generating function at zero counting field, no finite differences. Works on the
 * steady state's symmetry sector with a sparse LU, so it scales as the steady-state solve does.
 * Lindblad generators only (`local`, `global`).
 */
export function countingStatistics(
  generator: Generator,
  bath: string,
  options: { order?: number } = {},
): CountingStatistics {
  const order = options.order ?? DEFAULT_CUMULANT_ORDER;
  if (!Number.isInteger(order) || order < 1 || order > MAX_CUMULANT_ORDER) {
    throw new ParameterError("order", `an integer from 1 to ${MAX_CUMULANT_ORDER}`, order);
  }
  const jumps = countedJumps(generator, bath);
  const d = generator.dimension;
  const charge = generator.system.charge;
  const charges: SectorCharge[] = charge
    ? [{ name: "charge", values: charge, tolerance: chargeTolerance(charge) }]
    : [];
  const sector = hermitianSector(d, charges);
  const memoryLimit = generator.memoryLimit;
  const { matrix, rhs, traceRow } = assembleSectorMatrix(generator.terms, sector, memoryLimit);
  const factor = factorise(matrix, memoryLimit);
  // L_k for k = 1..order on the sector: the jump parts weighted by eps^k.
  const tilts: RealCsrMatrix[] = [];
  for (let k = 1; k <= order; k++) {
    const terms: SandwichTerm[] = jumps
      .filter((c) => c.energy !== 0)
      .map((c) => ({
        left: c.jump.operator,
        right: dagger(c.jump.operator),
        re: c.jump.rate * c.energy ** k,
        im: 0,
      }));
    tilts.push(assembleSectorOperator(terms, sector, memoryLimit));
  }
  const n = sector.unknowns;
  const trace = (x: Float64Array) => {
    let s = 0;
    for (let i = 0; i < sector.diagonal.length; i++) s += x[sector.diagonal[i]];
    return s;
  };
  const rho: Float64Array[] = [factor.solveInPlace(Float64Array.from(rhs))];
  const cumulants: number[] = [];
  const work = new Float64Array(n);
  // products[k][m] = L_{k+1} rho_m, filled as the rho_m appear.
  const products: Float64Array[][] = tilts.map(() => []);
  const product = (k: number, m: number) => {
    products[k - 1][m] ??= realCsrMatvecInto(new Float64Array(n), tilts[k - 1], rho[m]);
    return products[k - 1][m];
  };
  for (let m = 1; m <= order; m++) {
    let c = 0;
    for (let k = 1; k <= m; k++) c += binomial(m, k) * trace(product(k, m - k));
    cumulants.push(c);
    if (m === order) break;
    // rho_n = L^D sum_k C(n,k) (c_k rho_{n-k} - L_k rho_{n-k})
    work.fill(0);
    for (let k = 1; k <= m; k++) {
      const b = binomial(m, k);
      const ck = cumulants[k - 1];
      const r = rho[m - k];
      const lr = product(k, m - k);
      for (let i = 0; i < n; i++) work[i] += b * (ck * r[i] - lr[i]);
    }
    rho.push(drazinSolve(factor, work, traceRow));
  }
  const state = sectorToMatrix(rho[0], sector);
  const heatCurrent = heatCurrents(generator, state)[bath];
  const current = cumulants[0];
  const noise = cumulants.length > 1 ? cumulants[1] : Number.NaN;
  return {
    bath,
    cumulants,
    current,
    noise,
    fano: current === 0 ? Number.POSITIVE_INFINITY : noise / Math.abs(current),
    heatCurrent,
  };
}

/** Bytes per stored entry of a sparse LU factor (value, index, slack), as in the steady-state solver. */
const FACTOR_ENTRY_BYTES = 16;

function factorise(matrix: RealCsrMatrix, memoryLimit: number): SparseLuFactor {
  try {
    const factor = sparseLu(matrix, { maxFactorEntries: Math.floor(memoryLimit / FACTOR_ENTRY_BYTES) });
    if (!(factor.smallestPivotRatio > SINGULAR_PIVOT_RATIO)) {
      throw new NumericalError(
        "non-unique-steady-state",
        `counting statistics need a unique steady state (LU pivot ratio ${factor.smallestPivotRatio.toExponential(2)})`,
      );
    }
    return factor;
  } catch (e) {
    if (e instanceof FactorTooLargeError) {
      throw new ResourceError(
        `a sparse LU factor of ${matrix.rows} unknowns (${e.needed.toExponential(2)} entries)`,
        e.needed * FACTOR_ENTRY_BYTES,
        memoryLimit,
        "a symmetry charge of the system, or a larger memoryLimit",
      );
    }
    throw e;
  }
}

/**
 * y with L y = x and Tr y = 0 for a traceless x, from the LU of the steady-state equations (L with
 * the row `traceRow` replaced by the trace): that row's equation follows from the others when
 * Tr x = 0, so it carries Tr y = 0 instead.
 */
function drazinSolve(factor: SparseLuFactor, x: Float64Array, traceRow: number): Float64Array {
  const b = Float64Array.from(x);
  b[traceRow] = 0;
  return factor.solveInPlace(b);
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

/** A complex number as a pair. */
export interface ComplexPair {
  /** Real part. */
  readonly re: number;
  /** Imaginary part. */
  readonly im: number;
}

/**
 * The scaled cumulant generating function theta(chi) = lim (1/t) ln <e^{i chi Q_X}> of the heat
 * counted from `bath` into the system, at any complex chi (imaginary chi = -i s gives the moment
 * generating function <e^{s Q_X}>): the eigenvalue of the tilted generator L(chi) that continues
 * from theta(0) = 0 along the straight path from 0 to chi.
 *
 * ## Method
 * Newton's method on the eigenpair (rho, theta) with Tr rho = 1, the bordered Jacobian
 * [[L(chi) - theta, -rho], [Tr, 0]] factorised densely, continued in steps that move each phase
 * chi eps_k by at most SCGF_PHASE_STEP (a step is halved when Newton does not converge): the
 * eigenvalue followed is the one that starts at 0, as the definition requires. Dense, so limited
 * to d <= SCGF_MAX_DIMENSION (ResourceError beyond; `countingStatistics` gives the cumulants at any
 * size).
 */
export function scaledCumulantGeneratingFunction(
  generator: Generator,
  bath: string,
  chi: number | ComplexPair,
): ComplexPair {
  const target = typeof chi === "number" ? { re: chi, im: 0 } : chi;
  if (!Number.isFinite(target.re) || !Number.isFinite(target.im)) {
    throw new ParameterError("chi", "a finite (complex) counting field", `${target.re} + ${target.im}i`);
  }
  return new TiltedEigenvalue(generator, bath).at(target);
}

/**
 * The eigenvalue of the tilted generator followed by continuation; reusable for several chi of one
 * generator and bath (each call starts again from chi = 0).
 */
export class TiltedEigenvalue {
  private readonly d: number;
  private readonly base: Float64Array;
  /** The jump superoperators grouped by their energy: sum over jumps with that eps of gamma L . L^dagger. */
  private readonly groups: { energy: number; matrix: Float64Array }[] = [];
  private readonly scale: number;
  /** The eigenpair at chi = 0 (the steady state), found on first use. */
  private origin?: { rho: Float64Array; theta: ComplexPair };

  constructor(generator: Generator, bath: string) {
    const d = generator.dimension;
    if (d > SCGF_MAX_DIMENSION) {
      throw new ResourceError(
        `the dense tilted generator of d = ${d} (theta(chi) by Newton's method)`,
        16 * (d * d + 1) ** 2 * 2,
        16 * (SCGF_MAX_DIMENSION ** 2 + 1) ** 2 * 2,
        `use countingStatistics for the cumulants, or a system with d <= ${SCGF_MAX_DIMENSION}`,
      );
    }
    this.d = d;
    const jumps = countedJumps(generator, bath).filter((c) => c.energy !== 0);
    this.base = new MatrixFreeSuperoperator(d, generator.terms).toDense().data;
    const byEnergy = new Map<number, SandwichTerm[]>();
    for (const c of jumps) {
      const terms = byEnergy.get(c.energy) ?? [];
      terms.push({ left: c.jump.operator, right: dagger(c.jump.operator), re: c.jump.rate, im: 0 });
      byEnergy.set(c.energy, terms);
    }
    for (const [energy, terms] of byEnergy) {
      this.groups.push({ energy, matrix: new MatrixFreeSuperoperator(d, terms).toDense().data });
    }
    let norm = 0;
    for (let k = 0; k < this.base.length; k += 2)
      norm = Math.max(norm, Math.hypot(this.base[k], this.base[k + 1]));
    this.scale = norm * d * d;
  }

  /** theta(chi), continued from chi = 0. */
  at(chi: ComplexPair): ComplexPair {
    const nn = this.d * this.d;
    const maxEnergy = Math.max(0, ...this.groups.map((g) => Math.abs(g.energy)));
    const length = Math.hypot(chi.re, chi.im) * maxEnergy;
    let steps = Math.max(1, Math.ceil(length / SCGF_PHASE_STEP));
    if (!this.origin) {
      // The steady state (theta = 0) by Newton at chi = 0 from the maximally mixed state.
      const mixed = new Float64Array(2 * nn);
      for (let i = 0; i < this.d; i++) mixed[2 * (i * this.d + i)] = 1 / this.d;
      const start = this.newton({ re: 0, im: 0 }, mixed, { re: 0, im: 0 });
      if (!start)
        throw new NumericalError("not-converged", "theta(chi): the steady state (chi = 0) was not found");
      this.origin = start;
    }
    let rho: Float64Array = this.origin.rho;
    let theta: ComplexPair = this.origin.theta;
    let halvings = 0;
    let fraction = 0;
    while (fraction < 1) {
      const next = Math.min(1, fraction + 1 / steps);
      const at = { re: chi.re * next, im: chi.im * next };
      const solved = this.newton(at, rho, theta);
      if (!solved) {
        if (++halvings > SCGF_MAX_HALVINGS) {
          throw new NumericalError(
            "not-converged",
            `theta(chi): continuation from 0 lost the eigenvalue at chi = ${at.re} + ${at.im}i`,
          );
        }
        steps *= 2;
        continue;
      }
      ({ rho, theta } = solved);
      fraction = next;
    }
    return theta;
  }

  /** Newton's method for (rho, theta) at chi from the given guess; null when it does not converge. */
  private newton(
    chi: ComplexPair,
    rho0: Float64Array,
    theta0: ComplexPair,
  ): { rho: Float64Array; theta: ComplexPair } | null {
    const d = this.d;
    const nn = d * d;
    const m = this.tilted(chi);
    const rho = Float64Array.from(rho0);
    let tr = theta0.re;
    let ti = theta0.im;
    const size = nn + 1;
    for (let it = 0; it < SCGF_NEWTON_ITERATIONS; it++) {
      // F = [(M - theta) rho; Tr rho - 1]
      const f = new Float64Array(2 * size);
      for (let i = 0; i < nn; i++) {
        let sr = -(tr * rho[2 * i] - ti * rho[2 * i + 1]);
        let si = -(tr * rho[2 * i + 1] + ti * rho[2 * i]);
        const row = 2 * i * nn;
        for (let j = 0; j < nn; j++) {
          const ar = m[row + 2 * j];
          const ai = m[row + 2 * j + 1];
          sr += ar * rho[2 * j] - ai * rho[2 * j + 1];
          si += ar * rho[2 * j + 1] + ai * rho[2 * j];
        }
        f[2 * i] = sr;
        f[2 * i + 1] = si;
      }
      let traceRe = -1;
      let traceIm = 0;
      for (let i = 0; i < d; i++) {
        traceRe += rho[2 * (i * d + i)];
        traceIm += rho[2 * (i * d + i) + 1];
      }
      f[2 * nn] = traceRe;
      f[2 * nn + 1] = traceIm;
      let residual = 0;
      for (let k = 0; k < f.length; k++) residual = Math.max(residual, Math.abs(f[k]));
      if (residual <= SCGF_NEWTON_TOLERANCE * this.scale) return { rho, theta: { re: tr, im: ti } };
      const jac = new ComplexMatrix(size, size);
      const jd = jac.data;
      for (let i = 0; i < nn; i++) {
        jd.set(m.subarray(2 * i * nn, 2 * (i + 1) * nn), 2 * i * size);
        jd[2 * (i * size + i)] -= tr;
        jd[2 * (i * size + i) + 1] -= ti;
        jd[2 * (i * size + nn)] = -rho[2 * i];
        jd[2 * (i * size + nn) + 1] = -rho[2 * i + 1];
      }
      for (let i = 0; i < d; i++) jd[2 * (nn * size + i * d + i)] = 1;
      const lu = luFactor(jac);
      if (!(lu.smallestPivotRatio > 0)) return null;
      for (let k = 0; k < f.length; k++) f[k] = -f[k];
      const step = luSolveInPlace(lu, f);
      for (let k = 0; k < 2 * nn; k++) rho[k] += step[k];
      tr += step[2 * nn];
      ti += step[2 * nn + 1];
      if (!Number.isFinite(tr) || !Number.isFinite(ti)) return null;
    }
    return null;
  }

  /** L(chi) = L + sum_groups (e^{i chi eps} - 1) J_eps, dense row-major interleaved. */
  private tilted(chi: ComplexPair): Float64Array {
    const m = Float64Array.from(this.base);
    for (const g of this.groups) {
      // e^{i chi eps} - 1 with chi = a + i b: e^{-b eps} (cos(a eps) + i sin(a eps)) - 1
      const mag = Math.exp(-chi.im * g.energy);
      const wr = mag * Math.cos(chi.re * g.energy) - 1;
      const wi = mag * Math.sin(chi.re * g.energy);
      const x = g.matrix;
      for (let k = 0; k < m.length; k += 2) {
        const xr = x[k];
        const xi = x[k + 1];
        if (xr === 0 && xi === 0) continue;
        m[k] += wr * xr - wi * xi;
        m[k + 1] += wr * xi + wi * xr;
      }
    }
    return m;
  }
}

/** The rate function's maximiser is located to this fraction of its bracket (golden section). */
const LEGENDRE_RELATIVE_WIDTH = 1e-10;
/** Doublings of the bracket of s before the supremum is declared infinite (j out of range). */
const LEGENDRE_MAX_EXPANSIONS = 60;

/**
 * The large-deviation rate function of the heat current from `bath`: P(Q_X / t = j) ~ e^{-t I(j)}
 * with I(j) = sup_s [s j - theta(s)], the Legendre transform of the scaled cumulant generating
 * function in the real moment-generating variable s (Gartner-Ellis; Touchette, Phys. Rep. 478, 1
 * (2009)). theta is convex in real s, so s j - theta(s) is concave and its maximum is found by
 * golden-section search on a bracket grown from s = 0. I(mean current) = 0 and I >= 0. A current
 * the jumps cannot sustain (beyond what theta's growth allows) gives Infinity. Same size limit as
 * `scaledCumulantGeneratingFunction`.
 */
export function rateFunction(generator: Generator, bath: string, current: number): number {
  if (!Number.isFinite(current)) throw new ParameterError("current", "a finite heat current", current);
  const tilted = new TiltedEigenvalue(generator, bath);
  const energies = countedJumps(generator, bath).map((c) => Math.abs(c.energy));
  const unit = 1 / Math.max(...energies.filter((e) => e > 0), Number.MIN_VALUE);
  const g = (s: number) => s * current - tilted.at({ re: 0, im: -s }).re;
  // Grow [0, s] in the direction in which g increases until g turns down.
  const direction = g(unit * 1e-3) > 0 ? 1 : g(-unit * 1e-3) > 0 ? -1 : 0;
  if (direction === 0) return 0;
  let lo = 0;
  let mid = direction * unit * 1e-3;
  let hi = 2 * mid;
  let gMid = g(mid);
  for (let k = 0; g(hi) >= gMid; k++) {
    if (k >= LEGENDRE_MAX_EXPANSIONS) return Number.POSITIVE_INFINITY;
    lo = mid;
    mid = hi;
    gMid = g(mid);
    hi *= 2;
  }
  // Golden section on [lo, hi] (or [hi, lo] for s < 0), concave g.
  let a = Math.min(lo, hi);
  let b = Math.max(lo, hi);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let x1 = b - ratio * (b - a);
  let x2 = a + ratio * (b - a);
  let g1 = g(x1);
  let g2 = g(x2);
  const width = LEGENDRE_RELATIVE_WIDTH * (b - a);
  while (b - a > width) {
    if (g1 < g2) {
      a = x1;
      x1 = x2;
      g1 = g2;
      x2 = a + ratio * (b - a);
      g2 = g(x2);
    } else {
      b = x2;
      x2 = x1;
      g2 = g1;
      x1 = b - ratio * (b - a);
      g1 = g(x1);
    }
  }
  return Math.max(0, Math.max(g1, g2));
}

import { NumericalError } from "../errors/numerical-error";
import { ParameterError } from "../errors/parameter-error";
import { ResourceError } from "../errors/resource-error";
import { ComplexMatrix } from "../linalg/complex-matrix";
import { csrAdjoint, csrTimesDenseInto, denseTimesCsrInto } from "../linalg/csr";
import { dagger, hermitiseInPlace } from "../linalg/kernels";
import { luFactor, luSolveInPlace } from "../linalg/lu";
import { FactorTooLargeError } from "../linalg/sparse/factor-too-large-error";
import { type RealCsrMatrix, realCsrMatvecInto } from "../linalg/sparse/real-csr";
import { type SparseLuFactor, sparseLu } from "../linalg/sparse/sparse-lu";
import { fromEigenbasis } from "../master-equation/eigenbasis";
import type { Generator, Jump } from "../master-equation/generator";
import {
  assembleSectorMatrix,
  assembleSectorOperator,
  type HermitianSector,
  hermitianSector,
  sectorPlan,
  sectorToMatrix,
} from "../master-equation/hermitian-sector";
import { stationaryDistribution } from "../steady-state/rate-equation";
import { populationRates, populationsDecouple, SINGULAR_PIVOT_RATIO } from "../steady-state/steady-state";
import { MatrixFreeSuperoperator } from "../superoperators/matrix-free-superoperator";
import { operatorCsr } from "../superoperators/operator-csr";
import type { SandwichTerm } from "../superoperators/sandwich-terms";
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
/** Newton iterations allowed for the steady state at chi = 0 (a linear problem: two suffice). */
const SCGF_NEWTON_ITERATIONS = 12;
/** Newton iterations per continuation step before the step is halved (quadratic convergence from a close guess). */
const SCGF_STEP_ITERATIONS = 6;
/**
 * Largest |Im chi| max|eps| accepted: the tilted rates carry e^{|Im chi| eps}, and beyond e^{600}
 * (about 1e260) their products overflow.
 */
export const SCGF_MAX_EXPONENT = 600;
/** Continuation steps from 0 to chi move each phase chi eps_k by at most this (radians). */
const SCGF_PHASE_STEP = 0.25;
/** Halvings of a continuation step before theta(chi) is declared lost. */
const SCGF_MAX_HALVINGS = 30;

/**
 * A local jump whose |Re Tr(L^dagger [H_S, L])| is below this fraction of omega ||L||_F^2 has no
 * definite energy direction (it raises and lowers alike) and cannot be counted as +-omega.
 */
export const JUMP_DIRECTION_TOLERANCE = 1e-8;
/**
 * A counted mean current below this fraction of the bath's gross counted flow (sum over jumps of
 * |eps| times their rate) is rounding of that flow: the fluctuation audit takes it as zero. A state
 * from a sparse LU carries an absolute error of about 1e-16 of the rates, which at low temperature
 * (populations of 1e-6) is 1e-11 of the gross flow; the rate-equation state does better.
 */
export const COUNTED_CURRENT_ROUNDING = 1e-10;

/** A jump of the counted bath and the energy it moves into the system. */
export interface CountedJump {
  /** The jump operator and its rate, as the generator holds it. */
  readonly jump: Jump;
  /** Energy eps into the system per jump: +omega (absorption from the bath), -omega (emission). */
  readonly energy: number;
}

/** Cumulants of the heat counted from one bath at steady state. */
export interface CountingStatistics {
  /** The bath whose heat is counted. */
  readonly bath: string;
  /** c_1 .. c_order: the n-th cumulant of Q_X per unit time (energy^n / time). */
  readonly cumulants: readonly number[];
  /** c_1: the mean heat current counted by the jumps, into the system. */
  readonly current: number;
  /** c_2: the noise, Var(Q_X) / t for long t (NaN when only c_1 was asked for). */
  readonly noise: number;
  /**
   * c_2 / |c_1| (an energy: the effective quantum of the exchange; omega for a Poissonian stream of
   * quanta omega). Infinite when the mean current is zero.
   */
  readonly fano: number;
  /**
   * The gross counted flow sum_k |eps_k| rate_k Tr[L_k rho L_k^dagger] (energy per time): the scale
   * of which a vanishing `current` is rounding (see COUNTED_CURRENT_ROUNDING).
   */
  readonly grossFlow: number;
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
 * The jumps of `bath` with nonzero rates that exchange energy, and the energy each moves into the
 * system; jumps of zero frequency (dephasing) move none and are left out. The magnitude is the
 * channel's frequency (the Bohr frequency for `global`, the local frequency for `local`). The
 * sign: for `global`, that of E_m - E_n over an entry (m, n) of the jump in the eigenbasis (every
 * entry of a Davies jump has the same); for `local`, that of Re Tr(L^dagger [H_S, L]) (negative for a
 * lowering operator), refused when it is within JUMP_DIRECTION_TOLERANCE of zero. Redfield has no
 * jump unravelling and is refused, as is a bath without energy-exchanging jumps.
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
  const out: CountedJump[] = [];
  for (const channel of channels) {
    const omega = channel.omega ?? 0;
    if (omega === 0) continue;
    for (const jump of channel.jumps) {
      if (jump.rate === 0) continue;
      const sign =
        generator.approach === "global"
          ? eigenDirection(jump, generator.eigen.values)
          : localDirection(jump, generator, omega);
      if (sign === 0) {
        throw new ParameterError(
          `bath ${bath}`,
          `jumps that raise or lower the energy (a jump of the channel at omega = ${omega} does both or neither)`,
        );
      }
      out.push({ jump, energy: sign * omega });
    }
  }
  if (out.length === 0) {
    throw new ParameterError(
      `bath ${bath}`,
      "a bath whose jumps exchange energy with the system (it has only dephasing)",
    );
  }
  return out;
}

/** Sign of E_m - E_n over the largest entry (m, n) of a jump in the eigenbasis (0 for none). */
function eigenDirection(jump: Jump, energies: Float64Array): number {
  const { rowStart, columns, values } = jump.eigenCsr;
  let best = 0;
  let sign = 0;
  for (let m = 0; m + 1 < rowStart.length; m++) {
    for (let p = rowStart[m]; p < rowStart[m + 1]; p++) {
      const size = Math.abs(values[2 * p]) + Math.abs(values[2 * p + 1]);
      if (size > best) {
        best = size;
        sign = Math.sign(energies[m] - energies[columns[p]]);
      }
    }
  }
  return sign;
}

/**
 * Sign of Re Tr(L^dagger [H, L]) = Re sum over the nonzeros L_ij of conj(L_ij) ((H L)_ij - (L H)_ij),
 * through the sparsity of L (O(d nnz)), or 0 below JUMP_DIRECTION_TOLERANCE omega ||L||_F^2.
 */
function localDirection(jump: Jump, generator: Generator, omega: number): number {
  const d = generator.dimension;
  const l = operatorCsr(jump.operator);
  const h = generator.system.hamiltonian.data;
  const hl = denseTimesCsrInto(new Float64Array(2 * d * d), h, d, l, 1, 0, false);
  const lh = csrTimesDenseInto(new Float64Array(2 * d * d), l, h, d, 1, 0, false);
  let overlap = 0;
  let norm2 = 0;
  for (let i = 0; i < d; i++) {
    for (let p = l.rowStart[i]; p < l.rowStart[i + 1]; p++) {
      const k = 2 * (i * d + l.columns[p]);
      const re = l.values[2 * p];
      const im = l.values[2 * p + 1];
      overlap += re * (hl[k] - lh[k]) + im * (hl[k + 1] - lh[k + 1]);
      norm2 += re * re + im * im;
    }
  }
  return Math.abs(overlap) <= JUMP_DIRECTION_TOLERANCE * omega * norm2 ? 0 : Math.sign(overlap);
}

/**
 * The cumulants of the heat counted from `bath` into the system at steady state, up to `order`
 * (default DEFAULT_CUMULANT_ORDER), by the recursion in the file comment: exact derivatives of the
 * scaled cumulant generating function at zero counting field, no finite differences. Works on the
 * steady state's symmetry sector (for `global` in the eigenbasis, with the energy as a charge,
 * where the jumps are sparse) with one sparse LU, as the steady-state solve does. Lindblad
 * generators only (`local`, `global`).
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
  const plan = sectorPlan(generator, true);
  const sector = hermitianSector(generator.dimension, plan.charges);
  const memoryLimit = generator.memoryLimit;
  const { matrix, rhs, traceRow } = assembleSectorMatrix(plan.terms, sector, memoryLimit);
  const factor = factorise(matrix, memoryLimit);
  // The jump superoperators rate L . L^dagger, in the basis of the plan's terms.
  const sandwiches = jumps.map((c) => {
    const l = plan.eigenbasis ? c.jump.eigenCsr : operatorCsr(c.jump.operator);
    return { left: l, right: csrAdjoint(l), rate: c.jump.rate, energy: c.energy };
  });
  const tilt = (weight: (energy: number) => number) =>
    assembleSectorOperator(
      sandwiches.map((t) => ({ left: t.left, right: t.right, re: t.rate * weight(t.energy), im: 0 })),
      sector,
      memoryLimit,
    );
  // L_k for k = 1..order on the sector: the jump parts weighted by eps^k.
  const tilts: RealCsrMatrix[] = [];
  for (let k = 1; k <= order; k++) tilts.push(tilt((e) => e ** k));
  const n = sector.unknowns;
  const trace = (x: Float64Array) => {
    let s = 0;
    for (let i = 0; i < sector.diagonal.length; i++) s += x[sector.diagonal[i]];
    return s;
  };
  const rho: Float64Array[] = [steadyVector(generator, plan.eigenbasis, sector, factor, rhs)];
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
    // rho_m = L^D sum_k C(m,k) (c_k rho_{m-k} - L_k rho_{m-k})
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
  const grossFlow = trace(realCsrMatvecInto(new Float64Array(n), tilt(Math.abs), rho[0]));
  const inBasis = sectorToMatrix(rho[0], sector);
  const state = plan.eigenbasis ? fromEigenbasis(inBasis, generator.eigen) : inBasis;
  hermitiseInPlace(state);
  const heatCurrent = heatCurrents(generator, state)[bath];
  const current = cumulants[0];
  const noise = cumulants.length > 1 ? cumulants[1] : Number.NaN;
  return {
    bath,
    cumulants,
    current,
    noise,
    fano: current === 0 ? Number.POSITIVE_INFINITY : noise / Math.abs(current),
    grossFlow,
    heatCurrent,
  };
}

/**
 * The steady state on the sector's unknowns: when the populations decouple (global, in the
 * eigenbasis), the rate equation's populations, accurate relative to their own size however small
 * (GTH; the coherences vanish); otherwise the LU solve of the sector equations.
 */
function steadyVector(
  generator: Generator,
  eigenbasis: boolean,
  sector: HermitianSector,
  factor: SparseLuFactor,
  rhs: Float64Array,
): Float64Array {
  if (eigenbasis && populationsDecouple(generator)) {
    const p = stationaryDistribution(populationRates(generator));
    const x = new Float64Array(sector.unknowns);
    const d = sector.dimension;
    for (let i = 0; i < d; i++) x[sector.offset[i * d + i]] = p[i];
    return x;
  }
  return factor.solveInPlace(Float64Array.from(rhs));
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
 * [[L(chi) - theta, -rho], [Tr, 0]] factorised densely, to a residual of SCGF_NEWTON_TOLERANCE
 * ||L(chi)||, continued in steps that move each phase chi eps_k by at most SCGF_PHASE_STEP; a step
 * whose Newton iteration needs more than a few iterations is halved, so the eigenvalue followed
 * is the one that starts at 0, as the definition requires (for real s it is the Perron root of a
 * positive semigroup, which stays simple). Dense, so limited to d <= SCGF_MAX_DIMENSION
 * (ResourceError beyond; `countingStatistics` gives the cumulants at any size); |Im chi| max|eps|
 * above SCGF_MAX_EXPONENT is refused (ParameterError).
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
  /** The largest |eps| of the counted jumps. */
  private readonly maxEnergy: number;
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
    const jumps = countedJumps(generator, bath);
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
    this.maxEnergy = Math.max(...jumps.map((c) => Math.abs(c.energy)));
  }

  /** theta(chi), continued from chi = 0. */
  at(chi: ComplexPair): ComplexPair {
    const nn = this.d * this.d;
    if (Math.abs(chi.im) * this.maxEnergy > SCGF_MAX_EXPONENT) {
      throw new ParameterError(
        "chi",
        `a counting field with |Im chi| max|eps| <= ${SCGF_MAX_EXPONENT} (the tilted rates grow as e^{|Im chi| eps}; max|eps| = ${this.maxEnergy})`,
        `${chi.re} + ${chi.im}i`,
      );
    }
    const length = Math.hypot(chi.re, chi.im) * this.maxEnergy;
    let steps = Math.max(1, Math.ceil(length / SCGF_PHASE_STEP));
    if (!this.origin) {
      // The steady state (theta = 0) by Newton at chi = 0 from the maximally mixed state.
      const mixed = new Float64Array(2 * nn);
      for (let i = 0; i < this.d; i++) mixed[2 * (i * this.d + i)] = 1 / this.d;
      const start = this.newton({ re: 0, im: 0 }, mixed, { re: 0, im: 0 }, SCGF_NEWTON_ITERATIONS);
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

  /**
   * Newton's method for (rho, theta) at chi from the given guess; null when it does not converge
   * within `iterations` (a continuation step from a close guess converges in a few: more means the
   * step was too long, and it is halved rather than risk landing on another eigenvalue).
   */
  private newton(
    chi: ComplexPair,
    rho0: Float64Array,
    theta0: ComplexPair,
    iterations = SCGF_STEP_ITERATIONS,
  ): { rho: Float64Array; theta: ComplexPair } | null {
    const d = this.d;
    const nn = d * d;
    // Newton on the balanced matrix B = D^-1 L(chi) D (the tilted rates span e^{|s| eps}, which
    // makes L(chi) far from normal and its eigenvalue ill-conditioned), for y = D^-1 rho with
    // Tr(D y) = 1; the residual is compared with ||B||_inf.
    const m = this.tilted(chi);
    const scaling = balance(m, nn);
    let scale = 0;
    for (let i = 0; i < nn; i++) {
      let row = 0;
      for (let j = 0; j < nn; j++) row += Math.abs(m[2 * (i * nn + j)]) + Math.abs(m[2 * (i * nn + j) + 1]);
      scale = Math.max(scale, row);
    }
    const y = new Float64Array(2 * nn);
    for (let k = 0; k < nn; k++) {
      y[2 * k] = rho0[2 * k] / scaling[k];
      y[2 * k + 1] = rho0[2 * k + 1] / scaling[k];
    }
    let tr = theta0.re;
    let ti = theta0.im;
    const size = nn + 1;
    // Once the residual is small, one more step (quadratic convergence) takes theta to rounding.
    let polished = false;
    for (let it = 0; it <= iterations + 1; it++) {
      // F = [(B - theta) y; Tr(D y) - 1]
      const f = new Float64Array(2 * size);
      for (let i = 0; i < nn; i++) {
        let sr = -(tr * y[2 * i] - ti * y[2 * i + 1]);
        let si = -(tr * y[2 * i + 1] + ti * y[2 * i]);
        const row = 2 * i * nn;
        for (let j = 0; j < nn; j++) {
          const ar = m[row + 2 * j];
          const ai = m[row + 2 * j + 1];
          sr += ar * y[2 * j] - ai * y[2 * j + 1];
          si += ar * y[2 * j + 1] + ai * y[2 * j];
        }
        f[2 * i] = sr;
        f[2 * i + 1] = si;
      }
      let traceRe = -1;
      let traceIm = 0;
      for (let i = 0; i < d; i++) {
        const k = i * d + i;
        traceRe += scaling[k] * y[2 * k];
        traceIm += scaling[k] * y[2 * k + 1];
      }
      f[2 * nn] = traceRe;
      f[2 * nn + 1] = traceIm;
      let residual = 0;
      for (let k = 0; k < 2 * nn; k++) residual = Math.max(residual, Math.abs(f[k]));
      const small =
        residual <= SCGF_NEWTON_TOLERANCE * scale && Math.hypot(traceRe, traceIm) <= SCGF_NEWTON_TOLERANCE;
      if (small && polished) {
        const rho = new Float64Array(2 * nn);
        for (let k = 0; k < nn; k++) {
          rho[2 * k] = scaling[k] * y[2 * k];
          rho[2 * k + 1] = scaling[k] * y[2 * k + 1];
        }
        return { rho, theta: { re: tr, im: ti } };
      }
      if (small) polished = true;
      else if (it >= iterations) break;
      const jac = new ComplexMatrix(size, size);
      const jd = jac.data;
      for (let i = 0; i < nn; i++) {
        jd.set(m.subarray(2 * i * nn, 2 * (i + 1) * nn), 2 * i * size);
        jd[2 * (i * size + i)] -= tr;
        jd[2 * (i * size + i) + 1] -= ti;
        jd[2 * (i * size + nn)] = -y[2 * i];
        jd[2 * (i * size + nn) + 1] = -y[2 * i + 1];
      }
      for (let i = 0; i < d; i++) jd[2 * (nn * size + i * d + i)] = scaling[i * d + i];
      const lu = luFactor(jac);
      if (!(lu.smallestPivotRatio > 0)) return null;
      for (let k = 0; k < f.length; k++) f[k] = -f[k];
      const step = luSolveInPlace(lu, f);
      for (let k = 0; k < 2 * nn; k++) y[k] += step[k];
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
/** The first probe of s, as a fraction of 1 / max|eps| (small: the quadratic regime near s = 0). */
const LEGENDRE_FIRST_PROBE = 1e-3;

/**
 * The large-deviation rate function of the heat current from `bath`: P(Q_X / t = j) ~ e^{-t I(j)}
 * with I(j) = sup_s [s j - theta(s)], the Legendre transform of the scaled cumulant generating
 * function in the real moment-generating variable s (Gartner-Ellis; Touchette, Phys. Rep. 478, 1
 * (2009)). theta is convex in real s, so g(s) = s j - theta(s) is concave: its maximum is found by
 * golden-section search on a bracket grown from s = 0 in the direction in which g rises.
 * I(mean current) = 0 and I >= 0. When g still rises where |s| max|eps| reaches SCGF_MAX_EXPONENT
 * (a current beyond what the jumps sustain, or theta that stays bounded), I(j) is Infinity. Same
 * size limit as `scaledCumulantGeneratingFunction`.
 */
export function rateFunction(generator: Generator, bath: string, current: number): number {
  if (!Number.isFinite(current)) throw new ParameterError("current", "a finite heat current", current);
  const tilted = new TiltedEigenvalue(generator, bath);
  const maxEnergy = Math.max(...countedJumps(generator, bath).map((c) => Math.abs(c.energy)));
  const limit = SCGF_MAX_EXPONENT / maxEnergy;
  const g = (s: number) => s * current - tilted.at({ re: 0, im: -s }).re;
  const probe = LEGENDRE_FIRST_PROBE / maxEnergy;
  const direction = g(probe) > 0 ? 1 : g(-probe) > 0 ? -1 : 0;
  // g(0) = 0 and g concave: when it falls on both sides, its maximum lies between them.
  if (direction === 0) return goldenMaximum(g, -probe, probe);
  // Grow [lo, hi] (|s| doubling) until g turns down at hi.
  let lo = 0;
  let mid = direction * probe;
  let gMid = g(mid);
  for (;;) {
    const hi = 2 * mid;
    if (Math.abs(hi) > limit) return Number.POSITIVE_INFINITY;
    const gHi = g(hi);
    if (gHi < gMid) {
      return goldenMaximum(g, Math.min(lo, hi), Math.max(lo, hi));
    }
    lo = mid;
    mid = hi;
    gMid = gHi;
  }
}

/** max of a concave g on [a, b] by golden-section search to LEGENDRE_RELATIVE_WIDTH of b - a. */
function goldenMaximum(g: (s: number) => number, a: number, b: number): number {
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
  return Math.max(0, g1, g2);
}

/** Sweeps of `balance` at most (it converges in a few). */
const BALANCE_MAX_SWEEPS = 50;

/**
 * Balance a dense complex n x n matrix (row-major interleaved) in place by a diagonal similarity
 * D^-1 A D with powers of two (exact), so that each row and column have comparable off-diagonal
 * norms (Parlett & Reinsch, Numer. Math. 13, 293 (1969); the balancing of LAPACK's gebal).
 * Returns the diagonal of D. Eigenvalues are unchanged; their condition improves.
 */
function balance(a: Float64Array, n: number): Float64Array {
  const scaling = new Float64Array(n).fill(1);
  for (let sweep = 0; sweep < BALANCE_MAX_SWEEPS; sweep++) {
    let converged = true;
    for (let i = 0; i < n; i++) {
      let c = 0;
      let r = 0;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        c += Math.abs(a[2 * (j * n + i)]) + Math.abs(a[2 * (j * n + i) + 1]);
        r += Math.abs(a[2 * (i * n + j)]) + Math.abs(a[2 * (i * n + j) + 1]);
      }
      if (c === 0 || r === 0) continue;
      const total = c + r;
      let f = 1;
      while (c < r / 2) {
        f *= 2;
        c *= 4;
      }
      while (c >= 2 * r) {
        f /= 2;
        c /= 4;
      }
      if ((c + r) / f >= 0.95 * total) continue;
      converged = false;
      scaling[i] *= f;
      // Row i by 1/f, column i by f.
      for (let j = 0; j < n; j++) {
        a[2 * (i * n + j)] /= f;
        a[2 * (i * n + j) + 1] /= f;
        a[2 * (j * n + i)] *= f;
        a[2 * (j * n + i) + 1] *= f;
      }
    }
    if (converged) break;
  }
  return scaling;
}

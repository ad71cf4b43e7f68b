import { NumericalError } from "../errors/numerical-error";
import { ParameterError } from "../errors/parameter-error";
import { ResourceError } from "../errors/resource-error";
import { UnknownIdError } from "../errors/unknown-id-error";
import { ComplexMatrix } from "../linalg/complex-matrix";
import { hermitianEigenvalues, hermitianEigenvaluesByBlocks } from "../linalg/hermitian-eigen";
import { frobeniusNorm, hermitiseInPlace } from "../linalg/kernels";
import { realDenseSolve } from "../linalg/real-dense-solve";
import { FactorTooLargeError } from "../linalg/sparse/factor-too-large-error";
import { gmres } from "../linalg/sparse/gmres";
import { incompleteLu } from "../linalg/sparse/ilu";
import { type RealCsrMatrix, realCsrMatvecInto } from "../linalg/sparse/real-csr";
import { predictLuEntries, type SparseLuFactor, sparseLu } from "../linalg/sparse/sparse-lu";
import { fromEigenbasis, toEigenbasis } from "../master-equation/eigenbasis";
import { eigenbasisTerms, type Generator, type Jump } from "../master-equation/generator";
import {
  assembleSectorMatrix,
  hermitianSector,
  sectorPlan,
  sectorToMatrix,
} from "../master-equation/hermitian-sector";
import { Operator } from "../operators/operator";
import { MatrixFreeSuperoperator } from "../superoperators/matrix-free-superoperator";
import { vec } from "../superoperators/vectorize";
import { jumpsMayDecouple } from "./decoupling-check";
import { NoJumpPreconditioner } from "./no-jump-preconditioner";
import { stationaryDistribution } from "./rate-equation";

/** The steady-state methods; "auto" chooses among them (see `steadyState`). */
export type SteadyStateMethod = "rate-equation" | "dense" | "sparse-lu" | "gmres";
/** The values `SteadyStateOptions.method` accepts: "auto" and every `SteadyStateMethod`. */
export const STEADY_STATE_METHODS: readonly ("auto" | SteadyStateMethod)[] = Object.freeze([
  "auto",
  "rate-equation",
  "dense",
  "sparse-lu",
  "gmres",
]);

/** Options of `steadyState`. */
export interface SteadyStateOptions {
  /**
   * "auto" (default): the rate equation of the populations when the generator does not couple
   * populations to coherences in the eigenbasis of H_S; otherwise the real equations of the
   * symmetry sector, solved by dense LU up to DENSE_MAX_UNKNOWNS unknowns, else by GMRES with the
   * no-jump preconditioner for up to AUTO_GMRES_BUDGET steps and, if that does not converge, by
   * sparse LU when its predicted factor fits in `memoryLimit` and has at most
   * AUTO_SPARSE_LU_MAX_ENTRIES entries (GMRES with every step allowed otherwise). A fixed method
   * forces that path.
   */
  readonly method: "auto" | SteadyStateMethod;
  /**
   * Smallest pivot ratio min|u_kk|/max|u_kk| of the (dense or sparse) LU below which the kernel
   * is taken to have dimension > 1 (non-unique steady state). Default SINGULAR_PIVOT_RATIO.
   */
  readonly singularPivotRatio: number;
  /** Use the conserved charges (default true): the system's charge, and H_S itself for `global`. */
  readonly symmetry: boolean;
  /** Bytes the solve may claim (equations and factor). Default: the generator's memoryLimit. */
  readonly memoryLimit?: number;
  /** GMRES: relative residual of the sector equations to reach. Default STEADY_GMRES_TOLERANCE (1e-14). */
  readonly tolerance: number;
  /** GMRES: Krylov steps allowed. Default STEADY_GMRES_MAX_ITERATIONS. */
  readonly maxIterations: number;
  /**
   * GMRES: "no-jump" (default) inverts the generator without its jump terms,
   * X -> K X + X K^dagger with K = -i H - (1/2) sum_k L_k^dagger L_k, in an approximate
   * eigenbasis of K, one class of the sector after the other with the jumps from the classes
   * already solved on the right-hand side (block Gauss-Seidel; see `no-jump-preconditioner.ts`):
   * a few tens of steps when the dissipation is weak compared with the Hamiltonian's level
   * spacings, more as it grows. "ilut": an incomplete LU factor of the equations.
   */
  readonly preconditioner: "no-jump" | "ilut";
  /** Called as the solve advances: a stage name and, where known, the fraction done. */
  readonly onProgress?: (stage: string, fraction?: number) => void;
}

/** Default threshold on the LU pivot ratio that flags a non-unique steady state. */
export const SINGULAR_PIVOT_RATIO = 1e-12;
/** Largest Hilbert dimension for which the audit computes the kernel dimension of L (O(d^6)). */
export const DENSE_SOLVE_MAX_DIMENSION = 32;
/** "auto" solves sector equations with at most this many real unknowns by dense LU. */
export const DENSE_MAX_UNKNOWNS = 400;
/**
 * Default relative residual of the sector equations for GMRES (their right-hand side is the trace
 * condition, of norm 1). The error of a current is about this times the condition of the
 * equations, which grows as the decay rates shrink: measured against dense LU, 1e-14 keeps it at
 * 3e-12 relative on the XX chain (N = 6..9, g = 0.05) and 8e-11 on the oscillators' Fock path
 * (nmax = 16, g = 0.01), where 1e-12 gave 2e-8. It costs about 20 % more steps than 1e-12.
 */
export const STEADY_GMRES_TOLERANCE = 1e-14;
/**
 * "auto" falls back to sparse LU only while the predicted factor has at most this many entries
 * (about 1e10 flops and 10 s here at 1e7 entries; the flops grow faster than the entries).
 */
export const AUTO_SPARSE_LU_MAX_ENTRIES = 3e7;
/** Krylov steps GMRES may take by default in a steady-state solve. */
export const STEADY_GMRES_MAX_ITERATIONS = 3000;
/** Krylov dimension between GMRES restarts in a steady-state solve (fewer if memory is short). */
export const STEADY_GMRES_RESTART = 200;
/**
 * "auto" tries GMRES for this many steps before it factorises by sparse LU (when the factor
 * fits): enough for weak dissipation, where the no-jump preconditioner needs a few tens.
 */
export const AUTO_GMRES_BUDGET = 400;
const FLOAT_BYTES = 8;
/** Bytes per stored entry of a sparse LU factor (value, row index, slack for growth). */
const FACTOR_ENTRY_BYTES = 16;
/** The local approach checks for decoupled populations (which needs H_S's eigenvectors) only up to this d. */
export const LOCAL_RATE_CHECK_MAX_DIMENSION = 64;

/** The options `steadyState` uses for those not given. */
export const STEADY_STATE_DEFAULTS: Readonly<SteadyStateOptions> = Object.freeze({
  method: "auto",
  singularPivotRatio: SINGULAR_PIVOT_RATIO,
  symmetry: true,
  tolerance: STEADY_GMRES_TOLERANCE,
  maxIterations: STEADY_GMRES_MAX_ITERATIONS,
  preconditioner: "no-jump",
});

/** The stationary state of a generator, how it was found and how good it is. */
export interface SteadyState {
  /** rho in the original basis, Hermitian, trace 1. */
  readonly rho: Operator;
  /** rho in the eigenbasis of H_S (energies ascending); computed on first access. */
  readonly rhoEigen: ComplexMatrix;
  /**
   * Populations of the energy eigenstates (computed on first access). On the rate-equation path
   * each is accurate relative to its own size (also at 1e-30); otherwise to about 1e-15 absolute.
   */
  readonly populations: Float64Array;
  /** ||L vec(rho)||_2 of the returned state (the Frobenius norm of d rho/dt). */
  readonly residual: number;
  /** Smallest eigenvalue of rho (negative: not a physical state; possible under Redfield). */
  readonly minEigenvalue: number;
  /** The method that found the state ("auto" resolved). */
  readonly method: SteadyStateMethod;
  /** Real unknowns solved for (d^2 without symmetry; the sector's size with it; d on the rate path). */
  readonly unknowns: number;
  /** The symmetry sector used, or null (rate path, or no charge). */
  readonly sector: {
    readonly charges: readonly string[];
    readonly unknowns: number;
    readonly fullUnknowns: number;
  } | null;
  /** GMRES steps (0 for the direct methods). */
  readonly iterations: number;
  /** Wall-clock seconds of the solve (generator build excluded). */
  readonly seconds: number;
}

/**
 * Solve L vec(rho) = 0 with Tr rho = 1.
 *
 * ## Method
 * If every jump operator, in the eigenbasis of H_S, has at most one nonzero entry in each row and
 * column (true for the global generator with a non-degenerate spectrum, and for one qubit), the
 * populations obey a closed rate equation (eq. (2.3) of Fogedby (arXiv:2301.13544)) with rates
 * W(p -> q) = sum_k rate_k |<q|L_k|p>|^2; it is solved by the Grassmann-Taksar-Heyman algorithm
 * (no cancellation) and the coherences are zero.
 *
 * Otherwise the equations are written in real arithmetic on the Hermitian parametrisation of rho
 * (d^2 real unknowns) and restricted to the symmetry sector: for a conserved charge Q (the
 * system's `charge`, verified first) only the operators |i><j| with q_i = q_j; for `global`, whose
 * secular generator conserves H_S, the eigenbasis with E_i = E_j as well (populations and the
 * coherences between degenerate levels). One equation is replaced by Tr rho = 1, and the system
 * is solved by dense LU (small), GMRES preconditioned by the generator without its jump terms
 * (`no-jump-preconditioner.ts`; ILUT on request), or sparse LU with a fill-reducing ordering
 * (while the predicted factor fits in memory): see `SteadyStateOptions.method`. A kernel of dimension > 1 (a second
 * closed class of the rate equation, or a near-zero LU pivot) raises
 * NumericalError("non-unique-steady-state"); GMRES that does not converge raises
 * NumericalError("not-converged") with its residual and iteration count; equations or a factor
 * that would not fit in `memoryLimit` raise ResourceError before allocating. The pivot test
 * compares pivots with the largest one, so dissipation weaker than about SINGULAR_PIVOT_RATIO
 * times the Hamiltonian's scale cannot be told from none; the rate path has no such limit.
 */
export function steadyState(generator: Generator, options: Partial<SteadyStateOptions> = {}): SteadyState {
  const opts = resolve(options);
  const started = now();
  const d = generator.dimension;
  const wantsRates = opts.method === "auto" || opts.method === "rate-equation";
  const decoupled =
    wantsRates &&
    generator.lindbladForm &&
    (generator.approach === "global" ||
      (d <= LOCAL_RATE_CHECK_MAX_DIMENSION && jumpsMayDecouple(generator))) &&
    populationsDecouple(generator);
  if (opts.method === "rate-equation" && !decoupled) {
    throw new ParameterError(
      "method",
      `"rate-equation" only for generators whose populations decouple from coherences; use "auto", "dense", "sparse-lu" or "gmres"`,
    );
  }
  if (decoupled) {
    // Uniqueness is decided exactly by the closed classes of the rate equation (a second one
    // throws); coherences then decay, as every state of the single closed class has outflow.
    const rates = populationRates(generator);
    const populations = stationaryDistribution(rates);
    const rhoEigen = ComplexMatrix.diagonal(Array.from(populations));
    const rho = fromEigenbasis(rhoEigen, generator.eigen);
    hermitiseInPlace(rho);
    return new Solution(generator, rho, {
      rhoEigen,
      populations,
      minEigenvalue: Math.min(...populations),
      method: "rate-equation",
      unknowns: d,
      sector: null,
      iterations: 0,
      started,
      blocks: null,
      residual: rateResidual(rates, populations),
    });
  }
  const memoryLimit = opts.memoryLimit ?? generator.memoryLimit;
  const plan = sectorPlan(generator, opts.symmetry);
  const sector = hermitianSector(d, plan.charges);
  opts.onProgress?.("assembling");
  const { matrix, rhs, traceRow } = assembleSectorMatrix(plan.terms, sector, memoryLimit);
  // Built on first use and kept: "auto" may run GMRES twice.
  let preconditioner: NoJumpPreconditioner | null | undefined;
  const noJump = () => {
    if (preconditioner === undefined) {
      preconditioner =
        opts.preconditioner === "no-jump"
          ? NoJumpPreconditioner.build(plan.terms, sector, { matrix, traceRow })
          : null;
    }
    return preconditioner;
  };
  const { x, method, iterations } = solveSector(matrix, rhs, opts, memoryLimit, noJump);
  for (let k = 0; k < x.length; k++) {
    if (!Number.isFinite(x[k]))
      throw new NumericalError("non-finite", "steady-state solve produced a non-finite value");
  }
  const inBasis = sectorToMatrix(x, sector);
  const rho = plan.eigenbasis ? fromEigenbasis(inBasis, generator.eigen) : inBasis;
  hermitiseInPlace(rho);
  return new Solution(generator, rho, {
    rhoEigen: plan.eigenbasis ? inBasis : undefined,
    method,
    unknowns: sector.unknowns,
    sector:
      sector.charges.length > 0
        ? { charges: sector.charges, unknowns: sector.unknowns, fullUnknowns: sector.fullUnknowns }
        : null,
    iterations,
    started,
    blocks: { classOf: sector.classOf, matrix: inBasis },
  });
}

function solveSector(
  matrix: RealCsrMatrix,
  rhs: Float64Array,
  opts: SteadyStateOptions,
  memoryLimit: number,
  noJump: () => NoJumpPreconditioner | null,
): { x: Float64Array; method: SteadyStateMethod; iterations: number } {
  const n = matrix.rows;
  const maxFactorEntries = Math.floor(memoryLimit / FACTOR_ENTRY_BYTES);
  if (opts.method === "auto") {
    const as = (method: SteadyStateMethod, maxIterations = opts.maxIterations) =>
      solveSector(matrix, rhs, { ...opts, method, maxIterations }, memoryLimit, noJump);
    if (n <= DENSE_MAX_UNKNOWNS) return as("dense");
    // GMRES first with a budget (enough at weak dissipation); if it does not converge, sparse LU
    // when its predicted factor fits, else GMRES with every step allowed.
    try {
      return as("gmres", Math.min(opts.maxIterations, AUTO_GMRES_BUDGET));
    } catch (e) {
      if (!(e instanceof NumericalError && e.reason === "not-converged")) throw e;
      const cap = Math.min(maxFactorEntries, AUTO_SPARSE_LU_MAX_ENTRIES);
      const luFits = predictLuEntries(matrix, "amd", cap) <= cap;
      if (luFits) return as("sparse-lu");
      if (opts.maxIterations <= AUTO_GMRES_BUDGET) throw e;
      return as("gmres");
    }
  }
  const method = opts.method;
  const nonUnique = (ratio: number) =>
    new NumericalError(
      "non-unique-steady-state",
      `the steady-state equations are singular to working precision (pivot ratio ${ratio.toExponential(2)} ` +
        `after equilibration): either the steady state is not unique (a part of the system that no bath ` +
        `reaches, a zero rate) or the equations are too ill-conditioned to resolve one (rates, or rates ` +
        `against level spacings, spanning more orders of magnitude than double precision holds)`,
    );
  if (method === "dense") {
    const need = 8 * n * n;
    if (need > memoryLimit) {
      throw new ResourceError(
        `a dense solve of ${n} unknowns`,
        need,
        memoryLimit,
        'use method "sparse-lu" or "gmres" (or "auto")',
      );
    }
    opts.onProgress?.("dense LU");
    const { x, pivotRatio } = realDenseSolve(matrix, rhs);
    if (!(pivotRatio > opts.singularPivotRatio)) throw nonUnique(pivotRatio);
    return { x, method, iterations: 0 };
  }
  if (method === "sparse-lu") {
    let factor: SparseLuFactor;
    try {
      factor = sparseLu(matrix, {
        maxFactorEntries,
        onProgress: opts.onProgress ? (f) => opts.onProgress?.("sparse LU", f) : undefined,
      });
    } catch (e) {
      if (e instanceof FactorTooLargeError) {
        throw new ResourceError(
          `a sparse LU factor of ${n} unknowns (${e.needed.toExponential(2)} entries)`,
          e.needed * FACTOR_ENTRY_BYTES,
          memoryLimit,
          'use method "gmres" (or "auto"), a symmetry charge, or a larger memoryLimit',
        );
      }
      throw e;
    }
    if (!(factor.smallestPivotRatio > opts.singularPivotRatio)) throw nonUnique(factor.smallestPivotRatio);
    return { x: factor.solveInPlace(Float64Array.from(rhs)), method, iterations: 0 };
  }
  opts.onProgress?.("preconditioner");
  let precondition: (out: Float64Array, v: Float64Array) => void;
  const sylvester = noJump();
  if (sylvester) {
    precondition = (out, v) => sylvester.applyInto(out, v);
  } else {
    const ilu = incompleteLu(matrix, { ordering: "rcm" });
    precondition = (out, v) => ilu.applyInto(out, v);
  }
  const restart = Math.max(
    10,
    Math.min(STEADY_GMRES_RESTART, Math.floor(memoryLimit / (4 * FLOAT_BYTES * Math.max(1, n)))),
  );
  const result = gmres((out, v) => realCsrMatvecInto(out, matrix, v), rhs, {
    tolerance: opts.tolerance,
    maxIterations: opts.maxIterations,
    restart,
    precondition,
    onProgress: opts.onProgress
      ? (it, r) => opts.onProgress?.(`GMRES step ${it}, residual ${r.toExponential(1)}`, undefined)
      : undefined,
  });
  return { x: result.x, method: "gmres", iterations: result.iterations };
}

/** The generator each steady state was solved for (see `solvedFor`). */
const solvedWith = new WeakMap<SteadyState, Generator>();

/**
 * The generator `state` was solved for by `steadyState`, or undefined for an object that
 * `steadyState` did not make. Lets a function that takes a generator and its steady state
 * refuse a state of another generator.
 */
export function solvedFor(state: SteadyState): Generator | undefined {
  return solvedWith.get(state);
}

/** A steady state whose eigenbasis quantities are computed on first access. */
class Solution implements SteadyState {
  readonly rho: Operator;
  readonly residual: number;
  readonly method: SteadyStateMethod;
  readonly unknowns: number;
  readonly sector: SteadyState["sector"];
  readonly iterations: number;
  readonly seconds: number;
  private rhoEigenCache?: ComplexMatrix;
  private populationsCache?: Float64Array;
  private minEigenvalueCache?: number;
  private readonly blocks: { classOf: Int32Array; matrix: ComplexMatrix } | null;

  constructor(
    private readonly generator: Generator,
    rho: ComplexMatrix,
    info: {
      rhoEigen?: ComplexMatrix;
      populations?: Float64Array;
      minEigenvalue?: number;
      method: SteadyStateMethod;
      unknowns: number;
      sector: SteadyState["sector"];
      iterations: number;
      started: number;
      blocks: { classOf: Int32Array; matrix: ComplexMatrix } | null;
      /** ||L vec(rho)||_2 when the solver knows it more cheaply than an application of L. */
      residual?: number;
    },
  ) {
    this.rho = Operator.of(rho, generator.system.hamiltonian.dims);
    solvedWith.set(this, generator);
    this.rhoEigenCache = info.rhoEigen;
    if (this.rhoEigenCache) hermitiseInPlace(this.rhoEigenCache);
    this.populationsCache = info.populations;
    this.minEigenvalueCache = info.minEigenvalue;
    this.method = info.method;
    this.unknowns = info.unknowns;
    this.sector = info.sector;
    this.iterations = info.iterations;
    this.blocks = info.blocks;
    this.residual = info.residual ?? stateResidual(generator, rho, this.rhoEigenCache);
    this.seconds = (now() - info.started) / 1000;
    // Plain data for spreads and JSON: the lazy quantities are own enumerable getters.
    for (const key of ["rhoEigen", "populations", "minEigenvalue"] as const) {
      Object.defineProperty(this, key, { enumerable: true, get: () => this[`${key}Value`]() });
    }
  }

  get rhoEigen(): ComplexMatrix {
    return this.rhoEigenValue();
  }

  get populations(): Float64Array {
    return this.populationsValue();
  }

  get minEigenvalue(): number {
    return this.minEigenvalueValue();
  }

  private rhoEigenValue(): ComplexMatrix {
    if (!this.rhoEigenCache) {
      const r = toEigenbasis(this.rho, this.generator.eigen);
      hermitiseInPlace(r);
      this.rhoEigenCache = r;
    }
    return this.rhoEigenCache;
  }

  private populationsValue(): Float64Array {
    if (!this.populationsCache) {
      const r = this.rhoEigenValue();
      this.populationsCache = Float64Array.from({ length: r.rows }, (_, k) => r.re(k, k));
    }
    return this.populationsCache;
  }

  private minEigenvalueValue(): number {
    if (this.minEigenvalueCache === undefined) {
      // rho is block diagonal by the sector's classes in the basis it was solved in.
      this.minEigenvalueCache = this.blocks
        ? hermitianEigenvaluesByBlocks(this.blocks.matrix, this.blocks.classOf)[0]
        : hermitianEigenvalues(this.rhoEigenValue())[0];
    }
    return this.minEigenvalueCache;
  }
}

/**
 * ||L vec(rho)||_2. For `global` it is taken in the eigenbasis (the norm does not depend on the
 * basis), where the jumps are sparse and the original-basis Liouvillian need not be built. The
 * terms are applied matrix-free: one application does not repay building a stored Liouvillian.
 */
function stateResidual(generator: Generator, rho: ComplexMatrix, rhoEigen?: ComplexMatrix): number {
  const global = generator.approach === "global";
  const operator = new MatrixFreeSuperoperator(
    generator.dimension,
    global ? eigenbasisTerms(generator) : generator.terms,
  );
  const y = vec(global ? (rhoEigen ?? toEigenbasis(rho, generator.eigen)) : rho);
  const ly = new Float64Array(y.length);
  operator.applyInto(ly, y);
  return frobeniusNorm(ly);
}

/**
 * ||L vec(rho)||_2 for rho = diag(p) in the eigenbasis when the populations decouple: L rho is then
 * diagonal there (the Hamiltonian part vanishes on a diagonal rho, and each jump maps diagonal to
 * diagonal), with entries (K p)_q = sum_p W[p][q] p_p - p_q sum_r W[q][r] (the rate equation,
 * eq. (2.3) of Fogedby, arXiv:2301.13544), and the norm does not
 * depend on the basis. No application of L, whose terms under `global` hold every jump.
 */
export function rateResidual(w: readonly Float64Array[], p: Float64Array): number {
  const d = p.length;
  let sum = 0;
  for (let q = 0; q < d; q++) {
    let flow = 0;
    for (let r = 0; r < d; r++) {
      if (r === q) continue;
      flow += w[r][q] * p[r] - w[q][r] * p[q];
    }
    sum += flow * flow;
  }
  return Math.sqrt(sum);
}

function now(): number {
  return typeof performance !== "undefined" ? performance.now() : Date.now();
}

/**
 * True when no jump operator couples populations to coherences in the eigenbasis: each has at
 * most one nonzero entry per row and per column there (so D[L] maps diagonal to diagonal and
 * L^dagger L is diagonal). O(nnz + d) per jump, from the jumps' CSR forms.
 */
export function populationsDecouple(generator: Generator): boolean {
  const d = generator.dimension;
  // colUsed[k] = the stamp of the last jump that used column k (stamps start at 1).
  const colUsed = new Int32Array(d);
  let stamp = 0;
  for (const ch of generator.channels) {
    for (const j of ch.jumps) {
      if (j.rate === 0) continue;
      stamp++;
      const { rowStart, columns } = j.eigenCsr;
      for (let i = 0; i < d; i++) {
        if (rowStart[i + 1] - rowStart[i] > 1) return false;
        if (rowStart[i + 1] === rowStart[i]) continue;
        const k = columns[rowStart[i]];
        if (colUsed[k] === stamp) return false;
        colUsed[k] = stamp;
      }
    }
  }
  return true;
}

/**
 * Add the transition rates of Lindblad jumps to `w` (flat, w[p * d + q] is the rate p -> q):
 * rate |<q|L|p>|^2 with L in the eigenbasis of H_S, p != q. O(nnz) per jump.
 */
export function accumulateTransitionRates(jumps: readonly Jump[], d: number, w: Float64Array): Float64Array {
  forEachTransition(jumps, (p, q, rate) => {
    w[p * d + q] += rate;
  });
  return w;
}

/**
 * Call `visit(p, q, rate |<q|L|p>|^2)` for every jump (rate > 0) and every nonzero off-diagonal
 * entry <q|L|p> of its eigenbasis form: the transitions p -> q of the rate equation.
 */
export function forEachTransition(
  jumps: readonly Jump[],
  visit: (p: number, q: number, rate: number) => void,
): void {
  for (const j of jumps) {
    if (j.rate === 0) continue;
    const { rows, rowStart, columns, values } = j.eigenCsr;
    for (let q = 0; q < rows; q++) {
      for (let k = rowStart[q]; k < rowStart[q + 1]; k++) {
        const p = columns[k];
        if (p === q) continue;
        const a = values[2 * k];
        const b = values[2 * k + 1];
        visit(p, q, j.rate * (a * a + b * b));
      }
    }
  }
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

function resolve(options: Partial<SteadyStateOptions>): SteadyStateOptions {
  const allowed = [...Object.keys(STEADY_STATE_DEFAULTS), "memoryLimit", "onProgress"];
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) throw new UnknownIdError("steady-state option", key, allowed);
  }
  const merged = { ...STEADY_STATE_DEFAULTS, ...options };
  if (!STEADY_STATE_METHODS.includes(merged.method)) {
    throw new UnknownIdError("steady-state method", String(merged.method), STEADY_STATE_METHODS);
  }
  if (merged.preconditioner !== "no-jump" && merged.preconditioner !== "ilut") {
    throw new ParameterError("preconditioner", '"no-jump" or "ilut"', String(merged.preconditioner));
  }
  if (!(merged.tolerance > 0 && merged.tolerance < 1)) {
    throw new ParameterError("tolerance", "a number in (0, 1)", merged.tolerance);
  }
  if (!(Number.isInteger(merged.maxIterations) && merged.maxIterations > 0)) {
    throw new ParameterError("maxIterations", "a positive integer", merged.maxIterations);
  }
  if (merged.memoryLimit !== undefined && !(merged.memoryLimit > 0)) {
    throw new ParameterError("memoryLimit", "a number of bytes > 0", merged.memoryLimit);
  }
  return merged;
}

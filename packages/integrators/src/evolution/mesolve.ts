import {
  assertFiniteMatrix,
  assertHermitian,
  ComplexMatrix,
  combinedDims,
  DimensionError,
  dissipatorTerms,
  hamiltonianTerms,
  type LiouvilleOperator,
  MatrixFreeSuperoperator,
  Operator,
  ParameterError,
  type SandwichTerm,
  traceOfProduct,
  unvec,
  vec,
} from "@liouville/core";
import { Observable } from "rxjs";
import type { IntegratorOptions, StepperStats } from "../ode/integrator";
import { getIntegrator } from "../ode/registry";
import { validateInitialState } from "./evolve";
import type { ComplexValue } from "./evolve-options";
import type { CertainlyOn } from "./evolve-sample";

/** A coefficient of a time-dependent term: a real function of time. */
export type Coefficient = (t: number) => number;

/**
 * A Hamiltonian as QuTiP's list format: an operator, or a list whose entries are constant
 * operators or [H_k, f_k] pairs, meaning H(t) = sum of the constants + sum_k f_k(t) H_k.
 */
export type HamiltonianSpec =
  | ComplexMatrix
  | readonly (ComplexMatrix | readonly [ComplexMatrix, Coefficient])[];

/**
 * A collapse operator: c (dissipator D[c], as QuTiP's c_ops, whose rate is folded into c), a pair
 * [c, f] for the operator f(t) c (dissipator f(t)^2 D[c], QuTiP's time-dependent c_ops), or
 * { operator, rate } with a constant rate >= 0 or a rate function of time (rate * D[operator]).
 */
export type CollapseSpec =
  | ComplexMatrix
  | readonly [ComplexMatrix, Coefficient]
  | { readonly operator: ComplexMatrix; readonly rate: number | Coefficient };

/** Options of `mesolve`. */
export interface MesolveOptions {
  /** Collapse operators not attributed to a bath. */
  readonly cOps?: readonly CollapseSpec[];
  /**
   * Collapse operators by bath name: they enter the dynamics as `cOps` do, and each sample carries
   * the heat current J_X(t) = Tr[H(t) D_X(rho)] of each bath (positive into the system).
   */
  readonly baths?: Readonly<Record<string, readonly CollapseSpec[]>>;
  /** Operators whose expectation values Tr[A rho(t)] are returned, by name. */
  readonly eOps?: Readonly<Record<string, ComplexMatrix>>;
  /** Integrator id: "rk45" (default), "dop853", or "expm" (time-independent problems only). */
  readonly method?: string;
  /** Relative tolerance of the integrator (default: the integrator's own). */
  readonly rtol?: number;
  /** Absolute tolerance of the integrator (default: the integrator's own). */
  readonly atol?: number;
  /** Keep the density matrices in the result (default true; false keeps only expectation values). */
  readonly states?: boolean;
  /** Other options of the integrator (maxSteps, maxStep, firstStep, minStep). */
  readonly integrator?: Partial<IntegratorOptions>;
}

/** One output time of `mesolve`. */
export interface MesolveSample {
  /** The output time. */
  readonly t: number;
  /** rho(t), with the dims of H (or of rho0 when H has none); absent when `states` is false. */
  readonly rho?: Operator;
  /** Tr[A rho(t)] for each operator of `eOps`. */
  readonly expect: Readonly<Record<string, ComplexValue>>;
  /** J_X(t) = Tr[H(t) D_X(rho(t))] for each bath of `baths`. */
  readonly currents: Readonly<Record<string, number>>;
}

/**
 * The sample type of `mesolve` for options of type O: `rho` is present unless `states` is false
 * (or a run-time `boolean`), and `expect` and `currents` are keyed by the names of a literal
 * `eOps` and `baths`.
 */
export type MesolveSampleFor<O> = MesolveSample &
  (CertainlyOn<O, "states", true> extends true ? { readonly rho: Operator } : unknown) & {
    readonly expect: Readonly<Record<NamesOf<O, "eOps">, ComplexValue>>;
    readonly currents: Readonly<Record<NamesOf<O, "baths">, number>>;
  };

/** The names of the literal record option K of O (any string when O does not fix them). */
type NamesOf<O, K extends PropertyKey> = O extends { readonly [P in K]: infer R }
  ? string extends keyof R
    ? string
    : keyof R & string
  : K extends keyof O
    ? string
    : never;

/** `MesolveResult` for options of type O: its samples and `expect` keyed as `MesolveSampleFor` says. */
export type MesolveResultFor<O> = MesolveResult & {
  readonly samples: MesolveSampleFor<O>[];
  readonly expect: Readonly<Record<NamesOf<O, "eOps">, ComplexValue[]>>;
};

/** What `mesolve` returns: the samples at the output times and the integrator's work. */
export interface MesolveResult {
  /** The output times, as given. */
  readonly times: number[];
  /** One sample per output time. */
  readonly samples: MesolveSample[];
  /** The density matrices at the times (empty when `states` is false). */
  readonly states: Operator[];
  /** expect[name][j] = Tr[A rho(times[j])]. */
  readonly expect: Readonly<Record<string, ComplexValue[]>>;
  /** The integrator's work: steps, rejections, evaluations. */
  readonly stats: StepperStats;
}

/**
 * Solve the Lindblad master equation
 *   d rho/dt = -i [H(t), rho] + sum_k r_k(t) (c_k rho c_k^dagger - (1/2) {c_k^dagger c_k, rho})
 * from rho(times[0]) = rho0 (a density matrix, or a ket as a d x 1 matrix) and return the states
 * and expectation values at `times`, in one call as QuTiP's `mesolve` (hbar = 1). Time-dependent
 * Hamiltonians use QuTiP's list format ([H0, [H1, f1], ...]); collapse operators may carry rates
 * and time dependence (see `CollapseSpec`); collapse operators grouped by bath give heat currents.
 *
 * @example
 * ```ts
 * // A driven, damped qubit: H(t) = (1/2) sigma_z + cos(t) sigma_x, decay at rate 0.1
 * const r = mesolve([scale(sigmaZ(), 0.5), [sigmaX(), Math.cos]], basisState(2, 0), [0, 1, 2], {
 *   cOps: [{ operator: sigmaMinus(), rate: 0.1 }],
 *   eOps: { z: sigmaZ() },
 * });
 * r.expect.z[2].re; // <sigma_z>(2)
 * ```
 */
export function mesolve<const O extends MesolveOptions = Record<never, never>>(
  hamiltonian: HamiltonianSpec,
  rho0: ComplexMatrix,
  times: readonly number[],
  options?: O & { readonly [K in Exclude<keyof O, keyof MesolveOptions>]: never },
): MesolveResultFor<O>;
export function mesolve(
  hamiltonian: HamiltonianSpec,
  rho0: ComplexMatrix,
  times: readonly number[],
  options: MesolveOptions = {},
): MesolveResult {
  const samples: MesolveSample[] = [];
  let stats: StepperStats = { steps: 0, rejected: 0, rhsEvaluations: 0 };
  const run = new MesolveRun(hamiltonian, rho0, times, options);
  for (const sample of run.samples()) samples.push(sample);
  stats = run.stats();
  const expect: Record<string, ComplexValue[]> = {};
  for (const name of Object.keys(options.eOps ?? {})) expect[name] = samples.map((s) => s.expect[name]);
  return {
    times: [...times],
    samples,
    states: samples.flatMap((s) => (s.rho ? [s.rho] : [])),
    expect,
    stats,
  };
}

/**
 * `mesolve` as a cold rxjs Observable: each subscription integrates afresh and emits one
 * `MesolveSample` per output time as it is reached; unsubscribing stops the integration.
 */
export function mesolveStream<const O extends MesolveOptions = Record<never, never>>(
  hamiltonian: HamiltonianSpec,
  rho0: ComplexMatrix,
  times: readonly number[],
  options?: O & { readonly [K in Exclude<keyof O, keyof MesolveOptions>]: never },
): Observable<MesolveSampleFor<O>>;
export function mesolveStream(
  hamiltonian: HamiltonianSpec,
  rho0: ComplexMatrix,
  times: readonly number[],
  options: MesolveOptions = {},
): Observable<MesolveSample> {
  return new Observable<MesolveSample>((subscriber) => {
    try {
      const run = new MesolveRun(hamiltonian, rho0, times, options);
      for (const sample of run.samples()) {
        if (subscriber.closed) return;
        subscriber.next(sample);
      }
      subscriber.complete();
    } catch (e) {
      subscriber.error(e);
    }
  });
}

/** A time-dependent piece of the generator: coefficient(t) times a superoperator. */
interface Piece {
  readonly coefficient: Coefficient;
  readonly operator: LiouvilleOperator;
  /** Where the coefficient comes from, for errors; a dissipator's rate must stay >= 0. */
  readonly what: string;
  readonly rate: boolean;
}

/** A dissipator of one collapse operator: rate(t) D[c]. */
interface Dissipator {
  readonly rate: Coefficient | number;
  readonly terms: SandwichTerm[];
}

class MesolveRun {
  private readonly d: number;
  private readonly dims: readonly number[];
  private readonly constant: LiouvilleOperator;
  private readonly pieces: Piece[] = [];
  private readonly hConstant: ComplexMatrix;
  private readonly hTerms: { h: ComplexMatrix; f: Coefficient }[] = [];
  private readonly bathDissipators: {
    name: string;
    parts: { rate: Coefficient | number; op: LiouvilleOperator }[];
  }[] = [];
  private readonly y0: Float64Array;
  private readonly method: string;
  private readonly integratorOptions: Partial<IntegratorOptions>;
  private statsSnapshot: StepperStats = { steps: 0, rejected: 0, rhsEvaluations: 0 };

  constructor(
    hamiltonian: HamiltonianSpec,
    rho0: ComplexMatrix,
    private readonly times: readonly number[],
    private readonly options: MesolveOptions,
  ) {
    const parts = Array.isArray(hamiltonian) ? hamiltonian : [hamiltonian as ComplexMatrix];
    if (parts.length === 0) throw new ParameterError("hamiltonian", "an operator or a non-empty list", "[]");
    const first = parts[0];
    const h0 = Array.isArray(first) ? first[0] : (first as ComplexMatrix);
    if (!(h0 instanceof ComplexMatrix))
      throw new ParameterError("hamiltonian", "operators (ComplexMatrix)", h0);
    const d = h0.rows;
    this.d = d;
    this.dims = h0 instanceof Operator ? h0.dims : rho0 instanceof Operator ? rho0.dims : [d];
    this.hConstant = new ComplexMatrix(d, d);
    parts.forEach((part, k) => {
      const where = `hamiltonian[${k}]`;
      if (Array.isArray(part)) {
        const [h, f] = part as unknown as readonly [ComplexMatrix, Coefficient];
        this.checkOperator(where, h, true);
        if (typeof f !== "function") throw new ParameterError(`${where}[1]`, "a function of time", f);
        this.hTerms.push({ h, f });
      } else {
        this.checkOperator(where, part as ComplexMatrix, true);
        addInto(this.hConstant, part as ComplexMatrix, 1);
      }
    });
    const constantTerms: SandwichTerm[] = [...hamiltonianTerms(this.hConstant)];
    for (const { h, f } of this.hTerms) {
      this.pieces.push({
        coefficient: f,
        operator: new MatrixFreeSuperoperator(d, hamiltonianTerms(h)),
        what: "hamiltonian coefficient",
        rate: false,
      });
    }
    // Each collapse operator once: a constant rate joins the constant generator; a rate function
    // makes a piece; with a bath, the same operator also gives that bath's heat current.
    const add = (where: string, specs: readonly CollapseSpec[]) =>
      specs.map((spec, k) => {
        const dis = this.dissipator(`${where}[${k}]`, spec);
        const op = new MatrixFreeSuperoperator(d, dis.terms);
        if (typeof dis.rate === "number") {
          for (const t of dis.terms) constantTerms.push({ ...t, re: t.re * dis.rate, im: t.im * dis.rate });
        } else {
          this.pieces.push({
            coefficient: dis.rate,
            operator: op,
            what: `rate of ${where}[${k}]`,
            rate: true,
          });
        }
        return { rate: dis.rate, op };
      });
    add("cOps", options.cOps ?? []);
    for (const [name, specs] of Object.entries(options.baths ?? {})) {
      this.bathDissipators.push({ name, parts: add(`baths.${name}`, specs) });
    }
    this.constant = new MatrixFreeSuperoperator(d, constantTerms);
    for (const [name, a] of Object.entries(options.eOps ?? {})) this.checkOperator(`eOps.${name}`, a, false);
    const rho0Dims = (rho0 as { dims?: unknown }).dims;
    if (Array.isArray(rho0Dims)) combinedDims("the problem", this.dims, "rho0", rho0Dims);
    const rho = initialDensityMatrix(rho0, d);
    validateInitialState(rho, d);
    validateTimes(times);
    this.y0 = vec(rho);
    this.method = options.method ?? "rk45";
    const timeDependent = this.pieces.length > 0;
    if (this.method === "expm" && timeDependent) {
      throw new ParameterError(
        "method",
        `"rk45" or "dop853" for a time-dependent problem ("expm" needs a constant generator)`,
        this.method,
      );
    }
    this.integratorOptions = {
      ...options.integrator,
      ...(options.rtol !== undefined ? { rtol: options.rtol } : {}),
      ...(options.atol !== undefined ? { atol: options.atol } : {}),
    };
  }

  stats(): StepperStats {
    return this.statsSnapshot;
  }

  /** The samples at the output times, produced lazily as the integration reaches them. */
  *samples(): Generator<MesolveSample> {
    const n = this.y0.length;
    const scratch = new Float64Array(n);
    const problem = {
      size: n,
      linear: this.pieces.length === 0,
      rhsFlops:
        this.constant.applyFlops + this.pieces.reduce((sum, p) => sum + p.operator.applyFlops + 2 * n, 0),
      rhs: (t: number, y: Float64Array, dydt: Float64Array) => {
        this.constant.applyInto(dydt, y);
        for (const p of this.pieces) {
          const c = p.coefficient(t);
          if (c === 0) continue;
          if (!Number.isFinite(c) || (p.rate && c < 0)) {
            throw new ParameterError(
              p.what,
              `${p.rate ? "finite and >= 0" : "finite"} at every time (got ${c} at t = ${t})`,
              c,
            );
          }
          p.operator.applyInto(scratch, y);
          for (let i = 0; i < n; i++) dydt[i] += c * scratch[i];
        }
      },
    };
    const factory = getIntegrator(this.method);
    const t0 = this.times[0];
    const stepper = factory.create(problem, t0, this.y0, this.integratorOptions);
    const tEnd = this.times[this.times.length - 1];
    const y = new Float64Array(n);
    for (const time of this.times) {
      while (stepper.t < time) stepper.step(tEnd);
      if (time === stepper.t) y.set(stepper.y);
      else stepper.interpolate(time, y);
      this.statsSnapshot = { ...stepper.stats };
      yield this.sample(time, y, scratch);
    }
  }

  private sample(t: number, y: Float64Array, scratch: Float64Array): MesolveSample {
    const rho = new Operator(this.dims);
    unvec(y, rho);
    const expect: Record<string, ComplexValue> = {};
    for (const [name, a] of Object.entries(this.options.eOps ?? {})) {
      const [re, im] = traceOfProduct(a, rho);
      expect[name] = { re, im };
    }
    const currents: Record<string, number> = {};
    if (this.bathDissipators.length > 0) {
      const h = this.hamiltonianAt(t);
      for (const bath of this.bathDissipators) {
        let j = 0;
        for (const part of bath.parts) {
          const rate = typeof part.rate === "number" ? part.rate : part.rate(t);
          if (rate === 0) continue;
          part.op.applyInto(scratch, y);
          j += rate * traceOfProduct(h, unvec(scratch))[0];
        }
        currents[bath.name] = j;
      }
    }
    return this.options.states === false ? { t, expect, currents } : { t, rho, expect, currents };
  }

  private hamiltonianAt(t: number): ComplexMatrix {
    const h = this.hConstant.clone();
    for (const { h: hk, f } of this.hTerms) addInto(h, hk, f(t));
    return h;
  }

  private dissipator(where: string, spec: CollapseSpec): Dissipator {
    if (spec instanceof ComplexMatrix) {
      this.checkOperator(where, spec, false);
      return { rate: 1, terms: dissipatorTerms(spec, 1) };
    }
    if (Array.isArray(spec)) {
      const [c, f] = spec as readonly [ComplexMatrix, Coefficient];
      this.checkOperator(`${where}[0]`, c, false);
      if (typeof f !== "function") throw new ParameterError(`${where}[1]`, "a function of time", f);
      return { rate: (t: number) => f(t) ** 2, terms: dissipatorTerms(c, 1) };
    }
    const { operator, rate } = spec as { operator: ComplexMatrix; rate: number | Coefficient };
    this.checkOperator(`${where}.operator`, operator, false);
    if (typeof rate === "number") {
      if (!(Number.isFinite(rate) && rate >= 0))
        throw new ParameterError(`${where}.rate`, "a finite number >= 0", rate);
      // The rate multiplies the terms when they join the constant generator.
      return { rate, terms: dissipatorTerms(operator, 1) };
    }
    if (typeof rate !== "function")
      throw new ParameterError(`${where}.rate`, "a number or a function of time", rate);
    return { rate, terms: dissipatorTerms(operator, 1) };
  }

  private checkOperator(where: string, m: ComplexMatrix, hermitian: boolean): void {
    if (!(m instanceof ComplexMatrix)) throw new ParameterError(where, "an operator (ComplexMatrix)", m);
    if (m.rows !== this.d || m.cols !== this.d) {
      throw new DimensionError(where, `${this.d}x${this.d} (the Hamiltonian's)`, `${m.rows}x${m.cols}`);
    }
    // Subsystem structure too: [2, 3] against [3, 2] is refused (a flat operand takes any).
    if (m instanceof Operator) combinedDims("the problem", this.dims, where, m.dims);
    assertFiniteMatrix(where, m);
    if (hermitian) assertHermitian(where, m);
  }
}

/** rho0 as a density matrix: a d x d matrix as is, a ket (d x 1) as |psi><psi| / <psi|psi>. */
function initialDensityMatrix(rho0: ComplexMatrix, d: number): ComplexMatrix {
  if (!(rho0 instanceof ComplexMatrix))
    throw new ParameterError("rho0", "a density matrix or a ket (ComplexMatrix)", rho0);
  if (rho0.cols !== 1) return rho0;
  if (rho0.rows !== d) throw new DimensionError("rho0", `a ket of ${d} entries`, `${rho0.rows}x1`);
  const x = rho0.data;
  let norm = 0;
  for (let k = 0; k < x.length; k++) norm += x[k] * x[k];
  if (!(norm > 0 && Number.isFinite(norm)))
    throw new ParameterError("rho0", "a nonzero finite ket", "zero norm");
  const rho = new ComplexMatrix(d, d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      // psi_i conj(psi_j) / norm
      const ar = x[2 * i];
      const ai = x[2 * i + 1];
      const br = x[2 * j];
      const bi = x[2 * j + 1];
      rho.data[2 * (i * d + j)] = (ar * br + ai * bi) / norm;
      rho.data[2 * (i * d + j) + 1] = (ai * br - ar * bi) / norm;
    }
  }
  return rho;
}

function validateTimes(times: readonly number[]): void {
  if (!Array.isArray(times) || times.length === 0) {
    throw new ParameterError(
      "times",
      "a non-empty array of increasing times (times[0] is the initial time)",
      times,
    );
  }
  for (let j = 0; j < times.length; j++) {
    if (typeof times[j] !== "number" || !Number.isFinite(times[j])) {
      throw new ParameterError(`times[${j}]`, "a finite number", times[j]);
    }
    if (j > 0 && !(times[j] > times[j - 1])) {
      throw new ParameterError(
        `times[${j}]`,
        `> times[${j - 1}] = ${times[j - 1]} (strictly increasing)`,
        times[j],
      );
    }
  }
}

/** out += c * m. */
function addInto(out: ComplexMatrix, m: ComplexMatrix, c: number): void {
  for (let k = 0; k < out.data.length; k++) out.data[k] += c * m.data[k];
}

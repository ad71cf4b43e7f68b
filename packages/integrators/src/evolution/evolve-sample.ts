import {
  currentFunctional,
  type Generator,
  Operator,
  type PackedDynamics,
  traceOfProduct,
} from "@liouville/core";
import type { ComplexValue, ResolvedEvolveOptions } from "./evolve-options";

/** One point of a time evolution, as `evolve` emits it. */
export interface EvolutionSample {
  /** Time of the sample. */
  readonly t: number;
  /** rho(t) in the original basis of the system, with the Hamiltonian's `dims`: a fresh copy. */
  readonly rho: Operator;
  /** Populations (V^dagger rho V)_kk of the energy eigenstates, energies ascending (option `populations`). */
  readonly populations?: readonly number[];
  /** Heat current J_X = Tr[H_S D_X(rho)] into the system, by bath name (option `currents`). */
  readonly currents?: Readonly<Record<string, number>>;
  /** Tr[A rho] for each named operator of option `expect`. */
  readonly expect?: Readonly<Record<string, ComplexValue>>;
  /** (V^dagger rho V)_{ij} for each [i, j] of option `elements`, in that order. */
  readonly elements?: readonly ComplexValue[];
  /** ||L vec(rho)||_2 = ||d rho/dt||_F (option `residual`, or with `relaxationTolerance`). */
  readonly residual?: number;
}

/**
 * Whether option K of the options type O is certainly on: its type is literally `true`, or O does
 * not name it and its default is on. An option whose type is `boolean` (not known until run time)
 * is not certain, and the field it controls stays optional.
 */
export type CertainlyOn<O, K extends PropertyKey, Default extends boolean> = K extends keyof O
  ? [O[K]] extends [true]
    ? true
    : false
  : Default;

/** Whether the options certainly give every sample a residual (`residual: true` or a `relaxationTolerance`). */
type ResidualCertain<O> =
  CertainlyOn<O, "residual", false> extends true
    ? true
    : O extends { readonly relaxationTolerance: number }
      ? true
      : false;

/**
 * The sample type of `evolve` for options of type O: the fields the options certainly request
 * are present (not optional), so `sample.currents.A` needs no `!`. `populations` and `currents`
 * are present unless switched off or given as a run-time `boolean`; `residual` with
 * `residual: true` or a `relaxationTolerance`; `expect` with the keys of a literal `expect`
 * object; `elements` with a non-empty literal `elements` list.
 *
 * @example
 * ```ts
 * evolve(generator, rho0, { tEnd: 10, expect: { sz: sigmaZ() } }).subscribe((s) => {
 *   s.currents.A; // number
 *   s.expect.sz.re; // number
 * });
 * ```
 */
export type EvolutionSampleFor<O> = EvolutionSample &
  (CertainlyOn<O, "populations", true> extends true ? { readonly populations: readonly number[] } : unknown) &
  (CertainlyOn<O, "currents", true> extends true
    ? { readonly currents: Readonly<Record<string, number>> }
    : unknown) &
  (ResidualCertain<O> extends true ? { readonly residual: number } : unknown) &
  (O extends { readonly expect: infer E }
    ? [keyof E] extends [never]
      ? unknown
      : string extends keyof E
        ? unknown
        : { readonly expect: Readonly<Record<keyof E & string, ComplexValue>> }
    : unknown) &
  (O extends { readonly elements: readonly [unknown, ...unknown[]] }
    ? { readonly elements: readonly ComplexValue[] }
    : unknown);

/**
 * Turns a packed state (of a `PackedDynamics`) into an `EvolutionSample`. Built once per
 * subscription, with the currents' functionals carried to the packing, so a sample costs the
 * unpacking of rho (O(d^2)), one dot product of the packed length per current, O(d^2) per
 * eigenbasis element at most, and one application of the packed generator for the residual.
 */
export class SampleBuilder {
  private readonly d: number;
  private readonly dims: readonly number[];
  /**
   * Per bath, the real row vector w_X with J_X = Tr[H_S D_X(rho)] = w_X . y on the packed state y
   * (the complex functional c_X . vec(rho) carried to the packing: `PackedDynamics.packFunctional`).
   */
  private readonly currentFunctionals: readonly (readonly [string, Float64Array])[];

  private support?: EigenvectorSupport[];

  constructor(
    private readonly generator: Generator,
    private readonly dynamics: PackedDynamics,
    private readonly options: ResolvedEvolveOptions,
  ) {
    this.d = generator.dimension;
    this.dims = generator.system.hamiltonian.dims;
    this.currentFunctionals = options.currents
      ? generator.system.baths.map(
          (b) => [b.name, dynamics.packFunctional(currentFunctional(generator, b.name))] as const,
        )
      : [];
  }

  /** The sample at time t of the packed state `packed` of the dynamics (not kept: rho is a copy). */
  build(t: number, packed: Float64Array): EvolutionSample {
    const o = this.options;
    const rho = new Operator(this.dims);
    this.dynamics.unpackMatrix(packed, rho);
    const sample: {
      -readonly [K in keyof EvolutionSample]: EvolutionSample[K];
    } = { t, rho };
    if (o.populations) {
      sample.populations = Array.from({ length: this.d }, (_, k) => this.eigenElement(rho.data, k, k).re);
    }
    if (o.currents) {
      const currents: Record<string, number> = {};
      for (const [name, w] of this.currentFunctionals) currents[name] = dot(w, packed);
      sample.currents = currents;
    }
    if (o.expect.length > 0) {
      const values: Record<string, ComplexValue> = {};
      for (const [name, op] of o.expect) {
        const [re, im] = traceOfProduct(op, rho);
        values[name] = { re, im };
      }
      sample.expect = values;
    }
    if (o.elements.length > 0)
      sample.elements = o.elements.map(([i, j]) => this.eigenElement(rho.data, i, j));
    if (o.residual) sample.residual = this.dynamics.residualNorm(packed);
    return sample;
  }

  /**
   * (V^dagger rho V)_{ab} = sum_{ij} conj(V_ia) rho_ij V_jb, read from rho's row-major data
   * x, over the nonzero entries of the eigenvectors a and b only: with a conserved charge each
   * eigenvector lies in one block, so a population costs the square of its block's size, not d^2.
   */
  private eigenElement(x: Float64Array, a: number, b: number): ComplexValue {
    const d = this.d;
    const support = this.eigenvectorSupport();
    const va = support[a];
    const vb = support[b];
    let re = 0;
    let im = 0;
    for (let q = 0; q < vb.rows.length; q++) {
      // w_i = rho_ij V_jb, then conj(V_ia) w_i
      const j = vb.rows[q];
      const vr = vb.re[q];
      const vi = vb.im[q];
      for (let p = 0; p < va.rows.length; p++) {
        const k = 2 * (va.rows[p] * d + j);
        const rr = x[k] * vr - x[k + 1] * vi;
        const ri = x[k] * vi + x[k + 1] * vr;
        const ar = va.re[p];
        const ai = -va.im[p];
        re += ar * rr - ai * ri;
        im += ar * ri + ai * rr;
      }
    }
    return { re, im };
  }

  /** Each eigenvector (column of V) as its nonzero rows and their values, found on first use. */
  private eigenvectorSupport(): EigenvectorSupport[] {
    if (!this.support) {
      const d = this.d;
      const v = this.generator.eigen.vectors.data;
      this.support = Array.from({ length: d }, (_, b) => {
        const rows: number[] = [];
        for (let i = 0; i < d; i++)
          if (v[2 * (i * d + b)] !== 0 || v[2 * (i * d + b) + 1] !== 0) rows.push(i);
        return {
          rows: Int32Array.from(rows),
          re: Float64Array.from(rows, (i) => v[2 * (i * d + b)]),
          im: Float64Array.from(rows, (i) => v[2 * (i * d + b) + 1]),
        };
      });
    }
    return this.support;
  }
}

/** The nonzero entries of one eigenvector: rows and values, compact for the sample loops. */
interface EigenvectorSupport {
  readonly rows: Int32Array;
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/** sum_k w_k y_k. */
function dot(w: Float64Array, y: Float64Array): number {
  let sum = 0;
  for (let k = 0; k < w.length; k++) sum += w[k] * y[k];
  return sum;
}

import { ParameterError } from "../errors/parameter-error";
import { ResourceError } from "../errors/resource-error";
import { ComplexMatrix } from "../linalg/complex-matrix";
import type { CsrMatrix } from "../linalg/csr";
import type { BlockHermitianEigen } from "../linalg/hermitian-eigen";
import { type RealCsrMatrix, realCsrFromTriplets } from "../linalg/sparse/real-csr";
import { factorEntries, operatorCsr, operatorTransposeCsr } from "../superoperators/operator-csr";
import { collapseOneSided, type SandwichTerm } from "../superoperators/sandwich-terms";
import { chargeLabels, chargeShift, chargeTolerance } from "../system/charge";
import { bohrTolerance } from "./bohr-frequencies";
import { eigenbasisTerms, type Generator } from "./generator";

// The master equation in real arithmetic, restricted to a symmetry sector: the steady-state
// equations (`assembleSectorMatrix`) and the dynamics that `evolve` integrates
// (`assembleSectorOperator`, see sector-dynamics.ts).
//
// A Hermitian rho is d^2 real numbers: x = Re rho_ii on the diagonal and (Re rho_ij, Im rho_ij)
// for i < j. A generator preserves Hermiticity, so L is a real-linear map of these numbers; its
// equations are Re (L rho)_ii and Re, Im of (L rho)_ij for i < j.
//
// A conserved charge Q = diag(q) (with [H, Q] = 0 and every jump shifting Q by a fixed amount)
// makes L map each block {|i><j| : q_i - q_j = k} into itself, so a unique steady state lies in
// the block k = 0 (Albert & Jiang, PRA 89, 022118 (2014); Buca & Prosen, NJP 14, 073007 (2012)).
// Several charges (e.g. the energy and the number of excitations for a secular generator) are
// intersected: the sector is {|i><j| : every charge agrees on i and j}.

/** One conserved quantity, diagonal in the basis of the terms, with its comparison tolerance. */
export interface SectorCharge {
  /** What it is, for reports: "charge", "energy". */
  readonly name: string;
  /** The charge of each basis state. */
  readonly values: ArrayLike<number>;
  /** Absolute tolerance for equal values and equal shifts. */
  readonly tolerance: number;
}

/** The real unknowns of a sector: pairs (i, j), i <= j, whose charges agree. */
export interface HermitianSector {
  /** d, the Hilbert-space dimension. */
  readonly dimension: number;
  /** Real unknowns (= real equations). */
  readonly unknowns: number;
  /** d^2: the unknowns without symmetry. */
  readonly fullUnknowns: number;
  /** Names of the charges used (empty: the whole space). */
  readonly charges: readonly string[];
  /** Unknown index of Re rho_ij (i <= j) in the sector, -1 outside; Im rho_ij is the next one (i < j). */
  readonly offset: Int32Array;
  /** Class of each basis state (states of one class share every charge value). */
  readonly classOf: Int32Array;
  /** Unknown indices of the diagonal entries Re rho_ii. */
  readonly diagonal: Int32Array;
}

/** The sector of the charges (the whole space when `charges` is empty). */
export function hermitianSector(d: number, charges: readonly SectorCharge[]): HermitianSector {
  const classOf = new Int32Array(d);
  if (charges.length > 0) {
    const key = new Map<string, number>();
    const labels = charges.map((c) => chargeLabels(c.values, c.tolerance));
    for (let i = 0; i < d; i++) {
      const k = labels.map((l) => l[i]).join(",");
      let id = key.get(k);
      if (id === undefined) {
        id = key.size;
        key.set(k, id);
      }
      classOf[i] = id;
    }
  }
  const offset = new Int32Array(d * d).fill(-1);
  const diagonal = new Int32Array(d);
  let n = 0;
  for (let j = 0; j < d; j++) {
    for (let i = 0; i <= j; i++) {
      if (classOf[i] !== classOf[j]) continue;
      offset[i * d + j] = n;
      if (i === j) diagonal[i] = n;
      n += i === j ? 1 : 2;
    }
  }
  return {
    dimension: d,
    unknowns: n,
    fullUnknowns: d * d,
    charges: charges.map((c) => c.name),
    offset,
    classOf,
    diagonal,
  };
}

/**
 * Check that every term maps the sector into itself: for each charge, the left factor shifts it
 * by a and the right factor by b with a + b = 0 (X -> A X B sends |k><l| with q_k - q_l = s to
 * blocks with q_i - q_j = s + a + b). A term that breaks a charge is refused with the charge's
 * name, never trusted.
 */
export function verifySectorTerms(terms: readonly SandwichTerm[], charges: readonly SectorCharge[]): void {
  for (const c of charges) {
    terms.forEach((t, k) => {
      const a = t.left ? chargeShift(t.left, c.values, c.tolerance) : 0;
      const b = t.right ? chargeShift(t.right, c.values, c.tolerance) : 0;
      if (a === null || b === null || Math.abs(a + b) > c.tolerance) {
        throw new ParameterError(
          c.name,
          `conserved by the generator: term ${k} of the Liouvillian does not shift it by a fixed amount (a jump operator or the Hamiltonian does not respect it)`,
        );
      }
    });
  }
}

/** The terms, the basis they are in, and the conserved charges of a sector computation. */
export interface SectorPlan {
  /** The generator's sandwich terms, in the basis `eigenbasis` says. */
  readonly terms: readonly SandwichTerm[];
  /** The conserved charges that define the sector (empty: the whole space). */
  readonly charges: SectorCharge[];
  /** The terms are in the eigenbasis of H_S (global), not the original basis. */
  readonly eigenbasis: boolean;
}

/**
 * The sector plan of a generator: for `global` (whose secular generator conserves H_S) the
 * eigenbasis terms with the energy and the system's charge; otherwise the original terms with the
 * system's charge (none when `symmetry` is false or the system declares none). A declared charge is
 * verified against every term; one that is not conserved is refused (ParameterError).
 */
export function sectorPlan(generator: Generator, symmetry: boolean): SectorPlan {
  const system = generator.system;
  if (symmetry && generator.approach === "global") {
    // The secular generator in the eigenbasis: H_S = diag(E) and the jumps' eigenbasis forms.
    const eigen = generator.eigen;
    const terms = eigenbasisTerms(generator);
    const charges: SectorCharge[] = [
      {
        name: "energy",
        values: eigen.values,
        tolerance: bohrTolerance(eigen.values, generator.bohrTolerance),
      },
    ];
    const labels = (eigen as Partial<BlockHermitianEigen>).blockLabels;
    if (system.charge && labels) charges.push({ name: "charge", values: labels, tolerance: 0.5 });
    verifySectorTerms(terms, charges);
    return { terms, charges, eigenbasis: true };
  }
  if (symmetry && system.charge) {
    const charges: SectorCharge[] = [
      { name: "charge", values: system.charge, tolerance: chargeTolerance(system.charge) },
    ];
    verifySectorTerms(generator.terms, charges);
    return { terms: generator.terms, charges, eigenbasis: false };
  }
  return { terms: generator.terms, charges: [], eigenbasis: false };
}

/**
 * An estimate of the real entries the sector assembly of these terms writes (before duplicates
 * are summed): every product of the factors' nonzeros, times the fraction of rows in the sector.
 * `terms` are those assembled, one-sided ones already summed (`collapseOneSided`).
 */
function predictSectorEntries(d: number, terms: readonly SandwichTerm[], sector: HermitianSector): number {
  // Each complex product (A_ik, B_lj) writes at most 4 real entries; a fraction unknowns/d^2 of
  // the rows is kept.
  let entries = 0;
  for (const t of terms) entries += factorEntries(t.left, d) * factorEntries(t.right, d);
  return Math.ceil((4 * entries * sector.unknowns) / (d * d));
}

/**
 * The real matrix of the sector's equations, with the equation Re (L rho)_00 replaced by the trace
 * condition sum_i rho_ii = 1 (so the system is nonsingular exactly when the steady state in the
 * sector is unique), and its right-hand side e_0. Refuses (ResourceError) before allocating when
 * the triplets would exceed `memoryLimit` bytes.
 */
export function assembleSectorMatrix(
  terms: readonly SandwichTerm[],
  sector: HermitianSector,
  memoryLimit: number,
): { matrix: RealCsrMatrix; rhs: Float64Array; traceRow: number } {
  const traceRow = sector.diagonal[0];
  const triplets = sectorTriplets(terms, sector, memoryLimit, "the steady-state equations", traceRow);
  const d = sector.dimension;
  for (let i = 0; i < d; i++) {
    if (sector.offset[i * d + i] >= 0) triplets.push(traceRow, sector.diagonal[i], 1);
  }
  const matrix = triplets.toCsr(sector.unknowns);
  const rhs = new Float64Array(sector.unknowns);
  rhs[traceRow] = 1;
  return { matrix, rhs, traceRow };
}

/**
 * The real matrix A of the generator on the sector's unknowns: x' = A x is the master equation
 * d rho/dt = L rho for a Hermitian rho inside the sector (what `sectorDynamics` integrates).
 * Refuses (ResourceError) before allocating when the triplets would exceed `memoryLimit` bytes.
 */
export function assembleSectorOperator(
  terms: readonly SandwichTerm[],
  sector: HermitianSector,
  memoryLimit: number,
): RealCsrMatrix {
  return sectorTriplets(terms, sector, memoryLimit, "the master equation on the sector", -1).toCsr(
    sector.unknowns,
  );
}

/** Growable (row, column, value) triplets that compress into a square real CSR matrix. */
class TripletBuffer {
  private rows: Int32Array;
  private cols: Int32Array;
  private vals: Float64Array;
  private count = 0;

  /** `cap`: the initial capacity (it doubles when full). */
  constructor(private cap: number) {
    this.rows = new Int32Array(cap);
    this.cols = new Int32Array(cap);
    this.vals = new Float64Array(cap);
  }

  push(r: number, c: number, v: number): void {
    if (v === 0) return;
    if (this.count === this.cap) {
      this.cap *= 2;
      const r2 = new Int32Array(this.cap);
      r2.set(this.rows);
      this.rows = r2;
      const c2 = new Int32Array(this.cap);
      c2.set(this.cols);
      this.cols = c2;
      const v2 = new Float64Array(this.cap);
      v2.set(this.vals);
      this.vals = v2;
    }
    this.rows[this.count] = r;
    this.cols[this.count] = c;
    this.vals[this.count] = v;
    this.count++;
  }

  toCsr(n: number): RealCsrMatrix {
    return realCsrFromTriplets(n, n, this.rows, this.cols, this.vals, this.count);
  }
}

/**
 * The triplets of the generator's real matrix on the sector, assembled from the terms without
 * forming L: for a term c A X B, the output entry (i, j) receives c A_ik B_lj rho_kl, and rho_kl
 * is (x_kl + i x'_kl) for k <= l, its conjugate for k > l. Row `skipRow` is left out (-1: none).
 * The one-sided terms are summed first (`collapseOneSided`: the Hamiltonian and every
 * L^dagger L become one K_L and one K_R), and a two-sided term visits only the rows i of A and the
 * columns j of B that hold nonzeros, so sparse jumps cost their products of nonzeros, not d^2 each.
 */
function sectorTriplets(
  terms: readonly SandwichTerm[],
  sector: HermitianSector,
  memoryLimit: number,
  what: string,
  skipRow: number,
): TripletBuffer {
  const d = sector.dimension;
  const { left, right, sandwiches } = collapseOneSided(terms, d);
  const assembled: SandwichTerm[] = [...sandwiches];
  if (left) assembled.push({ left, right: null, re: 1, im: 0 });
  if (right) assembled.push({ left: null, right, re: 1, im: 0 });
  const entries = predictSectorEntries(d, assembled, sector);
  const need = entries * (16 + 12);
  if (need > memoryLimit) {
    throw new ResourceError(
      `${what} (${sector.unknowns} real unknowns)`,
      need,
      memoryLimit,
      "declare a symmetry charge of the system, or a larger memoryLimit",
    );
  }
  const all = Int32Array.from({ length: d }, (_, i) => i);
  // The prediction counts a product once per term, so duplicates make it an upper bound; start
  // at a quarter of it (most sectors land near that) and grow.
  const out = new TripletBuffer(Math.max(64, Math.ceil(entries / 4) + d));
  for (const t of assembled) {
    const a = t.left ? operatorCsr(t.left) : null;
    const bT = t.right ? operatorTransposeCsr(t.right) : null; // columns of B as rows
    const rowsI = a ? nonemptyRows(a) : all;
    const colsJ = bT ? nonemptyRows(bT) : all;
    for (const i of rowsI) sectorRowTriplets(t.re, t.im, a, bT, i, colsJ, sector, skipRow, out);
  }
  return out;
}

/**
 * The triplets of row block i of one term c A X B (A = a, or the identity when null; B^T = bT)
 * over the columns j in colsJ, j >= i: the inner loops of `sectorTriplets` as a function of its
 * own, called once per row, which V8 optimises after a few calls (a cold assembly would otherwise
 * interpret them).
 */
function sectorRowTriplets(
  re: number,
  im: number,
  a: CsrMatrix | null,
  bT: CsrMatrix | null,
  i: number,
  colsJ: Int32Array,
  sector: HermitianSector,
  skipRow: number,
  out: TripletBuffer,
): void {
  const d = sector.dimension;
  const offset = sector.offset;
  for (const j of colsJ) {
    if (i > j) continue;
    const row = offset[i * d + j];
    if (row < 0) continue;
    const aStart = a ? a.rowStart[i] : i;
    const aEnd = a ? a.rowStart[i + 1] : i + 1;
    const bStart = bT ? bT.rowStart[j] : j;
    const bEnd = bT ? bT.rowStart[j + 1] : j + 1;
    for (let pa = aStart; pa < aEnd; pa++) {
      const k = a ? a.columns[pa] : i;
      const ar = a ? a.values[2 * pa] : 1;
      const ai = a ? a.values[2 * pa + 1] : 0;
      const sr = re * ar - im * ai;
      const si = re * ai + im * ar;
      for (let pb = bStart; pb < bEnd; pb++) {
        const l = bT ? bT.columns[pb] : j;
        const br = bT ? bT.values[2 * pb] : 1;
        const bi = bT ? bT.values[2 * pb + 1] : 0;
        // v = c A_ik B_lj
        const vr = sr * br - si * bi;
        const vi = sr * bi + si * br;
        const lo = Math.min(k, l);
        const hi = Math.max(k, l);
        const col = offset[lo * d + hi];
        if (col < 0) {
          throw new ParameterError(
            sector.charges.join(" and "),
            "conserved by the generator (a term couples the sector to the rest of Liouville space)",
          );
        }
        // rho_kl = x + i s x' with s = +1 (k < l) or -1 (k > l); x' absent on the diagonal.
        const s = k < l ? 1 : -1;
        if (row !== skipRow) out.push(row, col, vr);
        if (i < j) out.push(row + 1, col, vi);
        if (k !== l) {
          if (row !== skipRow) out.push(row, col + 1, -s * vi);
          if (i < j) out.push(row + 1, col + 1, s * vr);
        }
      }
    }
  }
}

/** The rows of a CSR matrix that hold at least one entry, ascending. */
function nonemptyRows(a: CsrMatrix): Int32Array {
  let n = 0;
  for (let i = 0; i < a.rows; i++) if (a.rowStart[i + 1] > a.rowStart[i]) n++;
  const out = new Int32Array(n);
  n = 0;
  for (let i = 0; i < a.rows; i++) if (a.rowStart[i + 1] > a.rowStart[i]) out[n++] = i;
  return out;
}

/** rho (d x d, in the basis of the terms) from the sector's real unknowns; zero outside the sector. */
export function sectorToMatrix(
  x: Float64Array,
  sector: HermitianSector,
  rho: ComplexMatrix = new ComplexMatrix(sector.dimension, sector.dimension),
): ComplexMatrix {
  const d = sector.dimension;
  rho.data.fill(0);
  for (let j = 0; j < d; j++) {
    for (let i = 0; i <= j; i++) {
      const o = sector.offset[i * d + j];
      if (o < 0) continue;
      if (i === j) {
        rho.data[2 * (i * d + i)] = x[o];
        continue;
      }
      rho.data[2 * (i * d + j)] = x[o];
      rho.data[2 * (i * d + j) + 1] = x[o + 1];
      rho.data[2 * (j * d + i)] = x[o];
      rho.data[2 * (j * d + i) + 1] = -x[o + 1];
    }
  }
  return rho;
}

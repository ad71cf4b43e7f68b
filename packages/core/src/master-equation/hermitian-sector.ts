import { ParameterError } from "../errors/parameter-error";
import { ResourceError } from "../errors/resource-error";
import { ComplexMatrix } from "../linalg/complex-matrix";
import type { CsrMatrix } from "../linalg/csr";
import type { BlockHermitianEigen } from "../linalg/hermitian-eigen";
import type { RealCsrMatrix } from "../linalg/sparse/real-csr";
import { operatorCsr, operatorTransposeCsr } from "../superoperators/operator-csr";
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
 * An upper bound of the entries of the sector's matrix: for each pair (i, j) of the sector, the
 * products of the nonzeros of row i of A and column j of B over the terms, each writing at most
 * two real entries into each of the pair's one or two rows, and no row longer than the sector;
 * row `traceRow` (-1: none) holds d entries instead.
 */
export function boundSectorEntries(
  factors: readonly SectorFactor[],
  sector: HermitianSector,
  traceRow: number,
): number {
  const d = sector.dimension;
  const n = sector.unknowns;
  let total = 0;
  for (let j = 0; j < d; j++) {
    for (let i = 0; i <= j; i++) {
      const row = sector.offset[i * d + j];
      if (row < 0) continue;
      let products = 0;
      for (const f of factors) products += rowEntries(f.a, i) * rowEntries(f.bT, j);
      const perRow = Math.min(2 * products, n);
      total += (row === traceRow ? d : perRow) + (i < j ? perRow : 0);
    }
  }
  return total;
}

/** Nonzeros in row i of a CSR factor (null: the identity, one). */
function rowEntries(m: CsrMatrix | null, i: number): number {
  return m ? m.rowStart[i + 1] - m.rowStart[i] : 1;
}

/**
 * The real matrix of the sector's equations, with the equation Re (L rho)_00 replaced by the trace
 * condition sum_i rho_ii = 1 (so the system is nonsingular exactly when the steady state in the
 * sector is unique), and its right-hand side e_0. Refuses (ResourceError) before allocating when
 * the matrix could exceed `memoryLimit` bytes.
 */
export function assembleSectorMatrix(
  terms: readonly SandwichTerm[],
  sector: HermitianSector,
  memoryLimit: number,
): { matrix: RealCsrMatrix; rhs: Float64Array; traceRow: number } {
  const traceRow = sector.diagonal[0];
  const matrix = assembleSectorRows(terms, sector, memoryLimit, "the steady-state equations", traceRow);
  const rhs = new Float64Array(sector.unknowns);
  rhs[traceRow] = 1;
  return { matrix, rhs, traceRow };
}

/**
 * The real matrix A of the generator on the sector's unknowns: x' = A x is the master equation
 * d rho/dt = L rho for a Hermitian rho inside the sector (what `sectorDynamics` integrates).
 * Refuses (ResourceError) before allocating when the matrix could exceed `memoryLimit` bytes.
 */
export function assembleSectorOperator(
  terms: readonly SandwichTerm[],
  sector: HermitianSector,
  memoryLimit: number,
): RealCsrMatrix {
  return assembleSectorRows(terms, sector, memoryLimit, "the master equation on the sector", -1);
}

/** One sandwich term c A X B with A in CSR and B as its transpose (null: the identity). */
export interface SectorFactor {
  readonly re: number;
  readonly im: number;
  readonly a: CsrMatrix | null;
  readonly bT: CsrMatrix | null;
}

/**
 * The terms as the sector assembly reads them: the one-sided terms summed first
 * (`collapseOneSided`: the Hamiltonian and every L^dagger L become one K_L and one K_R), each
 * factor in CSR (B as its transpose, so its columns are rows).
 */
export function sectorFactors(terms: readonly SandwichTerm[], d: number): SectorFactor[] {
  const { left, right, sandwiches } = collapseOneSided(terms, d);
  const assembled: SandwichTerm[] = [...sandwiches];
  if (left) assembled.push({ left, right: null, re: 1, im: 0 });
  if (right) assembled.push({ left: null, right, re: 1, im: 0 });
  return assembled.map((t) => ({
    re: t.re,
    im: t.im,
    a: t.left ? operatorCsr(t.left) : null,
    bT: t.right ? operatorTransposeCsr(t.right) : null,
  }));
}

/**
 * The generator's real matrix on the sector, assembled from the terms without forming L, one pair
 * (i, j), i <= j, at a time in the order of its rows (Gustavson's row-by-row accumulation, as in
 * sparse matrix products: Gustavson, ACM TOMS 4, 250 (1978)): for a term c A X B, the equations
 * of (L rho)_ij receive c A_ik B_lj rho_kl, where rho_kl is (x_kl + i x'_kl) for k <= l and its
 * conjugate for k > l. Each pair's one or two rows are summed in dense accumulators and written
 * with their columns sorted, so no triplets are kept and no global sort is needed (a Redfield
 * kernel's terms repeat each entry many times). The terms are read as `sectorFactors` gives
 * them, and a term contributes to pair (i, j) only through the nonzeros of row i of A and column
 * j of B; `boundSectorEntries` bounds the matrix's size before anything is allocated.
 * Row `traceRow` (-1: none) holds the trace condition sum_i Re rho_ii instead of its equation.
 */
function assembleSectorRows(
  terms: readonly SandwichTerm[],
  sector: HermitianSector,
  memoryLimit: number,
  what: string,
  traceRow: number,
): RealCsrMatrix {
  const d = sector.dimension;
  const n = sector.unknowns;
  const factors = sectorFactors(terms, d);
  const entries = boundSectorEntries(factors, sector, traceRow);
  // At most `entries` entries of 12 bytes, held twice at the end (the trimmed copy), and the
  // accumulators' 26 n bytes.
  const need = 24 * entries + 26 * n;
  if (need > memoryLimit) {
    throw new ResourceError(
      `${what} (${n} real unknowns)`,
      need,
      memoryLimit,
      "declare a symmetry charge of the system, or a larger memoryLimit",
    );
  }
  const rows = new SectorRows(n, entries);
  const offset = sector.offset;
  for (let j = 0; j < d; j++) {
    for (let i = 0; i <= j; i++) {
      const row = offset[i * d + j];
      if (row < 0) continue;
      for (const f of factors) accumulatePair(f, i, j, sector, row !== traceRow, rows);
      if (row === traceRow) rows.writeTraceRow(sector.diagonal);
      else rows.write(rows.real);
      if (i < j) rows.write(rows.imaginary);
    }
  }
  return rows.toCsr();
}

/**
 * The contributions of one term c A X B to the real equations of pair (i, j): to the real part's
 * row when `realRow` (not the trace row) and, for i < j, to the imaginary part's row. A function
 * of its own, called once per pair and term, which V8 optimises after a few calls.
 */
function accumulatePair(
  f: SectorFactor,
  i: number,
  j: number,
  sector: HermitianSector,
  realRow: boolean,
  rows: SectorRows,
): void {
  const { re, im, a, bT } = f;
  const aStart = a ? a.rowStart[i] : i;
  const aEnd = a ? a.rowStart[i + 1] : i + 1;
  const bStart = bT ? bT.rowStart[j] : j;
  const bEnd = bT ? bT.rowStart[j + 1] : j + 1;
  if (aStart === aEnd || bStart === bEnd) return;
  const d = sector.dimension;
  const offset = sector.offset;
  const real = rows.real;
  const imag = i < j ? rows.imaginary : null;
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
      const col = offset[Math.min(k, l) * d + Math.max(k, l)];
      if (col < 0) {
        throw new ParameterError(
          sector.charges.join(" and "),
          "conserved by the generator (a term couples the sector to the rest of Liouville space)",
        );
      }
      // rho_kl = x + i s x' with s = +1 (k < l) or -1 (k > l); x' absent on the diagonal.
      const s = k < l ? 1 : -1;
      if (realRow) {
        real.add(col, vr);
        if (k !== l) real.add(col + 1, -s * vi);
      }
      if (imag) {
        imag.add(col, vi);
        if (k !== l) imag.add(col + 1, s * vr);
      }
    }
  }
}

/** A dense accumulator of one sparse row: its values by column and the columns touched. */
export class RowAccumulator {
  readonly values: Float64Array;
  readonly touched: Int32Array;
  readonly seen: Uint8Array;
  count = 0;

  constructor(n: number) {
    this.values = new Float64Array(n);
    this.touched = new Int32Array(n);
    this.seen = new Uint8Array(n);
  }

  add(col: number, v: number): void {
    if (this.seen[col] === 0) {
      this.seen[col] = 1;
      this.touched[this.count++] = col;
    }
    this.values[col] += v;
  }
}

/** The CSR matrix of the sector written row by row, with the two accumulators of a pair. */
export class SectorRows {
  readonly real: RowAccumulator;
  readonly imaginary: RowAccumulator;
  private readonly rowStart: Int32Array;
  private columns: Int32Array;
  private values: Float64Array;
  private rowsWritten = 0;
  private size = 0;

  /** `n` rows and columns; `capacity`: room for the entries (it doubles when full). */
  constructor(
    private readonly n: number,
    capacity: number,
  ) {
    this.real = new RowAccumulator(n);
    this.imaginary = new RowAccumulator(n);
    this.rowStart = new Int32Array(n + 1);
    this.columns = new Int32Array(capacity);
    this.values = new Float64Array(capacity);
  }

  /** The next row from `acc`: its columns sorted, exact zeros dropped; `acc` is left empty. */
  write(acc: RowAccumulator): void {
    const m = acc.count;
    this.reserve(m);
    // A dense row's columns come in order from a scan of its marks (n steps, fewer than a sort).
    if (m * Math.log2(m + 1) > this.n) markedInOrder(acc.seen, this.n, acc.touched);
    else sortColumns(acc.touched, m);
    this.size = flushRow(acc.touched, m, acc.values, acc.seen, this.columns, this.values, this.size);
    acc.count = 0;
    this.rowStart[++this.rowsWritten] = this.size;
  }

  /** The next row as the trace condition: 1 at each diagonal unknown (ascending). */
  writeTraceRow(diagonal: Int32Array): void {
    this.reserve(diagonal.length);
    for (const c of diagonal) {
      this.columns[this.size] = c;
      this.values[this.size++] = 1;
    }
    this.rowStart[++this.rowsWritten] = this.size;
  }

  /** The matrix written; its arrays are trimmed copies unless the room left is under a quarter. */
  toCsr(): RealCsrMatrix {
    const trim = this.size < TRIM_FRACTION * this.columns.length;
    return {
      rows: this.n,
      cols: this.n,
      rowStart: this.rowStart,
      columns: trim ? this.columns.slice(0, this.size) : this.columns.subarray(0, this.size),
      values: trim ? this.values.slice(0, this.size) : this.values.subarray(0, this.size),
    };
  }

  private reserve(m: number): void {
    if (this.size + m <= this.columns.length) return;
    const cap = Math.max(2 * this.columns.length, this.size + m);
    const columns = new Int32Array(cap);
    columns.set(this.columns.subarray(0, this.size));
    this.columns = columns;
    const values = new Float64Array(cap);
    values.set(this.values.subarray(0, this.size));
    this.values = values;
  }
}

/**
 * `SectorRows.toCsr` copies its arrays to their used length when less than this fraction is
 * used, and otherwise returns views (the copy of a dense Redfield matrix took a second).
 */
const TRIM_FRACTION = 0.75;

/** Rows longer than this are sorted by the engine's sort; shorter ones by insertion. */
const INSERTION_SORT_MAX = 32;

/** cols[0..m) ascending. */
function sortColumns(cols: Int32Array, m: number): void {
  if (m > INSERTION_SORT_MAX) {
    cols.subarray(0, m).sort();
    return;
  }
  for (let p = 1; p < m; p++) {
    const c = cols[p];
    let q = p - 1;
    while (q >= 0 && cols[q] > c) {
      cols[q + 1] = cols[q];
      q--;
    }
    cols[q + 1] = c;
  }
}

/** The columns c < n with seen[c] set, ascending, into cols. */
function markedInOrder(seen: Uint8Array, n: number, cols: Int32Array): void {
  let m = 0;
  for (let c = 0; c < n; c++) if (seen[c] !== 0) cols[m++] = c;
}

/**
 * Append the accumulated entries of the sorted columns cols[0..m) at position `size` of
 * (columns, values), dropping exact zeros, and clear the accumulator; returns the new size.
 */
function flushRow(
  cols: Int32Array,
  m: number,
  acc: Float64Array,
  seen: Uint8Array,
  columns: Int32Array,
  values: Float64Array,
  size: number,
): number {
  let at = size;
  for (let p = 0; p < m; p++) {
    const c = cols[p];
    const v = acc[c];
    acc[c] = 0;
    seen[c] = 0;
    if (v === 0) continue;
    columns[at] = c;
    values[at++] = v;
  }
  return at;
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

import { ParameterError } from "../errors/parameter-error";
import { ComplexMatrix } from "../linalg/complex-matrix";
import { hermitianEigen } from "../linalg/hermitian-eigen";
import { dagger, matmul } from "../linalg/kernels";
import { realDotAt } from "../linalg/real-vector";
import type { RealCsrMatrix } from "../linalg/sparse/real-csr";
import type { HermitianSector } from "../master-equation/hermitian-sector";
import { type OperatorFactor, operatorCsr } from "../superoperators/operator-csr";
import type { SandwichTerm } from "../superoperators/sandwich-terms";

// A preconditioner for the steady-state equations from the no-jump part of the generator, swept
// over the classes of the symmetry sector in block Gauss-Seidel order with the jump terms.
//
// Split the generator as L X = K X + X K^dagger + J(X): K = -i H - (1/2) Gamma collects the terms
// with only a left factor (H the Hamiltonian, Gamma = sum_k rate_k L_k^dagger L_k the decay
// operator: K = -i H_eff with the effective non-Hermitian Hamiltonian of the quantum-jump
// unravelling; Dalibard, Castin & Molmer, PRL 68, 580 (1992); Plenio & Knight, RMP 70, 101 (1998)), and
// J the "jump" terms c A X B. For weak dissipation J is of the order of the decay rates, as is
// Gamma, while the spectrum of H sets the fast scale; the Sylvester operator
// M X = K X + X K^dagger captures the fast part exactly and the slow part up to J.
//
// M is inverted in the eigenbasis of an approximation K' of K: with H = V E V^dagger, the blocks
// of V^dagger Gamma V joining different energies are dropped and each degenerate block is
// diagonalised, so K' = U diag(lambda) U^dagger with U unitary and
// lambda_a = -i E_a - gamma_a / 2. Then M'^-1 R = U [ (U^dagger R U)_ab / (lambda_a + conj lambda_b) ] U^dagger:
// the Sylvester equation K' X + X K'^dagger = R solved in the eigenbasis of K' (Bartels & Stewart,
// Comm. ACM 15 (1972) 820, use Schur forms; K' is normal, so its eigenbasis is unitary).
// Only Hermitian eigenproblems are solved, per class of the symmetry sector (K does not join
// classes), so the set-up costs the sum of the classes' cubes and one application about eight
// real products of each class's size.
//
// K acts within a class; the jumps carry weight between classes (a decay moves an excitation
// down: class q feeds class q - 1). Given the sector's equations, the preconditioner solves the
// classes one after the other and moves the jump terms from the classes already solved to the
// right-hand side: one forward block Gauss-Seidel sweep (Saad, Iterative Methods for Sparse Linear
// Systems, 2nd ed. (2003), section 4.1) with M' in place of each diagonal block. The sweep starts
// at the class that holds the trace condition (so that row, which is not an equation of the
// generator, takes no jump) and moves away from it in mean energy. That order
// was measured, not derived: on the XX chain (local and global, T from 0.2 to 10) and on the
// coupled oscillators' Fock path it took as many GMRES steps as ending there, or fewer (down to a
// fifth). With it, GMRES on the XX chain with weak end baths needs
// 21 steps at N = 6, 25 at N = 7 and 32 at N = 8 to a relative residual of 1e-14 (42, 54 and 67
// with M' alone), and on the oscillators' local Fock path 38 at nmax = 12 and 47 at nmax = 20 (81
// and 101). A sweep adds one product with the jump entries of the sparse equations (copied per
// class at set-up, contiguous) to the dense class products.

/** Levels closer than this fraction of the largest |E| are one degenerate group. */
export const NO_JUMP_DEGENERACY = 1e-9;
/**
 * Denominators lambda_a + conj lambda_b whose real part is above -NO_JUMP_SHIFT times the largest
 * decay rate are moved to that value (a state that does not decay, e.g. the ground state with
 * baths at T = 0, would otherwise divide by zero; only the preconditioner changes, not the
 * equations).
 */
export const NO_JUMP_SHIFT = 1e-3;

/** One class of the sector: its basis states and the eigen-decomposition of K' restricted to it. */
interface ClassFactor {
  readonly states: Int32Array;
  /** U and U^T, row-major n x n, real and imaginary parts (null when U is real). */
  readonly u: Float64Array;
  readonly uT: Float64Array;
  readonly uIm: Float64Array | null;
  readonly uTIm: Float64Array | null;
  /** Real and imaginary parts of 1 / (lambda_a + conj lambda_b), row-major. */
  readonly invRe: Float64Array;
  readonly invIm: Float64Array;
}

/** The sector's equations, whose jump terms the block Gauss-Seidel sweep uses. */
export interface SectorEquations {
  /** The real matrix of the equations on the sector's unknowns. */
  readonly matrix: RealCsrMatrix;
  /**
   * The row that holds the trace condition instead of an equation of the generator (a diagonal
   * unknown of the sector), or -1 for none. The sweep starts at its class, where no jump is moved,
   * so the row is left to M'.
   */
  readonly traceRow: number;
}

/**
 * The entries of a class's equations that join it to other classes (the jumps between classes),
 * row by row in the order of the class's unknowns: compressed rows, stored contiguously so a
 * sweep reads them in order.
 */
interface ClassCoupling {
  readonly rowStart: Int32Array;
  readonly columns: Int32Array;
  readonly values: Float64Array;
}

/** The coupling of the first class of a sweep, which is never read. */
const NO_COUPLING: ClassCoupling = Object.freeze({
  rowStart: new Int32Array(1),
  columns: new Int32Array(0),
  values: new Float64Array(0),
});

/** The block Gauss-Seidel sweep: each class's unknowns and jumps, and the order of the classes. */
interface Sweep {
  /** Unknown indices of each class (the rows of its equations). */
  readonly unknowns: Int32Array[];
  /** The entries of each class's rows in the columns of other classes. */
  readonly couplings: ClassCoupling[];
  /** Classes in sweep order (see `sweepOrder`). */
  readonly order: Int32Array;
  /** The right-hand side of each class after the jumps from the solved classes are moved to it. */
  readonly rhs: Float64Array;
}

/** Applies the preconditioner to the sector's real vectors (see the file comment). */
export class NoJumpPreconditioner {
  private readonly factors: ClassFactor[];
  private readonly work: Float64Array[];

  private constructor(
    private readonly sector: HermitianSector,
    factors: ClassFactor[],
    private readonly sweep: Sweep | null,
  ) {
    this.factors = factors;
    const largest = Math.max(0, ...factors.map((f) => f.states.length));
    this.work = Array.from({ length: 6 }, () => new Float64Array(largest * largest));
  }

  /**
   * The preconditioner of a generator given by its terms, on the sector's unknowns; null when the
   * one-sided terms are not of the form K X + X K^dagger (the generator does not preserve
   * Hermiticity term by term), so the caller falls back to another preconditioner. With the
   * sector's `equations`, it sweeps the classes in block Gauss-Seidel order; without, it applies
   * M'^-1 alone.
   */
  static build(
    terms: readonly SandwichTerm[],
    sector: HermitianSector,
    equations?: SectorEquations,
  ): NoJumpPreconditioner | null {
    const d = sector.dimension;
    const classes = classStates(sector);
    const local = new Int32Array(d);
    for (const states of classes) for (let a = 0; a < states.length; a++) local[states[a]] = a;
    const kLeft = classes.map((s) => new ComplexMatrix(s.length, s.length));
    const kRight = classes.map((s) => new ComplexMatrix(s.length, s.length));
    for (const t of terms) {
      if (t.left && t.right) continue;
      const target = t.left ? kLeft : kRight;
      const csr = operatorCsr((t.left ?? t.right) as OperatorFactor);
      for (let i = 0; i < d; i++) {
        const c = sector.classOf[i];
        const m = target[c];
        for (let p = csr.rowStart[i]; p < csr.rowStart[i + 1]; p++) {
          const k = csr.columns[p];
          if (sector.classOf[k] !== c) continue; // zero by the sector's verification
          const vr = csr.values[2 * p];
          const vi = csr.values[2 * p + 1];
          const at = 2 * (local[i] * m.cols + local[k]);
          m.data[at] += t.re * vr - t.im * vi;
          m.data[at + 1] += t.re * vi + t.im * vr;
        }
      }
    }
    let scale = 0;
    for (const m of kLeft) for (const x of m.data) scale = Math.max(scale, Math.abs(x));
    if (!(scale > 0)) return null;
    for (let c = 0; c < classes.length; c++) {
      if (!isAdjoint(kLeft[c], kRight[c], 1e-12 * scale)) return null;
    }
    const parts = kLeft.map(splitHermitian);
    let energyScale = 0;
    let rateScale = 0;
    for (const { h, gamma } of parts) {
      for (let a = 0; a < h.rows; a++) {
        energyScale = Math.max(energyScale, Math.abs(h.re(a, a)));
        rateScale = Math.max(rateScale, Math.abs(gamma.re(a, a)));
      }
    }
    if (!(rateScale > 0)) return null;
    const groupTolerance = NO_JUMP_DEGENERACY * Math.max(energyScale, rateScale);
    const shift = NO_JUMP_SHIFT * rateScale;
    const factors = classes.map((states, c) =>
      classFactor(states, parts[c].h, parts[c].gamma, groupTolerance, shift),
    );
    const traceState =
      equations && equations.traceRow >= 0 ? sector.diagonal.indexOf(equations.traceRow) : -1;
    if (equations && equations.traceRow >= 0 && traceState < 0) {
      throw new ParameterError(
        "equations.traceRow",
        "a diagonal unknown of the sector, or -1",
        equations.traceRow,
      );
    }
    let sweep: Sweep | null = null;
    // One class: no jump joins classes, and the sweep would be M'^-1 with an idle product.
    if (equations && classes.length > 1) {
      const unknowns = classes.map((states) => classUnknowns(states, sector));
      const classOfUnknown = new Int32Array(sector.unknowns);
      unknowns.forEach((u, c) => {
        for (const k of u) classOfUnknown[k] = c;
      });
      const order = sweepOrder(
        parts.map((p) => p.h),
        traceState >= 0 ? sector.classOf[traceState] : -1,
      );
      sweep = {
        unknowns,
        // The first class of the sweep takes no jumps (nothing is solved before it).
        couplings: unknowns.map((u, c) =>
          c === order[0] ? NO_COUPLING : classCoupling(equations.matrix, u, classOfUnknown, c),
        ),
        order,
        rhs: new Float64Array(sector.unknowns),
      };
    }
    return new NoJumpPreconditioner(sector, factors, sweep);
  }

  /**
   * out = P^-1 v on the sector's real vectors (v is read as the Hermitian matrix it packs): M'^-1 v
   * class by class, or, with the equations, the block Gauss-Seidel sweep. `out` must not alias `v`.
   */
  applyInto(out: Float64Array, v: Float64Array): void {
    const sweep = this.sweep;
    if (!sweep) {
      for (const f of this.factors) this.solveClass(f, v, out);
      return;
    }
    // Classes not yet solved hold zero, so each class's coupling rows take the solved classes
    // only; the first class has none to take.
    out.fill(0);
    const { couplings, order, rhs } = sweep;
    this.solveClass(this.factors[order[0]], v, out);
    for (let k = 1; k < order.length; k++) {
      const c = order[k];
      movedJumpsInto(rhs, v, couplings[c], out, sweep.unknowns[c]);
      this.solveClass(this.factors[c], rhs, out);
    }
  }

  /** The entries of one class of out = M'^-1 v. */
  private solveClass(f: ClassFactor, v: Float64Array, out: Float64Array): void {
    const { offset, dimension: d } = this.sector;
    const [re, im, tRe, tIm, sRe, sIm] = this.work;
    const n = f.states.length;
    const states = f.states;
    gatherClass(v, offset, d, states, re, im);
    // T = U^dagger R U, divided entrywise by lambda_a + conj lambda_b, then X = U T U^dagger.
    // The products take their right factor transposed (see complexProduct).
    complexProduct(n, re, im, 1, f.uT, f.uTIm, 1, sRe, sIm); // P = R U
    transposeInto(n, sRe, sIm, re, im); // P^T
    complexProduct(n, f.uT, f.uTIm, -1, re, im, 1, tRe, tIm, true); // T = U^dagger P
    mirrorLower(n, tRe, tIm);
    multiplyEntrywise(n * n, tRe, tIm, f.invRe, f.invIm);
    complexProduct(n, tRe, tIm, 1, f.u, f.uIm, -1, sRe, sIm); // S = T U^dagger
    transposeInto(n, sRe, sIm, tRe, tIm); // S^T
    complexProduct(n, f.u, f.uIm, 1, tRe, tIm, 1, re, im, true); // X = U S (upper triangle read)
    scatterClass(re, im, offset, d, states, out);
  }
}

// The loops of applyInto are small module-level kernels: V8 optimises them after a few calls,
// where loops inlined in the method would run interpreted through a cold solve.

/**
 * rhs_u = v_u - (A x)_u for the unknowns u of one class, A restricted to the class's coupling to
 * other classes: the jump terms from the classes already solved moved to the right-hand side (x is
 * zero on the classes not yet solved).
 */
function movedJumpsInto(
  rhs: Float64Array,
  v: Float64Array,
  coupling: ClassCoupling,
  x: Float64Array,
  unknowns: Int32Array,
): void {
  const { rowStart, columns, values } = coupling;
  for (let k = 0; k < unknowns.length; k++) {
    let s = 0;
    for (let p = rowStart[k]; p < rowStart[k + 1]; p++) s += values[p] * x[columns[p]];
    rhs[unknowns[k]] = v[unknowns[k]] - s;
  }
}

/** The entries of the rows `unknowns` of A whose columns lie outside class c (see ClassCoupling). */
function classCoupling(
  a: RealCsrMatrix,
  unknowns: Int32Array,
  classOfUnknown: Int32Array,
  c: number,
): ClassCoupling {
  const rowStart = new Int32Array(unknowns.length + 1);
  for (let k = 0; k < unknowns.length; k++) {
    rowStart[k + 1] = rowStart[k] + countOutside(a, unknowns[k], classOfUnknown, c);
  }
  const columns = new Int32Array(rowStart[unknowns.length]);
  const values = new Float64Array(rowStart[unknowns.length]);
  for (let k = 0; k < unknowns.length; k++) {
    copyOutside(a, unknowns[k], classOfUnknown, c, columns, values, rowStart[k]);
  }
  return { rowStart, columns, values };
}

/** The entries of row u of A in columns outside class c. */
function countOutside(a: RealCsrMatrix, u: number, classOfUnknown: Int32Array, c: number): number {
  let n = 0;
  for (let p = a.rowStart[u]; p < a.rowStart[u + 1]; p++) if (classOfUnknown[a.columns[p]] !== c) n++;
  return n;
}

/** Copy the entries of row u of A in columns outside class c to position `at` on. */
function copyOutside(
  a: RealCsrMatrix,
  u: number,
  classOfUnknown: Int32Array,
  c: number,
  columns: Int32Array,
  values: Float64Array,
  at: number,
): void {
  for (let p = a.rowStart[u]; p < a.rowStart[u + 1]; p++) {
    if (classOfUnknown[a.columns[p]] === c) continue;
    columns[at] = a.columns[p];
    values[at++] = a.values[p];
  }
}

/** The unknown indices of a class: Re rho_ab for a <= b and Im rho_ab for a < b, over its states. */
function classUnknowns(states: Int32Array, sector: HermitianSector): Int32Array {
  const n = states.length;
  const d = sector.dimension;
  const out = new Int32Array(n * n);
  let k = 0;
  for (let a = 0; a < n; a++) {
    out[k++] = sector.offset[states[a] * d + states[a]];
    for (let b = a + 1; b < n; b++) {
      const o = sector.offset[states[a] * d + states[b]];
      out[k++] = o;
      out[k++] = o + 1;
    }
  }
  return out;
}

/**
 * The sweep order: the classes by the distance of their mean energy (tr H / n) from that of class
 * `first`, nearest first (ties keep class order); the highest mean energy first when `first` is -1.
 */
function sweepOrder(h: readonly ComplexMatrix[], first: number): Int32Array {
  const mean = h.map((m) => {
    let t = 0;
    for (let a = 0; a < m.rows; a++) t += m.re(a, a);
    return t / m.rows;
  });
  const from = first >= 0 ? mean[first] : Math.max(...mean);
  const distance = mean.map((e) => Math.abs(e - from));
  // `first` leads even when another class has the same mean energy.
  const rank = (c: number) => (c === first ? -1 : distance[c]);
  const order = Array.from(h.keys()).sort((x, y) => rank(x) - rank(y) || x - y);
  return Int32Array.from(order);
}

/** R (row-major, split re/im) of one class from the sector's packed real vector v. */
function gatherClass(
  v: Float64Array,
  offset: Int32Array,
  d: number,
  states: Int32Array,
  re: Float64Array,
  im: Float64Array,
): void {
  const n = states.length;
  for (let a = 0; a < n; a++) {
    const row = states[a] * d;
    re[a * n + a] = v[offset[row + states[a]]];
    im[a * n + a] = 0;
    for (let b = a + 1; b < n; b++) {
      const o = offset[row + states[b]];
      re[a * n + b] = v[o];
      im[a * n + b] = v[o + 1];
      re[b * n + a] = v[o];
      im[b * n + a] = -v[o + 1];
    }
  }
}

/** The upper triangle of X (row-major, split re/im) of one class into the packed real vector out. */
function scatterClass(
  re: Float64Array,
  im: Float64Array,
  offset: Int32Array,
  d: number,
  states: Int32Array,
  out: Float64Array,
): void {
  const n = states.length;
  for (let a = 0; a < n; a++) {
    const row = states[a] * d;
    out[offset[row + states[a]]] = re[a * n + a];
    for (let b = a + 1; b < n; b++) {
      const o = offset[row + states[b]];
      out[o] = re[a * n + b];
      out[o + 1] = im[a * n + b];
    }
  }
}

/** (re + i im)_k *= (fRe + i fIm)_k for k < count. */
function multiplyEntrywise(
  count: number,
  re: Float64Array,
  im: Float64Array,
  fRe: Float64Array,
  fIm: Float64Array,
): void {
  for (let k = 0; k < count; k++) {
    const xr = re[k];
    const xi = im[k];
    re[k] = xr * fRe[k] - xi * fIm[k];
    im[k] = xr * fIm[k] + xi * fRe[k];
  }
}

/** The basis states of each class of the sector, ascending. */
function classStates(sector: HermitianSector): Int32Array[] {
  const counts: number[] = [];
  for (const c of sector.classOf) counts[c] = (counts[c] ?? 0) + 1;
  const out = counts.map((n) => new Int32Array(n));
  const fill = new Int32Array(counts.length);
  for (let i = 0; i < sector.classOf.length; i++) {
    const c = sector.classOf[i];
    out[c][fill[c]++] = i;
  }
  return out;
}

function isAdjoint(a: ComplexMatrix, b: ComplexMatrix, tolerance: number): boolean {
  const n = a.rows;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (Math.abs(a.re(i, j) - b.re(j, i)) > tolerance) return false;
      if (Math.abs(a.im(i, j) + b.im(j, i)) > tolerance) return false;
    }
  }
  return true;
}

/** H = i (K - K^dagger) / 2 and Gamma = -(K + K^dagger), both Hermitian. */
function splitHermitian(k: ComplexMatrix): { h: ComplexMatrix; gamma: ComplexMatrix } {
  const n = k.rows;
  const x = k.data;
  const h = new ComplexMatrix(n, n);
  const gamma = new ComplexMatrix(n, n);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      const ab = 2 * (a * n + b);
      const ba = 2 * (b * n + a);
      h.data[ab] = -(x[ab + 1] + x[ba + 1]) / 2;
      h.data[ab + 1] = (x[ab] - x[ba]) / 2;
      gamma.data[ab] = -(x[ab] + x[ba]);
      gamma.data[ab + 1] = -(x[ab + 1] - x[ba + 1]);
    }
  }
  return { h, gamma };
}

function classFactor(
  states: Int32Array,
  h: ComplexMatrix,
  gamma: ComplexMatrix,
  groupTolerance: number,
  shift: number,
): ClassFactor {
  const n = states.length;
  const { values: energies, vectors: v } = hermitianEigen(h);
  // Gamma in the eigenbasis of H, then diagonalised inside each group of (near-)equal energies.
  // The loops are small kernels (V8 optimises them after a few calls; this function runs once
  // per class, so loops inlined here would run interpreted).
  const gt = matmul(dagger(v), matmul(gamma, v));
  const u = new ComplexMatrix(n, n);
  const rates = new Float64Array(n);
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && energies[end] - energies[end - 1] <= groupTolerance) end++;
    const m = end - start;
    if (m === 1) {
      // A level of its own: its decay rate is the diagonal entry, its column that of V.
      rates[start] = gt.data[2 * (start * n + start)];
      groupColumnsInto(u.data, v.data, ONE, n, start, 1);
    } else {
      const w = hermitianEigen(diagonalBlock(gt, start, m));
      rates.set(w.values, start);
      groupColumnsInto(u.data, v.data, w.vectors.data, n, start, m);
    }
    start = end;
  }
  const invRe = new Float64Array(n * n);
  const invIm = new Float64Array(n * n);
  inverseDenominatorsInto(invRe, invIm, rates, energies, shift, n);
  const uRe = new Float64Array(n * n);
  const uIm = new Float64Array(n * n);
  const uTRe = new Float64Array(n * n);
  const uTIm = new Float64Array(n * n);
  const real = splitAndTranspose(u.data, n, uRe, uIm, uTRe, uTIm);
  return {
    states,
    u: uRe,
    uT: uTRe,
    uIm: real ? null : uIm,
    uTIm: real ? null : uTIm,
    invRe,
    invIm,
  };
}

/**
 * C = A B for n x n row-major matrices in split real/imaginary form, given A and the transpose
 * Bt = B^T (rows of Bt are columns of B, so every inner product runs along rows). The imaginary
 * parts of A and Bt are multiplied by `aSign` and `bSign` (U^T with -1 is U^dagger). A null
 * imaginary part is zero. With `upper`, only C_ij with j >= i (and some next to the diagonal) is
 * computed: for a product known to be Hermitian.
 */
function complexProduct(
  n: number,
  aRe: Float64Array,
  aIm: Float64Array | null,
  aSign: number,
  btRe: Float64Array,
  btIm: Float64Array | null,
  bSign: number,
  cRe: Float64Array,
  cIm: Float64Array,
  upper = false,
): void {
  cRe.fill(0, 0, n * n);
  cIm.fill(0, 0, n * n);
  accumulateProduct(n, aRe, btRe, cRe, 1, upper);
  if (btIm) accumulateProduct(n, aRe, btIm, cIm, bSign, upper);
  if (aIm) {
    if (btIm) accumulateProduct(n, aIm, btIm, cRe, -aSign * bSign, upper);
    accumulateProduct(n, aIm, btRe, cIm, aSign, upper);
  }
}

/** Complete a Hermitian matrix from its upper triangle. */
function mirrorLower(n: number, re: Float64Array, im: Float64Array): void {
  for (let i = 0; i < n; i++) {
    im[i * n + i] = 0;
    for (let j = i + 1; j < n; j++) {
      re[j * n + i] = re[i * n + j];
      im[j * n + i] = -im[i * n + j];
    }
  }
}

function transposeInto(
  n: number,
  re: Float64Array,
  im: Float64Array,
  outRe: Float64Array,
  outIm: Float64Array,
) {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      outRe[j * n + i] = re[i * n + j];
      outIm[j * n + i] = im[i * n + j];
    }
  }
}

/** The m x m diagonal block of a square complex matrix from row and column `start`. */
function diagonalBlock(g: ComplexMatrix, start: number, m: number): ComplexMatrix {
  const n = g.rows;
  const block = new ComplexMatrix(m, m);
  for (let a = 0; a < m; a++) {
    const from = 2 * ((start + a) * n + start);
    block.data.set(g.data.subarray(from, from + 2 * m), 2 * a * m);
  }
  return block;
}

/** The 1 x 1 identity, interleaved complex: a level of its own keeps its column of V. */
const ONE = Float64Array.of(1, 0);

/** Columns start..start+m-1 of U = V W, W the m x m eigenvectors of a group (interleaved). */
function groupColumnsInto(
  u: Float64Array,
  v: Float64Array,
  w: Float64Array,
  n: number,
  start: number,
  m: number,
): void {
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < m; c++) {
      let sr = 0;
      let si = 0;
      for (let k = 0; k < m; k++) {
        const p = 2 * (r * n + start + k);
        const q = 2 * (k * m + c);
        sr += v[p] * w[q] - v[p + 1] * w[q + 1];
        si += v[p] * w[q + 1] + v[p + 1] * w[q];
      }
      u[2 * (r * n + start + c)] = sr;
      u[2 * (r * n + start + c) + 1] = si;
    }
  }
}

/**
 * 1 / (lambda_a + conj lambda_b) = 1 / (-(gamma_a + gamma_b) / 2 - i (E_a - E_b)), real and
 * imaginary parts, row-major; the real part of the denominator is capped at -shift.
 */
function inverseDenominatorsInto(
  invRe: Float64Array,
  invIm: Float64Array,
  rates: Float64Array,
  energies: Float64Array,
  shift: number,
  n: number,
): void {
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      const dr = Math.min(-(rates[a] + rates[b]) / 2, -shift);
      const di = -(energies[a] - energies[b]);
      const q = dr * dr + di * di;
      invRe[a * n + b] = dr / q;
      invIm[a * n + b] = -di / q;
    }
  }
}

/**
 * The interleaved n x n complex matrix u split into real and imaginary parts, and the same
 * transposed; true when every imaginary part is zero.
 */
function splitAndTranspose(
  u: Float64Array,
  n: number,
  re: Float64Array,
  im: Float64Array,
  tRe: Float64Array,
  tIm: Float64Array,
): boolean {
  let real = true;
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      const x = u[2 * (a * n + b)];
      const y = u[2 * (a * n + b) + 1];
      re[a * n + b] = x;
      im[a * n + b] = y;
      tRe[b * n + a] = x;
      tIm[b * n + a] = y;
      if (y !== 0) real = false;
    }
  }
  return real;
}

/**
 * C += s A Bt^T for row-major n x n matrices: C_ij += s sum_k A_ik Bt_jk, in 4 x 4 blocks of C so
 * each loaded quartet of rows serves sixteen inner products (measured here at 1.2 to 1.5 times the
 * speed of 2 x 2 blocks, n = 35 to 252, in isolation); the last n mod 4 rows and columns by single inner
 * products. With `upper`, the blocks below the diagonal are skipped. The inner products are small
 * kernels (accumulateBlock, realDotAt): V8 optimises those after a few calls, so even the first,
 * cold application runs its flops in optimised code while this loop nest is still interpreted.
 */
function accumulateProduct(
  n: number,
  a: Float64Array,
  bt: Float64Array,
  c: Float64Array,
  s: number,
  upper: boolean,
): void {
  const n4 = n - (n % 4);
  for (let i = 0; i < n4; i += 4) {
    const a0 = i * n;
    for (let j = upper ? i : 0; j < n4; j += 4) accumulateBlock(a, a0, bt, j * n, n, c, a0 + j, s);
    for (let j = n4; j < n; j++) {
      for (let r = 0; r < 4; r++) c[a0 + r * n + j] += s * realDotAt(a, a0 + r * n, bt, j * n, n);
    }
  }
  for (let i = n4; i < n; i++) {
    const a0 = i * n;
    for (let j = upper ? i : 0; j < n; j++) c[a0 + j] += s * realDotAt(a, a0, bt, j * n, n);
  }
}

/**
 * The 4 x 4 block of C at c0 (rows c0 / n to c0 / n + 3, columns c0 % n to c0 % n + 3) plus s
 * times the inner products of A's rows from a0 (and the next three) with Bt's rows from b0 (and
 * the next three).
 */
function accumulateBlock(
  a: Float64Array,
  a0: number,
  bt: Float64Array,
  b0: number,
  n: number,
  c: Float64Array,
  c0: number,
  s: number,
): void {
  const a1 = a0 + n;
  const a2 = a1 + n;
  const a3 = a2 + n;
  const b1 = b0 + n;
  const b2 = b1 + n;
  const b3 = b2 + n;
  let s00 = 0;
  let s01 = 0;
  let s02 = 0;
  let s03 = 0;
  let s10 = 0;
  let s11 = 0;
  let s12 = 0;
  let s13 = 0;
  let s20 = 0;
  let s21 = 0;
  let s22 = 0;
  let s23 = 0;
  let s30 = 0;
  let s31 = 0;
  let s32 = 0;
  let s33 = 0;
  for (let k = 0; k < n; k++) {
    const x0 = a[a0 + k];
    const x1 = a[a1 + k];
    const x2 = a[a2 + k];
    const x3 = a[a3 + k];
    const y0 = bt[b0 + k];
    const y1 = bt[b1 + k];
    const y2 = bt[b2 + k];
    const y3 = bt[b3 + k];
    s00 += x0 * y0;
    s01 += x0 * y1;
    s02 += x0 * y2;
    s03 += x0 * y3;
    s10 += x1 * y0;
    s11 += x1 * y1;
    s12 += x1 * y2;
    s13 += x1 * y3;
    s20 += x2 * y0;
    s21 += x2 * y1;
    s22 += x2 * y2;
    s23 += x2 * y3;
    s30 += x3 * y0;
    s31 += x3 * y1;
    s32 += x3 * y2;
    s33 += x3 * y3;
  }
  const c1 = c0 + n;
  const c2 = c1 + n;
  const c3 = c2 + n;
  c[c0] += s * s00;
  c[c0 + 1] += s * s01;
  c[c0 + 2] += s * s02;
  c[c0 + 3] += s * s03;
  c[c1] += s * s10;
  c[c1 + 1] += s * s11;
  c[c1 + 2] += s * s12;
  c[c1 + 3] += s * s13;
  c[c2] += s * s20;
  c[c2 + 1] += s * s21;
  c[c2 + 2] += s * s22;
  c[c2 + 3] += s * s23;
  c[c3] += s * s30;
  c[c3 + 1] += s * s31;
  c[c3 + 2] += s * s32;
  c[c3 + 3] += s * s33;
}

import type { ComplexMatrix } from "../linalg/complex-matrix";
import type { CsrMatrix } from "../linalg/csr";
import type { LiouvilleOperator } from "../superoperators/liouville-operator";
import { vecIndex } from "../superoperators/vectorize";

// The packed state of a Hermitian d x d matrix X: its upper triangle (i <= j), column by column,
//   (0,0), (0,1), (1,1), (0,2), (1,2), (2,2), ...,   packed index p(i, j) = j (j + 1) / 2 + i,
// as interleaved complex numbers: m = d (d + 1) / 2 entries, d (d + 1) doubles. The entries below
// the diagonal are the conjugates X[j][i] = conj(X[i][j]). The diagonal keeps its (rounding)
// imaginary part, so that pack and unpack are exact inverses on Hermitian matrices.

/** Index of element (i, j), i <= j, inside the packed upper triangle (complex entries). */
export function packedIndex(i: number, j: number): number {
  return (j * (j + 1)) / 2 + i;
}

/**
 * The master equation on a packed real parametrisation of a Hermitian rho, for integrators whose
 * vector work matters as much as the RHS: the packed upper triangle (`packedDynamics`, half the
 * state of d vec(rho)/dt = L vec(rho)), or the real unknowns of a symmetry sector
 * (`evolutionDynamics`).
 */
export interface PackedDynamics {
  /** Hilbert-space dimension d. */
  readonly dimension: number;
  /** Length of a packed state in doubles: d (d + 1) for the upper triangle, fewer in a sector. */
  readonly size: number;
  /** The symmetry sector integrated, or null for the whole upper triangle. */
  readonly sector: {
    readonly charges: readonly string[];
    /** Real unknowns of the sector (= size). */
    readonly unknowns: number;
    /** d^2: the real unknowns without symmetry. */
    readonly fullUnknowns: number;
    /** The unknowns are entries of rho in the eigenbasis of H_S (global), not the original basis. */
    readonly eigenbasis: boolean;
  } | null;
  /** The packed state of a Hermitian d x d matrix in the original basis (upper triangle read). */
  pack(rho: ComplexMatrix, out?: Float64Array): Float64Array;
  /** vec(rho) (column stacking, interleaved, length 2 d^2, original basis) of the packed state y. */
  unpack(y: Float64Array, outVec: Float64Array): Float64Array;
  /**
   * rho itself (a d x d matrix, original basis) of the packed state y, written into `out` (every
   * entry): `unpack` without the column-stacked detour, for samples that keep rho.
   */
  unpackMatrix(y: Float64Array, out: ComplexMatrix): ComplexMatrix;
  /**
   * A functional on vec(rho) carried to the packed state: for c (interleaved complex, length
   * 2 d^2, on vec(rho) in the original basis) the real w with w . y = Re(sum_k c_k vec(rho)_k)
   * for every packed y (rho = unpack(y)). A heat current or an expectation value then costs one
   * dot product of the packed length instead of d^2.
   */
  packFunctional(c: Float64Array): Float64Array;
  /**
   * dydt = the packed form of L vec(rho), rho the Hermitian matrix packed in y (exact for any L
   * that preserves Hermiticity: the lower triangle of L vec(rho) is then the conjugate).
   * Allocation-free; dydt must not alias y.
   */
  rhs(t: number, y: Float64Array, dydt: Float64Array): void;
  /**
   * ||L vec(rho)||_2 = ||d rho/dt||_F for the packed state y, computed with `rhs`;
   * allocation-free.
   */
  residualNorm(y: Float64Array): number;
  /**
   * An upper bound on the largest row sum of |L| (an infinity norm: of L for the upper triangle,
   * of the real equations for a sector), the scale of an integrator's noise floor.
   */
  normBound(): number;
  /**
   * Floating-point operations of one `rhs`, about: 2 per stored real coefficient of a CSR
   * product, or the matrix-free operator's `applyFlops` plus the packing. A cost model's input
   * (the `expm` integrator sizes its Krylov subspace with it).
   */
  readonly rhsFlops: number;
}

/**
 * The packed dynamics of a Liouville-space operator. For a stored (dense or sparse) operator the
 * RHS is a CSR product over the rows (i, j), i <= j, of L whose columns (k, l) are remapped to
 * packed indices: the entry (k, l) of rho is the packed entry x = (k, l) when k <= l and conj(x),
 * x = (l, k), when k > l. A row's sum sum v x + sum v' conj(x) is real-linear in (Re x, Im x), so
 * each packed column of a row stores one real 2 x 2 block (both vec columns (k, l) and (l, k)
 * merged into it), and the product is allocation-free with a single inner loop. Only the exactly
 * zero entries of L are left out: an entry far below the largest may be a rate that decides the
 * dynamics (a decay of 1e-10 beside level spacings of 1e6). Rounding residue of basis changes is
 * removed where it arises, on the operators in the eigenbasis (`cleanRoundoff`, relative to each
 * operator's own largest element, before any rate multiplies it). A matrix-free operator is
 * applied to the unpacked state instead (no d^4 storage).
 */
export function packedDynamics(liouvillian: LiouvilleOperator): PackedDynamics {
  const d = liouvillian.hilbertDimension;
  const m = (d * (d + 1)) / 2;
  const pack = (rho: ComplexMatrix, out: Float64Array = new Float64Array(2 * m)): Float64Array => {
    const x = rho.data;
    let q = 0;
    for (let j = 0; j < d; j++) {
      for (let i = 0; i <= j; i++, q += 2) {
        const s = 2 * (i * d + j);
        out[q] = x[s];
        out[q + 1] = x[s + 1];
      }
    }
    return out;
  };
  const unpack = (y: Float64Array, outVec: Float64Array): Float64Array => {
    let q = 0;
    for (let j = 0; j < d; j++) {
      for (let i = 0; i <= j; i++, q += 2) {
        const re = y[q];
        const im = y[q + 1];
        const upper = 2 * (i + j * d);
        outVec[upper] = re;
        outVec[upper + 1] = im;
        if (i !== j) {
          const lower = 2 * (j + i * d);
          outVec[lower] = re;
          outVec[lower + 1] = -im;
        }
      }
    }
    return outVec;
  };
  const unpackMatrix = (y: Float64Array, out: ComplexMatrix): ComplexMatrix => {
    const x = out.data;
    let q = 0;
    for (let j = 0; j < d; j++) {
      for (let i = 0; i <= j; i++, q += 2) {
        x[2 * (i * d + j)] = y[q];
        x[2 * (i * d + j) + 1] = y[q + 1];
        if (i !== j) {
          x[2 * (j * d + i)] = y[q];
          x[2 * (j * d + i) + 1] = -y[q + 1];
        }
      }
    }
    return out;
  };
  const packFunctional = (c: Float64Array): Float64Array => {
    // rho_ij = x + i w and rho_ji = x - i w (i < j): Re(c_ij rho_ij + c_ji rho_ji) =
    // (Re c_ij + Re c_ji) x + (Im c_ji - Im c_ij) w; the diagonal keeps its stored imaginary part.
    const w = new Float64Array(2 * m);
    let q = 0;
    for (let j = 0; j < d; j++) {
      for (let i = 0; i <= j; i++, q += 2) {
        const upper = 2 * (i + j * d);
        const lower = 2 * (j + i * d);
        if (i === j) {
          w[q] = c[upper];
          w[q + 1] = -c[upper + 1];
        } else {
          w[q] = c[upper] + c[lower];
          w[q + 1] = c[lower + 1] - c[upper + 1];
        }
      }
    }
    return w;
  };
  let rhs: (t: number, y: Float64Array, dydt: Float64Array) => void;
  let rhsFlops: number;
  if (liouvillian.representation === "matrix-free") {
    rhsFlops = liouvillian.applyFlops + 6 * d * d; // unpack (4 d^2 copies) and pack (2 d^2)
    const full = new Float64Array(2 * d * d);
    const image = new Float64Array(2 * d * d);
    rhs = (_t, y, dydt) => {
      liouvillian.applyInto(image, unpack(y, full));
      let q = 0;
      for (let j = 0; j < d; j++) {
        for (let i = 0; i <= j; i++, q += 2) {
          dydt[q] = image[2 * (i + j * d)];
          dydt[q + 1] = image[2 * (i + j * d) + 1];
        }
      }
    };
  } else {
    const { rowStart, columns, values } = packedCsr(liouvillian.toCsr(), d);
    rhs = (_t, y, dydt) => packedMatvec(dydt, rowStart, columns, values, y);
    rhsFlops = 2 * values.length;
  }
  const scratch = new Float64Array(2 * m);
  return Object.freeze({
    dimension: d,
    size: 2 * m,
    sector: null,
    pack,
    unpack,
    unpackMatrix,
    packFunctional,
    rhs,
    residualNorm(y: Float64Array): number {
      rhs(0, y, scratch);
      // ||X||_F^2 from the upper triangle: diagonal entries once, the others twice.
      let sum = 0;
      let q = 0;
      for (let j = 0; j < d; j++) {
        for (let i = 0; i <= j; i++, q += 2) {
          const w = scratch[q] * scratch[q] + scratch[q + 1] * scratch[q + 1];
          sum += i === j ? w : 2 * w;
        }
      }
      return Math.sqrt(sum);
    },
    normBound: () => liouvillian.normBound(),
    rhsFlops,
  });
}

/** The real 2 x 2-block CSR of the packed product (see packedDynamics) from the CSR of L. */
function packedCsr(
  l: CsrMatrix,
  d: number,
): { rowStart: Int32Array; columns: Int32Array; values: Float64Array } {
  const n = d * d;
  const m = (d * (d + 1)) / 2;
  const lv = l.values;
  // Packed index of each vec column, and whether it is conjugated.
  const target = new Int32Array(n);
  const conjugated = new Uint8Array(n);
  for (let c = 0; c < d; c++) {
    for (let k = 0; k < d; k++) {
      const v = vecIndex(k, c, d);
      target[v] = k <= c ? packedIndex(k, c) : packedIndex(c, k);
      conjugated[v] = k <= c ? 0 : 1;
    }
  }
  // Row r of the packed product: out_re += a x_re + b x_im, out_im += c x_re + e x_im over its
  // entries (a, b, c, e) at packed columns x; v x adds (vr, -vi, vi, vr), v conj(x) adds
  // (vr, vi, vi, -vr).
  const rowStart = new Int32Array(m + 1);
  let columnBuffer = new Int32Array(Math.max(16, 4 * m));
  let valueBuffer = new Float64Array(4 * columnBuffer.length);
  let nnz = 0;
  const acc = new Float64Array(4 * m);
  const touched = new Uint8Array(m);
  const list = new Int32Array(m);
  let r = 0;
  for (let j = 0; j < d; j++) {
    for (let i = 0; i <= j; i++, r++) {
      const row = vecIndex(i, j, d);
      rowStart[r] = nnz;
      let count = 0;
      for (let p = l.rowStart[row]; p < l.rowStart[row + 1]; p++) {
        const vr = lv[2 * p];
        const vi = lv[2 * p + 1];
        // Only exact zeros are structural; a small entry may be a physical rate (1e-10 beside
        // a level spacing of 1e6 is 1e-16 of the largest entry and still decides the dynamics).
        if (vr === 0 && vi === 0) continue;
        const col = l.columns[p];
        const t = target[col];
        const x = 4 * t;
        const s = conjugated[col] ? -1 : 1;
        acc[x] += vr;
        acc[x + 1] -= s * vi;
        acc[x + 2] += vi;
        acc[x + 3] += s * vr;
        if (!touched[t]) {
          touched[t] = 1;
          list[count++] = t;
        }
      }
      const used = list.subarray(0, count).sort();
      for (const x of used) {
        touched[x] = 0;
        if (nnz === columnBuffer.length) {
          columnBuffer = grow(columnBuffer, new Int32Array(2 * nnz));
          valueBuffer = grow(valueBuffer, new Float64Array(8 * nnz));
        }
        columnBuffer[nnz] = x;
        valueBuffer.set(acc.subarray(4 * x, 4 * x + 4), 4 * nnz);
        acc.fill(0, 4 * x, 4 * x + 4);
        nnz++;
      }
    }
  }
  rowStart[m] = nnz;
  return { rowStart, columns: columnBuffer.slice(0, nnz), values: valueBuffer.slice(0, 4 * nnz) };
}

/**
 * The right-hand side y -> L y for y = vec of a Hermitian matrix (see `Generator.rhs`): the packed
 * product followed by an unpack (the entries (j, i), j > i, are the conjugates of (i, j)).
 * Allocation-free per call.
 */
export function liouvillianRhs(
  l: LiouvilleOperator,
): (t: number, y: Float64Array, dydt: Float64Array) => void {
  if (l.representation === "matrix-free") return (_t, y, dydt) => l.applyInto(dydt, y);
  const packed = packedDynamics(l);
  const d = l.hilbertDimension;
  const yPacked = new Float64Array(packed.size);
  const dPacked = new Float64Array(packed.size);
  return (t, y, dydt) => {
    let q = 0;
    for (let j = 0; j < d; j++) {
      for (let i = 0; i <= j; i++, q += 2) {
        yPacked[q] = y[2 * (i + j * d)];
        yPacked[q + 1] = y[2 * (i + j * d) + 1];
      }
    }
    packed.rhs(t, yPacked, dPacked);
    packed.unpack(dPacked, dydt);
  };
}

/** dydt = the packed product (see packedDynamics); the arrays are locals for the JIT. */
function packedMatvec(
  dydt: Float64Array,
  rowStart: Int32Array,
  columns: Int32Array,
  values: Float64Array,
  y: Float64Array,
): void {
  const rows = rowStart.length - 1;
  for (let r = 0; r < rows; r++) {
    let sr = 0;
    let si = 0;
    const end = rowStart[r + 1];
    for (let e = rowStart[r]; e < end; e++) {
      const c = 2 * columns[e];
      const xr = y[c];
      const xi = y[c + 1];
      const v = 4 * e;
      sr += values[v] * xr + values[v + 1] * xi;
      si += values[v + 2] * xr + values[v + 3] * xi;
    }
    dydt[2 * r] = sr;
    dydt[2 * r + 1] = si;
  }
}

function grow<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

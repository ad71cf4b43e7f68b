import { seededRandom } from "../../testing/random";
import { type RealCsrMatrix, realCsrFromTriplets } from "./real-csr";

/**
 * Test fixtures: a 2-D convection-diffusion operator on an m x m grid (5-point stencil, upwind
 * convection with speed `c`), and a seeded random sparse matrix with a given number of
 * off-diagonal entries per row and diagonal weight.
 */
export function convectionDiffusion(m: number, c = 10): RealCsrMatrix {
  const n = m * m;
  const rowIndex = new Int32Array(5 * n);
  const colIndex = new Int32Array(5 * n);
  const values = new Float64Array(5 * n);
  const hInv = m + 1;
  let t = 0;
  const push = (i: number, j: number, v: number): void => {
    rowIndex[t] = i;
    colIndex[t] = j;
    values[t++] = v;
  };
  for (let x = 0; x < m; x++) {
    for (let y = 0; y < m; y++) {
      const i = x * m + y;
      push(i, i, 4 * hInv * hInv + c * hInv);
      if (x > 0) push(i, i - m, -hInv * hInv - c * hInv);
      if (x < m - 1) push(i, i + m, -hInv * hInv);
      if (y > 0) push(i, i - 1, -hInv * hInv);
      if (y < m - 1) push(i, i + 1, -hInv * hInv);
    }
  }
  return realCsrFromTriplets(n, n, rowIndex, colIndex, values, t);
}

/** A random n x n matrix with `perRow` random off-diagonal entries per row and diagonal `diagonal`. */
export function randomSparse(n: number, perRow: number, diagonal: number, seed: number): RealCsrMatrix {
  const rand = seededRandom(seed);
  const count = n * (perRow + 1);
  const rowIndex = new Int32Array(count);
  const colIndex = new Int32Array(count);
  const values = new Float64Array(count);
  let t = 0;
  for (let i = 0; i < n; i++) {
    rowIndex[t] = i;
    colIndex[t] = i;
    values[t++] = diagonal;
    for (let k = 0; k < perRow; k++) {
      rowIndex[t] = i;
      colIndex[t] = Math.floor(rand() * n);
      values[t++] = 2 * rand() - 1;
    }
  }
  return realCsrFromTriplets(n, n, rowIndex, colIndex, values, t);
}

/** Dense copy (row-major) of a CSR matrix. */
export function toDense(a: RealCsrMatrix): Float64Array {
  const d = new Float64Array(a.rows * a.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let p = a.rowStart[i]; p < a.rowStart[i + 1]; p++) d[i * a.cols + a.columns[p]] += a.values[p];
  }
  return d;
}

/** ||b - A x|| / ||b||. */
export function relativeResidual(a: RealCsrMatrix, x: Float64Array, b: Float64Array): number {
  let r = 0;
  let bb = 0;
  for (let i = 0; i < a.rows; i++) {
    let s = 0;
    for (let p = a.rowStart[i]; p < a.rowStart[i + 1]; p++) s += a.values[p] * x[a.columns[p]];
    r += (b[i] - s) ** 2;
    bb += b[i] ** 2;
  }
  return Math.sqrt(r / bb);
}

/** A vector of n seeded uniform [-1, 1] entries. */
export function randomVector(n: number, seed: number): Float64Array {
  const rand = seededRandom(seed);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = 2 * rand() - 1;
  return v;
}

import { DimensionError } from "../../errors/dimension-error";
import type { RealCsrMatrix } from "./real-csr";

/**
 * The adjacency structure of the undirected graph of A + A^T (diagonal left out) of a square
 * matrix: neighbours of node i are adjacency[start[i] .. start[i+1]-1], each listed once.
 */
export interface SymmetricPattern {
  readonly n: number;
  readonly start: Int32Array;
  readonly adjacency: Int32Array;
}

/**
 * The pattern of A + A^T without the diagonal, in O(nnz + n): a counting pass over A and its
 * implicit transpose, then de-duplication with a per-row marker (Davis 2006, section 7.1, the
 * first step of cs_amd).
 */
export function symmetricPattern(a: RealCsrMatrix): SymmetricPattern {
  if (a.rows !== a.cols) throw new DimensionError("matrix", "square", `${a.rows} x ${a.cols}`);
  const n = a.rows;
  const { rowStart, columns } = a;
  const count = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    for (let p = rowStart[i]; p < rowStart[i + 1]; p++) {
      const j = columns[p];
      if (j === i) continue;
      count[i + 1]++;
      count[j + 1]++;
    }
  }
  for (let i = 0; i < n; i++) count[i + 1] += count[i];
  const next = count.slice(0, n);
  const raw = new Int32Array(count[n]);
  for (let i = 0; i < n; i++) {
    for (let p = rowStart[i]; p < rowStart[i + 1]; p++) {
      const j = columns[p];
      if (j === i) continue;
      raw[next[i]++] = j;
      raw[next[j]++] = i;
    }
  }
  const mark = new Int32Array(n).fill(-1);
  const start = new Int32Array(n + 1);
  let out = 0;
  for (let i = 0; i < n; i++) {
    const begin = count[i];
    const end = count[i + 1];
    start[i] = out;
    for (let p = begin; p < end; p++) {
      const j = raw[p];
      if (mark[j] === i) continue;
      mark[j] = i;
      raw[out++] = j;
    }
  }
  start[n] = out;
  return { n, start, adjacency: raw.slice(0, out) };
}

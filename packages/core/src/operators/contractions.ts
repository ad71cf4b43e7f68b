import { ParameterError } from "../errors/parameter-error";
import { ComplexMatrix } from "../linalg/complex-matrix";
import { assertSameShape, assertSquare } from "../linalg/shapes";
import { formatDims } from "./dims";
import { assertMatrix } from "./validate";

// Contractions on plain matrices with separately given subsystem dims; the Operator methods and
// the free functions of states.ts both build on them (no import of the Operator class here).

/**
 * Tr[a b] = sum_ij a_ij b_ji, as [re, im], without forming the product. a and b are square of
 * one size (DimensionError otherwise; an O(1) check).
 */
export function traceOfProduct(a: ComplexMatrix, b: ComplexMatrix): [number, number] {
  assertMatrix("a", a);
  assertMatrix("b", b);
  assertSquare("a", a);
  assertSameShape(a, b);
  const n = a.rows;
  let re = 0;
  let im = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = 2 * (i * n + j);
      const y = 2 * (j * n + i);
      re += a.data[x] * b.data[y] - a.data[x + 1] * b.data[y + 1];
      im += a.data[x] * b.data[y + 1] + a.data[x + 1] * b.data[y];
    }
  }
  return [re, im];
}

/** The subsystems to keep, sorted and deduplicated; ParameterError unless each is an index of `dims`. */
export function keptSubsystems(keep: readonly number[], dims: readonly number[]): number[] {
  if (!Array.isArray(keep)) throw new ParameterError("keep", "a list of subsystem indices", keep);
  const sorted = [...new Set(keep)].sort((a, b) => a - b);
  for (const s of sorted) {
    if (!Number.isInteger(s) || s < 0 || s >= dims.length) {
      throw new ParameterError("keep", `subsystem indices in [0, ${dims.length - 1}]`, formatDims(keep));
    }
  }
  return sorted;
}

/**
 * Partial trace of the square matrix `rho` over subsystem dimensions `dims`, keeping the
 * subsystems `sorted` (ascending, validated by `keptSubsystems`). Returns the reduced matrix and
 * its dims ([1] when nothing is kept: the trace as a 1 x 1 matrix).
 */
export function partialTraceMatrix(
  rho: ComplexMatrix,
  dims: readonly number[],
  sorted: readonly number[],
): { matrix: ComplexMatrix; dims: number[] } {
  const keptDims = sorted.length ? sorted.map((s) => dims[s]) : [1];
  const m = keptDims.reduce((a, b) => a * b, 1);
  const out = new ComplexMatrix(m, m);
  const n = rho.rows;
  const strides = dims.map((_, k) => dims.slice(k + 1).reduce((a, b) => a * b, 1));
  const digits = new Int32Array(dims.length);
  const digitsOf = (index: number, target: Int32Array) => {
    for (let k = 0; k < dims.length; k++) target[k] = Math.floor(index / strides[k]) % dims[k];
  };
  const other = new Int32Array(dims.length);
  for (let i = 0; i < n; i++) {
    digitsOf(i, digits);
    for (let j = 0; j < n; j++) {
      digitsOf(j, other);
      let traced = true;
      for (let k = 0; k < dims.length; k++) {
        if (!sorted.includes(k) && digits[k] !== other[k]) {
          traced = false;
          break;
        }
      }
      if (!traced) continue;
      let a = 0;
      let b = 0;
      for (const s of sorted) {
        a = a * dims[s] + digits[s];
        b = b * dims[s] + other[s];
      }
      out.data[2 * (a * m + b)] += rho.data[2 * (i * n + j)];
      out.data[2 * (a * m + b) + 1] += rho.data[2 * (i * n + j) + 1];
    }
  }
  return { matrix: out, dims: keptDims };
}

import { DimensionError } from "../errors/dimension-error";
import { ParameterError } from "../errors/parameter-error";

/** Product of subsystem dimensions, validating each as a positive integer. */
export function productOf(dims: readonly number[]): number {
  if (!Array.isArray(dims) || dims.length === 0) {
    throw new ParameterError("dims", "a non-empty list of positive integers", formatDims(dims));
  }
  let n = 1;
  for (const d of dims) {
    if (!Number.isInteger(d) || d < 1)
      throw new ParameterError("dims", "a list of positive integers", formatDims(dims));
    n *= d;
  }
  return n;
}

/** Subsystem dimensions as written in messages and printed output: `[2, 3]`. */
export function formatDims(dims: unknown): string {
  return Array.isArray(dims) ? `[${dims.join(", ")}]` : String(dims);
}

/** True when the two lists are equal entry by entry. */
export function sameDims(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, k) => d === b[k]);
}

/**
 * The subsystem dimensions of the result of an elementwise or product operation between two
 * structured operands. Equal dims give those dims. A flat operand (one subsystem, e.g. from
 * `Operator.of(matrix)` without dims) of the same total dimension declares no structure and takes
 * the other operand's. Anything else, e.g. [2, 3] against [3, 2] or [2] against [3], throws a
 * DimensionError naming the second operand and both dims.
 */
export function combinedDims(
  aName: string,
  a: readonly number[],
  bName: string,
  b: readonly number[],
): readonly number[] {
  if (sameDims(a, b)) return a;
  const total = productOf(a);
  if (total === productOf(b)) {
    if (b.length === 1) return a;
    if (a.length === 1) return b;
  }
  throw new DimensionError(bName, `dims ${formatDims(a)} (those of ${aName})`, `dims ${formatDims(b)}`);
}

/**
 * |actual - expected| / |expected|, the error relative to the quantity's own size. When the
 * expected value is exactly 0 it is 0 if actual is exactly 0 and Infinity otherwise, so a
 * tolerance can never hide a spurious nonzero.
 */
export function relativeError(actual: number, expected: number): number {
  if (expected === 0) return actual === 0 ? 0 : Number.POSITIVE_INFINITY;
  return Math.abs(actual - expected) / Math.abs(expected);
}

/** Largest relative error over paired arrays (see `relativeError`). */
export function maxRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Number.POSITIVE_INFINITY;
  let worst = 0;
  for (let k = 0; k < actual.length; k++) worst = Math.max(worst, relativeError(actual[k], expected[k]));
  return worst;
}

// Kernels on real vectors (Float64Array), shared by the Krylov methods of core (GMRES) and of the
// integrators (the Arnoldi process of expm). Being small functions called from many loops, V8
// optimises them after a few calls, which matters for the first, cold solve of a process.

/**
 * The dot product a . b of the first n entries (default: all of a), with four partial sums: one
 * running sum waits on the latency of each addition, four independent ones pipeline (about 2x on
 * the Gram-Schmidt loops of GMRES and Arnoldi). The summation order differs from the naive one
 * only in rounding.
 *
 * @example
 * realDot(Float64Array.of(1, 2, 3), Float64Array.of(4, 5, 6)) // 32
 */
export function realDot(a: Float64Array, b: Float64Array, n: number = a.length): number {
  return realDotAt(a, 0, b, 0, n);
}

/**
 * The dot product of a[aOffset..aOffset + n) and b[bOffset..bOffset + n), as `realDot` (four
 * partial sums): rows and columns of row-major matrices without a subarray per call.
 *
 * @example
 * realDotAt(Float64Array.of(9, 1, 2), 1, Float64Array.of(3, 4), 0, 2) // 11
 */
export function realDotAt(
  a: Float64Array,
  aOffset: number,
  b: Float64Array,
  bOffset: number,
  n: number,
): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += a[aOffset + i] * b[bOffset + i];
    s1 += a[aOffset + i + 1] * b[bOffset + i + 1];
    s2 += a[aOffset + i + 2] * b[bOffset + i + 2];
    s3 += a[aOffset + i + 3] * b[bOffset + i + 3];
  }
  for (; i < n; i++) s0 += a[aOffset + i] * b[bOffset + i];
  return s0 + s1 + (s2 + s3);
}

/**
 * y += alpha x over the first n entries (default: all of y), in place.
 *
 * @example
 * const y = Float64Array.of(1, 1);
 * realAxpy(y, 2, Float64Array.of(3, 4)); // y = [7, 9]
 */
export function realAxpy(y: Float64Array, alpha: number, x: Float64Array, n: number = y.length): void {
  realAxpyAt(y, 0, alpha, x, 0, n);
}

/**
 * y[yOffset..yOffset + n) += alpha x[xOffset..xOffset + n), in place (y and x may be one array
 * with disjoint ranges): row updates of row-major matrices without a subarray per call.
 *
 * @example
 * const y = Float64Array.of(1, 1, 1);
 * realAxpyAt(y, 1, 2, Float64Array.of(3, 4), 0, 2); // y = [1, 7, 9]
 */
export function realAxpyAt(
  y: Float64Array,
  yOffset: number,
  alpha: number,
  x: Float64Array,
  xOffset: number,
  n: number,
): void {
  for (let i = 0; i < n; i++) y[yOffset + i] += alpha * x[xOffset + i];
}

/**
 * out = alpha x over the first n entries (default: all of x); out may be x itself.
 *
 * @example
 * realScaleInto(new Float64Array(2), 0.5, Float64Array.of(2, 4)); // [1, 2]
 */
export function realScaleInto(
  out: Float64Array,
  alpha: number,
  x: Float64Array,
  n: number = x.length,
): Float64Array {
  for (let i = 0; i < n; i++) out[i] = alpha * x[i];
  return out;
}

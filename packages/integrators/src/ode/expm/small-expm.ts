// The exponential of a small dense real matrix, for the projected matrices of Krylov methods.

/** Degree-6 diagonal Pade coefficients c_k = (12 - k)! 6! / (12! k! (6 - k)!). */
const PADE6 = [1, 1 / 2, 5 / 44, 1 / 66, 1 / 792, 1 / 15840, 1 / 665280];

/**
 * exp(a) for row-major n x n real matrices, n <= `maxN`, through buffers allocated once: the
 * returned function writes exp(a) into `out` and allocates nothing.
 *
 * ## Method
 * Scaling and squaring with the diagonal [6/6] Pade approximant (Golub & Van Loan, Matrix
 * Computations, 4th ed., Algorithm 9.3.1; the choice of Sidje's Expokit for the projected matrix
 * of its Krylov solver, ACM TOMS 24 (1998) 130): a is scaled by 2^-s so that its infinity norm is
 * at most 1/2, where the [6/6] approximant's relative backward error is below 3.4e-16, then squared
 * s times. The matrices here are the (m + 1) x (m + 1) Hessenberg matrices of an Arnoldi process,
 * m <= 30, so the O(n^3) cost is negligible beside one product with the generator.
 */
export function smallExpmWorkspace(
  maxN: number,
): (a: Float64Array, n: number, out: Float64Array) => Float64Array {
  const size = maxN * maxN;
  const x = new Float64Array(size);
  const num = new Float64Array(size);
  const den = new Float64Array(size);
  const bufferA = new Float64Array(size);
  const bufferB = new Float64Array(size);
  return (a, n, out) => {
    const nn = n * n;
    const norm = infinityNorm(a, n);
    const s = norm > 0.5 ? Math.max(0, Math.ceil(Math.log2(norm / 0.5))) : 0;
    const scale = 2 ** -s;
    for (let k = 0; k < nn; k++) x[k] = a[k] * scale;
    // N = sum c_k X^k, D = sum (-1)^k c_k X^k, exp(X) ~ D^-1 N.
    num.fill(0, 0, nn);
    den.fill(0, 0, nn);
    let power = bufferA;
    let next = bufferB;
    power.fill(0, 0, nn);
    for (let i = 0; i < n; i++) power[i * n + i] = 1;
    for (let k = 0; k < PADE6.length; k++) {
      if (k > 0) {
        multiply(power, x, next, n);
        [power, next] = [next, power];
      }
      const c = PADE6[k];
      const sign = k % 2 === 0 ? c : -c;
      for (let p = 0; p < nn; p++) {
        num[p] += c * power[p];
        den[p] += sign * power[p];
      }
    }
    solveInPlace(den, num, n);
    let result = num;
    let spare = power;
    for (let k = 0; k < s; k++) {
      multiply(result, result, spare, n);
      [result, spare] = [spare, result];
    }
    out.set(result.subarray(0, nn));
    return out;
  };
}

/** max_i sum_j |a_ij| of a row-major n x n matrix. */
export function infinityNorm(a: Float64Array, n: number): number {
  let norm = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    for (let j = 0; j < n; j++) row += Math.abs(a[i * n + j]);
    norm = Math.max(norm, row);
  }
  return norm;
}

/** c = a b (row-major n x n). */
function multiply(a: Float64Array, b: Float64Array, c: Float64Array, n: number): void {
  c.fill(0, 0, n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const x = a[i * n + k];
      if (x === 0) continue;
      for (let j = 0; j < n; j++) c[i * n + j] += x * b[k * n + j];
    }
  }
}

/** b <- a^-1 b by Gaussian elimination with partial pivoting (a is overwritten). */
function solveInPlace(a: Float64Array, b: Float64Array, n: number): void {
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(a[i * n + k]) > Math.abs(a[p * n + k])) p = i;
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        [a[k * n + j], a[p * n + j]] = [a[p * n + j], a[k * n + j]];
        [b[k * n + j], b[p * n + j]] = [b[p * n + j], b[k * n + j]];
      }
    }
    const pivot = a[k * n + k];
    for (let i = k + 1; i < n; i++) {
      const f = a[i * n + k] / pivot;
      if (f === 0) continue;
      for (let j = k; j < n; j++) a[i * n + j] -= f * a[k * n + j];
      for (let j = 0; j < n; j++) b[i * n + j] -= f * b[k * n + j];
    }
  }
  for (let k = n - 1; k >= 0; k--) {
    const pivot = a[k * n + k];
    for (let j = 0; j < n; j++) {
      let s = b[k * n + j];
      for (let i = k + 1; i < n; i++) s -= a[k * n + i] * b[i * n + j];
      b[k * n + j] = s / pivot;
    }
  }
}

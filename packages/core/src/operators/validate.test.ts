import { describe, expect, it } from "vitest";
import { ParameterError } from "../errors/parameter-error";
import { ComplexMatrix } from "../linalg/complex-matrix";
import { hermitianEigen } from "../linalg/hermitian-eigen";
import { dagger, matmul } from "../linalg/kernels";
import { seededRandom } from "../testing/random";
import { assertDensityMatrix, DENSITY_MATRIX_TOLERANCE } from "./validate";

/** How far past the tolerance the smallest eigenvalue is put: well clear of rounding. */
const MARGIN = 10 * DENSITY_MATRIX_TOLERANCE;

/**
 * A random d x d Hermitian matrix of trace 1 with zeros left of a random envelope (row i starts at
 * most `band` columns left of the diagonal) and smallest eigenvalue `lambdaMin`: B B^dagger for a
 * random B lower triangular within the envelope, scaled and shifted on the diagonal.
 */
function envelopeMatrix(d: number, rand: () => number, lambdaMin: number, band: number): ComplexMatrix {
  const b = new ComplexMatrix(d, d);
  for (let i = 0; i < d; i++) {
    const first = Math.max(0, i - Math.floor(rand() * (band + 1)));
    for (let k = first; k <= i; k++) {
      b.data[2 * (i * d + k)] = 2 * rand() - 1;
      b.data[2 * (i * d + k) + 1] = k === i ? 0 : 2 * rand() - 1;
    }
  }
  const m = matmul(b, dagger(b));
  // (B B^dagger)_ij, j < i, is nonzero only where rows i and j of B overlap, so row i of the
  // product starts where row i of B does: B's envelope. Shifting the diagonal keeps it.
  const values = hermitianEigen(m).values;
  const low = Math.min(...values);
  let trace = 0;
  for (let i = 0; i < d; i++) trace += m.data[2 * (i * d + i)] - low;
  const scale = (1 - d * lambdaMin) / trace;
  for (let k = 0; k < m.data.length; k++) m.data[k] *= scale;
  for (let i = 0; i < d; i++) m.data[2 * (i * d + i)] += lambdaMin - low * scale;
  return m;
}

describe("assertDensityMatrix: positivity through the envelope Cholesky factor", () => {
  it.each([
    ["diagonal", 0],
    ["tridiagonal-ish", 1],
    ["banded", 3],
    ["dense", 40],
  ])(
    "%s states: accepted at lambda_min = +margin, refused at -tolerance - margin (seeded)",
    (_name, band) => {
      const rand = seededRandom(20261130 + band);
      for (let trial = 0; trial < 20; trial++) {
        const d = 2 + Math.floor(rand() * 14);
        const good = envelopeMatrix(d, rand, MARGIN, band);
        expect(Math.min(...hermitianEigen(good).values)).toBeGreaterThan(0);
        expect(() => assertDensityMatrix("rho", good, d)).not.toThrow();
        const bad = envelopeMatrix(d, rand, -DENSITY_MATRIX_TOLERANCE - MARGIN, band);
        expect(() => assertDensityMatrix("rho", bad, d)).toThrow(ParameterError);
      }
    },
  );

  it("a negative eigenvector that couples the last level to the first only (the envelope's far corner) is found", () => {
    // The 2 x 2 block [[0.1, 0.2], [0.2, 0.1]] on levels 0 and d - 1 has eigenvalues 0.3 and -0.1.
    const d = 6;
    const rho = ComplexMatrix.diagonal([0.1, 0.2, 0.2, 0.2, 0.2, 0.1]);
    rho.set(0, d - 1, 0.2);
    rho.set(d - 1, 0, 0.2);
    expect(Math.min(...hermitianEigen(rho).values)).toBeCloseTo(-0.1, 12);
    expect(() => assertDensityMatrix("rho", rho, d)).toThrow(/rho: positive semidefinite/);
  });
});

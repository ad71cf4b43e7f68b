import { describe, expect, it } from "vitest";
import { randomHermitian, seededRandom } from "../testing/random";
import { ComplexMatrix } from "./complex-matrix";
import { hermitianEigen } from "./hermitian-eigen";
import { dagger, frobeniusNorm, matmul, matmulChain, maxAbsDiff } from "./kernels";

/** Backward error ||A V - V D|| and orthonormality defect allowed, relative to ||A||. */
const EIGEN_TOLERANCE = 1e-12;

function residuals(a: ComplexMatrix) {
  const { values, vectors } = hermitianEigen(a);
  const n = a.rows;
  const av = matmul(a, vectors);
  const vd = matmul(vectors, ComplexMatrix.diagonal(Array.from(values)));
  const norm = frobeniusNorm(a) || 1;
  return {
    values,
    backward: maxAbsDiff(av, vd) / norm,
    orthonormality: maxAbsDiff(matmul(dagger(vectors), vectors), ComplexMatrix.identity(n)),
  };
}

/** U diag(spectrum) U^dagger with U the eigenvectors of a random Hermitian matrix. */
function withSpectrum(spectrum: number[], rand: () => number, real: boolean): ComplexMatrix {
  let h = randomHermitian(spectrum.length, rand);
  if (real) for (let k = 1; k < h.data.length; k += 2) h.data[k] = 0;
  const u = hermitianEigen(h).vectors;
  h = matmulChain(u, ComplexMatrix.diagonal(spectrum), dagger(u));
  return h;
}

describe("hermitianEigen", () => {
  const rand = seededRandom(20260101);
  it.each([2, 3, 4, 7, 16, 33])(
    "random complex Hermitian n = %i: A V = V D, V^dagger V = I, ascending",
    (n) => {
      const r = residuals(randomHermitian(n, rand));
      expect(r.backward).toBeLessThan(EIGEN_TOLERANCE);
      expect(r.orthonormality).toBeLessThan(EIGEN_TOLERANCE);
      for (let k = 1; k < n; k++) expect(r.values[k]).toBeGreaterThanOrEqual(r.values[k - 1]);
    },
  );

  it.each([
    { real: false, spectrum: [1, 1, 1, -2, 0.5, 0.5] },
    { real: true, spectrum: [1, 1, 1, -2, 0.5, 0.5] },
    { real: false, spectrum: [0, 0, 0, 0] },
    { real: true, spectrum: [3, -1, -1, 3, 3, 0, 2, 2] },
  ])(
    "degenerate eigenvalues (real = $real): orthonormal eigenvectors spanning each eigenspace",
    ({ real, spectrum }) => {
      const a = withSpectrum(spectrum, rand, real);
      const r = residuals(a);
      expect(r.backward).toBeLessThan(EIGEN_TOLERANCE);
      expect(r.orthonormality).toBeLessThan(EIGEN_TOLERANCE);
      const sorted = [...spectrum].sort((x, y) => x - y);
      for (const [k, v] of sorted.entries())
        expect(Math.abs(r.values[k] - v)).toBeLessThan(EIGEN_TOLERANCE * 10);
    },
  );

  it("NaN entries and non-square input are typed errors", () => {
    expect(() =>
      hermitianEigen(
        ComplexMatrix.fromReal([
          [Number.NaN, 0],
          [0, 1],
        ]),
      ),
    ).toThrow(/finite/);
    expect(() => hermitianEigen(new ComplexMatrix(2, 3))).toThrow(/square/);
  });

  it("subnormal entries neither crash the QL iteration nor move the eigenvalues (found by the relaxation property test)", () => {
    const h = ComplexMatrix.fromReal([
      [0, -1e-323],
      [-1e-323, 1.5],
    ]);
    expect(Array.from(hermitianEigen(h).values)).toEqual([0, 1.5]);
    // A matrix of subnormal size keeps its eigenvalues too (scaled by a power of two, exactly).
    const tiny = ComplexMatrix.fromReal([
      [3e-320, 1e-320],
      [1e-320, 3e-320],
    ]);
    const values = hermitianEigen(tiny).values;
    // Within two steps of the subnormal grid (4.9e-324 apart): the scaled problem is exact to rounding.
    expect(Math.abs(values[0] - 2e-320)).toBeLessThanOrEqual(1e-323);
    expect(Math.abs(values[1] - 4e-320)).toBeLessThanOrEqual(1e-323);
  });

  it("a diagonal matrix keeps its exact eigenvalues", () => {
    const { values } = hermitianEigen(ComplexMatrix.diagonal([0.5, -0.5]));
    expect(Array.from(values)).toEqual([-0.5, 0.5]);
  });
});

import { describe, expect, it } from "vitest";
import { randomHermitian, seededRandom } from "../testing/random";
import { ComplexMatrix } from "./complex-matrix";
import { hermitianEigen, hermitianEigenvalues, hermitianEigenvaluesByBlocks } from "./hermitian-eigen";
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

describe("hermitianEigenvalues (no eigenvectors; complex input through its real symmetric double)", () => {
  const rand = seededRandom(20261201);
  /** |lambda_k - lambda_k'| of two backward-stable methods, relative to ||A||_F. */
  const VALUES_TOLERANCE = 1e-13;

  it.each([1, 2, 3, 5, 16, 41])(
    "random n = %i, complex and real: the values of hermitianEigen, ascending",
    (n) => {
      for (const real of [false, true]) {
        const a = randomHermitian(n, rand);
        if (real) for (let k = 1; k < a.data.length; k += 2) a.data[k] = 0;
        const values = hermitianEigenvalues(a);
        const reference = hermitianEigen(a).values;
        expect(values).toHaveLength(n);
        const norm = frobeniusNorm(a);
        for (let k = 0; k < n; k++)
          expect(Math.abs(values[k] - reference[k])).toBeLessThanOrEqual(VALUES_TOLERANCE * norm);
        for (let k = 1; k < n; k++) expect(values[k]).toBeGreaterThanOrEqual(values[k - 1]);
      }
    },
  );

  it.each([[[1, 1, 1, -2, 0.5, 0.5]], [[0, 0, 0, 0]], [[1e-3, 2e-3, 1e3, -7]]])(
    "a known spectrum %j, degenerate or spread: each value as often as it occurs",
    (spectrum) => {
      const a = withSpectrum(spectrum, rand, false);
      const sorted = [...spectrum].sort((x, y) => x - y);
      const values = hermitianEigenvalues(a);
      const scale = Math.max(...spectrum.map(Math.abs)) || 1;
      for (const [k, v] of sorted.entries())
        expect(Math.abs(values[k] - v)).toBeLessThanOrEqual(VALUES_TOLERANCE * 10 * scale);
    },
  );

  it("real input reads only its upper triangle", () => {
    const a = randomHermitian(6, rand);
    for (let k = 1; k < a.data.length; k += 2) a.data[k] = 0;
    const upper = a.clone();
    for (let i = 0; i < 6; i++) for (let j = 0; j < i; j++) upper.data[2 * (i * 6 + j)] = 7;
    const expected = hermitianEigenvalues(a);
    const values = hermitianEigenvalues(upper);
    for (let k = 0; k < 6; k++)
      expect(Math.abs(values[k] - expected[k])).toBeLessThanOrEqual(VALUES_TOLERANCE * frobeniusNorm(a));
  });

  it("complex input reads only its upper triangle and a real diagonal", () => {
    const a = randomHermitian(6, rand);
    const upper = a.clone();
    for (let i = 0; i < 6; i++) {
      upper.data[2 * (i * 6 + i) + 1] = 0.3; // ignored: the diagonal of a Hermitian matrix is real
      for (let j = 0; j < i; j++) upper.data.fill(7, 2 * (i * 6 + j), 2 * (i * 6 + j) + 2);
    }
    expect(
      maxAbsDiff(
        ComplexMatrix.diagonal(Array.from(hermitianEigenvalues(upper))),
        ComplexMatrix.diagonal(Array.from(hermitianEigenvalues(a))),
      ),
    ).toBeLessThanOrEqual(VALUES_TOLERANCE * frobeniusNorm(a));
  });

  it("by blocks: the values of the whole matrix, across blocks in any order", () => {
    const labels = Int32Array.from([1, 0, 1, 2, 0, 1, 2, 1]);
    const a = randomHermitian(labels.length, rand);
    for (let i = 0; i < labels.length; i++) {
      for (let j = 0; j < labels.length; j++)
        if (labels[i] !== labels[j]) a.data.fill(0, 2 * (i * 8 + j), 2 * (i * 8 + j) + 2);
    }
    const values = hermitianEigenvaluesByBlocks(a, labels);
    const whole = hermitianEigen(a).values;
    for (let k = 0; k < 8; k++)
      expect(Math.abs(values[k] - whole[k])).toBeLessThanOrEqual(VALUES_TOLERANCE * frobeniusNorm(a));
  });

  it("NaN entries and non-square input are typed errors; subnormal and diagonal input keep their values", () => {
    expect(() => hermitianEigenvalues(ComplexMatrix.fromReal([[Number.NaN]]))).toThrow(/finite/);
    expect(() => hermitianEigenvalues(new ComplexMatrix(2, 3))).toThrow(/square/);
    const tiny = ComplexMatrix.fromReal([
      [3e-320, 1e-320],
      [1e-320, 3e-320],
    ]);
    const values = hermitianEigenvalues(tiny);
    expect(Math.abs(values[0] - 2e-320)).toBeLessThanOrEqual(1e-323);
    expect(Math.abs(values[1] - 4e-320)).toBeLessThanOrEqual(1e-323);
    expect(Array.from(hermitianEigenvalues(ComplexMatrix.diagonal([0.5, -0.5])))).toEqual([-0.5, 0.5]);
  });
});

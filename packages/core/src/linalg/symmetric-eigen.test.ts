import { describe, expect, it } from "vitest";
import { seededRandom } from "../testing/random";
import { symmetricEigenInPlace } from "./symmetric-eigen";

/** Backward error max |A v - lambda v| and orthonormality defect allowed, relative to max |A_ij| n. */
const EIGEN_TOLERANCE = 1e-14;

/** Residual and orthonormality of the decomposition of the symmetric row-major `a`. */
function check(a: Float64Array, n: number) {
  const work = Float64Array.from(a);
  const values = symmetricEigenInPlace(work, n);
  let scale = 0;
  for (const x of a) scale = Math.max(scale, Math.abs(x));
  scale = Math.max(scale * n, Number.MIN_VALUE);
  let backward = 0;
  let orthonormality = 0;
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      let av = 0;
      for (let j = 0; j < n; j++) av += a[i * n + j] * work[k * n + j];
      backward = Math.max(backward, Math.abs(av - values[k] * work[k * n + i]) / scale);
    }
    for (let l = 0; l < n; l++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += work[k * n + i] * work[l * n + i];
      orthonormality = Math.max(orthonormality, Math.abs(dot - (k === l ? 1 : 0)));
    }
  }
  return { values: Array.from(values).sort((x, y) => x - y), backward, orthonormality };
}

function symmetric(n: number, entry: (i: number, j: number) => number): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      a[i * n + j] = entry(i, j);
      a[j * n + i] = a[i * n + j];
    }
  }
  return a;
}

describe("symmetricEigenInPlace (Householder + implicit QL)", () => {
  it.each([1, 2, 3, 5, 8, 17, 35, 64])(
    "random symmetric n = %i: backward stable, orthonormal (seeded)",
    (n) => {
      const rand = seededRandom(1000 + n);
      const r = check(
        symmetric(n, () => 2 * rand() - 1),
        n,
      );
      expect(r.backward).toBeLessThan(EIGEN_TOLERANCE);
      expect(r.orthonormality).toBeLessThan(n * EIGEN_TOLERANCE);
    },
  );

  it("Wilkinson's W21+ (pairs equal to 14 digits): every vector accurate and orthonormal", () => {
    const n = 21;
    const r = check(
      symmetric(n, (i, j) => (i === j ? Math.abs(10 - i) : Math.abs(i - j) === 1 ? 1 : 0)),
      n,
    );
    expect(r.backward).toBeLessThan(EIGEN_TOLERANCE);
    expect(r.orthonormality).toBeLessThan(n * EIGEN_TOLERANCE);
    // Its largest pair, 10.746194182903322 and ...393 (Wilkinson 1965, The Algebraic Eigenvalue
    // Problem, sec. 5.45), apart by less than 1e-13.
    expect(r.values[n - 1] - r.values[n - 2]).toBeLessThan(1e-12);
    expect(r.values[n - 1]).toBeCloseTo(10.746194182903393, 12);
  });

  it.each([
    ["zero", 4, () => 0, [0, 0, 0, 0]],
    ["identity (fully degenerate)", 5, (i: number, j: number) => (i === j ? 1 : 0), [1, 1, 1, 1, 1]],
    ["diagonal (every reflector empty)", 4, (i: number, j: number) => (i === j ? 3 - i : 0), [0, 1, 2, 3]],
    [
      "a decoupled level in the middle",
      4,
      (i: number, j: number) => (i === 1 || j === 1 ? (i === j ? 5 : 0) : i === j ? 1 : 1),
      [0, 0, 3, 5],
    ],
  ] as const)("%s", (_name, n, entry, expected) => {
    const r = check(symmetric(n, entry), n);
    expect(r.backward).toBeLessThan(EIGEN_TOLERANCE);
    expect(r.orthonormality).toBeLessThan(EIGEN_TOLERANCE);
    for (let k = 0; k < n; k++) expect(r.values[k]).toBeCloseTo(expected[k], 13);
  });

  it("a subnormal off-diagonal entry beside 1.5 ends the iteration (no hang, no NaN)", () => {
    const a = Float64Array.from([1.5, -1e-323, 0, -1e-323, 0.5, 2e-320, 0, 2e-320, -1]);
    const r = check(a, 3);
    expect(r.values).toEqual([-1, 0.5, 1.5]);
    expect(r.orthonormality).toBeLessThan(EIGEN_TOLERANCE);
  });
});

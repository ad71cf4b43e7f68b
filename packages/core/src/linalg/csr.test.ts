import { describe, expect, it } from "vitest";
import { DimensionError } from "../errors/dimension-error";
import { collapseOneSided, type SandwichTerm } from "../superoperators/sandwich-terms";
import { seededRandom } from "../testing/random";
import { ComplexMatrix } from "./complex-matrix";
import { csrAdjoint, csrProduct, csrToDense, toCsr } from "./csr";
import { add, dagger, matmul, scale } from "./kernels";

/** Sums of a few products of O(1) entries: agreement to rounding. */
const ROUNDING = 1e-14;

/** A random complex matrix with about `fill` of its entries nonzero. */
function randomSparse(rows: number, cols: number, fill: number, rand: () => number): ComplexMatrix {
  const m = new ComplexMatrix(rows, cols);
  for (let k = 0; k < m.data.length; k += 2) {
    if (rand() >= fill) continue;
    m.data[k] = 2 * rand() - 1;
    m.data[k + 1] = 2 * rand() - 1;
  }
  return m;
}

function maxAbsDiff(a: ComplexMatrix, b: ComplexMatrix): number {
  let m = 0;
  for (let k = 0; k < a.data.length; k++) m = Math.max(m, Math.abs(a.data[k] - b.data[k]));
  return m;
}

describe("CSR adjoint, product and dense form", () => {
  const rand = seededRandom(41);

  it("csrToDense inverts toCsr, and csrAdjoint is the conjugate transpose", () => {
    const a = randomSparse(5, 7, 0.3, rand);
    expect(maxAbsDiff(csrToDense(toCsr(a)), a)).toBe(0);
    expect(maxAbsDiff(csrToDense(csrAdjoint(toCsr(a))), dagger(a))).toBe(0);
  });

  it("csrProduct agrees with the dense product, rectangular and with empty rows", () => {
    for (const fill of [0.1, 0.4, 1]) {
      const a = randomSparse(6, 4, fill, rand);
      const b = randomSparse(4, 5, fill, rand);
      const c = csrProduct(toCsr(a), toCsr(b));
      expect(maxAbsDiff(csrToDense(c), matmul(a, b))).toBeLessThan(ROUNDING);
      // rows sorted, no stored zeros
      for (let i = 0; i < c.rows; i++) {
        for (let p = c.rowStart[i] + 1; p < c.rowStart[i + 1]; p++)
          expect(c.columns[p]).toBeGreaterThan(c.columns[p - 1]);
      }
    }
  });

  it("csrProduct drops entries that cancel exactly (later rows move down), and dense factors give d^2 entries", () => {
    // [[1, 1], [0, 2]] [[1, 0], [-1, 3]] = [[0, 3], [-2, 6]]: the (0, 0) entry cancels.
    const a = new ComplexMatrix(2, 2, Float64Array.from([1, 0, 1, 0, 0, 0, 2, 0]));
    const b = new ComplexMatrix(2, 2, Float64Array.from([1, 0, 0, 0, -1, 0, 3, 0]));
    const c = csrProduct(toCsr(a), toCsr(b));
    expect(Array.from(c.rowStart)).toEqual([0, 1, 3]);
    expect(Array.from(c.columns)).toEqual([1, 0, 1]);
    expect(Array.from(c.values)).toEqual([3, 0, -2, 0, 6, 0]);
    // Dense factors: d^2 entries in the result (its memory on the way cannot be observed here).
    const d = 12;
    const full = csrProduct(toCsr(randomSparse(d, d, 1, rand)), toCsr(randomSparse(d, d, 1, rand)));
    expect(full.columns.length).toBe(d * d);
    expect(full.values.length).toBe(2 * d * d);
  });

  it("csrProduct refuses mismatched shapes naming b", () => {
    expect(() => csrProduct(toCsr(new ComplexMatrix(2, 3)), toCsr(new ComplexMatrix(2, 3)))).toThrow(
      DimensionError,
    );
  });

  it("collapseOneSided sums the one-sided terms (identity included) and keeps the two-sided ones", () => {
    const d = 4;
    const a = randomSparse(d, d, 0.5, rand);
    const b = randomSparse(d, d, 0.5, rand);
    const terms: SandwichTerm[] = [
      { left: a, right: null, re: 0.3, im: -0.2 },
      { left: toCsr(b), right: null, re: -1, im: 0 },
      { left: null, right: null, re: 0.5, im: 0.1 },
      { left: null, right: toCsr(a), re: 0, im: 1 },
      { left: a, right: toCsr(b), re: 2, im: 0 },
    ];
    const { left, right, sandwiches } = collapseOneSided(terms, d);
    const id = ComplexMatrix.identity(d);
    const expectedLeft = add(add(scale(a, 0.3, -0.2), b, 1, -1), scale(id, 0.5, 0.1));
    expect(maxAbsDiff(csrToDense(left!), expectedLeft)).toBeLessThan(ROUNDING);
    expect(maxAbsDiff(csrToDense(right!), scale(a, 0, 1))).toBeLessThan(ROUNDING);
    expect(sandwiches).toEqual([terms[4]]);
    expect(collapseOneSided([terms[4]], d).left).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { realCsrFromTriplets, realCsrMatvecInto, realCsrTranspose } from "./real-csr";
import { randomSparse, randomVector, toDense } from "./test-matrices";

const EXACT = 1e-14;

describe("realCsrFromTriplets", () => {
  it("sums duplicates, sorts columns and drops cancelled entries", () => {
    const rows = Int32Array.from([1, 0, 1, 0, 1, 0]);
    const cols = Int32Array.from([2, 1, 0, 1, 2, 0]);
    const vals = Float64Array.from([1, 2, 3, 4, -1, 5]);
    const a = realCsrFromTriplets(2, 3, rows, cols, vals, 6);
    expect(Array.from(a.rowStart)).toEqual([0, 2, 3]);
    expect(Array.from(a.columns)).toEqual([0, 1, 0]);
    expect(Array.from(a.values)).toEqual([5, 6, 3]);
  });

  it("uses only the first `count` triplets and rejects out-of-range indices", () => {
    const a = realCsrFromTriplets(
      2,
      2,
      Int32Array.from([0, 1]),
      Int32Array.from([0, 1]),
      Float64Array.from([1, 9]),
      1,
    );
    expect(a.columns.length).toBe(1);
    expect(() =>
      realCsrFromTriplets(2, 2, Int32Array.from([2]), Int32Array.from([0]), Float64Array.from([1]), 1),
    ).toThrow();
  });

  it("matvec and transpose agree with the dense matrix", () => {
    const a = randomSparse(40, 5, 2, 7);
    const d = toDense(a);
    const x = randomVector(40, 3);
    const y = realCsrMatvecInto(new Float64Array(40), a, x);
    for (let i = 0; i < 40; i++) {
      let s = 0;
      for (let j = 0; j < 40; j++) s += d[i * 40 + j] * x[j];
      expect(Math.abs(y[i] - s)).toBeLessThan(EXACT * 10);
    }
    const t = toDense(realCsrTranspose(a));
    for (let i = 0; i < 40; i++) for (let j = 0; j < 40; j++) expect(t[j * 40 + i]).toBe(d[i * 40 + j]);
  });
});

import { describe, expect, it } from "vitest";
import { DimensionError } from "../errors/dimension-error";
import { traceOfProduct } from "../operators/states";
import { randomMatrix, seededRandom } from "../testing/random";
import { ComplexMatrix } from "./complex-matrix";
import {
  add,
  addInto,
  commutator,
  dagger,
  kron,
  matmul,
  matmulInto,
  matvecInto,
  maxAbsDiff,
  scale,
  traceParts,
  transpose,
} from "./kernels";
import { luFactor, luSolve } from "./lu";

const ROUNDING = 1e-12;

/** The textbook triple loop, with complex.js, as an independent reference. */
function naiveProduct(a: ComplexMatrix, b: ComplexMatrix): ComplexMatrix {
  const out = new ComplexMatrix(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++)
    for (let j = 0; j < b.cols; j++) {
      let s = a.get(i, 0).mul(b.get(0, j));
      for (let k = 1; k < a.cols; k++) s = s.add(a.get(i, k).mul(b.get(k, j)));
      out.set(i, j, s);
    }
  return out;
}

describe("dense complex kernels", () => {
  const rand = seededRandom(7);
  it("matmul agrees with the naive product; alpha/beta follow BLAS", () => {
    const a = randomMatrix(5, 3, rand);
    const b = randomMatrix(3, 4, rand);
    expect(maxAbsDiff(matmul(a, b), naiveProduct(a, b))).toBeLessThan(ROUNDING);
    const c = randomMatrix(5, 4, rand);
    const out = c.clone();
    matmulInto(out, a, b, 2, -1);
    const expected = naiveProduct(a, b);
    for (let k = 0; k < out.data.length; k++)
      expect(out.data[k]).toBeCloseTo(2 * expected.data[k] - c.data[k], 12);
  });

  it("kron satisfies the mixed-product rule (A (x) B)(C (x) D) = AC (x) BD", () => {
    const [a, b, c, d] = [
      randomMatrix(2, 3, rand),
      randomMatrix(3, 2, rand),
      randomMatrix(3, 2, rand),
      randomMatrix(2, 3, rand),
    ];
    expect(maxAbsDiff(matmul(kron(a, b), kron(c, d)), kron(matmul(a, c), matmul(b, d)))).toBeLessThan(
      ROUNDING,
    );
  });

  it("dagger and transpose are involutions and reverse products", () => {
    const a = randomMatrix(4, 3, rand);
    const b = randomMatrix(3, 5, rand);
    expect(maxAbsDiff(dagger(dagger(a)), a)).toBe(0);
    expect(maxAbsDiff(transpose(matmul(a, b)), matmul(transpose(b), transpose(a)))).toBeLessThan(ROUNDING);
    expect(maxAbsDiff(dagger(matmul(a, b)), matmul(dagger(b), dagger(a)))).toBeLessThan(ROUNDING);
  });

  it("trace of a commutator vanishes; scaling by i twice negates", () => {
    const a = randomMatrix(6, 6, rand);
    const b = randomMatrix(6, 6, rand);
    const [re, im] = traceParts(commutator(a, b));
    expect(Math.hypot(re, im)).toBeLessThan(ROUNDING);
    expect(maxAbsDiff(scale(scale(a, 0, 1), 0, 1), scale(a, -1))).toBe(0);
  });

  it("LU with partial pivoting solves A x = b", () => {
    const a = randomMatrix(12, 12, rand);
    const b = randomMatrix(12, 1, rand);
    const x = luSolve(luFactor(a), b.data);
    const ax = matmul(a, new ComplexMatrix(12, 1, x));
    expect(maxAbsDiff(ax, b)).toBeLessThan(ROUNDING);
  });

  it("LU reports a zero pivot ratio for a singular matrix", () => {
    const a = ComplexMatrix.fromReal([
      [1, 2],
      [2, 4],
    ]);
    expect(luFactor(a).smallestPivotRatio).toBeLessThan(1e-15);
  });
});

describe("CSR", () => {
  it("csrMatvecInto equals the dense product, and exact zeros are left out", async () => {
    const { toCsr, csrMatvecInto, csrDensity } = await import("./csr");
    const { matvecInto } = await import("./kernels");
    const rand = seededRandom(5);
    const a = randomMatrix(9, 9, rand);
    for (let k = 0; k < a.data.length; k += 6) {
      a.data[k] = 0;
      a.data[k + 1] = 0;
    }
    const csr = toCsr(a);
    expect(csrDensity(csr)).toBeLessThan(1);
    const x = randomMatrix(9, 1, rand).data;
    const y1 = new Float64Array(18);
    const y2 = new Float64Array(18);
    matvecInto(y1, a, x);
    csrMatvecInto(y2, csr, x);
    for (let k = 0; k < 18; k++) expect(y2[k]).toBeCloseTo(y1[k], 14);
  });
});

describe("kernels check shapes (dimensions only) and throw DimensionError (issue 10, item 7)", () => {
  const a2 = ComplexMatrix.identity(2);
  const a3 = ComplexMatrix.identity(3);
  it.each([
    [
      "matmul(2x2, 3x3)",
      () => matmul(a2, a3),
      "b must have dimension 2 rows (the columns of a, 2x2) (got 3x3)",
    ],
    ["traceOfProduct(2x2, 3x3)", () => traceOfProduct(a2, a3), "b must have dimension 2x2 (got 3x3)"],
    [
      "traceOfProduct of a 2x3",
      () => traceOfProduct(new ComplexMatrix(2, 3), a3),
      "a must have dimension square (got 2x3)",
    ],
    ["add(2x2, 3x3)", () => add(a2, a3), "b must have dimension 2x2 (got 3x3)"],
    ["addInto a wrong out", () => addInto(a3, a2, a2), "out must have dimension 2x2 (got 3x3)"],
    ["matmulInto a wrong out", () => matmulInto(a3, a2, a2), "out must have dimension 2x2 (got 3x3)"],
    ["commutator(2x2, 3x3)", () => commutator(a2, a3), "b must have dimension 2x2 (got 3x3)"],
    ["maxAbsDiff(2x2, 3x3)", () => maxAbsDiff(a2, a3), "b must have dimension 2x2 (got 3x3)"],
    [
      "matvecInto a short x",
      () => matvecInto(new Float64Array(4), a2, new Float64Array(2)),
      "x must have dimension 2 complex entries (length 4) (got length 2)",
    ],
  ])("%s", (_name, f, message) => {
    expect(f).toThrow(DimensionError);
    expect(f).toThrow(message);
  });
});

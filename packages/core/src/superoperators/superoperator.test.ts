import { describe, expect, it } from "vitest";
import { ComplexMatrix } from "../linalg/complex-matrix";
import {
  add,
  dagger,
  hermiticityDefect,
  kron,
  matmul,
  matmulChain,
  matvecInto,
  maxAbsDiff,
} from "../linalg/kernels";
import { randomHermitian, randomMatrix, seededRandom } from "../testing/random";
import { liouvillian, spost, spre, sprepost } from "./superoperator";
import { unvec, vec } from "./vectorize";

const ROUNDING = 1e-12;

function apply(s: ComplexMatrix, x: ComplexMatrix): ComplexMatrix {
  const y = new Float64Array(2 * x.rows * x.rows);
  matvecInto(y, s, vec(x));
  return unvec(y);
}

describe("column-stacked superoperators", () => {
  const rand = seededRandom(42);
  const d = 4;
  it("vec stacks columns: vec(X)[i + j d] = X[i][j], and unvec inverts it", () => {
    const x = randomMatrix(d, d, rand);
    const v = vec(x);
    expect(v[2 * (1 + 2 * d)]).toBe(x.re(1, 2));
    expect(maxAbsDiff(unvec(v), x)).toBe(0);
  });

  it("spre(A) vec(X) = vec(A X), spost(B) vec(X) = vec(X B), sprepost(A, B) vec(X) = vec(A X B)", () => {
    const [a, b, x] = [randomMatrix(d, d, rand), randomMatrix(d, d, rand), randomMatrix(d, d, rand)];
    expect(maxAbsDiff(apply(spre(a), x), matmul(a, x))).toBeLessThan(ROUNDING);
    expect(maxAbsDiff(apply(spost(b), x), matmul(x, b))).toBeLessThan(ROUNDING);
    expect(maxAbsDiff(apply(sprepost(a, b), x), matmulChain(a, x, b))).toBeLessThan(ROUNDING);
  });

  it("spre(A) = I (x) A and spost(B) = B^T (x) I (vec(A X B) = (B^T (x) A) vec(X))", () => {
    const a = randomMatrix(d, d, rand);
    const bT = randomMatrix(d, d, rand);
    const b = new ComplexMatrix(d, d);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) b.set(i, j, bT.get(j, i));
    expect(maxAbsDiff(spre(a), kron(ComplexMatrix.identity(d), a))).toBe(0);
    expect(maxAbsDiff(spost(b), kron(bT, ComplexMatrix.identity(d)))).toBe(0);
  });

  it.each([1, 2, 3])("random Lindbladian #%i preserves trace (vec(I)^dagger L = 0) and Hermiticity", () => {
    const h = randomHermitian(d, rand);
    const jumps = [0, 1, 2].map(() => ({ operator: randomMatrix(d, d, rand), rate: rand() }));
    const l = liouvillian(h, jumps);
    const n = d * d;
    // vec(I)^dagger L: sum over the diagonal rows (k, k) of L.
    for (let col = 0; col < n; col++) {
      let re = 0;
      let im = 0;
      for (let k = 0; k < d; k++) {
        re += l.re(k + k * d, col);
        im += l.im(k + k * d, col);
      }
      expect(Math.hypot(re, im)).toBeLessThan(ROUNDING);
    }
    const x = randomHermitian(d, rand);
    expect(hermiticityDefect(apply(l, x))).toBeLessThan(ROUNDING);
    // And it is the sum of its parts: -i[H, X] + sum rate (L X L^dag - 1/2 {L^dag L, X}).
    let expected = add(matmul(h, x), matmul(x, h), 0, 0);
    const comm = add(matmul(h, x), matmul(x, h), 1, -1);
    expected = add(
      expected,
      new ComplexMatrix(
        d,
        d,
        Float64Array.from(comm.data, (_v, k) => (k % 2 ? -comm.data[k - 1] : comm.data[k + 1])),
      ),
    );
    for (const { operator: lo, rate } of jumps) {
      const ld = dagger(lo);
      const ldl = matmul(ld, lo);
      expected = add(expected, matmulChain(lo, x, ld), 1, rate);
      expected = add(expected, add(matmul(ldl, x), matmul(x, ldl)), 1, -0.5 * rate);
    }
    expect(maxAbsDiff(apply(l, x), expected)).toBeLessThan(ROUNDING);
  });
});

describe("the generator's right-hand side", () => {
  it("equals L vec(rho) for Hermitian rho, on the sparse and the dense path", async () => {
    const { liouvillianRhs } = await import("../master-equation/hermitian-packing");
    const rand = seededRandom(77);
    for (const d of [3, 6]) {
      const h = randomHermitian(d, rand);
      // Sparse jumps (one entry) keep L sparse; dense random jumps make it dense.
      const sparse = new ComplexMatrix(d, d).set(0, d - 1, 1);
      for (const jumps of [
        [{ operator: sparse, rate: 0.3 }],
        [{ operator: randomMatrix(d, d, rand), rate: 0.2 }],
      ]) {
        const l = liouvillian(h, jumps);
        const rho = randomHermitian(d, rand);
        const y = vec(rho);
        const expected = new Float64Array(y.length);
        matvecInto(expected, l, y);
        const got = new Float64Array(y.length);
        liouvillianRhs(l)(0, y, got);
        for (let k = 0; k < y.length; k++) expect(Math.abs(got[k] - expected[k])).toBeLessThan(ROUNDING);
      }
    }
  });
});

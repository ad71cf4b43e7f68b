import { describe, expect, it } from "vitest";
import type { ComplexMatrix } from "../linalg/complex-matrix";
import { hermitianEigen, hermitianEigenByBlocks } from "../linalg/hermitian-eigen";
import { dagger, matmulChain, maxAbsDiff } from "../linalg/kernels";
import { randomHermitian, randomMatrix, seededRandom } from "../testing/random";
import { fromEigenbasis, toEigenbasis } from "./eigenbasis";

/** A basis change there and back: a few products with unitary matrices (entries of order 1). */
const ROUND_TRIP = 1e-13;

/** Zero every entry of `a` whose row and column labels do not satisfy `keep` (in place). */
function restrict(
  a: ComplexMatrix,
  labels: Int32Array,
  keep: (row: number, col: number) => boolean,
): ComplexMatrix {
  const n = a.rows;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (!keep(labels[i], labels[j])) {
        a.data[2 * (i * n + j)] = 0;
        a.data[2 * (i * n + j) + 1] = 0;
      }
    }
  }
  return a;
}

describe("toEigenbasis and fromEigenbasis with a block-wise eigen-decomposition", () => {
  // A Hermitian matrix that keeps a charge: labels scattered over the basis, blocks of sizes 1 to 6.
  const d = 14;
  const rand = seededRandom(11);
  const labels = Int32Array.from({ length: d }, (_, i) => [2, 0, 1, 3, 1, 2, 0, 1, 2, 1, 3, 1, 2, 1][i]);
  const h = restrict(randomHermitian(d, rand), labels, (a, b) => a === b);
  const eigen = hermitianEigenByBlocks(h, labels);
  const dense = (a: ComplexMatrix, to: boolean) =>
    to
      ? matmulChain(dagger(eigen.vectors), a, eigen.vectors)
      : matmulChain(eigen.vectors, a, dagger(eigen.vectors));

  it.each([
    ["a full operator", () => true],
    ["an operator that keeps the charge", (a: number, b: number) => a === b],
    ["an operator that raises it by one", (a: number, b: number) => a === b + 1],
  ])("%s: the products of the dense matrices, to the last bit", (_, keep) => {
    const a = restrict(randomMatrix(d, d, rand), labels, keep);
    for (const to of [true, false]) {
      const blockwise = to ? toEigenbasis(a, eigen) : fromEigenbasis(a, eigen);
      // The same terms summed in the same order; only the sign of a zero may differ.
      expect(maxAbsDiff(blockwise, dense(a, to))).toBe(0);
    }
    expect(maxAbsDiff(fromEigenbasis(toEigenbasis(a, eigen), eigen), a)).toBeLessThanOrEqual(ROUND_TRIP);
  });

  it("keeps a charge-conserving operator inside the blocks of the eigenvectors' labels", () => {
    const a = restrict(randomMatrix(d, d, rand), labels, (x, y) => x === y);
    const inEigenbasis = toEigenbasis(a, eigen);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        if (eigen.blockLabels[i] !== eigen.blockLabels[j])
          expect([inEigenbasis.re(i, j), inEigenbasis.im(i, j)]).toEqual([0, 0]);
      }
    }
  });

  it("a decomposition without blocks takes the dense products", () => {
    const plain = hermitianEigen(h);
    const a = randomMatrix(d, d, rand);
    expect(maxAbsDiff(toEigenbasis(a, plain), matmulChain(dagger(plain.vectors), a, plain.vectors))).toBe(0);
  });

  it("refuses an operator of another dimension", () => {
    expect(() => toEigenbasis(randomMatrix(d + 1, d + 1, rand), eigen)).toThrow(/14x14/);
  });
});

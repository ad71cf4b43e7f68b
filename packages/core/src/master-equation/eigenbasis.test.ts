import { describe, expect, it } from "vitest";
import type { ComplexMatrix } from "../linalg/complex-matrix";
import { hermitianEigen, hermitianEigenByBlocks } from "../linalg/hermitian-eigen";
import { dagger, matmulChain, maxAbsDiff } from "../linalg/kernels";
import { randomHermitian, randomMatrix, seededRandom } from "../testing/random";
import { eigenBlocks, fromEigenbasis, toEigenbasis } from "./eigenbasis";

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
  // A Hermitian matrix that keeps a charge: labels scattered over the basis, blocks of 1, 2, 2, 4 and 5 states.
  const d = 14;
  const rand = seededRandom(11);
  const labels = Int32Array.from([2, 0, 1, 3, 1, 2, 0, 1, 2, 4, 3, 1, 2, 1]);
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

  it("takes the block path for this decomposition, with its five blocks of states and eigenvectors", () => {
    const blocks = eigenBlocks(eigen);
    expect(blocks).not.toBeNull();
    expect(blocks!.basis.map((b) => b.length).sort()).toEqual([1, 2, 2, 4, 5]);
    for (const [k, rows] of blocks!.basis.entries()) {
      const label = labels[rows[0]];
      expect(Array.from(rows).every((i) => labels[i] === label)).toBe(true);
      expect(Array.from(blocks!.columns[k]).every((j) => eigen.blockLabels[j] === label)).toBe(true);
    }
  });

  it("takes the dense products without labels, with one block, or when V is not zero across blocks", () => {
    expect(eigenBlocks(hermitianEigen(h))).toBeNull();
    const one = new Int32Array(d);
    expect(eigenBlocks(hermitianEigenByBlocks(h, one))).toBeNull();
    // Labels that V does not respect: the eigenvectors of a matrix that mixes the blocks.
    const mixed = hermitianEigen(randomHermitian(d, rand));
    const mislabelled = { ...mixed, blockLabels: eigen.blockLabels, basisLabels: eigen.basisLabels };
    expect(eigenBlocks(mislabelled)).toBeNull();
    const a = randomMatrix(d, d, rand);
    expect(
      maxAbsDiff(toEigenbasis(a, mislabelled), matmulChain(dagger(mixed.vectors), a, mixed.vectors)),
    ).toBe(0);
  });

  it("refuses an operator of another dimension", () => {
    expect(() => toEigenbasis(randomMatrix(d + 1, d + 1, rand), eigen)).toThrow(/14x14/);
  });
});

import { describe, expect, it } from "vitest";
import { ComplexMatrix } from "../linalg/complex-matrix";
import { toCsr } from "../linalg/csr";
import { add, matmul } from "../linalg/kernels";
import { buildGenerator } from "../master-equation/build-generator";
import { APPROACHES } from "../master-equation/generator";
import { embed, sigmaPlus } from "../operators/builders";
import { Operator } from "../operators/operator";
import { openSystem } from "../system/open-system";
import { flatSpectrum } from "../system/spectral-density";
import { randomMatrix, seededRandom } from "../testing/random";
import { randomChain } from "../testing/random-chain";
import { blockKernelDimension, kernelDimension } from "./kernel-dimension";

/** A random n x n complex matrix of rank r (a product of n x r and r x n factors). */
function randomOfRank(n: number, r: number, rand: () => number): ComplexMatrix {
  return matmul(randomMatrix(n, r, rand), randomMatrix(r, n, rand));
}

/**
 * The matrix with `blocks` on its diagonal, its rows and columns then shuffled by one random
 * permutation (so the blocks are not contiguous and only the pattern reveals them).
 */
function shuffledBlockDiagonal(blocks: ComplexMatrix[], rand: () => number): ComplexMatrix {
  const n = blocks.reduce((s, b) => s + b.rows, 0);
  const perm = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [perm[i], perm[j]] = [perm[j], perm[i]];
  }
  const out = new ComplexMatrix(n, n);
  let at = 0;
  for (const b of blocks) {
    for (let i = 0; i < b.rows; i++) {
      for (let j = 0; j < b.cols; j++) {
        const s = 2 * (perm[at + i] * n + perm[at + j]);
        out.data[s] = b.data[2 * (i * b.cols + j)];
        out.data[s + 1] = b.data[2 * (i * b.cols + j) + 1];
      }
    }
    at += b.rows;
  }
  return out;
}

describe("blockKernelDimension", () => {
  it("sums the rank deficits of shuffled diagonal blocks, as the dense elimination counts them", () => {
    const rand = seededRandom(11);
    // Blocks of sizes 5, 3, 4, 1 and ranks 3, 3, 2, 0: a kernel of dimension 2 + 0 + 2 + 1 = 5.
    const a = shuffledBlockDiagonal(
      [randomOfRank(5, 3, rand), randomOfRank(3, 3, rand), randomOfRank(4, 2, rand), new ComplexMatrix(1, 1)],
      rand,
    );
    expect(kernelDimension(a)).toBe(5);
    expect(blockKernelDimension(toCsr(a))).toBe(5);
  });

  it("is null, before eliminating, when the blocks' work exceeds the bound", () => {
    const rand = seededRandom(12);
    const a = toCsr(shuffledBlockDiagonal([randomOfRank(6, 4, rand), randomOfRank(2, 1, rand)], rand));
    expect(blockKernelDimension(a, undefined, 6 ** 3 + 2 ** 3)).toBe(3);
    expect(blockKernelDimension(a, undefined, 6 ** 3 + 2 ** 3 - 1)).toBeNull();
  });

  it("measures pivots against the largest entry of the whole matrix, not of each block", () => {
    // A block whose entries are 1e-13 of the other's: zero at KERNEL_TOLERANCE (1e-12), as the
    // dense elimination with complete pivoting finds it; a block-relative scale would keep it.
    const rand = seededRandom(13);
    const small = randomOfRank(3, 3, rand);
    for (let k = 0; k < small.data.length; k++) small.data[k] *= 1e-13;
    const a = shuffledBlockDiagonal([randomOfRank(4, 4, rand), small], rand);
    expect(kernelDimension(a)).toBe(3);
    expect(blockKernelDimension(toCsr(a))).toBe(3);
  });

  it("agrees with the dense count on random chains' Liouvillians, every approach, with and without a charge", () => {
    for (const approach of APPROACHES) {
      for (const charge of [true, false]) {
        const gen = buildGenerator(randomChain(3, 21, charge), { approach });
        const dense = kernelDimension(gen.liouvillian.toDense());
        expect(dense).toBe(1);
        const csr = gen.liouvillian.toCsr();
        expect(blockKernelDimension(csr)).toBe(dense);
        expect(blockKernelDimension(csr, undefined, undefined, 8)).toBe(dense);
      }
    }
  });

  it("counts a conjugate pair of blocks twice when it eliminates one of them (hermitianDimension)", () => {
    // L = 0 on 2 x 2 matrices: four 1 x 1 zero blocks, the coherences |0><1| and |1><0| a pair.
    const zero = toCsr(new ComplexMatrix(4, 4));
    expect(blockKernelDimension(zero)).toBe(4);
    expect(blockKernelDimension(zero, undefined, undefined, 2)).toBe(4);
    // The pair costs one elimination: 3 blocks of size 1 are within a work of 3, 4 are not.
    expect(blockKernelDimension(zero, undefined, 3, 2)).toBe(4);
    expect(blockKernelDimension(zero, undefined, 3)).toBeNull();
    // A chain whose charge splits its Liouvillian: the pairs k and -k halve the off-diagonal work.
    const csr = buildGenerator(randomChain(4, 22), { approach: "local" }).liouvillian.toCsr();
    expect(blockKernelDimension(csr, undefined, undefined, 16)).toBe(1);
    // Blocks of fixed excitation difference k: C(8, 4 - |k|) = 70, 56, 28, 8, 1 for |k| = 0..4.
    const all = 70 ** 3 + 2 * (56 ** 3 + 28 ** 3 + 8 ** 3 + 1);
    const halfOfPairs = 70 ** 3 + 56 ** 3 + 28 ** 3 + 8 ** 3 + 1;
    expect(blockKernelDimension(csr, undefined, all)).toBe(1);
    expect(blockKernelDimension(csr, undefined, all - 1)).toBeNull();
    expect(blockKernelDimension(csr, undefined, halfOfPairs, 16)).toBe(1);
    expect(blockKernelDimension(csr, undefined, halfOfPairs - 1, 16)).toBeNull();
  });

  it("pairs conjugate blocks that hold a kernel: two qubits' dark coherences |S><gg| and |gg><S|", () => {
    // H = 0, collective decay J- = s-_1 + s-_2 at T = 0: the singlet |S> and the ground state
    // |gg> are dark, so every operator on their span is stationary: a kernel of dimension 4, of
    // which |S><gg| and its adjoint lie in the blocks of excitation difference +1 and -1.
    const dims = [2, 2];
    const collective = Operator.of(add(embed(sigmaPlus(), 0, dims), embed(sigmaPlus(), 1, dims)), dims);
    const gen = buildGenerator(
      openSystem({
        hamiltonian: Operator.of(new ComplexMatrix(4, 4), dims),
        baths: [
          {
            name: "A",
            temperature: 0,
            spectralDensity: flatSpectrum(0.1),
            couplings: [{ form: "rwa", operator: collective, frequency: 1 }],
          },
        ],
        charge: [2, 1, 1, 0],
      }),
      { approach: "local" },
    );
    const dense = kernelDimension(gen.liouvillian.toDense());
    expect(dense).toBe(4);
    const csr = toCsr(gen.liouvillian.toDense());
    expect(blockKernelDimension(csr)).toBe(4);
    expect(blockKernelDimension(csr, undefined, undefined, 4)).toBe(4);
  });

  it("eliminates both blocks of a pair whose patterns do not correspond, and checks hermitianDimension", () => {
    // On 2 x 2 matrices (column stacking: index 1 is |1><0|, index 2 is |0><1|): an entry on index
    // 1 only. Paired by size alone, |0><1| would inherit the rank of |1><0|; the kernel is 3.
    const a = new ComplexMatrix(4, 4);
    a.data[2 * (1 * 4 + 1)] = 1;
    const csr = toCsr(a);
    expect(kernelDimension(a)).toBe(3);
    expect(blockKernelDimension(csr, undefined, undefined, 2)).toBe(3);
    expect(() => blockKernelDimension(csr, undefined, undefined, 3)).toThrow(/hermitianDimension/);
  });
});

import { ComplexMatrix } from "../linalg/complex-matrix";
import { add, dagger, matmul } from "../linalg/kernels";

// Test support (not exported from the package; tests import it as "@liouville/core/testing"):
// the one seeded random generator of every test suite, and random matrices and states from it.

/**
 * A small seeded PRNG (mulberry32, 32-bit state) of uniform numbers in [0, 1), for reproducible
 * random test matrices. Not for statistics or cryptography.
 */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A rows x cols matrix with entries uniform in [-1, 1] + i [-1, 1]. */
export function randomMatrix(rows: number, cols: number, rand: () => number): ComplexMatrix {
  const m = new ComplexMatrix(rows, cols);
  for (let k = 0; k < m.data.length; k++) m.data[k] = 2 * rand() - 1;
  return m;
}

/** A random Hermitian matrix (A + A^dagger) / 2. */
export function randomHermitian(n: number, rand: () => number): ComplexMatrix {
  const a = randomMatrix(n, n, rand);
  return add(a, dagger(a), 0.5, 0.5);
}

/** Standard normal numbers from `seededRandom` (Box-Muller). */
export function seededNormal(seed: number): () => number {
  const uniform = seededRandom(seed);
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** A random d x d density matrix A A^dagger / Tr(A A^dagger) with A from `randomMatrix`. */
export function randomDensityMatrix(d: number, rand: () => number): ComplexMatrix {
  const a = randomMatrix(d, d, rand);
  const rho = matmul(a, dagger(a));
  let trace = 0;
  for (let i = 0; i < d; i++) trace += rho.re(i, i);
  for (let x = 0; x < rho.data.length; x++) rho.data[x] /= trace;
  return rho;
}

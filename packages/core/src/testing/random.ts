import { ComplexMatrix } from "../linalg/complex-matrix";
import { add, dagger } from "../linalg/kernels";

/**
 * A small seeded PRNG (mulberry32) for reproducible random matrices in tests and benchmarks.
 * Not for cryptography.
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

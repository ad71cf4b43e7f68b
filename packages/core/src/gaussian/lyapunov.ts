import { ComplexMatrix } from "../linalg/complex-matrix";
import { matvecInto } from "../linalg/kernels";
import { type LuFactorization, luFactor, luSolve, luSolveInPlace } from "../linalg/lu";

/**
 * The continuous Lyapunov operator N -> X N + N X^dagger of an M x M matrix X, in column-
 * stacked (vectorised) form, factorised once so that several right-hand sides can be solved.
 *
 * ## Method
 * With column stacking, vec(A N B) = (B^T (x) A) vec(N) (docs/conventions.md section 1), so
 * vec(X N + N X^dagger) = (I (x) X + conj(X) (x) I) vec(N). The M^2 x M^2 matrix is factorised by
 * complex LU with partial pivoting (`luFactor`). Its eigenvalues are lambda_i + conj(lambda_j)
 * over the eigenvalues lambda of X, so it is invertible exactly when no two eigenvalues of X
 * satisfy lambda_i = -conj(lambda_j) (Horn & Johnson, Topics in Matrix Analysis, Sec. 4.4).
 * The cost is O(M^6), fine for the few modes of the models here.
 */
export interface LyapunovOperator {
  /** M, the size of X. */
  readonly size: number;
  /** I (x) X + conj(X) (x) I, M^2 x M^2. */
  readonly matrix: ComplexMatrix;
  /** LU factorisation of `matrix`, reused for every right-hand side. */
  readonly factorization: LuFactorization;
}

/**
 * Steps of fixed-precision iterative refinement after the LU solve. One step makes the solve
 * componentwise backward stable (Skeel 1980; Higham, Accuracy and Stability of Numerical
 * Algorithms, 2nd ed., Sec. 12.2), which matters here: small correlations, such as the share of
 * a weakly coupled mode, keep their relative accuracy next to large ones.
 */
export const LYAPUNOV_REFINEMENT_STEPS = 2;

/** Build and factorise the Lyapunov operator of `x` (square, unchecked). */
export function lyapunovOperator(x: ComplexMatrix): LyapunovOperator {
  const m = x.rows;
  const n2 = m * m;
  const s = new ComplexMatrix(n2, n2);
  const d = s.data;
  const xd = x.data;
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < m; i++) {
      const row = i + j * m;
      // (I (x) X): X_ik at column k + j m.
      for (let k = 0; k < m; k++) {
        const col = k + j * m;
        d[2 * (row * n2 + col)] += xd[2 * (i * m + k)];
        d[2 * (row * n2 + col) + 1] += xd[2 * (i * m + k) + 1];
      }
      // (conj(X) (x) I): conj(X_jl) at column i + l m.
      for (let l = 0; l < m; l++) {
        const col = i + l * m;
        d[2 * (row * n2 + col)] += xd[2 * (j * m + l)];
        d[2 * (row * n2 + col) + 1] -= xd[2 * (j * m + l) + 1];
      }
    }
  }
  return { size: m, matrix: s, factorization: luFactor(s) };
}

/**
 * Solve X N + N X^dagger = -Q for N with a factorised operator. `q` is M x M; the result is
 * Hermitised, (N + N^dagger) / 2, which is exact when Q is Hermitian.
 */
export function solveLyapunov(op: LyapunovOperator, q: ComplexMatrix): ComplexMatrix {
  const m = op.size;
  const b = new Float64Array(2 * m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      b[2 * (i + j * m)] = -q.data[2 * (i * m + j)];
      b[2 * (i + j * m) + 1] = -q.data[2 * (i * m + j) + 1];
    }
  }
  const v = luSolve(op.factorization, b);
  const r = new Float64Array(b.length);
  for (let step = 0; step < LYAPUNOV_REFINEMENT_STEPS; step++) {
    matvecInto(r, op.matrix, v);
    for (let k = 0; k < r.length; k++) r[k] = b[k] - r[k];
    luSolveInPlace(op.factorization, r);
    for (let k = 0; k < r.length; k++) v[k] += r[k];
  }
  const n = new ComplexMatrix(m, m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      const a = 2 * (i + j * m);
      const t = 2 * (j + i * m);
      // + 0 turns a signed zero into +0, so that an exactly vanishing entry reads as 0.
      n.data[2 * (i * m + j)] = 0.5 * (v[a] + v[t]) + 0;
      n.data[2 * (i * m + j) + 1] = 0.5 * (v[a + 1] - v[t + 1]) + 0;
    }
  }
  return n;
}

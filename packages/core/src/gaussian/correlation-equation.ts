import { ComplexMatrix } from "../linalg/complex-matrix";
import {
  type QuadraticBosonicSystem,
  type ResolvedJump,
  resolveQuadraticBosonicSystem,
} from "./quadratic-bosonic-system";

/**
 * The closed equation of motion of the correlation matrix N_ij = <a_i^dagger a_j>,
 *
 *   dN/dt = X N + N X^dagger + P,
 *
 * with the drift X and the (positive semidefinite) diffusion P
 *
 *   X = i h^T - 1/2 sum_{lowering} gamma c c^dagger + 1/2 sum_{raising} gamma conj(c) c^T,
 *   P = sum_{raising} gamma conj(c) c^T,
 *
 * where c is the column of a jump's coefficients, (c c^dagger)_ik = c_i conj(c_k) and
 * (conj(c) c^T)_ik = conj(c_i) c_k. A thermal jump (rate g, occupation n) is the lowering jump
 * with rate g (1 + n) plus the raising jump with coefficients conj(c) and rate g n; it adds
 * -g/2 c c^dagger to X (the net damping, formed without the difference g (1 + n) - g n) and
 * g n c c^dagger to P.
 */
export interface CorrelationEquation {
  /** X, M x M. Not Hermitian in general; a unique steady state needs Re spec(X) < 0. */
  readonly drift: ComplexMatrix;
  /** P, M x M, Hermitian and positive semidefinite. Zero when no raising jump has a rate. */
  readonly diffusion: ComplexMatrix;
}

/**
 * Drift X and diffusion P of the correlation matrix N_ij = <a_i^dagger a_j> of a quadratic
 * bosonic system (see `CorrelationEquation`). The equation holds for every state, Gaussian or
 * not: a quadratic H and linear jumps close the second moments.
 *
 * ## Method
 * The Heisenberg-picture (adjoint) Lindblad equation (Breuer & Petruccione, eq. (3.69)),
 *
 *   dO/dt = i[H, O] + sum gamma (L^dag O L - 1/2 {L^dag L, O})
 *         = i[H, O] + sum gamma/2 (L^dag [O, L] + [L^dag, O] L),
 *
 * applied to O = a_i^dag a_j with [H, a_j] = -sum_l h_jl a_l and [H, a_i^dag] = sum_k h_ki a_k^dag:
 * - Hamiltonian: i (h^T N - N h^T)_ij.
 * - lowering L = sum_k c_k a_k: [O, L] = -c_i a_j and [L^dag, O] = -conj(c_j) a_i^dag, giving
 *   -gamma/2 (G N + N G)_ij with G = c c^dagger.
 * - raising L = sum_k c_k a_k^dag: [O, L] = c_j a_i^dag, [L^dag, O] = conj(c_i) a_j, and
 *   normal ordering a_k a_i^dag = a_i^dag a_k + delta_ki gives
 *   +gamma/2 (R N + N R)_ij + gamma R_ij with R = conj(c) c^T.
 * Since h is Hermitian, (i h^T)^dagger = -i h^T, which makes the sum the form X N + N X^dagger + P.
 *
 * Check on one mode of frequency w with rates g(1 + n) (lowering) and g n (raising):
 * X = i w - g / 2, P = g n, so the steady state is N = n, the thermal occupation.
 *
 * @example
 * const { drift, diffusion } = correlationEquation({
 *   modes: 1, hamiltonian: ComplexMatrix.from([[2]]),
 *   jumps: [{ bath: "A", kind: "lowering", rate: 0.3, coefficients: [1] },
 *           { bath: "A", kind: "raising", rate: 0.1, coefficients: [1] }],
 * });
 * drift.get(0, 0) // -0.1 + 2i;  diffusion.get(0, 0) // 0.1
 */
export function correlationEquation(system: QuadraticBosonicSystem): CorrelationEquation {
  const jumps = resolveQuadraticBosonicSystem(system);
  return buildCorrelationEquation(system.modes, system.hamiltonian, jumps);
}

/** The unchecked builder behind `correlationEquation`, for callers that have validated already. */
export function buildCorrelationEquation(
  m: number,
  h: ComplexMatrix,
  jumps: readonly ResolvedJump[],
): CorrelationEquation {
  const drift = new ComplexMatrix(m, m);
  const diffusion = new ComplexMatrix(m, m);
  const x = drift.data;
  const p = diffusion.data;
  // i h^T with h replaced by its Hermitian part (h passed a tolerance check, not an exact one).
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < m; k++) {
      const re = 0.5 * (h.re(k, i) + h.re(i, k));
      const im = 0.5 * (h.im(k, i) - h.im(i, k));
      x[2 * (i * m + k)] = -im;
      x[2 * (i * m + k) + 1] = re;
    }
  }
  for (const jump of jumps) {
    if (jump.rate === 0) continue;
    const c = jump.c;
    const raising = jump.kind === "raising";
    const half = raising ? 0.5 * jump.rate : -0.5 * jump.rate;
    const thermal = jump.kind === "thermal";
    for (let i = 0; i < m; i++) {
      const cir = c[2 * i];
      const cii = c[2 * i + 1];
      for (let k = 0; k < m; k++) {
        const ckr = c[2 * k];
        const cki = c[2 * k + 1];
        // lowering: c_i conj(c_k); raising: conj(c_i) c_k = conj(c_i conj(c_k)).
        const re = cir * ckr + cii * cki;
        const im = raising ? -(cii * ckr - cir * cki) : cii * ckr - cir * cki;
        const s = 2 * (i * m + k);
        x[s] += half * re;
        x[s + 1] += half * im;
        if (raising) {
          p[s] += jump.rate * re;
          p[s + 1] += jump.rate * im;
        } else if (thermal && jump.occupation > 0) {
          // The raising half, coefficients conj(c): conj(conj(c_i)) conj(c_k) = c_i conj(c_k).
          p[s] += jump.rate * jump.occupation * re;
          p[s + 1] += jump.rate * jump.occupation * im;
        }
      }
    }
  }
  return { drift, diffusion };
}

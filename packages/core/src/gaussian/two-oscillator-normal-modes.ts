import { ParameterError } from "../errors/parameter-error";

/**
 * Normal modes of two coupled oscillators, eq. (4.32) of Fogedby (arXiv:2301.13544),
 * H_S = omega1 a1^dag a1 + omega2 a2^dag a2 + lambda (a1 a2^dag + a1^dag a2), i.e. the single-
 * particle matrix h = [[omega1, lambda], [lambda, omega2]].
 *
 * h = U diag(omegaPlus, omegaMinus) U^T with U real orthogonal; the normal modes are
 * b_k = sum_i U_ik a_i, so a_i = sum_k U_ik b_k and H_S = sum_k omega_k b_k^dag b_k.
 */
export interface TwoOscillatorNormalModes {
  /** omega_+ = (omega1 + omega2) / 2 + sqrt((omega1 - omega2)^2 / 4 + lambda^2). */
  readonly omegaPlus: number;
  /** omega_- = (omega1 omega2 - lambda^2) / omega_+ (> 0 when lambda^2 < omega1 omega2). */
  readonly omegaMinus: number;
  /**
   * U as rows i = oscillator (1, 2), columns k = normal mode (+, -):
   * [[cos phi, -sin phi], [sin phi, cos phi]] with tan(2 phi) = 2 lambda / (omega1 - omega2)
   * (phi = theta / 2 of the mixing angle theta = atan2(2 lambda, omega1 - omega2), up to the sign of
   * each column).
   */
  readonly mixing: readonly [readonly [number, number], readonly [number, number]];
}

/**
 * Check omega1, omega2 > 0 and lambda^2 < omega1 omega2 (so that H_S is bounded below, omega_- > 0),
 * the model constraint of docs/conventions.md section 5. Throws `ParameterError` naming the parameter.
 */
export function validateTwoOscillatorFrequencies(omega1: number, omega2: number, lambda: number): void {
  if (!Number.isFinite(omega1) || omega1 <= 0)
    throw new ParameterError("omega1", "a finite number > 0", omega1);
  if (!Number.isFinite(omega2) || omega2 <= 0)
    throw new ParameterError("omega2", "a finite number > 0", omega2);
  if (!Number.isFinite(lambda) || !(lambda * lambda < omega1 * omega2)) {
    throw new ParameterError(
      "lambda",
      `finite with |lambda| < sqrt(omega1 * omega2) = ${Math.sqrt(omega1 * omega2)}`,
      lambda,
    );
  }
}

/**
 * Frequencies and mixing matrix of the two normal modes of eq. (4.32) of Fogedby (arXiv:2301.13544).
 *
 * ## Method
 * With Delta = omega1 - omega2 and R = sqrt(Delta^2 / 4 + lambda^2), omega_+- = (omega1 +
 * omega2) / 2 +- R; omega_- is taken from the determinant, omega_+ omega_- = omega1 omega2 -
 * lambda^2, to avoid cancellation. The eigenvector of omega_+ is (cos phi, sin phi) with
 * tan phi = lambda / (R + Delta / 2) when Delta >= 0, and cot phi = lambda / (R - Delta / 2)
 * otherwise: both forms are free of cancellation, so a weakly mixed component such as
 * sin phi ~ lambda / Delta keeps full relative accuracy.
 *
 * @example
 * twoOscillatorNormalModes(1, 1, 0.5) // omegaPlus 1.5, omegaMinus 0.5, mixing [[s, -s], [s, s]], s = 1/sqrt(2)
 */
export function twoOscillatorNormalModes(
  omega1: number,
  omega2: number,
  lambda: number,
): TwoOscillatorNormalModes {
  validateTwoOscillatorFrequencies(omega1, omega2, lambda);
  const delta = omega1 - omega2;
  const r = Math.hypot(0.5 * delta, lambda);
  const omegaPlus = 0.5 * (omega1 + omega2) + r;
  const omegaMinus = (omega1 * omega2 - lambda * lambda) / omegaPlus;
  let c: number;
  let s: number;
  if (delta >= 0) {
    const t = r + 0.5 * delta === 0 ? 0 : lambda / (r + 0.5 * delta);
    c = 1 / Math.sqrt(1 + t * t);
    s = t * c;
  } else {
    const u = lambda / (r - 0.5 * delta);
    s = 1 / Math.sqrt(1 + u * u);
    c = u * s;
  }
  return {
    omegaPlus,
    omegaMinus,
    mixing: [
      [c, -s],
      [s, c],
    ],
  };
}

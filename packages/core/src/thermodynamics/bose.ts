import { ParameterError } from "../errors/parameter-error";

/**
 * Bose-Einstein occupation n(w, T) = 1 / (exp(w/T) - 1) for a mode of frequency w > 0 at
 * temperature T >= 0 (hbar = k_B = 1; eq. (3.7) of Fogedby (arXiv:2301.13544)).
 *
 * ## Notes
 * Computed as 1/expm1(w/T): accurate for small w/T (no cancellation in exp - 1), exactly 0 at
 * T = 0, and 0 (not NaN, no overflow) when w/T is so large that exp overflows.
 *
 * @example nBose(1, 1) // 0.5819767068693265
 */
export function nBose(omega: number, temperature: number): number {
  if (!(omega > 0) || !Number.isFinite(omega))
    throw new ParameterError("omega", "a finite number > 0", omega);
  if (!(temperature >= 0) || !Number.isFinite(temperature)) {
    throw new ParameterError("temperature", "a finite number >= 0", temperature);
  }
  if (temperature === 0) return 0;
  const n = 1 / Math.expm1(omega / temperature);
  if (!Number.isFinite(n)) {
    throw new ParameterError(
      "omega",
      `large enough against T that n(omega, T) is finite (omega/T = ${omega / temperature})`,
      omega,
    );
  }
  return n;
}

/** Throw a ParameterError naming `parameter` unless T is finite and >= 0. */
export function assertTemperature(parameter: string, temperature: number): void {
  if (!(temperature >= 0) || !Number.isFinite(temperature)) {
    throw new ParameterError(parameter, "a finite number >= 0", temperature);
  }
}

import { ParameterError } from "../errors/parameter-error";
import { nBose } from "../thermodynamics/bose";

/**
 * A bath's spectral function g(w) of eq. (3.6) of Fogedby (arXiv:2301.13544), g(w) = 2 pi sum_k lambda_k^2
 * delta(w - w_k), for w > 0. Decay rates are g(w)(1 + n(w)), excitation rates g(w) n(w).
 */
export interface SpectralDensity {
  readonly kind: "flat" | "ohmic" | "custom";
  /** g(w) for w > 0. */
  value(omega: number): number;
  /**
   * lim_{w -> 0+} g(w) (1 + n(w, T)): the rate of a zero-frequency (dephasing) component of a
   * Hermitian coupling. Infinite for a flat spectrum at T > 0.
   */
  zeroFrequencyRate(temperature: number): number;
  /** Short human description, e.g. "flat g = 0.1". */
  readonly description: string;
}

/** Flat spectrum g(w) = strength (the paper's constant g_A, g_B). */
export function flatSpectrum(strength: number): SpectralDensity {
  checkStrength(strength);
  return Object.freeze({
    kind: "flat" as const,
    value: () => strength,
    zeroFrequencyRate: (t: number) => (strength === 0 ? 0 : t > 0 ? Number.POSITIVE_INFINITY : strength),
    description: `flat g = ${strength}`,
  });
}

/**
 * Ohmic spectrum with exponential cutoff, g(w) = strength * w * exp(-w / cutoff)
 * (Breuer & Petruccione, Sec. 3.6; Leggett et al., Rev. Mod. Phys. 59, 1 (1987)).
 */
export function ohmicSpectrum(strength: number, cutoff: number): SpectralDensity {
  checkStrength(strength);
  if (!(cutoff > 0) || !Number.isFinite(cutoff))
    throw new ParameterError("cutoff", "a finite number > 0", cutoff);
  return Object.freeze({
    kind: "ohmic" as const,
    value: (w: number) => strength * w * Math.exp(-w / cutoff),
    // g(w)(1 + n) -> strength * w * (T / w) = strength * T as w -> 0.
    zeroFrequencyRate: (t: number) => strength * t,
    description: `ohmic g = ${strength} w exp(-w/${cutoff})`,
  });
}

/** A user-given g(w) (must be finite and >= 0 for w > 0; checked where it is evaluated). */
export function customSpectrum(g: (omega: number) => number, description = "custom"): SpectralDensity {
  return Object.freeze({
    kind: "custom" as const,
    value: g,
    zeroFrequencyRate: (t: number) => {
      const w = 1e-9;
      return g(w) * (1 + (t > 0 ? nBose(w, t) : 0));
    },
    description,
  });
}

/**
 * Emission (decay) rate g(w)(1 + n(w, T)) for w > 0: the bath absorbs a quantum w. `bath` names
 * the bath in the error raised when the rate is not a finite number >= 0.
 */
export function emissionRate(g: SpectralDensity, omega: number, temperature: number, bath = "?"): number {
  return finiteRate(checkedValue(g, omega) * (1 + nBose(omega, temperature)), omega, bath);
}

/** Absorption (excitation) rate g(w) n(w, T) for w > 0: the bath gives a quantum w. */
export function absorptionRate(g: SpectralDensity, omega: number, temperature: number, bath = "?"): number {
  const n = nBose(omega, temperature);
  return n === 0 ? 0 : finiteRate(checkedValue(g, omega) * n, omega, bath);
}

function finiteRate(rate: number, omega: number, bath: string): number {
  if (!Number.isFinite(rate)) {
    throw new ParameterError(
      `bath ${bath}`,
      `a spectral density and temperature with finite rates g(w)(1 + n(w)) (overflow at w = ${omega})`,
    );
  }
  return rate;
}

function checkedValue(g: SpectralDensity, omega: number): number {
  const v = g.value(omega);
  if (!Number.isFinite(v) || v < 0) {
    throw new ParameterError(
      "spectralDensity",
      `finite and >= 0 at every Bohr frequency (g(${omega}) = ${v})`,
    );
  }
  return v;
}

function checkStrength(strength: number): void {
  if (!Number.isFinite(strength) || strength < 0)
    throw new ParameterError("strength", "a finite number >= 0", strength);
}

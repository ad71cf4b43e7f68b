import { ParameterError } from "../errors/parameter-error";
import { nBose } from "../thermodynamics/bose";

/**
 * A bath's spectral function g(w) of eq. (3.6) of Fogedby (arXiv:2301.13544), g(w) = 2 pi sum_k lambda_k^2
 * delta(w - w_k), for w > 0. Decay rates are g(w)(1 + n(w)), excitation rates g(w) n(w).
 */
export interface SpectralDensity {
  /** Which family the spectrum belongs to. */
  readonly kind: "flat" | "ohmic" | "custom";
  /** g(w) for w > 0. */
  value(omega: number): number;
  /**
   * lim_{w -> 0+} g(w) (1 + n(w, T)): the rate of a zero-frequency (dephasing) component of a
   * Hermitian coupling. +Infinity when the limit diverges (a flat spectrum at T > 0), NaN when it
   * does not exist (a custom g that is negative, not finite or not settling near 0); callers
   * refuse both (`zeroFrequencyError`).
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

/** Frequencies at which a custom g(w) (1 + n(w)) is sampled towards w = 0: 1e-2 down to 1e-8. */
const ZERO_FREQUENCY_PROBES = [1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8];
/** The samples have settled when the last two differ by at most this fraction of the last. */
const ZERO_FREQUENCY_SETTLED = 1e-4;
/**
 * They diverge when each decade multiplies the last three by at least this (g(0) > 0 at T > 0
 * grows as T g(0) / w: a factor 10 per decade).
 */
const ZERO_FREQUENCY_DIVERGING = 5;

/**
 * lim_{w -> 0+} g(w) (1 + n(w, T)) of a function known only by its values: sampled at
 * ZERO_FREQUENCY_PROBES, it is the last sample when they settle (an ohmic-like g with g(0) = 0,
 * or any g at T = 0), +Infinity when they grow by a factor ZERO_FREQUENCY_DIVERGING per decade
 * (g(0+) > 0 at T > 0), and NaN otherwise: g negative or not finite near 0, or no limit seen.
 */
export function zeroFrequencyLimit(g: (omega: number) => number, temperature: number): number {
  const samples: number[] = [];
  for (const w of ZERO_FREQUENCY_PROBES) {
    const v = g(w);
    if (!(Number.isFinite(v) && v >= 0)) return Number.NaN;
    samples.push(v * (1 + (temperature > 0 ? nBose(w, temperature) : 0)));
  }
  const k = samples.length - 1;
  const last = samples[k];
  if (Math.abs(last - samples[k - 1]) <= ZERO_FREQUENCY_SETTLED * Math.abs(last)) return last;
  const growing = [k, k - 1, k - 2].every((i) => samples[i] >= ZERO_FREQUENCY_DIVERGING * samples[i - 1]);
  return growing ? Number.POSITIVE_INFINITY : Number.NaN;
}

/**
 * The ParameterError of a Hermitian coupling with a zero-frequency (dephasing) part whose rate
 * lim g(w)(1 + n(w)) is infinite or undefined: it names the coupling and says which.
 */
export function zeroFrequencyError(where: string, spectrum: SpectralDensity, rate: number): ParameterError {
  return new ParameterError(
    where,
    Number.isNaN(rate)
      ? `free of zero-frequency (dephasing) parts under this ${spectrum.kind} spectrum: g(w)(1 + n(w)) has no limit as w -> 0 (g negative, not finite or not settling near 0)`
      : `free of zero-frequency (dephasing) parts under a ${spectrum.kind} spectrum at T > 0: the rate lim g(w)(1 + n(w)) is infinite as w -> 0 (g(0+) > 0); use a spectrum with g(0) = 0 such as ohmic`,
  );
}

/** A user-given g(w) (must be finite and >= 0 for w > 0; checked where it is evaluated). */
export function customSpectrum(g: (omega: number) => number, description = "custom"): SpectralDensity {
  return Object.freeze({
    kind: "custom" as const,
    value: g,
    zeroFrequencyRate: (t: number) => zeroFrequencyLimit(g, t),
    description,
  });
}

/**
 * The largest thermal occupation n(w, T) for which a master-equation generator accepts a bath.
 *
 * A generator stores the decay and excitation rates g (1 + n) and g n of a transition as two
 * numbers; the net damping g, which sets the currents and relaxation, is then only their
 * difference and carries a relative rounding error of about 2 n 2^-53 (all of g is lost from
 * n ~ 1e16; the currents of the coupled qubits drift from 1e-9 relative at T = 1e7). Up to
 * n = 1e8 the error stays below 5e-8 relative; beyond it `emissionRate` and `absorptionRate`
 * refuse with a ParameterError naming the bath's temperature and the largest one accepted
 * (T ~ 1e8 w). The oscillators' exact Gaussian solver has no such limit: it takes the pair as
 * one `"thermal"` jump (g, n).
 */
export const MAX_THERMAL_OCCUPATION = 1e8;

/**
 * Emission (decay) rate g(w)(1 + n(w, T)) for w > 0: the bath absorbs a quantum w. `bath` names
 * the bath in the error raised when the rate is not a finite number >= 0, or when n(w, T)
 * exceeds MAX_THERMAL_OCCUPATION.
 */
export function emissionRate(g: SpectralDensity, omega: number, temperature: number, bath = "?"): number {
  const n = boundedOccupation(omega, temperature, bath);
  return finiteRate(checkedValue(g, omega) * (1 + n), omega, bath);
}

/** Absorption (excitation) rate g(w) n(w, T) for w > 0: the bath gives a quantum w. */
export function absorptionRate(g: SpectralDensity, omega: number, temperature: number, bath = "?"): number {
  const n = boundedOccupation(omega, temperature, bath);
  return n === 0 ? 0 : finiteRate(checkedValue(g, omega) * n, omega, bath);
}

/** n(w, T), refused (ParameterError on the bath's temperature) above MAX_THERMAL_OCCUPATION. */
function boundedOccupation(omega: number, temperature: number, bath: string): number {
  // n(w, T) overflows (and nBose throws) for w / T below about 1e-308; refuse that here too.
  const n =
    temperature > 0 && omega / temperature < 1e-300 ? Number.POSITIVE_INFINITY : nBose(omega, temperature);
  if (n > MAX_THERMAL_OCCUPATION) {
    // n(w, T) <= N exactly when T <= w / log(1 + 1 / N).
    const largest = omega / Math.log1p(1 / MAX_THERMAL_OCCUPATION);
    throw new ParameterError(
      `temperature of bath ${bath}`,
      `at most ${largest.toPrecision(3)} at the Bohr frequency w = ${omega.toPrecision(6)}, where the ` +
        `occupation n(w, T) reaches ${MAX_THERMAL_OCCUPATION.toExponential(0)}: beyond it the net ` +
        `rate g (1 + n) - g n cannot be resolved in double precision (raise w or lower T)`,
      temperature,
    );
  }
  return n;
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

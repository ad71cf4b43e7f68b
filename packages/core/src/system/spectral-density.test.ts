import { describe, expect, it } from "vitest";
import { ParameterError } from "../errors/parameter-error";
import { add, scale } from "../linalg/kernels";
import { buildGenerator } from "../master-equation/build-generator";
import { sigmaX, sigmaZ } from "../operators/builders";
import { Operator } from "../operators/operator";
import { openSystem } from "./open-system";
import { customSpectrum, ohmicSpectrum, type SpectralDensity, zeroFrequencyLimit } from "./spectral-density";

/** The sampled limit against the analytic one (the last probe is at w = 1e-8). */
const LIMIT_AGREEMENT = 1e-6;

/** A qubit with a Hermitian coupling that has a diagonal (zero-frequency) part. */
function dephasingQubit(spectralDensity: SpectralDensity, temperature: number) {
  return openSystem({
    hamiltonian: Operator.of(scale(sigmaZ(), 0.5)),
    baths: [
      {
        name: "A",
        temperature,
        spectralDensity,
        couplings: [{ form: "hermitian", operator: Operator.of(add(sigmaX(), scale(sigmaZ(), 0.3))) }],
      },
    ],
  });
}

describe("the zero-frequency limit lim g(w)(1 + n(w)) of a custom spectral density", () => {
  it("an ohmic-like g: the limit strength * T, as the ohmic spectrum gives it", () => {
    const g = (w: number) => 0.02 * w * Math.exp(-w / 5);
    for (const t of [0.3, 2]) {
      const exact = ohmicSpectrum(0.02, 5).zeroFrequencyRate(t);
      expect(Math.abs(zeroFrequencyLimit(g, t) - exact)).toBeLessThan(LIMIT_AGREEMENT * exact);
    }
  });

  it("a constant g at T > 0 diverges (+Infinity), at T = 0 it is g(0); a negative or NaN g has no limit (NaN)", () => {
    expect(zeroFrequencyLimit(() => 0.1, 1)).toBe(Number.POSITIVE_INFINITY);
    expect(zeroFrequencyLimit(() => 0.1, 0)).toBe(0.1);
    expect(Number.isNaN(zeroFrequencyLimit((w) => -w, 1))).toBe(true);
    expect(Number.isNaN(zeroFrequencyLimit(() => Number.NaN, 1))).toBe(true);
    // Oscillating near 0: no limit.
    expect(Number.isNaN(zeroFrequencyLimit((w) => 0.1 * (1 + Math.sin(1 / w)), 0))).toBe(true);
  });

  it("the global generator refuses what has no finite limit, naming the coupling and the cause", () => {
    expect(() =>
      buildGenerator(
        dephasingQubit(
          customSpectrum(() => 0.1),
          1,
        ),
        { approach: "global" },
      ),
    ).toThrow(/baths\[0\]\.couplings\[0\].*infinite as w -> 0/);
    expect(() =>
      buildGenerator(
        dephasingQubit(
          customSpectrum((w) => -0.1 * w),
          1,
        ),
        { approach: "global" },
      ),
    ).toThrow(ParameterError);
    expect(() =>
      buildGenerator(
        dephasingQubit(
          customSpectrum((w) => -0.1 * w),
          1,
        ),
        { approach: "global" },
      ),
    ).toThrow(/no limit as w -> 0/);
    // An ohmic-like custom g has a finite dephasing rate: the generator builds.
    const generator = buildGenerator(
      dephasingQubit(
        customSpectrum((w) => 0.02 * w * Math.exp(-w / 5)),
        1,
      ),
      {
        approach: "global",
      },
    );
    expect(generator.channels.some((c) => c.omega === 0)).toBe(true);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ComplexMatrix } from "../linalg/complex-matrix";
import { buildGenerator } from "../master-equation/build-generator";
import { Operator } from "../operators/operator";
import { steadyState } from "../steady-state/steady-state";
import { openSystem } from "../system/open-system";
import { flatSpectrum, ohmicSpectrum } from "../system/spectral-density";
import { randomChain } from "../testing/random-chain";
import { countedJumps, countingStatistics, TiltedEigenvalue } from "./counting-statistics";
import { fluctuationAudit } from "./fluctuation-audit";
import { grossEnergyFlow, heatCurrents } from "./heat-current";

/** Counted mean current against Tr[H D_X rho] under global: both exact, rounding apart. */
const MEAN_RELATIVE = 1e-12;
/** The exchange fluctuation theorem on the continued eigenvalue, relative to |theta|. */
const FT_RELATIVE = 1e-10;
/** Property runs in the default tier (seeded: reproducible, shrinks to a minimal failing case). */
const RUNS = 20;
const SEED = 20261130;

/** A random two-bath system: Hermitian H of dimension d, random RWA couplings, flat or ohmic baths. */
const randomSystem = fc
  .record({
    d: fc.integer({ min: 2, max: 4 }),
    entries: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 64, maxLength: 64 }),
    TA: fc.double({ min: 0.2, max: 5, noNaN: true }),
    TB: fc.double({ min: 0.2, max: 5, noNaN: true }),
    gA: fc.double({ min: 0.005, max: 0.1, noNaN: true }),
    gB: fc.double({ min: 0.005, max: 0.1, noNaN: true }),
    ohmic: fc.boolean(),
  })
  .map(({ d, entries, TA, TB, gA, gB, ohmic }) => {
    let k = 0;
    const next = () => entries[k++ % entries.length];
    const h = new ComplexMatrix(d, d);
    for (let i = 0; i < d; i++) {
      h.data[2 * (i * d + i)] = 2 * i + next(); // spread levels: no accidental degeneracy
      for (let j = i + 1; j < d; j++) {
        const re = 0.3 * next();
        const im = 0.3 * next();
        h.data[2 * (i * d + j)] = re;
        h.data[2 * (i * d + j) + 1] = im;
        h.data[2 * (j * d + i)] = re;
        h.data[2 * (j * d + i) + 1] = -im;
      }
    }
    // Every entry at least 0.2 in modulus: every transition is coupled (a unique steady state).
    const coupling = () => {
      const m = new ComplexMatrix(d, d);
      for (let x = 0; x < m.data.length; x++) {
        const v = next();
        m.data[x] = (v < 0 ? -1 : 1) * (0.2 + 0.8 * Math.abs(v));
      }
      return m;
    };
    const spectrum = (g: number) => (ohmic ? ohmicSpectrum(g, 10) : flatSpectrum(g));
    return openSystem({
      hamiltonian: Operator.of(h),
      baths: [
        {
          name: "A",
          temperature: TA,
          spectralDensity: spectrum(gA),
          couplings: [{ form: "rwa", operator: Operator.of(coupling()) }],
        },
        {
          name: "B",
          temperature: TB,
          spectralDensity: spectrum(gB),
          couplings: [{ form: "rwa", operator: Operator.of(coupling()) }],
        },
      ],
    });
  });

describe("counting statistics under global: properties on random two-bath systems (fast-check)", () => {
  it("mean = Tr[H D_X rho] to 1e-12, the TUR holds for every bath, the exchange fluctuation theorem to 1e-10", () => {
    fc.assert(
      fc.property(randomSystem, (system) => {
        const generator = buildGenerator(system, { approach: "global" });
        const state = steadyState(generator);
        const currents = heatCurrents(generator, state);
        const audit = fluctuationAudit(generator);
        expect(audit.turGuaranteed).toBe(true);
        for (const b of audit.baths) {
          // Relative to the current, or to the bath's gross energy flow where the current vanishes
          // (equal temperatures): the counted one is then rounding of the gross flow.
          const scale = Math.max(Math.abs(currents[b.bath]), grossEnergyFlow(generator, state, b.bath));
          expect(scale).toBeGreaterThan(0);
          expect(Math.abs(b.current - currents[b.bath])).toBeLessThanOrEqual(MEAN_RELATIVE * scale);
          expect(b.tur).toBe("holds");
        }
        const tilted = new TiltedEigenvalue(generator, "A");
        // theta's scale: its size, or the tilted generator's, the bath's largest jump rate times
        // e^{|s| max|eps|} (Newton resolves theta to about 1e-13 of ||L(s)||).
        const jumps = countedJumps(generator, "A");
        const rate = Math.max(...jumps.map((c) => c.jump.rate));
        const maxEnergy = Math.max(...jumps.map((c) => Math.abs(c.energy)));
        const shift = 1 / system.baths[1].temperature - 1 / system.baths[0].temperature;
        for (const s of [0.3 * shift, -0.7]) {
          const left = tilted.at({ re: 0, im: -s }).re;
          const right = tilted.at({ re: 0, im: s + shift }).re;
          const tiltScale = rate * Math.exp(Math.max(Math.abs(s), Math.abs(s + shift)) * maxEnergy);
          expect(Math.abs(left - right)).toBeLessThanOrEqual(
            FT_RELATIVE * Math.max(Math.abs(left), Math.abs(right), tiltScale),
          );
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

describe("the noise against a finite-difference second derivative of theta", () => {
  it("within the central difference's truncation (h^2 |c_4| / 12) and rounding", () => {
    const generator = buildGenerator(randomChain(3, 13, false), { approach: "global" });
    const stats = countingStatistics(generator, "A", { order: 4 });
    const tilted = new TiltedEigenvalue(generator, "A");
    const theta = (s: number) => tilted.at({ re: 0, im: -s }).re;
    const h = 0.05;
    const fd = (theta(h) - 2 * theta(0) + theta(-h)) / h ** 2;
    const truncation = (h ** 2 * Math.abs(stats.cumulants[3])) / 12;
    const rounding = (4 * 1e-13 * Math.max(Math.abs(theta(h)), stats.noise)) / h ** 2;
    expect(Math.abs(fd - stats.noise)).toBeLessThanOrEqual(2 * truncation + rounding);
    // The bound is not vacuous: it is far below the noise itself.
    expect(2 * truncation + rounding).toBeLessThan(1e-3 * stats.noise);
  });
});

import { describe, expect, it } from "vitest";
import { NumericalError } from "../errors/numerical-error";
import { maxRelativeError } from "../testing/compare";
import { seededRandom } from "../testing/random";
import { stationaryDistribution } from "./rate-equation";

/** Relative accuracy the GTH algorithm must reach on every probability, however small. */
const GTH_RELATIVE = 1e-13;

describe("stationaryDistribution (Grassmann-Taksar-Heyman)", () => {
  it("two states: p = (b, a)/(a + b) for rates a (0 -> 1), b (1 -> 0)", () => {
    const p = stationaryDistribution([
      [0, 0.3],
      [0.7, 0],
    ]);
    expect(maxRelativeError(p, [0.7, 0.3])).toBeLessThan(GTH_RELATIVE);
  });

  it("a birth-death chain with rates down to 1e-280 matches detailed balance to relative 1e-13", () => {
    const n = 6;
    const rates = Array.from({ length: n }, () => new Float64Array(n));
    const expected = [1];
    for (let k = 0; k + 1 < n; k++) {
      const up = 1e-56;
      const down = 1 + k;
      rates[k][k + 1] = up;
      rates[k + 1][k] = down;
      expected.push((expected[k] * up) / down);
    }
    const z = expected.reduce((a, b) => a + b, 0);
    const p = stationaryDistribution(rates);
    expect(
      maxRelativeError(
        p,
        expected.map((e) => e / z),
      ),
    ).toBeLessThan(GTH_RELATIVE);
    expect(p[n - 1]).toBeGreaterThan(0);
  });

  it("random dense chains: stationary (p Q = 0) to rounding", () => {
    const rand = seededRandom(3);
    for (let trial = 0; trial < 5; trial++) {
      const n = 7;
      const rates = Array.from({ length: n }, (_, i) =>
        Float64Array.from({ length: n }, (_, j) => (i === j ? 0 : rand())),
      );
      const p = stationaryDistribution(rates);
      for (let j = 0; j < n; j++) {
        let inflow = 0;
        let outflow = 0;
        for (let i = 0; i < n; i++) {
          if (i === j) continue;
          inflow += p[i] * rates[i][j];
          outflow += p[j] * rates[j][i];
        }
        expect(Math.abs(inflow - outflow)).toBeLessThan(1e-14 * (inflow + outflow));
      }
    }
  });

  it("transient states get zero; the order of states does not matter (absorbing ground state)", () => {
    expect(
      Array.from(
        stationaryDistribution([
          [0, 0],
          [1, 0],
        ]),
      ),
    ).toEqual([1, 0]);
    expect(
      Array.from(
        stationaryDistribution([
          [0, 1],
          [0, 0],
        ]),
      ),
    ).toEqual([0, 1]);
  });

  it("two closed classes: a non-unique steady state is an error", () => {
    expect(() =>
      stationaryDistribution([
        [0, 1, 0, 0],
        [1, 0, 0, 0],
        [0, 0, 0, 1],
        [0, 0, 1, 0],
      ]),
    ).toThrow(NumericalError);
  });
});

import { describe, expect, it } from "vitest";
import { NumericalError } from "../errors/numerical-error";
import { ComplexMatrix } from "../linalg/complex-matrix";
import { buildGenerator } from "../master-equation/build-generator";
import { fromEigenbasis } from "../master-equation/eigenbasis";
import { maxRelativeError } from "../testing/compare";
import { seededRandom } from "../testing/random";
import { randomChain } from "../testing/random-chain";
import { stationaryDistribution } from "./rate-equation";
import { residualNorm } from "./residual";
import { populationRates, populationsDecouple, rateResidual } from "./steady-state";

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

describe("rateResidual: ||L rho|| of a state diagonal in the eigenbasis, from the rates alone", () => {
  /** Relative agreement with an application of L (rounding of the basis change). */
  const RESIDUAL_AGREEMENT = 1e-12;
  it("equals ||L vec(rho)|| for random populations under the global generator of a chain", () => {
    const generator = buildGenerator(randomChain(3, 11, false), { approach: "global" });
    expect(populationsDecouple(generator)).toBe(true);
    const rand = seededRandom(12);
    const p = Float64Array.from({ length: generator.dimension }, () => rand());
    const rho = fromEigenbasis(ComplexMatrix.diagonal(Array.from(p)), generator.eigen);
    const expected = residualNorm(generator, rho);
    expect(expected).toBeGreaterThan(1e-3);
    const got = rateResidual(populationRates(generator), p);
    expect(Math.abs(got - expected)).toBeLessThan(RESIDUAL_AGREEMENT * expected);
  });
});

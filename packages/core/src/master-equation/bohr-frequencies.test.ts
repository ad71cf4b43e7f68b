import { describe, expect, it } from "vitest";
import { ComplexMatrix } from "../linalg/complex-matrix";
import { Operator } from "../operators/operator";
import { steadyState } from "../steady-state/steady-state";
import { openSystem } from "../system/open-system";
import { flatSpectrum } from "../system/spectral-density";
import { BOHR_TOLERANCE, bohrTolerance, EIGENVALUE_RESOLUTION } from "./bohr-frequencies";
import { buildGenerator } from "./build-generator";

/** Agreement of steady populations with and without an energy offset (rounding of the offset). */
const OFFSET_AGREEMENT = 1e-9;

describe("Bohr-frequency grouping does not depend on an energy offset", () => {
  it("the tolerance follows the spread, floored at the eigenvalues' resolution", () => {
    const e = Float64Array.from([0, 1, 2.0005]);
    expect(bohrTolerance(e)).toBe(BOHR_TOLERANCE * 2.0005);
    const shifted = e.map((x) => x + 1e6);
    expect(bohrTolerance(shifted)).toBeCloseTo(EIGENVALUE_RESOLUTION * (1e6 + 2.0005), 20);
    expect(bohrTolerance(shifted)).toBeLessThan(5e-4);
    expect(bohrTolerance(Float64Array.from([0, 0]))).toBe(0);
  });

  it("a ladder with Bohr frequencies 1 and 1.0005 relaxes to the same state with H + 10^6", () => {
    // Three levels 0, 1, 2.0005 with one bath coupling neighbours: the global generator has
    // channels at omega = 1 and 1.0005; merging them would make one jump of both transitions.
    const solve = (offset: number) => {
      const h = ComplexMatrix.diagonal([offset, offset + 1, offset + 2.0005]);
      // The raising operator |1><0| + |2><1|.
      const raise = ComplexMatrix.fromReal([
        [0, 0, 0],
        [1, 0, 0],
        [0, 1, 0],
      ]);
      const system = openSystem({
        hamiltonian: Operator.of(h, [3]),
        baths: [
          {
            name: "A",
            temperature: 1.5,
            spectralDensity: flatSpectrum(0.01),
            couplings: [{ form: "rwa", operator: Operator.of(raise, [3]), frequency: 1 }],
          },
        ],
      });
      const generator = buildGenerator(system, { approach: "global" });
      return { channels: generator.channels.length, populations: steadyState(generator).populations };
    };
    const plain = solve(0);
    const shifted = solve(1e6);
    expect(plain.channels).toBe(2);
    expect(shifted.channels).toBe(2);
    for (let k = 0; k < 3; k++) {
      expect(Math.abs(shifted.populations[k] - plain.populations[k])).toBeLessThan(OFFSET_AGREEMENT);
    }
  });
});

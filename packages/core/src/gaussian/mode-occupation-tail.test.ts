import { describe, expect, it } from "vitest";
import { ParameterError } from "../errors/parameter-error";
import { nBose } from "../thermodynamics/bose";
import { modeOccupationCutoff, modeOccupationTail } from "./mode-occupation-tail";

const TOLERANCE = 1e-14;

describe("modeOccupationTail", () => {
  it("equals 1 - sum_{k <= nmax} of the thermal distribution nbar^k / (1 + nbar)^(k + 1)", () => {
    for (const nbar of [1e-6, 0.3, 1, 7.5]) {
      for (const nmax of [0, 1, 4, 20]) {
        let kept = 0;
        for (let k = 0; k <= nmax; k++) kept += nbar ** k / (1 + nbar) ** (k + 1);
        expect(Math.abs(modeOccupationTail({ occupations: [nbar] }, 0, nmax) - (1 - kept))).toBeLessThan(
          TOLERANCE,
        );
      }
    }
    expect(modeOccupationTail({ occupations: [1] }, 0, 2)).toBe(0.125);
  });

  it("is exactly 0 for the vacuum and accurate far in the tail", () => {
    expect(modeOccupationTail({ occupations: [0, 2] }, 0, 3)).toBe(0);
    const n = nBose(1, 0.02); // ~ exp(-50)
    const tail = modeOccupationTail({ occupations: [n] }, 0, 1);
    expect(Math.abs(tail / (n / (1 + n)) ** 2 - 1)).toBeLessThan(TOLERANCE);
  });

  it("validates the mode index and the cutoff", () => {
    expect(() => modeOccupationTail({ occupations: [1] }, 1, 2)).toThrow(ParameterError);
    expect(() => modeOccupationTail({ occupations: [1] }, 0, -1)).toThrow(/nmax/);
    expect(() => modeOccupationTail({ occupations: [1] }, 0, 1.5)).toThrow(/nmax/);
  });
});

describe("modeOccupationCutoff", () => {
  it("is the smallest nmax whose tail is within the tolerance", () => {
    for (const nbar of [0, 1e-3, 0.5, 1, 10]) {
      for (const tol of [1e-2, 1e-6, 1e-12]) {
        const state = { occupations: [nbar] };
        const nmax = modeOccupationCutoff(state, 0, tol);
        expect(modeOccupationTail(state, 0, nmax)).toBeLessThanOrEqual(tol);
        if (nmax > 0) expect(modeOccupationTail(state, 0, nmax - 1)).toBeGreaterThan(tol);
      }
    }
    expect(modeOccupationCutoff({ occupations: [1] }, 0, 0.125)).toBe(2);
  });
});

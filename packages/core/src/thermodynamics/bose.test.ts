import { describe, expect, it } from "vitest";
import { ParameterError } from "../errors/parameter-error";
import { relativeError } from "../testing/compare";
import { nBose } from "./bose";

const ROUNDING_RELATIVE = 1e-14;

describe("nBose", () => {
  it("is exactly 0 at T = 0 and when w/T overflows exp, with no NaN", () => {
    expect(nBose(1, 0)).toBe(0);
    expect(nBose(1, 1e-3)).toBe(0);
    expect(nBose(1e300, 1e-300)).toBe(0);
  });

  it("is accurate at large w/T (exp(-w/T)) and small w/T (T/w - 1/2 + w/(12 T))", () => {
    expect(relativeError(nBose(1, 1 / 69), Math.exp(-69) / (1 - Math.exp(-69)))).toBeLessThan(
      ROUNDING_RELATIVE,
    );
    const x = 1e-6;
    expect(relativeError(nBose(x, 1), 1 / x - 0.5 + x / 12)).toBeLessThan(ROUNDING_RELATIVE);
  });

  it("rejects T < 0, w <= 0 and non-finite input with the parameter named", () => {
    expect(() => nBose(1, -1)).toThrow(/temperature/);
    expect(() => nBose(0, 1)).toThrow(/omega/);
    expect(() => nBose(Number.NaN, 1)).toThrow(ParameterError);
    expect(() => nBose(1e-320, 1)).toThrow(/finite/);
  });
});

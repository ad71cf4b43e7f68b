import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cell, humanName, num, numList, SUMMARY_ROWS, summarised, TABLE_DIGITS } from "./format";

/**
 * A number rounded to TABLE_DIGITS significant digits is within half a unit of its last digit; the
 * factor 1 + 1e-12 covers the rounding of this bound itself at an exact tie (1.000005e-140).
 */
const ROUNDING_RELATIVE = 0.5 * 10 ** (1 - TABLE_DIGITS) * (1 + 1e-12);

describe("num: sensible precision", () => {
  it("integers as integers, not 7.00000", () => {
    expect(num(7)).toBe("7");
    expect(num(-3)).toBe("-3");
    expect(num(64)).toBe("64");
    expect(num(1_000_000)).toBe("1000000");
    expect(num(0)).toBe("0");
  });

  it("six significant digits without trailing zeros, exponent form when small or large", () => {
    expect(num(1.1)).toBe("1.1");
    expect(num(-1.1)).toBe("-1.1");
    expect(num(0.10268040623028793)).toBe("0.10268");
    expect(num(Math.PI)).toBe("3.14159");
    expect(num(2e-5)).toBe("2e-5");
    expect(num(1.3030512e-5)).toBe("1.30305e-5");
    expect(num(-1.2345678e-10)).toBe("-1.23457e-10");
    expect(num(12345678.9)).toBe("1.23457e+7");
    expect(num(0.0885868, { digits: 2 })).toBe("0.089");
    expect(num(Number.POSITIVE_INFINITY)).toBe("+Infinity");
    expect(() => num(1, { digits: 0 })).toThrow(/digits must be an integer from 1 to 21/);
  });

  it("reads back within half a unit of the sixth digit, and never ends its mantissa with a zero", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }), (x) => {
        const text = num(x);
        expect(Math.abs(Number(text) - x)).toBeLessThanOrEqual(ROUNDING_RELATIVE * Math.abs(x));
        const mantissa = text.split("e")[0];
        if (mantissa.includes(".")) expect(mantissa).not.toMatch(/[0.]$/);
      }),
    );
  });
});

describe("names and values in text output", () => {
  it("machine names become words; a few have names of their own", () => {
    expect(humanName("entropyProduction")).toBe("entropy production");
    expect(humanName("firstLawResidual")).toBe("first law residual");
    expect(humanName("minCorrelationEigenvalue")).toBe("min. correlation eigenvalue");
    expect(humanName("nmax")).toBe("Fock cutoff nmax");
  });

  it("a list of numbers is a formatted list, not a JSON array", () => {
    expect(numList([1.0103250494665232, 0.810383456971865])).toBe("1.01033, 0.810383");
    expect(cell([1.0103250494665232, 7])).toBe("1.01033, 7");
    expect(cell(7)).toBe("7");
    expect(cell("flat")).toBe("flat");
    expect(cell(null)).toBe("-");
  });
});

describe("summarised: the top rows of a long table and what is left out", () => {
  const items = Array.from({ length: 40 }, (_, k) => ({ k, size: Math.sin(k) }));
  const bySize = (a: { size: number }, b: { size: number }) => Math.abs(b.size) - Math.abs(a.size);

  it("keeps SUMMARY_ROWS rows, the largest first, and returns the rest", () => {
    const { shown, rest } = summarised(items, false, bySize);
    expect(shown).toHaveLength(SUMMARY_ROWS);
    expect(rest).toHaveLength(items.length - SUMMARY_ROWS);
    const smallestShown = Math.min(...shown.map((i) => Math.abs(i.size)));
    for (const i of rest) expect(Math.abs(i.size)).toBeLessThanOrEqual(smallestShown);
    expect(new Set([...shown, ...rest]).size).toBe(items.length);
  });

  it("keeps every row, in the given order, with `all` or when the table is short", () => {
    expect(summarised(items, true, bySize)).toEqual({ shown: items, rest: [] });
    const short = items.slice(0, SUMMARY_ROWS);
    expect(summarised(short, false, bySize)).toEqual({ shown: short, rest: [] });
    expect(summarised(items, false).shown).toEqual(items.slice(0, SUMMARY_ROWS));
  });
});

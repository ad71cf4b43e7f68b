import { describe, expect, it } from "vitest";
import { seededRandom } from "../testing/random";
import { realAxpy, realAxpyAt, realDot, realDotAt, realScaleInto } from "./real-vector";

describe("realDot and realAxpy", () => {
  it("realDot agrees with the running sum to rounding for every length mod 4, and honours n (seeded)", () => {
    const rand = seededRandom(7);
    for (let len = 0; len <= 13; len++) {
      const a = Float64Array.from({ length: len }, () => 2 * rand() - 1);
      const b = Float64Array.from({ length: len }, () => 2 * rand() - 1);
      for (const n of [len, Math.floor(len / 2)]) {
        let naive = 0;
        let magnitude = 0;
        for (let i = 0; i < n; i++) {
          naive += a[i] * b[i];
          magnitude += Math.abs(a[i] * b[i]);
        }
        expect(Math.abs(realDot(a, b, n) - naive)).toBeLessThanOrEqual(4 * Number.EPSILON * magnitude);
      }
    }
    expect(realDot(Float64Array.of(1, 2, 3, 4, 5), Float64Array.of(5, 4, 3, 2, 1))).toBe(35);
  });

  it("realAxpy updates the first n entries only", () => {
    const y = Float64Array.of(1, 1, 1);
    realAxpy(y, 2, Float64Array.of(3, 4, 5), 2);
    expect(Array.from(y)).toEqual([7, 9, 1]);
    realAxpy(y, -1, Float64Array.of(1, 1, 1));
    expect(Array.from(y)).toEqual([6, 8, 0]);
  });

  it("realDotAt and realAxpyAt read and write only their offset ranges", () => {
    // Rows 1 and 2 of a 3 x 3 row-major matrix: (4, 5, 6) . (7, 8, 9) = 122.
    const m = Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9);
    expect(realDotAt(m, 3, m, 6, 3)).toBe(122);
    expect(realDotAt(m, 3, m, 6, 3)).toBe(realDot(m.subarray(3, 6), m.subarray(6, 9)));
    realAxpyAt(m, 0, -2, m, 3, 3); // row 0 -= 2 row 1
    expect(Array.from(m)).toEqual([-7, -8, -9, 4, 5, 6, 7, 8, 9]);
  });

  it("realScaleInto writes alpha x into the first n entries, also in place", () => {
    const x = Float64Array.of(2, 4, 6);
    expect(Array.from(realScaleInto(new Float64Array(3), 0.5, x, 2))).toEqual([1, 2, 0]);
    realScaleInto(x, -1, x);
    expect(Array.from(x)).toEqual([-2, -4, -6]);
  });
});

import { describe, expect, test } from "vitest";
import * as T from "./rk45-tableau";

// Order conditions (Hairer, Norsett & Wanner, Solving ODEs I, Sec. II.2, Table 2.2) checked
// on the coefficients as typed, so that a wrong digit cannot hide behind a passing
// convergence test.

/** Coefficients are rationals with up to 12-digit numerators: sums agree to a few ulps. */
const EXACT = 1e-14;

const c = [0, T.C2, T.C3, T.C4, T.C5, 1, 1];
const a = [
  [],
  [T.A21],
  [T.A31, T.A32],
  [T.A41, T.A42, T.A43],
  [T.A51, T.A52, T.A53, T.A54],
  [T.A61, T.A62, T.A63, T.A64, T.A65],
  [T.B1, 0, T.B3, T.B4, T.B5, T.B6],
];
const b = [T.B1, 0, T.B3, T.B4, T.B5, T.B6, 0];
const e = [T.E1, 0, T.E3, T.E4, T.E5, T.E6, T.E7];
const bHat = b.map((bi, i) => bi - e[i]);
const d = [T.D1, 0, T.D3, T.D4, T.D5, T.D6, T.D7];

const sum = (w: number[], f: (i: number) => number) => w.reduce((s, wi, i) => s + wi * f(i), 0);
const ac = (i: number) => sum(a[i], (j) => c[j]);
const ac2 = (i: number) => sum(a[i], (j) => c[j] ** 2);
const aac = (i: number) => sum(a[i], ac);

/** The eight order conditions up to order 4, as [value, required] at "time" theta. */
function conditionsToOrder4(w: number[], theta: number): [number, number][] {
  return [
    [sum(w, () => 1), theta],
    [sum(w, (i) => c[i]), theta ** 2 / 2],
    [sum(w, (i) => c[i] ** 2), theta ** 3 / 3],
    [sum(w, ac), theta ** 3 / 6],
    [sum(w, (i) => c[i] ** 3), theta ** 4 / 4],
    [sum(w, (i) => c[i] * ac(i)), theta ** 4 / 8],
    [sum(w, ac2), theta ** 4 / 12],
    [sum(w, aac), theta ** 4 / 24],
  ];
}

describe("Dormand-Prince 5(4) tableau", () => {
  test("each row of A sums to its node c_i", () => {
    for (const [i, row] of a.entries()) expect(Math.abs(sum(row, () => 1) - c[i])).toBeLessThan(EXACT);
  });

  test("the 5th-order and the embedded 4th-order weights meet the conditions to order 4", () => {
    for (const w of [b, bHat]) {
      for (const [value, required] of conditionsToOrder4(w, 1))
        expect(Math.abs(value - required)).toBeLessThan(EXACT);
    }
  });

  test("the 5th-order weights meet the order-5 conditions and the embedded ones do not", () => {
    const order5 = (w: number[]): [number, number][] => [
      [sum(w, (i) => c[i] ** 4), 1 / 5],
      [sum(w, (i) => c[i] ** 2 * ac(i)), 1 / 10],
      [sum(w, (i) => c[i] * ac2(i)), 1 / 15],
      [sum(w, (i) => c[i] * aac(i)), 1 / 30],
      [sum(w, (i) => ac(i) ** 2), 1 / 20],
      [sum(w, (i) => sum(a[i], (j) => c[j] ** 3)), 1 / 20],
      [sum(w, (i) => sum(a[i], (j) => c[j] * ac(j))), 1 / 40],
      [sum(w, (i) => sum(a[i], ac2)), 1 / 60],
      [sum(w, (i) => sum(a[i], aac)), 1 / 120],
    ];
    for (const [value, required] of order5(b)) expect(Math.abs(value - required)).toBeLessThan(EXACT);
    const worstEmbedded = Math.max(...order5(bHat).map(([value, required]) => Math.abs(value - required)));
    expect(worstEmbedded).toBeGreaterThan(1e-4);
  });

  test("the continuous extension has order 4 at every theta", () => {
    for (const theta of [0.1, 0.25, 0.5, 0.77, 0.9]) {
      const w = b.map(
        (bi, i) =>
          theta * bi +
          theta *
            (1 - theta) *
            ((i === 0 ? 1 : 0) -
              bi +
              theta * (2 * bi - (i === 6 ? 1 : 0) - (i === 0 ? 1 : 0)) +
              theta * (1 - theta) * d[i]),
      );
      for (const [value, required] of conditionsToOrder4(w, theta))
        expect(Math.abs(value - required)).toBeLessThan(EXACT);
    }
  });
});

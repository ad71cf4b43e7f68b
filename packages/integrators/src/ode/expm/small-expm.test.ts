import { describe, expect, test } from "vitest";
import { smallExpmWorkspace } from "./small-expm";

/** Scaling and squaring with the [6/6] Pade approximant: a few roundings per squaring. */
const EXPM_RELATIVE = 1e-13;
/** exp(A) exp(-A) - I: the relative error of each factor times ||exp(A)|| ||exp(-A)|| (about 30 here). */
const INVERSE_PRODUCT_TOLERANCE = 1e-11;

describe("smallExpmWorkspace: exp of small dense real matrices", () => {
  const expm = smallExpmWorkspace(4);

  test("a rotation generator: exp([[0, w], [-w, 0]]) = [[cos w, sin w], [-sin w, cos w]], also after squarings", () => {
    for (const w of [0.3, 2, 37]) {
      const e = expm(Float64Array.of(0, w, -w, 0), 2, new Float64Array(4));
      const expected = [Math.cos(w), Math.sin(w), -Math.sin(w), Math.cos(w)];
      expected.forEach((v, k) => {
        expect(Math.abs(e[k] - v)).toBeLessThan(EXPM_RELATIVE * Math.max(1, w));
      });
    }
  });

  test("a Jordan block: exp([[a, 1], [0, a]]) = e^a [[1, 1], [0, 1]]", () => {
    for (const a of [-5, 0.1, 3]) {
      const e = expm(Float64Array.of(a, 1, 0, a), 2, new Float64Array(4));
      const expected = [1, 1, 0, 1].map((v) => v * Math.exp(a));
      expected.forEach((v, k) => {
        expect(Math.abs(e[k] - v)).toBeLessThanOrEqual(EXPM_RELATIVE * Math.exp(a));
      });
    }
  });

  test("exp(A) exp(-A) = I for a non-normal 3 x 3 matrix", () => {
    const a = Float64Array.of(-0.4, 1.3, 0.2, 0.7, -1.1, 2.5, -0.3, 0.05, 0.6);
    const e = expm(a, 3, new Float64Array(9));
    const f = expm(
      a.map((v) => -v),
      3,
      new Float64Array(9),
    );
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += e[i * 3 + k] * f[k * 3 + j];
        expect(Math.abs(s - (i === j ? 1 : 0))).toBeLessThan(INVERSE_PRODUCT_TOLERANCE);
      }
    }
  });
});

import { describe, expect, test } from "vitest";
import * as T from "./dop853-tableau";

// Every order condition of DOP853 checked on the coefficients as typed: for each rooted tree
// t, a Runge-Kutta method with weights w is exact for t when w . Phi(t) = 1 / gamma(t)
// (Hairer, Norsett & Wanner, Solving ODEs I, 2nd ed., Sec. II.2, Theorem 2.13), where the
// elementary weights are Phi_i(leaf) = 1 and Phi_i([t_1, ..., t_m]) = prod_k (A Phi(t_k))_i,
// and gamma(leaf) = 1, gamma([t_1, ..., t_m]) = |t| prod_k gamma(t_k). A continuous extension
// with weights w(s) has order p when w(s) . Phi(t) = s^|t| / gamma(t) for all |t| <= p.

/**
 * Allowed |w . Phi(t) - s^|t| / gamma(t)| of a condition that holds: the coefficients are
 * 30-digit decimals, so only the double-precision sums miss (by at most 2.4e-15 here, with
 * terms up to 530 in size). The smallest 1 / gamma(t) at order 8 is 2.5e-5.
 */
const EXACT = 1e-14;
/** A condition counts as violated when it misses by more than this (absolute). */
const VIOLATED = 1e-6;

/** A rooted tree as the list of its root's subtrees (the leaf is []). */
type Tree = readonly Tree[];

const canonical = (t: Tree): string => `(${t.map(canonical).sort().join("")})`;
const order = (t: Tree): number => 1 + t.reduce((s, child) => s + order(child), 0);
const gamma = (t: Tree): number => order(t) * t.reduce((p, child) => p * gamma(child), 1);

/** All trees made by attaching one new leaf to some vertex of t (with repeats). */
function grow(t: Tree): Tree[] {
  const grown: Tree[] = [[...t, []]];
  t.forEach((child, k) => {
    for (const g of grow(child)) grown.push(t.map((c, j) => (j === k ? g : c)));
  });
  return grown;
}

/** trees[p] lists the distinct rooted trees with p vertices, p = 1..maxOrder. */
function treesUpTo(maxOrder: number): Tree[][] {
  const trees: Tree[][] = [[], [[]]];
  for (let p = 2; p <= maxOrder; p++) {
    const distinct = new Map<string, Tree>();
    for (const t of trees[p - 1]) for (const g of grow(t)) distinct.set(canonical(g), g);
    trees.push([...distinct.values()]);
  }
  return trees;
}

// The full 16-stage tableau (0-based indices: stage i + 1), row 13 = B (k13 = f(t0 + h, y1)).
const STAGES = 16;
const c = [0, T.C2, T.C3, T.C4, T.C5, T.C6, T.C7, T.C8, T.C9, T.C10, T.C11, 1, 1, T.C14, T.C15, T.C16];
const a: number[][] = Array.from({ length: STAGES }, () => new Array<number>(STAGES).fill(0));
const set = (i: number, entries: Record<number, number>) => {
  for (const [j, value] of Object.entries(entries)) a[i - 1][Number(j) - 1] = value;
};
set(2, { 1: T.A2_1 });
set(3, { 1: T.A3_1, 2: T.A3_2 });
set(4, { 1: T.A4_1, 3: T.A4_3 });
set(5, { 1: T.A5_1, 3: T.A5_3, 4: T.A5_4 });
set(6, { 1: T.A6_1, 4: T.A6_4, 5: T.A6_5 });
set(7, { 1: T.A7_1, 4: T.A7_4, 5: T.A7_5, 6: T.A7_6 });
set(8, { 1: T.A8_1, 4: T.A8_4, 5: T.A8_5, 6: T.A8_6, 7: T.A8_7 });
set(9, { 1: T.A9_1, 4: T.A9_4, 5: T.A9_5, 6: T.A9_6, 7: T.A9_7, 8: T.A9_8 });
set(10, { 1: T.A10_1, 4: T.A10_4, 5: T.A10_5, 6: T.A10_6, 7: T.A10_7, 8: T.A10_8, 9: T.A10_9 });
set(11, {
  1: T.A11_1,
  4: T.A11_4,
  5: T.A11_5,
  6: T.A11_6,
  7: T.A11_7,
  8: T.A11_8,
  9: T.A11_9,
  10: T.A11_10,
});
set(12, {
  1: T.A12_1,
  4: T.A12_4,
  5: T.A12_5,
  6: T.A12_6,
  7: T.A12_7,
  8: T.A12_8,
  9: T.A12_9,
  10: T.A12_10,
  11: T.A12_11,
});
const bEntries = { 1: T.B1, 6: T.B6, 7: T.B7, 8: T.B8, 9: T.B9, 10: T.B10, 11: T.B11, 12: T.B12 };
set(13, bEntries);
set(14, {
  1: T.A14_1,
  7: T.A14_7,
  8: T.A14_8,
  9: T.A14_9,
  10: T.A14_10,
  11: T.A14_11,
  12: T.A14_12,
  13: T.A14_13,
});
set(15, {
  1: T.A15_1,
  6: T.A15_6,
  7: T.A15_7,
  8: T.A15_8,
  11: T.A15_11,
  12: T.A15_12,
  13: T.A15_13,
  14: T.A15_14,
});
set(16, {
  1: T.A16_1,
  6: T.A16_6,
  7: T.A16_7,
  8: T.A16_8,
  9: T.A16_9,
  13: T.A16_13,
  14: T.A16_14,
  15: T.A16_15,
});

const weights = (entries: Record<number, number>): number[] => {
  const w = new Array<number>(STAGES).fill(0);
  for (const [j, value] of Object.entries(entries)) w[Number(j) - 1] = value;
  return w;
};
const b = weights(bEntries);
const er = weights({
  1: T.ER1,
  6: T.ER6,
  7: T.ER7,
  8: T.ER8,
  9: T.ER9,
  10: T.ER10,
  11: T.ER11,
  12: T.ER12,
});
const bhh = weights({ 1: T.BHH1, 9: T.BHH2, 12: T.BHH3 });
const d = [
  { 1: T.D4_1, 6: T.D4_6, 7: T.D4_7, 8: T.D4_8, 9: T.D4_9, 10: T.D4_10, 11: T.D4_11, 12: T.D4_12 },
  { 1: T.D5_1, 6: T.D5_6, 7: T.D5_7, 8: T.D5_8, 9: T.D5_9, 10: T.D5_10, 11: T.D5_11, 12: T.D5_12 },
  { 1: T.D6_1, 6: T.D6_6, 7: T.D6_7, 8: T.D6_8, 9: T.D6_9, 10: T.D6_10, 11: T.D6_11, 12: T.D6_12 },
  { 1: T.D7_1, 6: T.D7_6, 7: T.D7_7, 8: T.D7_8, 9: T.D7_9, 10: T.D7_10, 11: T.D7_11, 12: T.D7_12 },
].map((row, m) => {
  const tail = [
    [T.D4_13, T.D4_14, T.D4_15, T.D4_16],
    [T.D5_13, T.D5_14, T.D5_15, T.D5_16],
    [T.D6_13, T.D6_14, T.D6_15, T.D6_16],
    [T.D7_13, T.D7_14, T.D7_15, T.D7_16],
  ][m];
  return weights({ ...row, 13: tail[0], 14: tail[1], 15: tail[2], 16: tail[3] });
});
const unit = (stage: number) => weights({ [stage]: 1 });

/**
 * Weights of the continuous extension at s (see dop853-tableau.ts): expanding the nested
 * form, y(s) = y0 + h w(s) . k with
 *   w = s b + s s1 (e1 - b) + s^2 s1 (2 b - e1 - e13) + s^2 s1^2 (d4 + s d5 + s s1 d6 + s^2 s1 d7).
 */
function denseWeights(s: number): number[] {
  const s1 = 1 - s;
  const e1 = unit(1);
  const e13 = unit(13);
  return b.map(
    (bi, i) =>
      s * bi +
      s * s1 * (e1[i] - bi) +
      s * s * s1 * (2 * bi - e1[i] - e13[i]) +
      s * s * s1 * s1 * (d[0][i] + s * d[1][i] + s * s1 * d[2][i] + s * s * s1 * d[3][i]),
  );
}

const phiCache = new Map<string, number[]>();
function phi(t: Tree): number[] {
  const key = canonical(t);
  let value = phiCache.get(key);
  if (value === undefined) {
    const p = new Array<number>(STAGES).fill(1);
    for (const child of t) {
      const phiChild = phi(child);
      for (let i = 0; i < STAGES; i++) {
        let sum = 0;
        for (let j = 0; j < STAGES; j++) sum += a[i][j] * phiChild[j];
        p[i] *= sum;
      }
    }
    value = p;
    phiCache.set(key, value);
  }
  return value;
}

/** w . Phi(t) - required. */
function miss(w: number[], t: Tree, required: number): number {
  const p = phi(t);
  let value = 0;
  for (let i = 0; i < STAGES; i++) value += w[i] * p[i];
  return value - required;
}

/** Largest |w . Phi(t) - s^p / gamma(t)| over the trees t of order p. */
function worstMiss(w: number[], trees: Tree[], s = 1): number {
  return Math.max(...trees.map((t) => Math.abs(miss(w, t, s ** order(t) / gamma(t)))));
}

const trees = treesUpTo(9);
/** Largest |w . Phi(t)| over the trees of order p: the conditions of an error estimate. */
const worstNonZero = (w: number[], p: number) => Math.max(...trees[p].map((t) => Math.abs(miss(w, t, 0))));

describe("DOP853 tableau", () => {
  test("the tree enumeration finds 1, 1, 2, 4, 9, 20, 48, 115, 286 trees of orders 1..9", () => {
    expect(trees.slice(1).map((list) => list.length)).toEqual([1, 1, 2, 4, 9, 20, 48, 115, 286]);
  });

  test("each row of A sums to its node c_i, including the dense-output stages 14..16", () => {
    for (let i = 0; i < STAGES; i++) {
      const rowSum = a[i].reduce((s, x) => s + x, 0);
      expect(Math.abs(rowSum - c[i])).toBeLessThan(EXACT);
    }
  });

  test("the quadrature conditions b . c^k = 1/(k+1) hold for k = 0..7 and fail for k = 8", () => {
    for (let k = 0; k <= 7; k++) {
      const value = b.reduce((s, bi, i) => s + bi * c[i] ** k, 0);
      expect(Math.abs(value - 1 / (k + 1))).toBeLessThan(EXACT);
    }
    const ninth = b.reduce((s, bi, i) => s + bi * c[i] ** 8, 0);
    expect(Math.abs(ninth - 1 / 9)).toBeGreaterThan(VIOLATED);
  });

  test("the weights b meet all 200 order conditions up to order 8, and not all of order 9", () => {
    for (let p = 1; p <= 8; p++) expect(worstMiss(b, trees[p])).toBeLessThan(EXACT);
    expect(worstMiss(b, trees[9])).toBeGreaterThan(VIOLATED);
  });

  test("b . A c^k = 1/((k+1)(k+2)) for k = 0..6 (the bushy trees under one edge)", () => {
    for (let k = 0; k <= 6; k++) {
      let value = 0;
      for (let i = 0; i < STAGES; i++) {
        let inner = 0;
        for (let j = 0; j < STAGES; j++) inner += a[i][j] * c[j] ** k;
        value += b[i] * inner;
      }
      expect(Math.abs(value - 1 / ((k + 1) * (k + 2)))).toBeLessThan(EXACT);
    }
  });

  test("the 5th-order error weights ER = b - bhat vanish on every tree up to order 5, not on order 6", () => {
    for (let p = 1; p <= 5; p++) expect(worstNonZero(er, p)).toBeLessThan(EXACT);
    expect(worstNonZero(er, 6)).toBeGreaterThan(VIOLATED);
  });

  test("the weights BHH on k1, k9, k12 have order 3 and not 4", () => {
    for (let p = 1; p <= 3; p++) expect(worstMiss(bhh, trees[p])).toBeLessThan(EXACT);
    expect(worstMiss(bhh, trees[4])).toBeGreaterThan(VIOLATED);
  });

  test("the continuous extension has order 7 (not 8) at every s, and reproduces y1 at s = 1", () => {
    for (const s of [0.1, 0.25, 0.5, 0.77, 0.9]) {
      const w = denseWeights(s);
      for (let p = 1; p <= 7; p++) expect(worstMiss(w, trees[p], s)).toBeLessThan(EXACT);
      expect(worstMiss(w, trees[8], s)).toBeGreaterThan(VIOLATED);
    }
    const end = denseWeights(1);
    for (let i = 0; i < STAGES; i++) expect(end[i]).toBe(b[i]);
  });
});

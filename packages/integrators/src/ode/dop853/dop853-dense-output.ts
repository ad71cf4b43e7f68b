import { stage14, stage15, stage16 } from "./dop853-stages";
import {
  C14,
  C15,
  C16,
  D4_1,
  D4_6,
  D4_7,
  D4_8,
  D4_9,
  D4_10,
  D4_11,
  D4_12,
  D4_13,
  D4_14,
  D4_15,
  D4_16,
  D5_1,
  D5_6,
  D5_7,
  D5_8,
  D5_9,
  D5_10,
  D5_11,
  D5_12,
  D5_13,
  D5_14,
  D5_15,
  D5_16,
  D6_1,
  D6_6,
  D6_7,
  D6_8,
  D6_9,
  D6_10,
  D6_11,
  D6_12,
  D6_13,
  D6_14,
  D6_15,
  D6_16,
  D7_1,
  D7_6,
  D7_7,
  D7_8,
  D7_9,
  D7_10,
  D7_11,
  D7_12,
  D7_13,
  D7_14,
  D7_15,
  D7_16,
} from "./dop853-tableau";

/**
 * Coefficients r2..r8 of the 7th-order continuous extension of DOP853 over one accepted step
 * from (t0, y0) to (t0 + h, y1) (Hairer, Norsett & Wanner, Solving ODEs I, 2nd ed., Sec. II.10,
 * "Dense output"; the DOP853 code's CONTD8). With s = (t - t0) / h and s1 = 1 - s,
 *
 *   y(t0 + s h) = y0 + s (r2 + s1 (r3 + s (r4 + s1 (r5 + s (r6 + s1 (r7 + s r8)))))),
 *   r2 = y1 - y0,  r3 = h k1 - r2,  r4 = r2 - h k13 - r3,  r_{m+1} = h sum_i D{m}_i k_i,
 *
 * where the sums over i = 1, 6..16 need three more stages k14..k16 (nodes 0.1, 0.2, 7/9). They
 * are evaluated here through `evaluate` into k[13..15]; k[0..12] must hold stages 1..13 of the
 * step (k[i] is k_{i+1}). `scratch` (length n) receives the stage arguments, `dense[0..6]`
 * the coefficients r2..r8.
 *
 * @returns false when a coefficient is not finite (a stage derivative overflowed or was NaN).
 */
export function prepareDop853Dense(
  t0: number,
  h: number,
  y0: Float64Array,
  y1: Float64Array,
  k: readonly Float64Array[],
  evaluate: (t: number, y: Float64Array, dydt: Float64Array) => void,
  scratch: Float64Array,
  dense: readonly Float64Array[],
): boolean {
  stage14(scratch, y0, h, k);
  evaluate(t0 + C14 * h, scratch, k[13]);
  stage15(scratch, y0, h, k);
  evaluate(t0 + C15 * h, scratch, k[14]);
  stage16(scratch, y0, h, k);
  evaluate(t0 + C16 * h, scratch, k[15]);

  const r2 = dense[0];
  const r3 = dense[1];
  const r4 = dense[2];
  const k1 = k[0];
  const k13 = k[12];
  const n = y0.length;
  for (let i = 0; i < n; i++) {
    const delta = y1[i] - y0[i];
    const spline = h * k1[i] - delta;
    r2[i] = delta;
    r3[i] = spline;
    r4[i] = delta - h * k13[i] - spline;
  }
  let finite = true;
  finite =
    denseRow(dense[3], h, k, D4_1, D4_6, D4_7, D4_8, D4_9, D4_10, D4_11, D4_12, D4_13, D4_14, D4_15, D4_16) &&
    finite;
  finite =
    denseRow(dense[4], h, k, D5_1, D5_6, D5_7, D5_8, D5_9, D5_10, D5_11, D5_12, D5_13, D5_14, D5_15, D5_16) &&
    finite;
  finite =
    denseRow(dense[5], h, k, D6_1, D6_6, D6_7, D6_8, D6_9, D6_10, D6_11, D6_12, D6_13, D6_14, D6_15, D6_16) &&
    finite;
  finite =
    denseRow(dense[6], h, k, D7_1, D7_6, D7_7, D7_8, D7_9, D7_10, D7_11, D7_12, D7_13, D7_14, D7_15, D7_16) &&
    finite;
  return finite;
}

/**
 * out = h sum_i d_i k_i over i = 1, 6..16, one of r5..r8; false when a value is not finite.
 * One kernel for the four rows, the coefficients passed as numbers so that they stay in
 * registers.
 */
function denseRow(
  out: Float64Array,
  h: number,
  k: readonly Float64Array[],
  d1: number,
  d6: number,
  d7: number,
  d8: number,
  d9: number,
  d10: number,
  d11: number,
  d12: number,
  d13: number,
  d14: number,
  d15: number,
  d16: number,
): boolean {
  const k1 = k[0];
  const k6 = k[5];
  const k7 = k[6];
  const k8 = k[7];
  const k9 = k[8];
  const k10 = k[9];
  const k11 = k[10];
  const k12 = k[11];
  const k13 = k[12];
  const k14 = k[13];
  const k15 = k[14];
  const k16 = k[15];
  const n = out.length;
  let poison = 0; // 0 * x is NaN exactly when x is NaN or infinite
  for (let i = 0; i < n; i++) {
    const value =
      h *
      (d1 * k1[i] +
        d6 * k6[i] +
        d7 * k7[i] +
        d8 * k8[i] +
        d9 * k9[i] +
        d10 * k10[i] +
        d11 * k11[i] +
        d12 * k12[i] +
        d13 * k13[i] +
        d14 * k14[i] +
        d15 * k15[i] +
        d16 * k16[i]);
    out[i] = value;
    poison += 0 * value;
  }
  return poison === 0;
}

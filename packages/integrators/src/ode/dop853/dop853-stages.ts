import {
  A2_1,
  A3_1,
  A3_2,
  A4_1,
  A4_3,
  A5_1,
  A5_3,
  A5_4,
  A6_1,
  A6_4,
  A6_5,
  A7_1,
  A7_4,
  A7_5,
  A7_6,
  A8_1,
  A8_4,
  A8_5,
  A8_6,
  A8_7,
  A9_1,
  A9_4,
  A9_5,
  A9_6,
  A9_7,
  A9_8,
  A10_1,
  A10_4,
  A10_5,
  A10_6,
  A10_7,
  A10_8,
  A10_9,
  A11_1,
  A11_4,
  A11_5,
  A11_6,
  A11_7,
  A11_8,
  A11_9,
  A11_10,
  A12_1,
  A12_4,
  A12_5,
  A12_6,
  A12_7,
  A12_8,
  A12_9,
  A12_10,
  A12_11,
  A14_1,
  A14_7,
  A14_8,
  A14_9,
  A14_10,
  A14_11,
  A14_12,
  A14_13,
  A15_1,
  A15_6,
  A15_7,
  A15_8,
  A15_11,
  A15_12,
  A15_13,
  A15_14,
  A16_1,
  A16_6,
  A16_7,
  A16_8,
  A16_9,
  A16_13,
  A16_14,
  A16_15,
  C2,
  C3,
  C4,
  C5,
  C6,
  C7,
  C8,
  C9,
  C10,
  C11,
} from "./dop853-tableau";

// The stage arguments of DOP853, one small kernel per stage: Y_i = y0 + h sum_j a_ij k_j over
// the nonzero a_ij of dop853-tableau.ts. They are separate functions rather than one long step
// function because V8 compiles a small loop in milliseconds and optimizes it after a few
// calls; one function holding all the loops took ~50 ms to compile and thousands of steps to
// reach full speed, longer than a whole integration of a small system.

/**
 * out = y0 + h sum_j a_ij k_j for one stage i, where `k[j - 1]` is k_j (the stages computed
 * so far). `out` must not alias `y0` or any k_j.
 */
export type StageKernel = (
  out: Float64Array,
  y0: Float64Array,
  h: number,
  k: readonly Float64Array[],
) => void;

/** Argument of stage 2. */
export const stage2: StageKernel = (out, y0, h, k) => {
  const k1 = k[0];
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = y0[i] + h * (A2_1 * k1[i]);
};

/** Argument of stage 3. */
export const stage3: StageKernel = (out, y0, h, k) => {
  const k1 = k[0];
  const k2 = k[1];
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = y0[i] + h * (A3_1 * k1[i] + A3_2 * k2[i]);
};

/** Argument of stage 4. */
export const stage4: StageKernel = (out, y0, h, k) => {
  const k1 = k[0];
  const k3 = k[2];
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = y0[i] + h * (A4_1 * k1[i] + A4_3 * k3[i]);
};

/** Argument of stage 5. */
export const stage5: StageKernel = (out, y0, h, k) => {
  const k1 = k[0];
  const k3 = k[2];
  const k4 = k[3];
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = y0[i] + h * (A5_1 * k1[i] + A5_3 * k3[i] + A5_4 * k4[i]);
};

/** Argument of stage 6. */
export const stage6: StageKernel = (out, y0, h, k) => {
  const k1 = k[0];
  const k4 = k[3];
  const k5 = k[4];
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = y0[i] + h * (A6_1 * k1[i] + A6_4 * k4[i] + A6_5 * k5[i]);
};

/** Argument of stage 7. */
export const stage7: StageKernel = (out, y0, h, k) => {
  const k1 = k[0];
  const k4 = k[3];
  const k5 = k[4];
  const k6 = k[5];
  const n = out.length;
  for (let i = 0; i < n; i++)
    out[i] = y0[i] + h * (A7_1 * k1[i] + A7_4 * k4[i] + A7_5 * k5[i] + A7_6 * k6[i]);
};

/** Argument of stage 8. */
export const stage8: StageKernel = (out, y0, h, k) => {
  const k1 = k[0];
  const k4 = k[3];
  const k5 = k[4];
  const k6 = k[5];
  const k7 = k[6];
  const n = out.length;
  for (let i = 0; i < n; i++)
    out[i] = y0[i] + h * (A8_1 * k1[i] + A8_4 * k4[i] + A8_5 * k5[i] + A8_6 * k6[i] + A8_7 * k7[i]);
};

/** Argument of stage 9. */
export const stage9: StageKernel = (out, y0, h, k) => {
  const k1 = k[0];
  const k4 = k[3];
  const k5 = k[4];
  const k6 = k[5];
  const k7 = k[6];
  const k8 = k[7];
  const n = out.length;
  for (let i = 0; i < n; i++)
    out[i] =
      y0[i] + h * (A9_1 * k1[i] + A9_4 * k4[i] + A9_5 * k5[i] + A9_6 * k6[i] + A9_7 * k7[i] + A9_8 * k8[i]);
};

/** Argument of stage 10. */
export const stage10: StageKernel = (out, y0, h, k) => {
  const k1 = k[0];
  const k4 = k[3];
  const k5 = k[4];
  const k6 = k[5];
  const k7 = k[6];
  const k8 = k[7];
  const k9 = k[8];
  const n = out.length;
  for (let i = 0; i < n; i++)
    out[i] =
      y0[i] +
      h *
        (A10_1 * k1[i] +
          A10_4 * k4[i] +
          A10_5 * k5[i] +
          A10_6 * k6[i] +
          A10_7 * k7[i] +
          A10_8 * k8[i] +
          A10_9 * k9[i]);
};

/** Argument of stage 11. */
export const stage11: StageKernel = (out, y0, h, k) => {
  const k1 = k[0];
  const k4 = k[3];
  const k5 = k[4];
  const k6 = k[5];
  const k7 = k[6];
  const k8 = k[7];
  const k9 = k[8];
  const k10 = k[9];
  const n = out.length;
  for (let i = 0; i < n; i++)
    out[i] =
      y0[i] +
      h *
        (A11_1 * k1[i] +
          A11_4 * k4[i] +
          A11_5 * k5[i] +
          A11_6 * k6[i] +
          A11_7 * k7[i] +
          A11_8 * k8[i] +
          A11_9 * k9[i] +
          A11_10 * k10[i]);
};

/** Argument of stage 12. */
export const stage12: StageKernel = (out, y0, h, k) => {
  const k1 = k[0];
  const k4 = k[3];
  const k5 = k[4];
  const k6 = k[5];
  const k7 = k[6];
  const k8 = k[7];
  const k9 = k[8];
  const k10 = k[9];
  const k11 = k[10];
  const n = out.length;
  for (let i = 0; i < n; i++)
    out[i] =
      y0[i] +
      h *
        (A12_1 * k1[i] +
          A12_4 * k4[i] +
          A12_5 * k5[i] +
          A12_6 * k6[i] +
          A12_7 * k7[i] +
          A12_8 * k8[i] +
          A12_9 * k9[i] +
          A12_10 * k10[i] +
          A12_11 * k11[i]);
};

/** Argument of stage 14, for the dense output only. */
export const stage14: StageKernel = (out, y0, h, k) => {
  const k1 = k[0];
  const k7 = k[6];
  const k8 = k[7];
  const k9 = k[8];
  const k10 = k[9];
  const k11 = k[10];
  const k12 = k[11];
  const k13 = k[12];
  const n = out.length;
  for (let i = 0; i < n; i++)
    out[i] =
      y0[i] +
      h *
        (A14_1 * k1[i] +
          A14_7 * k7[i] +
          A14_8 * k8[i] +
          A14_9 * k9[i] +
          A14_10 * k10[i] +
          A14_11 * k11[i] +
          A14_12 * k12[i] +
          A14_13 * k13[i]);
};

/** Argument of stage 15, for the dense output only. */
export const stage15: StageKernel = (out, y0, h, k) => {
  const k1 = k[0];
  const k6 = k[5];
  const k7 = k[6];
  const k8 = k[7];
  const k11 = k[10];
  const k12 = k[11];
  const k13 = k[12];
  const k14 = k[13];
  const n = out.length;
  for (let i = 0; i < n; i++)
    out[i] =
      y0[i] +
      h *
        (A15_1 * k1[i] +
          A15_6 * k6[i] +
          A15_7 * k7[i] +
          A15_8 * k8[i] +
          A15_11 * k11[i] +
          A15_12 * k12[i] +
          A15_13 * k13[i] +
          A15_14 * k14[i]);
};

/** Argument of stage 16, for the dense output only. */
export const stage16: StageKernel = (out, y0, h, k) => {
  const k1 = k[0];
  const k6 = k[5];
  const k7 = k[6];
  const k8 = k[7];
  const k9 = k[8];
  const k13 = k[12];
  const k14 = k[13];
  const k15 = k[14];
  const n = out.length;
  for (let i = 0; i < n; i++)
    out[i] =
      y0[i] +
      h *
        (A16_1 * k1[i] +
          A16_6 * k6[i] +
          A16_7 * k7[i] +
          A16_8 * k8[i] +
          A16_9 * k9[i] +
          A16_13 * k13[i] +
          A16_14 * k14[i] +
          A16_15 * k15[i]);
};

/** Kernels of stages 2..12 of a step, in order: `STEP_STAGES[s - 2]` makes stage s. */
export const STEP_STAGES: readonly StageKernel[] = Object.freeze([
  stage2,
  stage3,
  stage4,
  stage5,
  stage6,
  stage7,
  stage8,
  stage9,
  stage10,
  stage11,
  stage12,
]);

/** Nodes c2..c11 of those stages (`STEP_NODES[s - 2]` = c_s); c12 = 1, stage 12 is at t + h. */
export const STEP_NODES: readonly number[] = Object.freeze([C2, C3, C4, C5, C6, C7, C8, C9, C10, C11]);

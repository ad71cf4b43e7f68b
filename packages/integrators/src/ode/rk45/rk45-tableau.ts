// Coefficients of the Dormand-Prince 5(4) pair "DOPRI5": J. R. Dormand and P. J. Prince,
// "A family of embedded Runge-Kutta formulae", J. Comput. Appl. Math. 6 (1980) 19-26,
// Table 2; also Hairer, Norsett & Wanner, Solving ODEs I, 2nd ed., Sec. II.5, Table 5.2.
// The 5th-order weights B equal the last row of A (A7j = Bj), so the last stage is f at
// the new point and is reused as the first stage of the next step (FSAL).
//
// The dense-output weights D are those of the 4th-order continuous extension of DOPRI5
// (Hairer, Norsett & Wanner, Sec. II.6, and the DOPRI5 code's CONTD5): with
// Delta = y1 - y0 and theta = (t - t0) / h,
//   y(t0 + theta h) = y0 + theta (Delta + (1 - theta) (r3 + theta (r4 + (1 - theta) r5))),
//   r3 = h f0 - Delta,  r4 = Delta - h f1 - r3,  r5 = h sum_i D_i k_i.
// The test file checks the order conditions of the tableau and of this extension.

/** Nodes c_i (c1 = 0, c6 = c7 = 1). */
export const C2 = 1 / 5;
export const C3 = 3 / 10;
export const C4 = 4 / 5;
export const C5 = 8 / 9;

/** Runge-Kutta matrix, row by row. */
export const A21 = 1 / 5;
export const A31 = 3 / 40;
export const A32 = 9 / 40;
export const A41 = 44 / 45;
export const A42 = -56 / 15;
export const A43 = 32 / 9;
export const A51 = 19372 / 6561;
export const A52 = -25360 / 2187;
export const A53 = 64448 / 6561;
export const A54 = -212 / 729;
export const A61 = 9017 / 3168;
export const A62 = -355 / 33;
export const A63 = 46732 / 5247;
export const A64 = 49 / 176;
export const A65 = -5103 / 18656;

/** Weights of the propagated 5th-order solution (B2 = B7 = 0). */
export const B1 = 35 / 384;
export const B3 = 500 / 1113;
export const B4 = 125 / 192;
export const B5 = -2187 / 6784;
export const B6 = 11 / 84;

/**
 * Error weights E_i = B_i - Bhat_i, with Bhat the embedded 4th-order weights
 * (5179/57600, 0, 7571/16695, 393/640, -92097/339200, 187/2100, 1/40).
 */
export const E1 = 71 / 57600;
export const E3 = -71 / 16695;
export const E4 = 71 / 1920;
export const E5 = -17253 / 339200;
export const E6 = 22 / 525;
export const E7 = -1 / 40;

/** Weights of the dense-output correction r5 (D2 = 0). */
export const D1 = -12715105075 / 11282082432;
export const D3 = 87487479700 / 32700410799;
export const D4 = -10690763975 / 1880347072;
export const D5 = 701980252875 / 199316789632;
export const D6 = -1453857185 / 822651844;
export const D7 = 69997945 / 29380423;

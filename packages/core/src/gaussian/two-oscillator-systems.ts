import { ParameterError } from "../errors/parameter-error";
import { ComplexMatrix } from "../linalg/complex-matrix";
import { assertTemperature, nBose } from "../thermodynamics/bose";
import type { LinearJump, QuadraticBosonicSystem } from "./quadratic-bosonic-system";
import { twoOscillatorNormalModes, validateTwoOscillatorFrequencies } from "./two-oscillator-normal-modes";

/**
 * Parameters of the local master equation (4.33)-(4.35) of Fogedby (arXiv:2301.13544): bath A on
 * oscillator 1 at its bare frequency, bath B on oscillator 2.
 */
export interface TwoOscillatorLocalParameters {
  /** Bare frequency of oscillator 1, > 0. */
  omega1: number;
  /** Bare frequency of oscillator 2, > 0. */
  omega2: number;
  /** Flip-flop coupling of eq. (4.32), |lambda| < sqrt(omega1 omega2). */
  lambda: number;
  /** g_A(omega1) >= 0: bath A's rate at oscillator 1's frequency. */
  gA: number;
  /** g_B(omega2) >= 0. */
  gB: number;
  /** n_A(omega1) = n(omega1, T_A) >= 0. */
  nA: number;
  /** n_B(omega2) = n(omega2, T_B) >= 0. */
  nB: number;
}

/** A spectral density g_X(omega) >= 0 (energy units), e.g. flat `() => g` or ohmic. */
export type SpectralDensityFunction = (omega: number) => number;

/**
 * Parameters of the global (normal-mode, secular) master equation of the two oscillators:
 * bath A couples through a1, bath B through a2, each with its spectral density and temperature.
 */
export interface TwoOscillatorGlobalParameters {
  /** Frequency of oscillator 1 (coupled to bath A). */
  omega1: number;
  /** Frequency of oscillator 2 (coupled to bath B). */
  omega2: number;
  /** Coupling strength of the two oscillators. */
  lambda: number;
  /** g_A(omega), evaluated at the normal-mode frequencies. */
  gA: SpectralDensityFunction;
  /** g_B(omega). */
  gB: SpectralDensityFunction;
  /** T_A >= 0. */
  TA: number;
  /** T_B >= 0. */
  TB: number;
}

/** The 2 x 2 single-particle Hamiltonian h = [[omega1, lambda], [lambda, omega2]] of eq. (4.32). */
export function twoOscillatorHamiltonian(omega1: number, omega2: number, lambda: number): ComplexMatrix {
  return ComplexMatrix.fromReal([
    [omega1, lambda],
    [lambda, omega2],
  ]);
}

/**
 * The local master equation (4.33)-(4.35) of Fogedby (arXiv:2301.13544) as a `QuadraticBosonicSystem`:
 * bath A has jumps a1 (rate gA (1 + nA)) and a1^dag (rate gA nA), bath B has a2 (rate
 * gB (1 + nB)) and a2^dag (rate gB nB), each pair given as one `"thermal"` jump (g, n) so that
 * the net damping g stays exact at any temperature; the Hamiltonian is eq. (4.32).
 */
export function twoOscillatorLocalSystem(p: TwoOscillatorLocalParameters): QuadraticBosonicSystem {
  validateTwoOscillatorLocalParameters(p);
  return {
    modes: 2,
    hamiltonian: twoOscillatorHamiltonian(p.omega1, p.omega2, p.lambda),
    jumps: [
      { bath: "A", kind: "thermal", coefficients: [1, 0], rate: p.gA, occupation: p.nA },
      { bath: "B", kind: "thermal", coefficients: [0, 1], rate: p.gB, occupation: p.nB },
    ],
  };
}

/**
 * The global (normal-mode) master equation of the two oscillators as a `QuadraticBosonicSystem`.
 *
 * With a_x = sum_k U_xk b_k (`twoOscillatorNormalModes`), the coupling of bath X through a_x
 * gives, in the secular (Davies) limit, one pair of jumps per bath and normal mode k:
 * b_k with rate g_Xk (1 + n_X(omega_k)) and b_k^dag with rate g_Xk n_X(omega_k) (one `"thermal"`
 * jump), where
 * g_Xk = g_X(omega_k) U_xk^2 (Breuer & Petruccione, Sec. 3.3.1; Levy & Kosloff, EPL 107, 20004
 * (2014)). In the a basis b_k = sum_i U_ik a_i, so the jump coefficients are the column k of U.
 */
export function twoOscillatorGlobalSystem(p: TwoOscillatorGlobalParameters): QuadraticBosonicSystem {
  const modes = twoOscillatorNormalModes(p.omega1, p.omega2, p.lambda);
  assertTemperature("TA", p.TA);
  assertTemperature("TB", p.TB);
  const u = modes.mixing;
  const omegas = [modes.omegaPlus, modes.omegaMinus];
  const jumps: LinearJump[] = [];
  for (const [bath, row, g, t] of [
    ["A", 0, p.gA, p.TA],
    ["B", 1, p.gB, p.TB],
  ] as const) {
    for (let k = 0; k < 2; k++) {
      const rate = evaluateSpectralDensity(`g${bath}`, g, omegas[k]) * u[row][k] ** 2;
      const n = nBose(omegas[k], t);
      const coefficients = [u[0][k], u[1][k]];
      jumps.push({ bath, kind: "thermal", coefficients, rate, occupation: n });
    }
  }
  return { modes: 2, hamiltonian: twoOscillatorHamiltonian(p.omega1, p.omega2, p.lambda), jumps };
}

/** Check the local-ME parameters; throws `ParameterError` naming the first bad one. */
export function validateTwoOscillatorLocalParameters(p: TwoOscillatorLocalParameters): void {
  validateTwoOscillatorFrequencies(p.omega1, p.omega2, p.lambda);
  for (const name of ["gA", "gB", "nA", "nB"] as const) {
    const v = p[name];
    if (!Number.isFinite(v) || v < 0) throw new ParameterError(name, "a finite number >= 0", v);
  }
}

/** g(omega), checked to be a finite number >= 0. */
export function evaluateSpectralDensity(name: string, g: SpectralDensityFunction, omega: number): number {
  if (typeof g !== "function") throw new ParameterError(name, "a function omega => g(omega)", typeof g);
  const v = g(omega);
  if (!Number.isFinite(v) || v < 0) throw new ParameterError(`${name}(${omega})`, "a finite number >= 0", v);
  return v;
}

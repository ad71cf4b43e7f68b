import { ParameterError } from "../errors/parameter-error";
import type { GaussianSteadyState } from "./gaussian-steady-state";

/**
 * Probability that mode `mode` holds more than `nmax` quanta in a zero-mean, number-conserving
 * Gaussian state such as the one `gaussianSteadyState` returns:
 *
 *   P(n_i > nmax) = (nbar / (1 + nbar))^(nmax + 1),   nbar = N_ii = <a_i^dagger a_i>.
 *
 * ## Method
 * The reduced state of one mode of a Gaussian state is Gaussian. With zero mean and no anomalous
 * moment (<a_i a_i> = 0, since H and the jumps conserve the phase symmetry a -> e^{i phi} a) it is
 * the thermal state p_k = nbar^k / (1 + nbar)^(k + 1), whose tail is the geometric sum above.
 *
 * ## Notes
 * Meant for truncation control: a Fock-space model keeping levels 0..nmax per mode (docs/conventions.md
 * section 3) loses about this much weight per mode. It is exactly 0 when nbar = 0 (all baths at
 * T = 0) and tends to 1 as nbar grows.
 *
 * @example
 * modeOccupationTail({ occupations: [1] }, 0, 2) // (1/2)^3 = 0.125
 */
export function modeOccupationTail(
  state: Pick<GaussianSteadyState, "occupations">,
  mode: number,
  nmax: number,
): number {
  const m = state.occupations.length;
  if (!Number.isInteger(mode) || mode < 0 || mode >= m) {
    throw new ParameterError("mode", `an integer in [0, ${m - 1}]`, mode);
  }
  if (!Number.isInteger(nmax) || nmax < 0) throw new ParameterError("nmax", "an integer >= 0", nmax);
  const nbar = state.occupations[mode];
  if (!Number.isFinite(nbar) || nbar < 0) {
    throw new ParameterError(`occupations[${mode}]`, "a finite number >= 0", nbar);
  }
  return (nbar / (1 + nbar)) ** (nmax + 1);
}

/**
 * The smallest cutoff nmax with `modeOccupationTail(state, mode, nmax) <= tolerance`, i.e.
 * nmax = ceil(ln(tolerance) / ln(nbar / (1 + nbar))) - 1, and 0 when nbar = 0.
 *
 * @example
 * modeOccupationCutoff({ occupations: [1] }, 0, 0.125) // 2
 */
export function modeOccupationCutoff(
  state: Pick<GaussianSteadyState, "occupations">,
  mode: number,
  tolerance: number,
): number {
  if (!(tolerance > 0 && tolerance < 1)) throw new ParameterError("tolerance", "in (0, 1)", tolerance);
  // validates mode and the occupation
  if (modeOccupationTail(state, mode, 0) <= tolerance) return 0;
  const nbar = state.occupations[mode];
  const ratio = -Math.log1p(1 / nbar); // ln(nbar / (1 + nbar)) < 0
  let nmax = Math.max(0, Math.ceil(Math.log(tolerance) / ratio) - 1);
  // guard against rounding at the boundary
  while (nmax > 0 && modeOccupationTail(state, mode, nmax - 1) <= tolerance) nmax--;
  while (modeOccupationTail(state, mode, nmax) > tolerance) nmax++;
  return nmax;
}

import { DimensionError } from "../errors/dimension-error";
import type { Generator } from "./generator";

/**
 * The secular (Davies) approximation drops the interference of Bohr frequencies w != w' of one
 * bath, which oscillates at w - w' while the state relaxes at the dissipation rates Gamma: it is
 * valid when |w - w'| >> Gamma (Breuer & Petruccione Sec. 3.3.1; Cattaneo et al., New J. Phys.
 * 21, 113045 (2019), Sec. 2). "Much larger" is this factor: a splitting below
 * SECULAR_FACTOR Gamma makes the verdict "doubtful". Its value comes from the coupled qubits with
 * omega1 = omega2 = 1 and the default baths (gA = gB = 0.01, TA = 2, TB = 1; Gamma = 0.025), whose
 * global current differs from Redfield's by about 1.2 (Gamma / splitting)^2 of itself: 0.6% at a
 * splitting of 13 Gamma, 2.3% at 7.3 Gamma, 9% at 3.8 Gamma, 55% at 1.6 Gamma and a factor of 200
 * at 0.08 Gamma (secular-validity.test.ts in the models package checks this). At the factor 8 the
 * global numbers that pass are within about 2% of the non-secular ones; the package defaults
 * (omega1 = 1.2, lambda = 0.1: 10.8 Gamma, 1%) pass.
 * Conversely two frequencies that the Bohr tolerance merges must be close compared with Gamma
 * (closer than Gamma / SECULAR_FACTOR): merging them is then the partial secular approximation
 * of Cattaneo et al., which is valid there.
 */
export const SECULAR_FACTOR = 8;

/**
 * With a state given, levels whose population is below this fraction of the largest one do not
 * take part in the verdict: an interference term between two transitions out of level n acts on
 * rho through rho_nn' (|rho_nn'| <= sqrt(p_n p_n')), so an empty level cannot make a current
 * wrong. Without it, a truncated Fock space would be judged by its top levels, whose Bohr
 * frequencies the truncation crowds together. 1e-3 keeps
 * every level that carries more than a per-mille of the most populated one (with an accepted Fock
 * cutoff the top levels hold far less).
 */
export const SECULAR_OCCUPATION = 1e-3;

/** Whether a global generator's secular approximation holds, with the scales that decide it. */
export interface SecularValidity {
  /**
   * "ok" when every two distinct Bohr frequencies of a bath are at least SECULAR_FACTOR Gamma
   * apart and every two merged ones less than Gamma / SECULAR_FACTOR (or nothing dissipates);
   * "doubtful" otherwise: the global (Davies) master equation may be wrong there, and Redfield,
   * which keeps the non-secular terms, is the approach to trust.
   */
  readonly verdict: "ok" | "doubtful";
  /**
   * The smallest difference |w - w'| between two distinct Bohr frequencies of one bath, over the
   * baths (w and -w count as two frequencies, so a small w gives 2 w); Infinity when no bath has
   * two.
   */
  readonly smallestSplitting: number;
  /**
   * Gamma: the largest rate gamma_k of a jump L_k (gamma_X(w)(1 + n_X(w)) or gamma_X(w) n_X(w),
   * the coefficient of D[L_k]) out of an occupied level when a state is given, out of any level
   * otherwise. It is the relaxation rate for couplings whose matrix elements are of order one
   * (Pauli operators, as in the registry's models); a coupling scaled by s scales the true rates
   * by s^2, which this does not see. For a Fock ladder it is the damping of a mode, not the
   * n-fold decay of Fock level n: those grow together with the secular terms, and the global
   * currents of the oscillators at nmax = 10 agree with Redfield's to 0.2% where the level decay
   * rates reach 13 times the mode damping.
   */
  readonly largestRate: number;
  /**
   * The largest spread of the energy differences E_n - E_m merged into one Bohr frequency by the
   * grouping tolerance (rounding for degenerate spectra; a near degeneracy otherwise).
   */
  readonly largestMergedSplitting: number;
  /** The factor the verdict uses (SECULAR_FACTOR). */
  readonly factor: number;
}

/**
 * The validity of the secular approximation of a `global` generator (`SecularValidity`); null for
 * `local` and `redfield`, which make no secular approximation across Bohr frequencies. With
 * `populations` (eigenbasis populations of a state, e.g. the steady state's), only transitions out
 * of levels holding at least SECULAR_OCCUPATION of the largest population count; without, every
 * level does. Cost: one pass over the jumps' eigenbasis entries.
 */
export function secularValidity(
  generator: Generator,
  populations?: ArrayLike<number>,
): SecularValidity | null {
  if (generator.approach !== "global") return null;
  if (populations !== undefined && populations.length !== generator.dimension) {
    throw new DimensionError("populations", `length ${generator.dimension}`, `length ${populations.length}`);
  }
  let floor = -Infinity;
  if (populations !== undefined) {
    let largest = 0;
    for (let n = 0; n < populations.length; n++) largest = Math.max(largest, populations[n]);
    floor = SECULAR_OCCUPATION * largest;
  }
  const energies = generator.eigen.values;
  let largestRate = 0;
  const frequencies = new Map<string, number[]>();
  let largestMergedSplitting = 0;
  for (const channel of generator.channels) {
    if (channel.omega === null) continue;
    let lo = Infinity;
    let hi = -Infinity;
    let active = false;
    for (const jump of channel.jumps) {
      if (!(jump.rate > 0)) continue;
      const { rowStart, columns, values } = jump.eigenCsr;
      for (let m = 0; m < jump.eigenCsr.rows; m++) {
        for (let p = rowStart[m]; p < rowStart[m + 1]; p++) {
          const n = columns[p];
          if (populations !== undefined && !(populations[n] >= floor)) continue;
          const weight = values[2 * p] ** 2 + values[2 * p + 1] ** 2;
          if (weight === 0) continue;
          active = true;
          largestRate = Math.max(largestRate, jump.rate);
          const gap = Math.abs(energies[n] - energies[m]);
          lo = Math.min(lo, gap);
          hi = Math.max(hi, gap);
        }
      }
    }
    if (!active) continue;
    largestMergedSplitting = Math.max(largestMergedSplitting, hi - lo);
    const list = frequencies.get(channel.bath) ?? [];
    list.push(channel.omega);
    if (channel.omega !== 0) list.push(-channel.omega);
    frequencies.set(channel.bath, list);
  }
  let smallestSplitting = Infinity;
  for (const list of frequencies.values()) {
    list.sort((a, b) => a - b);
    for (let k = 1; k < list.length; k++)
      smallestSplitting = Math.min(smallestSplitting, list[k] - list[k - 1]);
  }
  const ok =
    largestRate === 0 ||
    (smallestSplitting >= SECULAR_FACTOR * largestRate &&
      largestMergedSplitting * SECULAR_FACTOR <= largestRate);
  return {
    verdict: ok ? "ok" : "doubtful",
    smallestSplitting,
    largestRate,
    largestMergedSplitting,
    factor: SECULAR_FACTOR,
  };
}

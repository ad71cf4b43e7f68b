import {
  formatBytes,
  modeOccupationCutoff,
  modeOccupationTail,
  NumericalError,
  type Operator,
  ParameterError,
} from "@liouville/core";

/**
 * Largest Fock cutoff nmax of the truncated oscillators. The operators of two modes are dense
 * (nmax + 1)^2 x (nmax + 1)^2 matrices, 45 MB each at nmax = 40, and the steady state is solved
 * in the sector of operators |n1 n2><m1 m2| with n1 + n2 = m1 + m2 (the total number of quanta is
 * conserved by the RWA coupling and shifted by one by each jump): 45,961 real unknowns at
 * nmax = 40, against 2.8 million without the symmetry.
 */
export const MAX_FOCK_CUTOFF = 40;

/**
 * Largest steady-state weight allowed on the top Fock level |nmax> of either oscillator before
 * the truncated model is refused (unless `allowTruncation`).
 *
 * ## Why 1e-6
 * The cut removes the transitions nmax -> nmax + 1, so the truncated steady state is wrong by
 * about the weight that sits on the top level. For the heat currents the tests measure (local,
 * global; detuned and resonant; `coupled-oscillators.test.ts`) a relative error between 0.05 and
 * 5 (nmax + 1) times that weight: the top level carries nmax quanta. 1e-6 thus keeps the currents
 * to about 4e-5 relative or better at nmax <= 7 (five significant digits), so that a number the
 * CLI prints is not silently wrong in its leading digits. The weight falls by about
 * nbar / (1 + nbar) per added level.
 */
export const TRUNCATION_TOLERANCE = 1e-6;

/**
 * The exact steady state is checked before the truncated one is solved: when its own weight on
 * level nmax, P(n_i = nmax), exceeds this multiple of TRUNCATION_TOLERANCE, the truncated state
 * (whose top level gathers at least as much, since it also holds what would have gone higher)
 * is refused without solving it. The margin leaves borderline cases to the check on the solved
 * state.
 */
export const TRUNCATION_PRECHECK_MARGIN = 2;

/**
 * Weight of a two-mode state on the top Fock level of each mode, [P(n1 = nmax), P(n2 = nmax)],
 * from the diagonal of rho in the product basis |n1, n2> (index (nmax + 1) n1 + n2).
 */
export function fockTopLevelWeights(rho: Operator, nmax: number): [number, number] {
  const levels = nmax + 1;
  let w1 = 0;
  let w2 = 0;
  for (let k = 0; k < levels; k++) {
    w1 += rho.re(nmax * levels + k, nmax * levels + k);
    w2 += rho.re(k * levels + nmax, k * levels + nmax);
  }
  return [w1, w2];
}

/**
 * Mean occupations [<a1^dag a1>, <a2^dag a2>] of a two-mode state in the truncated product basis
 * (index (nmax + 1) n1 + n2), from the diagonal of rho.
 */
export function fockOccupations(rho: Operator, nmax: number): [number, number] {
  const levels = nmax + 1;
  let n1 = 0;
  let n2 = 0;
  for (let i = 0; i < levels; i++) {
    for (let k = 0; k < levels; k++) {
      const p = rho.re(i * levels + k, i * levels + k);
      n1 += i * p;
      n2 += k * p;
    }
  }
  return [n1, n2];
}

/**
 * The smallest cutoff nmax for which the exact (Gaussian) state of occupations `occupations`
 * has P(n_i >= nmax) <= tolerance in every mode. For a thermal mode the truncated chain keeps
 * p_k proportional to r^k (r = nbar / (1 + nbar)), so its top-level weight is below
 * P(n >= nmax) = r^nmax of the untruncated state: this cutoff passes the truncation control.
 * Uses `modeOccupationCutoff` (P(n > m) <= tolerance) with nmax = m + 1; at least 1.
 * @example suggestedFockCutoff([0.01, 0.002]) // 3: (0.01 / 1.01)^3 = 9.7e-7 <= 1e-6
 */
export function suggestedFockCutoff(
  occupations: readonly number[],
  tolerance = TRUNCATION_TOLERANCE,
): number {
  let nmax = 1;
  for (let i = 0; i < occupations.length; i++) {
    nmax = Math.max(nmax, modeOccupationCutoff({ occupations: [...occupations] }, i, tolerance) + 1);
  }
  return nmax;
}

/**
 * P(n_i = nmax) in the exact Gaussian state of mode occupations `occupations`: each mode's reduced
 * state is thermal, p_k = (1 - r) r^k with r = nbar / (1 + nbar) (see `modeOccupationTail`).
 */
export function exactLevelWeights(occupations: readonly number[], nmax: number): number[] {
  const state = { occupations: [...occupations] };
  return occupations.map(
    (_, i) => modeOccupationTail(state, i, nmax - 1) - modeOccupationTail(state, i, nmax),
  );
}

/**
 * Check a Fock cutoff before anything is allocated: an integer 1 <= nmax <= MAX_FOCK_CUTOFF.
 * Throws ParameterError naming `nmax`, with the way out (the exact Gaussian solver).
 */
export function validateFockCutoff(nmax: number): void {
  const range = `an integer from 1 to ${MAX_FOCK_CUTOFF}`;
  if (!Number.isInteger(nmax)) throw new ParameterError("nmax", `${range}, or "exact"`, nmax);
  if (nmax < 1) {
    throw new ParameterError(
      "nmax",
      `${range} (nmax = ${nmax} keeps no excited level for the baths to populate); omit nmax for the exact Gaussian solver`,
      nmax,
    );
  }
  if (nmax > MAX_FOCK_CUTOFF) {
    const d = (nmax + 1) ** 2;
    throw new ParameterError(
      "nmax",
      `${range}: (nmax + 1)^2 = ${d} levels would take ${formatBytes(16 * d * d)} per operator; omit nmax for the exact Gaussian solver (local, global), or use a smaller cutoff`,
      nmax,
    );
  }
}

/**
 * Refuse a truncated steady state whose top-level weight exceeds TRUNCATION_TOLERANCE, with a
 * NumericalError("truncation") that names `nmax` and the cutoff that would do
 * (`suggestedFockCutoff` of the exact occupations), or says that none fits the Fock-space limit MAX_FOCK_CUTOFF.
 * `weights` are the truncated state's top-level weights (`fockTopLevelWeights`), or with
 * `source` "exact" the exact state's P(n_i = nmax) (`exactLevelWeights`), tested against
 * TRUNCATION_PRECHECK_MARGIN times the tolerance.
 */
export function assertTruncation(
  nmax: number,
  weights: readonly number[],
  exactOccupations: readonly number[],
  source: "truncated" | "exact" = "truncated",
): void {
  const limit = source === "exact" ? TRUNCATION_PRECHECK_MARGIN * TRUNCATION_TOLERANCE : TRUNCATION_TOLERANCE;
  let worst = 0;
  for (let i = 1; i < weights.length; i++) if (weights[i] > weights[worst]) worst = i;
  if (!(weights[worst] > limit)) return;
  const suggestion = suggestedFockCutoff(exactOccupations);
  const advice =
    suggestion <= MAX_FOCK_CUTOFF
      ? `nmax = ${suggestion} would do`
      : `nmax = ${suggestion} would do but exceeds the Fock-space limit ${MAX_FOCK_CUTOFF}; omit nmax for the exact Gaussian solver`;
  const where =
    source === "exact"
      ? `the exact steady state has weight ${weights[worst].toExponential(2)} on level ${nmax} of oscillator ${worst + 1}`
      : `weight ${weights[worst].toExponential(2)} on the top Fock level of oscillator ${worst + 1}`;
  throw new NumericalError(
    "truncation",
    `nmax = ${nmax} truncates the steady state: ${where}, above the limit ${limit.toExponential(0)}; ` +
      `${advice} (or allow truncation: --allow-truncation)`,
  );
}

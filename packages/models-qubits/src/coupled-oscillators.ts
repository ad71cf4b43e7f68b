import {
  type Approach,
  basisState,
  buildGenerator,
  create,
  embed,
  type OpenSystem,
  type Operator,
  openSystem,
  ParameterError,
  type SteadySolution,
  secularValidity,
} from "@liouville/core";
import { coupledOscillatorsAnalytic } from "./coupled-oscillators-analytic";
import { coupledOscillatorsGaussian } from "./coupled-oscillators-gaussian";
import { twoModeHamiltonian, twoModeQuanta } from "./coupled-oscillators-operators";
import {
  assertTruncation,
  exactLevelWeights,
  fockOccupations,
  fockTopLevelWeights,
  MAX_FOCK_CUTOFF,
  validateFockCutoff,
} from "./coupled-oscillators-truncation";
import type { Model, SteadyOptions } from "./model";
import { BATH_PARAMETERS, PARAMETERS, type ParamValues, twoBaths } from "./parameters";
import { solveWithGenerator } from "./steady-report";

/** The value of `nmax` that selects the exact Gaussian solver (no Fock truncation); the default. */
export const EXACT_NMAX = PARAMETERS.nmax.default;

/**
 * Two coupled oscillators between two heat baths, Sec. IV C 2 of Fogedby (arXiv:2301.13544), eq. (4.32):
 *   H_S = omega1 a1^dag a1 + omega2 a2^dag a2 + lambda (a1 a2^dag + a1^dag a2),
 *   H_SA = a1^dag A + a1 A^dag,   H_SB = a2^dag B + a2 B^dag   (RWA, paper-corrections item 1).
 * Under the `local` approach this is the master equation (4.33)-(4.35): bath X acts at its
 * oscillator's bare frequency with g_X (1 + n_X) D[a] + g_X n_X D[a^dag]. Under `global` the
 * dissipators act on the normal modes omega_+- of H_S (detailed balance per bath).
 *
 * Constraint: lambda < sqrt(omega1 omega2), so that omega_- = (omega1 omega2 - lambda^2) / omega_+
 * > 0 and H_S is bounded below.
 *
 * ## Two solvers, chosen by `nmax`
 * - `nmax` = "exact" (default): no truncation. The model is quadratic, so its steady state is
 *   Gaussian and fixed by N_ij = <a_i^dag a_j>, a Lyapunov equation solved exactly
 *   (`coupledOscillatorsGaussian`, method "gaussian"). Local and global only; `redfield` is
 *   refused with a ParameterError on `approach` (its kernel is built in a finite basis).
 * - `nmax` = 1..MAX_FOCK_CUTOFF (40): the truncated Fock model, nmax + 1 levels per mode as
 *   QuTiP's `destroy(nmax + 1)`, product basis |n1, n2> with index (nmax + 1) n1 + n2; operators
 *   such as a a^dag in the dissipators are products of the truncated matrices. It is solved
 *   through the generator (local, global or redfield; the global one diagonalises the truncated
 *   H_S). Its steady state must put at most `TRUNCATION_TOLERANCE` on the top level of either
 *   mode, else NumericalError("truncation") names nmax and a cutoff that would do, unless
 *   `allowTruncation`; `extras.truncationWeight` reports the two weights, `extras.occupations`
 *   the mean occupations [<a1^dag a1>, <a2^dag a2>] as on the Gaussian path. H_S is written entry
 *   by entry from the quantum numbers; a cutoff above MAX_FOCK_CUTOFF is refused before
 *   anything is allocated.
 *
 * `build` and `initialState` (the vacuum |0, 0>) describe the truncated model, so time evolution
 * needs `nmax`; without it they throw a ParameterError naming `nmax`.
 *
 * `analytic` gives the closed-form currents of the untruncated model for local and global
 * (`coupledOscillatorsAnalytic`): the local current is proportional to n_A(omega1) - n_B(omega2)
 * and breaks the second law when T_A > T_B but omega1 / T_A > omega2 / T_B (docs/paper-corrections.md,
 * "Oscillators"); the global one never does.
 */
export const coupledOscillators: Model = Object.freeze({
  id: "coupled-oscillators",
  title: "Two coupled oscillators between two heat baths (local vs global master equation)",
  description:
    "H = w1 a1+ a1 + w2 a2+ a2 + lambda (a1 a2+ + a1+ a2), eq. (4.32); bath A on oscillator 1, B on 2; exact Gaussian solver, or a Fock cutoff nmax",
  parameters: [PARAMETERS.omega1, PARAMETERS.omega2, PARAMETERS.lambda, ...BATH_PARAMETERS, PARAMETERS.nmax],
  approaches: ["global", "local", "redfield"] as const,
  validate(p: ParamValues) {
    const bound = Math.sqrt((p.omega1 as number) * (p.omega2 as number));
    if (!((p.lambda as number) < bound)) {
      throw new ParameterError(
        "lambda",
        `< sqrt(omega1*omega2) = ${bound} (so that both normal-mode frequencies are positive)`,
        p.lambda,
      );
    }
    if (p.nmax !== EXACT_NMAX) validateFockCutoff(p.nmax as number);
  },
  build(p: ParamValues): OpenSystem {
    const nmax = fockCutoff(p, "the open system");
    const dims = [nmax + 1, nmax + 1];
    const a1dag = embed(create(nmax + 1), 0, dims);
    const a2dag = embed(create(nmax + 1), 1, dims);
    const w1 = p.omega1 as number;
    const w2 = p.omega2 as number;
    return openSystem({
      hamiltonian: twoModeHamiltonian(nmax, w1, w2, p.lambda as number),
      baths: twoBaths(p, { raise: a1dag, frequency: w1 }, { raise: a2dag, frequency: w2 }),
      // The total number of quanta n1 + n2: conserved by the RWA hopping, shifted by one by every jump.
      charge: twoModeQuanta(nmax),
    });
  },
  initialState(p: ParamValues): Operator {
    const nmax = fockCutoff(p, "the initial state");
    return basisState([nmax + 1, nmax + 1], 0);
  },
  solveSteady(p: ParamValues, approach: Approach, options?: SteadyOptions): SteadySolution {
    if (p.nmax === EXACT_NMAX) {
      const exact = coupledOscillatorsGaussian(p, approach);
      if (approach !== "global") return exact;
      return { ...exact, audit: { ...exact.audit, secular: exactSecularValidity(p) } };
    }
    const nmax = p.nmax as number;
    const system = coupledOscillators.build(p);
    // First refuse a hopeless cutoff without solving; the exact occupations then suggest one.
    const exactOccupations = options?.allowTruncation ? [] : precheckTruncation(p, approach);
    const solution = solveWithGenerator(system, approach, options?.onProgress);
    const weights = fockTopLevelWeights(solution.state!.rho, nmax);
    if (!options?.allowTruncation) assertTruncation(nmax, weights, exactOccupations);
    const occupations = fockOccupations(solution.state!.rho, nmax);
    return { ...solution, extras: { nmax, truncationWeight: weights, occupations } };
  },
  checkEvolution(p: ParamValues, approach: Approach, options?: Pick<SteadyOptions, "allowTruncation">): void {
    if (p.nmax !== EXACT_NMAX && !options?.allowTruncation) precheckTruncation(p, approach);
  },
  analytic: (p: ParamValues, approach: Approach) => coupledOscillatorsAnalytic(p, approach),
});

/**
 * Fock cutoff of the model whose global generator judges the exact (Gaussian) global solution's
 * secular approximation. At nmax = 1 the levels are the vacuum, the two one-quantum normal modes
 * (omega_-, omega_+) and |1, 1> at omega1 + omega2 = omega_- + omega_+ (no partner to hop to), so
 * every Bohr frequency of a jump is exactly omega_- or omega_+, with the untruncated model's rates;
 * a larger cutoff would add the truncation's anharmonic levels and spurious frequencies.
 */
const SECULAR_PROBE_NMAX = 1;

/**
 * The secular verdict of the exact global solution (`secularValidity`), from the global
 * generator of the model truncated at SECULAR_PROBE_NMAX: the normal-mode splitting against the
 * largest jump rate (every level counts; the probe has no steady state of its own to weigh them);
 * null where the probe's rates cannot be represented (extreme temperatures).
 */
function exactSecularValidity(p: ParamValues) {
  const probe = coupledOscillators.build({ ...p, nmax: SECULAR_PROBE_NMAX });
  try {
    return secularValidity(buildGenerator(probe, { approach: "global" }));
  } catch (error) {
    // A temperature beyond what a Fock generator's rates resolve (n(w, T) above 1e8), which the
    // Gaussian solution still handles: no verdict (null), as before the check existed.
    if (error instanceof ParameterError) return null;
    throw error;
  }
}

/**
 * Refuse a Fock cutoff on which the exact steady state (of the same model; global for redfield,
 * which differs by O(g)) puts too much weight at level nmax (`assertTruncation` with source
 * "exact"), without solving the truncated model. Returns the exact occupations.
 */
function precheckTruncation(p: ParamValues, approach: Approach): number[] {
  const exact = coupledOscillatorsGaussian(p, approach === "local" ? "local" : "global");
  const occupations = exact.extras!.occupations as number[];
  assertTruncation(p.nmax as number, exactLevelWeights(occupations, p.nmax as number), occupations, "exact");
  return occupations;
}

/** nmax as a number, or a ParameterError saying that `what` needs a finite Fock space. */
function fockCutoff(p: ParamValues, what: string): number {
  if (p.nmax === EXACT_NMAX) {
    throw new ParameterError(
      "nmax",
      `an integer from 1 to ${MAX_FOCK_CUTOFF} for ${what} (a truncated Fock space; the exact Gaussian solver gives steady states only)`,
      p.nmax,
    );
  }
  validateFockCutoff(p.nmax as number);
  return p.nmax as number;
}

import { ParameterError } from "../errors/parameter-error";
import { toCsr } from "../linalg/csr";
import type { Generator } from "../master-equation/generator";
import { type SecularValidity, secularValidity } from "../master-equation/secular-validity";
import { blockKernelDimension, KERNEL_TOLERANCE } from "../steady-state/kernel-dimension";
import { DENSE_SOLVE_MAX_DIMENSION, type SteadyState, steadyState } from "../steady-state/steady-state";
import { entropyProduction } from "./entropy-production";
import { grossEnergyFlow, heatCurrents } from "./heat-current";
import { assertStateOf } from "./state-of-generator";

/**
 * Rounding scale of the second-law verdict, relative to the gross energy flow G (`firstLawScale`):
 * a current with |J_X| <= SECOND_LAW_TOLERANCE G is rounding and counts as zero, and the entropy
 * production must not fall below -SECOND_LAW_TOLERANCE G sum_X 1/T_X (finite T). Scaling by the
 * currents themselves would flag rounding noise at equilibrium, where J_X = 0 up to ulps of G.
 */
export const SECOND_LAW_TOLERANCE = 1e-12;
/**
 * The first law (sum_X J_X = 0 in a steady state) holds when |sum_X J_X| is at most
 * FIRST_LAW_TOLERANCE sum_X |J_X| (the currents are resolved relative to their own size), or at
 * most SECOND_LAW_TOLERANCE times the smallest gross energy flow of a bath (`bathScales`): with
 * two baths J_A = -J_B, so no current is larger than the gross flow of the other bath, and a
 * residual below that rounding scale is what a steady state with zero (or unresolvably small)
 * currents leaves. A larger residual means that some current carries an error comparable to the
 * currents: the audit says "violated", and `steadyReport` refuses such a state.
 */
export const FIRST_LAW_TOLERANCE = 1e-8;
/** A smallest eigenvalue of rho below -POSITIVITY_TOLERANCE means rho is not a state. */
export const POSITIVITY_TOLERANCE = 1e-12;

/** A thermodynamic audit of one steady state (the `compare` report, docs/conventions.md section 4). */
export interface ThermodynamicAudit {
  /** J_X into the system, by bath. */
  readonly currents: Readonly<Record<string, number>>;
  /**
   * sigma = -sum_X J_X / T_X (k_B = 1; the second law requires sigma >= 0), with each
   * |J_X| <= SECOND_LAW_TOLERANCE firstLawScale (rounding) counted as zero; +Infinity when a
   * resolved current flows into a bath at T = 0.
   */
  readonly entropyProduction: number;
  /** sum_X J_X: zero by the first law in a steady state. */
  readonly firstLawResidual: number;
  /** The gross energy flow G with all baths: the scale of the currents' rounding. */
  readonly firstLawScale: number;
  /**
   * "ok" when |firstLawResidual| is within FIRST_LAW_TOLERANCE of sum_X |J_X| or within rounding
   * of the smallest bath's gross flow; "violated" means the currents are not accurate.
   */
  readonly firstLaw: "ok" | "violated";
  /** Smallest eigenvalue of rho (negative: not a physical state). */
  readonly minEigenvalue: number;
  /**
   * Number of independent steady states (1 = unique); null when the system is too large to check
   * (`KERNEL_CHECK_MAX_DIMENSION`, `KERNEL_CHECK_MAX_WORK`).
   */
  readonly kernelDimension: number | null;
  /** "violated" when sigma is negative beyond rounding (see `SECOND_LAW_TOLERANCE`). */
  readonly secondLaw: "ok" | "violated";
  /** "violated" when the smallest eigenvalue of rho is below -`POSITIVITY_TOLERANCE`. */
  readonly positivity: "ok" | "violated";
  /**
   * Whether the secular approximation of a `global` generator holds (`secularValidity`): "doubtful"
   * when two Bohr frequencies of a bath are closer than SECULAR_FACTOR times the largest
   * dissipation rate; null for `local` and `redfield` and where it was not checked.
   */
  readonly secular: SecularValidity | null;
}

/**
 * Audit a generator's steady state: heat currents per bath, entropy production with a verdict on
 * the second law (Spohn's inequality sigma >= 0), the first-law residual, positivity of rho,
 * the dimension of the steady-state kernel, and (global) the validity of the secular
 * approximation. The local master equation of interacting
 * subsystems can fail the second law (Levy & Kosloff, EPL 107, 20004 (2014)); Redfield can fail
 * positivity. Both are reported, not thrown. `state` must be a steady state of `generator`
 * (`assertStateOf`: ParameterError or DimensionError otherwise).
 */
export function auditSteadyState(
  generator: Generator,
  state: SteadyState = steadyState(generator),
): ThermodynamicAudit {
  assertStateOf(generator, state);
  if (!("method" in state)) throw new ParameterError("state", "a SteadyState (from steadyState)", state);
  const currents = heatCurrents(generator, state);
  const bathScales: Record<string, number> = {};
  for (const b of generator.system.baths) bathScales[b.name] = grossEnergyFlow(generator, state, b.name);
  return auditCurrents(currents, generator.system.baths, {
    firstLawScale: grossEnergyFlow(generator, state),
    bathScales,
    minEigenvalue: state.minEigenvalue,
    secular: secularValidity(generator, state.populations),
    // On the rate path steadyState has proven uniqueness exactly (one closed class).
    kernelDimension: state.method === "rate-equation" ? 1 : liouvillianKernelDimension(generator),
  });
}

/**
 * Largest Hilbert dimension whose Liouvillian `auditSteadyState` takes apart into diagonal blocks
 * for the kernel check when it is stored sparse (its own CSR form, d^2 rows). Up to
 * d = DENSE_SOLVE_MAX_DIMENSION the other representations are checked through their dense form
 * (at most 16 MB; the CSR assembly of a matrix-free secular generator can need far more).
 */
export const KERNEL_CHECK_MAX_DIMENSION = 64;
/**
 * Largest elimination work, sum over the Liouvillian's diagonal blocks of n_b^3, that
 * `auditSteadyState` spends on the kernel check: that of one dense block of size
 * DENSE_SOLVE_MAX_DIMENSION^2, so every Liouvillian up to d = 32 is checked, and larger ones whose
 * conserved charge splits them into small enough blocks.
 */
export const KERNEL_CHECK_MAX_WORK = DENSE_SOLVE_MAX_DIMENSION ** 6;

/**
 * The number of independent steady states of the generator (`blockKernelDimension` of its
 * Liouvillian), or null when it is not checked: d above KERNEL_CHECK_MAX_DIMENSION, or above
 * DENSE_SOLVE_MAX_DIMENSION without sparse storage, or blocks beyond KERNEL_CHECK_MAX_WORK.
 */
function liouvillianKernelDimension(generator: Generator): number | null {
  const d = generator.dimension;
  // Above the bound the Liouvillian is not even looked at: a generator makes it on first use.
  if (d > KERNEL_CHECK_MAX_DIMENSION) return null;
  const l = generator.liouvillian;
  const csr =
    l.representation === "sparse" ? l.toCsr() : d <= DENSE_SOLVE_MAX_DIMENSION ? toCsr(l.toDense()) : null;
  return csr && blockKernelDimension(csr, KERNEL_TOLERANCE, KERNEL_CHECK_MAX_WORK, d);
}

/**
 * The verdicts of an audit from currents and state properties computed elsewhere (e.g. by the
 * exact Gaussian solver, which has no finite density matrix). `bathScales` are the gross energy
 * flows of each bath alone (see FIRST_LAW_TOLERANCE); without them the first-law floor is
 * SECOND_LAW_TOLERANCE firstLawScale.
 */
export function auditCurrents(
  currents: Readonly<Record<string, number>>,
  baths: readonly { name: string; temperature: number }[],
  state: {
    firstLawScale: number;
    bathScales?: Readonly<Record<string, number>>;
    minEigenvalue: number;
    kernelDimension: number | null;
    secular?: SecularValidity | null;
  },
): ThermodynamicAudit {
  const roundingCurrent = SECOND_LAW_TOLERANCE * state.firstLawScale;
  const resolved: Record<string, number> = {};
  let inverseTemperatures = 0;
  for (const b of baths) {
    const j = currents[b.name] ?? 0;
    resolved[b.name] = Math.abs(j) <= roundingCurrent ? 0 : j;
    if (b.temperature > 0) inverseTemperatures += 1 / b.temperature;
  }
  // Currents at rounding level contribute nothing: into or out of a bath at T = 0 they would
  // otherwise give an entropy production of +-Infinity that no accurate number supports.
  const sigma = entropyProduction(resolved, baths);
  const secondLawOk = sigma >= -roundingCurrent * inverseTemperatures;
  const firstLawResidual = Object.values(currents).reduce((s, j) => s + j, 0);
  const gross = Object.values(currents).reduce((s, j) => s + Math.abs(j), 0);
  const positiveScales = Object.values(state.bathScales ?? {}).filter((g) => g > 0);
  const floorScale = positiveScales.length > 0 ? Math.min(...positiveScales) : state.firstLawScale;
  const firstLawOk =
    Math.abs(firstLawResidual) <= FIRST_LAW_TOLERANCE * gross ||
    Math.abs(firstLawResidual) <= SECOND_LAW_TOLERANCE * floorScale;
  return {
    currents,
    entropyProduction: sigma,
    firstLawResidual,
    firstLawScale: state.firstLawScale,
    firstLaw: firstLawOk ? "ok" : "violated",
    minEigenvalue: state.minEigenvalue,
    kernelDimension: state.kernelDimension,
    secondLaw: secondLawOk ? "ok" : "violated",
    positivity: state.minEigenvalue >= -POSITIVITY_TOLERANCE ? "ok" : "violated",
    secular: state.secular ?? null,
  };
}

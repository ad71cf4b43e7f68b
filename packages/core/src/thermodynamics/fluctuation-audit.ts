import { LiouvilleError } from "../errors/liouville-error";
import type { Generator } from "../master-equation/generator";
import { populationsDecouple } from "../steady-state/steady-state";
import {
  COUNTED_CURRENT_ROUNDING,
  type CountingStatistics,
  countedJumps,
  countingStatistics,
  SCGF_MAX_DIMENSION,
  TiltedEigenvalue,
} from "./counting-statistics";
import { entropyProduction } from "./entropy-production";

/**
 * The exchange fluctuation theorem holds when theta(s) and theta(-s - (1/T_B - 1/T_A)) agree to
 * this fraction of theta's scale at those points (|theta|, or the largest jump rate times
 * e^{|s| max|eps|}, the size of the tilted generator). Newton's method resolves theta to about
 * 1e-13 of ||L(s)||.
 */
export const FLUCTUATION_THEOREM_TOLERANCE = 1e-8;
/**
 * The theorem is checked only while |1/T_B - 1/T_A| max|eps| is at most this: theta is evaluated
 * at s up to that shift, where the tilted rates carry e^{s eps}, and the comparison loses the
 * digits that this factor spans.
 */
export const FLUCTUATION_THEOREM_MAX_EXPONENT = 30;
/** Points s = -a (1/T_B - 1/T_A) of the fluctuation-theorem check (the symmetric point is a = 1/2). */
const FT_POINTS = [0.15, 0.35];

/** Fluctuations of one bath's heat current at steady state. */
export interface BathFluctuations {
  /** The bath whose heat current this is. */
  readonly bath: string;
  /** Cumulant rates c_1 .. c_order of the counted heat (see `CountingStatistics`). */
  readonly cumulants: readonly number[];
  /** Mean heat current counted by the jumps, into the system (see `CountingStatistics.current`). */
  readonly current: number;
  /** Tr[H_S D_X(rho)] (see `CountingStatistics.heatCurrent`). */
  readonly heatCurrent: number;
  /** Variance rate of the heat, Var(Q_X)/t. */
  readonly noise: number;
  /** noise / |current|, an energy; Infinity when the current vanishes (equilibrium). */
  readonly fano: number;
  /**
   * The thermodynamic uncertainty ratio noise * sigma / (2 current^2): >= 1 is the TUR
   * (Barato & Seifert, PRL 114, 158101 (2015); Gingrich et al., PRL 116, 120601 (2016)).
   * Infinity when the current is zero within its rounding (COUNTED_CURRENT_ROUNDING of the gross
   * counted flow): no current, no bound to test.
   */
  readonly turRatio: number;
  /** "holds" when turRatio >= 1; "violated" otherwise (an error only when `turGuaranteed`). */
  readonly tur: "holds" | "violated";
}

/** The fluctuation part of a steady-state audit. */
export interface FluctuationAudit {
  /** One entry per bath of the system, in its order. */
  readonly baths: readonly BathFluctuations[];
  /**
   * sigma = -sum_X J_X / T_X from the counted currents (k_B = 1), each taken as zero within its
   * rounding: the TUR's entropy production. +Infinity when heat flows into a bath at T = 0.
   */
  readonly entropyProduction: number;
  /**
   * True when the TUR is a theorem for this generator: the populations of the energy eigenstates
   * obey a classical rate equation (global without coherent population transfer). Otherwise
   * coherences can beat the bound (Ptaszynski, PRB 98, 085425 (2018); Agarwalla & Segal, PRB 98,
   * 155438 (2018)): a violation is then physics, not an error.
   */
  readonly turGuaranteed: boolean;
  /**
   * The exchange fluctuation theorem for two baths, theta_A(s) = theta_A(-s - (1/T_B - 1/T_A)) in
   * the moment-generating variable s (theta_A(chi) = theta_A(-chi + i (1/T_B - 1/T_A)) in chi),
   * checked at a few s; null when it is not checked: more or fewer than two baths, a bath at
   * T = 0, d > SCGF_MAX_DIMENSION, |1/T_B - 1/T_A| max|eps| > FLUCTUATION_THEOREM_MAX_EXPONENT, or
   * `fluctuationTheorem: false`.
   */
  readonly exchangeFluctuationTheorem: {
    /**
     * max |theta(s) - theta(-s - (1/T_B - 1/T_A))| at the points checked, relative to theta's scale
     * there (|theta|, or the largest jump rate times e^{|s| max|eps|}).
     */
    readonly deviation: number;
    readonly verdict: "holds" | "violated";
    /**
     * True for `global`, whose jumps each change the system's energy by exactly the heat they
     * count, so the theorem must hold. Under `local` the counted quanta are the local frequencies
     * (different on the two baths when the subsystems differ), the system's energy is not what
     * the jumps conserve, and the theorem in this form can fail: physics, not an error.
     */
    readonly guaranteed: boolean;
  } | null;
}

/**
 * Noise, Fano factor and TUR ratio of every bath's heat current, and the exchange fluctuation
 * theorem for two baths, from the counting statistics (`countingStatistics` with cumulants up to
 * `order`, default 2; `TiltedEigenvalue`). Lindblad generators only (Redfield has no jump
 * unravelling). With `fluctuationTheorem: false` the theorem is not checked (its dense
 * continuation is skipped).
 */
export function fluctuationAudit(
  generator: Generator,
  options: { fluctuationTheorem?: boolean; order?: number } = {},
): FluctuationAudit {
  const baths = generator.system.baths;
  const stats = baths.map((b) =>
    countingStatistics(generator, b.name, { order: Math.max(2, options.order ?? 2) }),
  );
  const resolved = Object.fromEntries(stats.map((s) => [s.bath, resolvedCurrent(s)]));
  const sigma = entropyProduction(resolved, baths);
  const fluctuations = stats.map((s): BathFluctuations => {
    const j = resolved[s.bath];
    const turRatio = j === 0 ? Number.POSITIVE_INFINITY : (s.noise * sigma) / (2 * j * j);
    return {
      bath: s.bath,
      cumulants: s.cumulants,
      current: s.current,
      heatCurrent: s.heatCurrent,
      noise: s.noise,
      fano: s.fano,
      turRatio,
      tur: turRatio >= 1 ? "holds" : "violated",
    };
  });
  return {
    baths: fluctuations,
    entropyProduction: sigma,
    turGuaranteed: generator.approach === "global" && populationsDecouple(generator),
    exchangeFluctuationTheorem: options.fluctuationTheorem === false ? null : exchangeCheck(generator),
  };
}

/** The counted current, or 0 when it is rounding of the bath's gross counted flow. */
function resolvedCurrent(s: CountingStatistics): number {
  return Math.abs(s.current) <= COUNTED_CURRENT_ROUNDING * s.grossFlow ? 0 : s.current;
}

function exchangeCheck(generator: Generator): FluctuationAudit["exchangeFluctuationTheorem"] {
  const baths = generator.system.baths;
  if (baths.length !== 2 || generator.dimension > SCGF_MAX_DIMENSION) return null;
  const [a, b] = baths;
  if (!(a.temperature > 0 && b.temperature > 0)) return null;
  const shift = 1 / b.temperature - 1 / a.temperature;
  const jumps = countedJumps(generator, a.name);
  const maxEnergy = Math.max(...jumps.map((c) => Math.abs(c.energy)));
  if (Math.abs(shift) * maxEnergy > FLUCTUATION_THEOREM_MAX_EXPONENT) return null;
  const tilted = new TiltedEigenvalue(generator, a.name);
  // theta at chi = -i s
  const theta = (s: number) => tilted.at({ re: 0, im: -s }).re;
  // Deviations relative to theta's scale at the points: |theta|, or the tilted generator's, the
  // bath's largest jump rate times e^{|s| max|eps|} (Newton resolves theta to about 1e-13 of it).
  const rate = Math.max(...jumps.map((c) => c.jump.rate));
  let relative = 0;
  try {
    for (const fraction of FT_POINTS) {
      const s = -fraction * shift;
      const left = theta(s);
      const right = theta(-s - shift);
      const scale = Math.max(
        Math.abs(left),
        Math.abs(right),
        rate * Math.exp(Math.max(Math.abs(s), Math.abs(s + shift)) * maxEnergy),
      );
      relative = Math.max(relative, Math.abs(left - right) / scale);
    }
  } catch (e) {
    // A continuation that cannot resolve theta there leaves the theorem unchecked.
    if (LiouvilleError.isInstance(e)) return null;
    throw e;
  }
  return {
    deviation: relative,
    verdict: relative <= FLUCTUATION_THEOREM_TOLERANCE ? "holds" : "violated",
    guaranteed: generator.approach === "global",
  };
}

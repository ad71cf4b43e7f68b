import type { Generator } from "../master-equation/generator";
import { populationsDecouple } from "../steady-state/steady-state";
import {
  countedJumps,
  countingStatistics,
  SCGF_MAX_DIMENSION,
  TiltedEigenvalue,
} from "./counting-statistics";
import { entropyProduction } from "./entropy-production";

/**
 * The exchange fluctuation theorem holds when theta(s) and theta(-s - (1/T_B - 1/T_A)) agree to
 * this fraction of the rate scale (the bath's largest jump rate, or the largest |theta| seen).
 * Newton's method resolves theta to about 1e-13 of ||L||.
 */
export const FLUCTUATION_THEOREM_TOLERANCE = 1e-8;
/** Points s = -a (1/T_B - 1/T_A) of the fluctuation-theorem check (the symmetric point is a = 1/2). */
const FT_POINTS = [0.15, 0.35];

/** Fluctuations of one bath's heat current at steady state. */
export interface BathFluctuations {
  /** Name of the bath. */
  readonly bath: string;
  /** Mean heat current counted by the jumps, into the system (see `CountingStatistics.current`). */
  readonly current: number;
  /** Variance rate of the heat, Var(Q_X)/t. */
  readonly noise: number;
  /** noise / |current|, an energy. */
  readonly fano: number;
  /**
   * The thermodynamic uncertainty ratio noise * sigma / (2 current^2): >= 1 is the TUR
   * (Barato & Seifert, PRL 114, 158101 (2015); Gingrich et al., PRL 116, 120601 (2016)).
   * Infinite when the current vanishes.
   */
  readonly turRatio: number;
  /** "holds" when `turRatio` >= 1. */
  readonly tur: "holds" | "violated";
}

/** The fluctuation part of a steady-state audit. */
export interface FluctuationAudit {
  /** The fluctuations of each bath's current, in the system's bath order. */
  readonly baths: readonly BathFluctuations[];
  /** sigma = -sum_X J_X / T_X from the counted currents (k_B = 1), the TUR's entropy production. */
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
   * checked at a few s; null when the system has more or fewer than two baths, a bath at T = 0, or
   * d > SCGF_MAX_DIMENSION.
   */
  readonly exchangeFluctuationTheorem: {
    /** max |theta(s) - theta(-s - (1/T_B - 1/T_A))| at the points checked, relative to the rate scale. */
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
 * theorem for two baths, from the counting statistics (`countingStatistics`,
 * `TiltedEigenvalue`). Lindblad generators only (Redfield has no jump unravelling). With
 * `fluctuationTheorem: false` the theorem is not checked (its dense continuation is skipped).
 */
export function fluctuationAudit(
  generator: Generator,
  options: { fluctuationTheorem?: boolean } = {},
): FluctuationAudit {
  const baths = generator.system.baths;
  const stats = baths.map((b) => countingStatistics(generator, b.name, { order: 2 }));
  const counted = Object.fromEntries(stats.map((s) => [s.bath, s.current]));
  const sigma = entropyProduction(counted, baths);
  const fluctuations = stats.map((s): BathFluctuations => {
    const turRatio = s.current === 0 ? Number.POSITIVE_INFINITY : (s.noise * sigma) / (2 * s.current ** 2);
    return {
      bath: s.bath,
      current: s.current,
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

function exchangeCheck(generator: Generator): FluctuationAudit["exchangeFluctuationTheorem"] {
  const baths = generator.system.baths;
  if (baths.length !== 2 || generator.dimension > SCGF_MAX_DIMENSION) return null;
  const [a, b] = baths;
  if (!(a.temperature > 0 && b.temperature > 0)) return null;
  const shift = 1 / b.temperature - 1 / a.temperature;
  const tilted = new TiltedEigenvalue(generator, a.name);
  // theta at chi = -i s
  const theta = (s: number) => tilted.at({ re: 0, im: -s }).re;
  let deviation = 0;
  // A rate scale of theta: the largest jump rate of the bath, or |theta| where it is larger.
  let scale = Math.max(0, ...countedJumps(generator, a.name).map((c) => c.jump.rate));
  for (const fraction of FT_POINTS) {
    const s = -fraction * shift;
    const left = theta(s);
    const right = theta(-s - shift);
    deviation = Math.max(deviation, Math.abs(left - right));
    scale = Math.max(scale, Math.abs(left), Math.abs(right));
  }
  const relative = scale > 0 ? deviation / scale : 0;
  return {
    deviation: relative,
    verdict: relative <= FLUCTUATION_THEOREM_TOLERANCE ? "holds" : "violated",
    guaranteed: generator.approach === "global",
  };
}

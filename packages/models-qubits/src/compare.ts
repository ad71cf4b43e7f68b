import { type Approach, fluctuationAudit, LiouvilleError, type ThermodynamicAudit } from "@liouville/core";
import type { Model, SteadyOptions } from "./model";
import type { ParamValues } from "./parameters";
import { modelParameters } from "./parameters";
import { steadyReport } from "./steady-report";

/** The thermodynamic uncertainty relation of one approach's heat currents, summarised. */
export interface TurSummary {
  /** The smallest ratio noise sigma / (2 J^2) over the baths. */
  readonly ratio: number;
  /** "holds" when the ratio is >= 1. */
  readonly verdict: "holds" | "violated";
  /** True when the TUR is a theorem here (the populations follow a classical rate equation). */
  readonly guaranteed: boolean;
}

/** One row of a comparison: an approach's audit, or why it could not run. */
export type ComparisonEntry =
  | {
      readonly approach: Approach;
      readonly available: true;
      readonly method: string;
      readonly audit: ThermodynamicAudit;
      /**
       * The thermodynamic uncertainty relation of the heat currents (`fluctuationAudit`): the
       * smallest ratio noise sigma / (2 J^2) over the baths, its verdict (>= 1 holds) and whether
       * the TUR is a theorem here (classical rate equation). Null without jumps (redfield, the
       * Gaussian path).
       */
      readonly tur: TurSummary | null;
    }
  | { readonly approach: Approach; readonly available: false; readonly reason: string };

/** What `compareApproaches` returns (and `liouville compare` prints). */
export interface Comparison {
  /** The model's id. */
  readonly model: string;
  /** The resolved parameters (defaults filled in). */
  readonly params: ParamValues;
  /** One entry per approach the model lists, in its order. */
  readonly approaches: readonly ComparisonEntry[];
}

/**
 * Run every approach the model lists (local, global, redfield) on one parameter set and audit
 * each steady state: currents per bath, entropy production and the second-law verdict, first-law
 * residual, positivity, uniqueness, and (Lindblad generators) the thermodynamic uncertainty
 * relation of the heat currents. An approach that cannot run for this model or size is listed
 * as unavailable with the reason; the others are still compared. Invalid parameters throw.
 * `options` go to every steady-state solve (e.g. `allowTruncation` for a truncated Fock space).
 */
export function compareApproaches(
  model: Model,
  input: Readonly<Record<string, unknown>> = {},
  options: Partial<SteadyOptions> = {},
): Comparison {
  const params = modelParameters(model, input);
  const approaches = (["local", "global", "redfield"] as const).map((approach): ComparisonEntry => {
    if (!model.approaches.includes(approach)) {
      return {
        approach,
        available: false,
        reason: `${model.id} does not define the ${approach} master equation`,
      };
    }
    try {
      const r = steadyReport(model, params, approach, options);
      let tur: TurSummary | null = null;
      if (r.generator?.lindbladForm) {
        const f = fluctuationAudit(r.generator, { fluctuationTheorem: false });
        const ratio = Math.min(...f.baths.map((b) => b.turRatio));
        tur = { ratio, verdict: ratio >= 1 ? "holds" : "violated", guaranteed: f.turGuaranteed };
      }
      return { approach, available: true, method: r.method, audit: r.audit, tur };
    } catch (error) {
      if (!LiouvilleError.isInstance(error)) throw error;
      return { approach, available: false, reason: error.message };
    }
  });
  return { model: model.id, params, approaches };
}

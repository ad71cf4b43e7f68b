import {
  type Approach,
  buildGenerator,
  type ChannelCurrent,
  channelCurrents,
  entropyProduction,
  type Generator,
  heatCurrents,
  ParameterError,
  type SteadyState,
  steadyState,
} from "@liouville/core";
import type { Analytic, Model } from "./model";
import type { ParamValues } from "./parameters";
import { modelParameters } from "./registry";

/** Everything `liouville steady` reports about one model at one parameter set. */
export interface SteadyReport {
  readonly model: string;
  readonly approach: Approach;
  readonly params: ParamValues;
  readonly generator: Generator;
  readonly state: SteadyState;
  /** J_X into the system, by bath. */
  readonly currents: Record<string, number>;
  /** Current per bath and Bohr frequency (global), per coupling (local); empty for redfield. */
  readonly channels: ChannelCurrent[];
  readonly entropyProduction: number;
  readonly analytic: Analytic | null;
}

/**
 * Build the model's generator for `approach`, solve the steady state, and compute the heat
 * currents, entropy production and (where the model has them) the closed forms.
 * Parameters are resolved (defaults, aliases, constraints) first.
 * @example steadyReport(getModel("single-qubit"), { TA: 2, TB: 1 }).currents.A
 */
export function steadyReport(
  model: Model,
  input: Readonly<Record<string, unknown>> = {},
  approach?: Approach,
): SteadyReport {
  const chosen = approach ?? model.approaches[0];
  if (!model.approaches.includes(chosen)) {
    throw new ParameterError("approach", `one of ${model.approaches.join(", ")} for ${model.id}`, chosen);
  }
  const params = modelParameters(model, input);
  const generator = buildGenerator(model.build(params), { approach: chosen });
  const state = steadyState(generator);
  const currents = heatCurrents(generator, state);
  return {
    model: model.id,
    approach: chosen,
    params,
    generator,
    state,
    currents,
    channels: chosen === "redfield" ? [] : channelCurrents(generator, state),
    entropyProduction: entropyProduction(currents, generator.system.baths),
    analytic: model.analytic?.(params, chosen) ?? null,
  };
}

import { ParameterError, UnknownIdError } from "@liouville/core";
import { coupledQubits } from "./coupled-qubits";
import type { Model } from "./model";
import { type ParamValue, resolveParameters } from "./parameters";
import { singleQubit } from "./single-qubit";

const models = new Map<string, Model>();

/** Add a model to the registry (plugins). Ids are unique. */
export function registerModel(model: Model): void {
  if (models.has(model.id)) throw new ParameterError("model.id", "unique among registered models", model.id);
  models.set(model.id, model);
}

/** The model with this id, or UnknownIdError listing the registered ids. */
export function getModel(id: string): Model {
  const m = models.get(id);
  if (!m) throw new UnknownIdError("model", id, [...models.keys()]);
  return m;
}

/** Every registered model, in registration order. */
export function listModels(): Model[] {
  return [...models.values()];
}

/** Resolve raw parameters (defaults, aliases, parsing, per-parameter and model constraints). */
export function modelParameters(
  model: Model,
  input: Readonly<Record<string, unknown>> = {},
): Record<string, ParamValue> {
  const params = resolveParameters(model.parameters, input);
  model.validate(params);
  return params;
}

registerModel(singleQubit);
registerModel(coupledQubits);

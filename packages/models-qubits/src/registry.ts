import { ParameterError, UnknownIdError } from "@liouville/core";
import { coupledOscillators } from "./coupled-oscillators";
import { coupledQubits } from "./coupled-qubits";
import type { Model } from "./model";
import { singleQubit } from "./single-qubit";
import { spinChain } from "./spin-chain";

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

registerModel(singleQubit);
registerModel(coupledQubits);
registerModel(coupledOscillators);
registerModel(spinChain);

import { ParameterError, UnknownIdError } from "@liouville/core";
import { dop853 } from "./dop853/dop853";
import { expmIntegrator } from "./expm/expm";
import type { IntegratorFactory } from "./integrator";
import { dormandPrince45 } from "./rk45/rk45";

// The one table of integrators, keyed by id, in registration order. Built-ins are entered
// here; plugins call `registerIntegrator`. One contract test runs every entry.
const table = new Map<string, IntegratorFactory>([
  [dormandPrince45.id, dormandPrince45],
  [dop853.id, dop853],
  [expmIntegrator.id, expmIntegrator],
]);

/**
 * Add an integrator to the registry so that `getIntegrator`, `integrate({ method })` and
 * the CLI can find it by `factory.id`.
 *
 * @throws ParameterError when the id is empty or already taken (ids are never replaced, so
 * a plugin cannot shadow a built-in silently).
 * @example
 * ```ts
 * registerIntegrator({ ...dormandPrince45, id: "my-rk45" });
 * getIntegrator("my-rk45").order; // 5
 * ```
 */
export function registerIntegrator(factory: IntegratorFactory): void {
  const id = factory?.id;
  if (typeof id !== "string" || id.length === 0) {
    throw new ParameterError("integrator id", "a non-empty string", id);
  }
  if (table.has(id)) {
    throw new ParameterError("integrator id", `unique (registered: ${[...table.keys()].join(", ")})`, id);
  }
  table.set(id, factory);
}

/**
 * The integrator registered under `id` ("rk45" and "dop853" are built in).
 *
 * @throws UnknownIdError listing the registered ids.
 * @example
 * ```ts
 * getIntegrator("rk45").title; // "Dormand-Prince 5(4) ..."
 * ```
 */
export function getIntegrator(id: string): IntegratorFactory {
  const factory = table.get(id);
  if (factory === undefined) throw new UnknownIdError("integrator", String(id), [...table.keys()]);
  return factory;
}

/** Every registered integrator, in registration order (built-ins first). */
export function listIntegrators(): readonly IntegratorFactory[] {
  return Object.freeze([...table.values()]);
}

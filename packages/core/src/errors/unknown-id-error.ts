import { LiouvilleError } from "./liouville-error";

/** A lookup in a registry (models, integrators, approaches, options) found no entry. */
export class UnknownIdError extends LiouvilleError {
  constructor(
    /** What was looked up (e.g. "model", "integrator"). */
    readonly kind: string,
    /** The id that was not found. */
    readonly id: string,
    /** The ids the registry does have. */
    readonly known: readonly string[],
  ) {
    super(`unknown ${kind} ${JSON.stringify(id)}; known: ${known.join(", ")}`);
  }
}

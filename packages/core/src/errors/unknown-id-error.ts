import { LiouvilleError } from "./liouville-error";

/** A lookup in a registry (models, integrators, approaches, options) found no entry. */
export class UnknownIdError extends LiouvilleError {
  constructor(
    readonly kind: string,
    readonly id: string,
    readonly known: readonly string[],
  ) {
    super(`unknown ${kind} ${JSON.stringify(id)}; known: ${known.join(", ")}`);
  }
}

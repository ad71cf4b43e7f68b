import { LiouvilleError } from "./liouville-error";

/**
 * A computation could not produce a trustworthy number: a singular system, a steady state
 * that is not unique, a non-finite intermediate. `reason` is a short machine-readable tag.
 */
export class NumericalError extends LiouvilleError {
  constructor(
    readonly reason: "singular" | "non-unique-steady-state" | "non-finite" | "not-converged" | "truncation",
    message: string,
  ) {
    super(message);
  }
}

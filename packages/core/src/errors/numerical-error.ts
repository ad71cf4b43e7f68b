import { LiouvilleError } from "./liouville-error";

/**
 * A computation could not produce a trustworthy number: a singular system, a steady state
 * that is not unique, a non-finite intermediate, a result that fails its own accuracy check
 * ("inaccurate", e.g. heat currents that break the first law by more than their tolerance).
 * `reason` is a short machine-readable tag.
 */
export class NumericalError extends LiouvilleError {
  constructor(
    /** Short machine-readable tag of the failure. */
    readonly reason:
      | "singular"
      | "non-unique-steady-state"
      | "non-finite"
      | "not-converged"
      | "truncation"
      | "inaccurate",
    message: string,
  ) {
    super(message);
  }
}

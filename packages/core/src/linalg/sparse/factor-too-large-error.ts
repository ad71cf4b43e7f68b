import { LiouvilleError } from "../../errors/liouville-error";

/**
 * A sparse factorisation would need more stored entries than the caller allowed. Thrown before
 * the factor is allocated when the symbolic prediction already exceeds the limit, or as soon as
 * the numeric factorisation crosses it. `needed` is the predicted (or reached) entry count.
 */
export class FactorTooLargeError extends LiouvilleError {
  constructor(
    /** Predicted (or reached) number of stored factor entries. */
    readonly needed: number,
    /** The caller's limit on stored entries. */
    readonly limit: number,
  ) {
    super(`sparse factor needs at least ${needed} entries, more than the limit of ${limit}`);
  }
}

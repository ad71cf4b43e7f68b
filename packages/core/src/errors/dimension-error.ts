import { LiouvilleError } from "./liouville-error";

/** An operator, vector or superoperator of the wrong shape reached a public entry point. */
export class DimensionError extends LiouvilleError {
  constructor(
    /** Name of the argument or quantity with the wrong shape. */
    readonly parameter: string,
    /** The shape it must have, in words (e.g. "4x4", "square"). */
    readonly expected: string,
    /** The shape it has. */
    readonly actual: string,
  ) {
    super(`${parameter} must have dimension ${expected} (got ${actual})`);
  }
}

import { LiouvilleError } from "./liouville-error";

/** An operator, vector or superoperator of the wrong shape reached a public entry point. */
export class DimensionError extends LiouvilleError {
  constructor(
    readonly parameter: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`${parameter} must have dimension ${expected} (got ${actual})`);
  }
}

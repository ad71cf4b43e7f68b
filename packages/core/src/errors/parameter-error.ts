import { LiouvilleError } from "./liouville-error";

/**
 * A user-supplied value breaks a constraint. The message names the parameter, the constraint
 * and the value received, so that a CLI can print it as one line.
 */
export class ParameterError extends LiouvilleError {
  constructor(
    readonly parameter: string,
    readonly constraint: string,
    readonly value?: unknown,
  ) {
    super(
      value === undefined
        ? `${parameter}: ${constraint}`
        : `${parameter} must be ${constraint} (got ${formatValue(value)})`,
    );
  }
}

function formatValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  return String(value);
}

import { LiouvilleError } from "./liouville-error";

/**
 * A user-supplied value breaks a constraint. The message names the parameter, the constraint
 * and the value received, so that a CLI can print it as one line.
 */
export class ParameterError extends LiouvilleError {
  constructor(
    /** Name of the parameter, as the user spelled it (a CLI flag without the dashes). */
    readonly parameter: string,
    /** The constraint it breaks, in words (e.g. ">= 0"), or the whole complaint when `value` is absent. */
    readonly constraint: string,
    /** The value received, when there is one to show. */
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

const marker = Symbol.for("liouville.error");

/**
 * Base class of every error the library throws on purpose. Catch it to tell a user mistake
 * or a numerical failure from a bug. `isInstance` works across copies of the package
 * (ESM and CJS builds loaded side by side), where `instanceof` would not.
 */
export class LiouvilleError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    Object.defineProperty(this, marker, { value: true });
  }

  /** True when `error` was thrown by this library on purpose (any subclass, from any copy of the package). */
  static isInstance(error: unknown): error is LiouvilleError {
    return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }
}

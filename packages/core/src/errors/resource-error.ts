import { LiouvilleError } from "./liouville-error";

/**
 * A computation would need more memory than the library's limit allows (or more than a typed
 * array can hold): not a mistake in the user's input, but a size this representation or method
 * cannot handle. `neededBytes` is the predicted need, `limitBytes` the limit it was checked
 * against, and `alternative` says what to use instead (another representation, a symmetry
 * charge, a larger `memoryLimit`). Raised before the memory is allocated.
 */
export class ResourceError extends LiouvilleError {
  constructor(
    /** What would have been allocated (e.g. "the dense Liouvillian"). */
    readonly what: string,
    /** Predicted memory need in bytes. */
    readonly neededBytes: number,
    /** The limit in bytes it was checked against. */
    readonly limitBytes: number,
    /** What to do instead, in words. */
    readonly alternative: string,
  ) {
    super(
      `${what} would need ${formatBytes(neededBytes)}, more than the limit of ${formatBytes(limitBytes)}; ${alternative}`,
    );
  }
}

/** A byte count for messages: "512 MB", "3.2 GB". */
export function formatBytes(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)} GB`;
  if (n >= 1e7) return `${(n / 1e6).toFixed(0)} MB`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(n / 1e3))} kB`;
}

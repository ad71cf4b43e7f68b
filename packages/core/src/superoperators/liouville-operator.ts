// The interface and the representations live beside the dense class that implements them
// (superoperator.ts), so that the two modules import one way.
export { type LiouvilleOperator, REPRESENTATIONS, type Representation } from "./superoperator";

/**
 * The default memory a single representation or solve may claim: 4 GiB. Typed arrays live
 * outside the JavaScript heap, so this is about the machine, not Node's heap limit; pass
 * `memoryLimit` to `buildGenerator` or `steadyState` to change it.
 */
export const DEFAULT_MEMORY_LIMIT = 4 * 2 ** 30;

/** Bytes of a dense Liouville-space matrix for Hilbert dimension d: 16 d^4. */
export function denseBytes(d: number): number {
  return 16 * d ** 4;
}

/** Bytes of a complex CSR matrix with `entries` nonzeros and `rows` rows. */
export function csrBytes(entries: number, rows: number): number {
  return 20 * entries + 4 * (rows + 1);
}

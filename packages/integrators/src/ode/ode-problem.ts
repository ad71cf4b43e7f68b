/**
 * A first-order system of ordinary differential equations `dy/dt = f(t, y)` on a real state
 * vector of fixed length.
 *
 * Complex states (a density matrix stacked into a vector, say) are stored interleaved
 * (re, im) as everywhere else in Liouville: the integrators only ever see real numbers and
 * measure errors component by component, so a complex entry counts as two components.
 *
 * The right-hand side writes into `dydt` instead of returning a new array, so that the
 * integrator's inner loop allocates nothing.
 *
 * @example
 * ```ts
 * // exponential decay dy/dt = -k y
 * const k = 0.5;
 * const decay: OdeProblem = {
 *   size: 1,
 *   rhs: (_t, y, dydt) => {
 *     dydt[0] = -k * y[0];
 *   },
 * };
 * ```
 */
export interface OdeProblem {
  /** Length of the state vector (a positive integer). */
  readonly size: number;
  /**
   * Evaluate `dydt = f(t, y)`. Must not keep references to `y` or `dydt` (the integrator
   * reuses both buffers) and must not write to `y`. `dydt` does not alias `y`.
   */
  rhs(t: number, y: Float64Array, dydt: Float64Array): void;
  /**
   * True when f(t, y) = A y for a constant matrix A (a time-independent master equation). The
   * `expm` integrator needs it (it applies `rhs` as the product with A); the others ignore it.
   */
  readonly linear?: boolean;
  /**
   * Floating-point operations of one `rhs` call, about (a CSR product: 2 per stored real
   * coefficient). `expm` sizes its Krylov subspace with it (`krylovDimension`); without it a
   * product is taken to cost as much as a dense matrix's, 2 size^2. Not a timing: results do not
   * depend on the machine.
   */
  readonly rhsFlops?: number;
}

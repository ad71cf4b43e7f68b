import { LiouvilleError } from "./liouville-error";

/** An ODE integrator gave up. Carries the time `t` and step size `h` where it stopped. */
export class IntegrationError extends LiouvilleError {
  constructor(
    /** Why the integrator stopped: the step fell below its minimum, the step budget ran out, or a non-finite value appeared. */
    readonly reason: "step-size-underflow" | "max-steps" | "non-finite",
    /** Time reached when the integrator stopped. */
    readonly t: number,
    /** Step size at that time. */
    readonly h: number,
    detail: string,
  ) {
    super(`${detail} (t = ${t}, h = ${h})`);
  }
}

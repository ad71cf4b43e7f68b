import { LiouvilleError } from "./liouville-error";

/** An ODE integrator gave up. Carries the time `t` and step size `h` where it stopped. */
export class IntegrationError extends LiouvilleError {
  constructor(
    readonly reason: "step-size-underflow" | "max-steps" | "non-finite",
    readonly t: number,
    readonly h: number,
    detail: string,
  ) {
    super(`${detail} (t = ${t}, h = ${h})`);
  }
}

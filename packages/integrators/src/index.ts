/**
 * Adaptive ODE integrators (Dormand-Prince 5(4) `rk45`, 8(5,3) `dop853`, and the Krylov
 * propagator `expm`) behind a registry, and time evolution of a master equation as a cold,
 * cancellable rxjs Observable (`evolve`).
 *
 * @packageDocumentation
 * @module @liouville/integrators
 */
// Integrators: Dormand-Prince 8(5,3) registered as "dop853", Dormand-Prince 5(4) as "rk45"

// Time evolution of a master equation as an rxjs Observable
export { evolve, INITIAL_TRACE_TOLERANCE, validateInitialState } from "./evolution/evolve";
export {
  type ComplexValue,
  EVOLVE_DEFAULTS,
  EVOLVE_OPTION_KEYS,
  type EvolveOptions,
  type EvolveOwnOptions,
  SCHEDULED_SLICE_MS,
} from "./evolution/evolve-options";
export type { EvolutionSample, EvolutionSampleFor } from "./evolution/evolve-sample";
// One call for the Lindblad master equation with collapse operators and time-dependent terms (QuTiP's mesolve)
export {
  type Coefficient,
  type CollapseSpec,
  type HamiltonianSpec,
  type MesolveOptions,
  type MesolveResult,
  type MesolveResultFor,
  type MesolveSample,
  type MesolveSampleFor,
  mesolve,
  mesolveStream,
} from "./evolution/mesolve";
// Relaxation: the residual ||L vec(rho)||_2 and an operator that completes a relaxed stream
export {
  NOISE_FLOOR_MARGIN,
  RelaxationMonitor,
  type RelaxationVerdict,
  STALL_MIN_SAMPLES,
  STALL_PROGRESS,
  STALL_SPAN,
  untilRelaxed,
} from "./evolution/relaxation";
export { relaxationResidual } from "./evolution/relaxation-residual";
export { DOP853_DEFAULTS, DOP853_STEP_CONTROLLER, dop853 } from "./ode/dop853/dop853";
export {
  EXPM_DEFAULTS,
  expmIntegrator,
  KRYLOV_DIMENSION,
  krylovDimension,
  MIN_KRYLOV_DIMENSION,
} from "./ode/expm/expm";
// Solving to a list of output times
export { type IntegrateOptions, type IntegrateResult, integrate } from "./ode/integrate";
// The contract every integrator meets: options, stepper, factory, validation
export {
  INTEGRATOR_OPTION_KEYS,
  type IntegratorFactory,
  type IntegratorOptions,
  MAX_RTOL,
  resolveIntegratorOptions,
  type Stepper,
  type StepperStats,
  validateInitialValue,
} from "./ode/integrator";
// The ODE problem: dy/dt = f(t, y) on a real state vector
export type { OdeProblem } from "./ode/ode-problem";
// The registry of integrators
export { getIntegrator, listIntegrators, registerIntegrator } from "./ode/registry";
export { dormandPrince45, RK45_DEFAULTS } from "./ode/rk45/rk45";
// Building blocks for adaptive Runge-Kutta plugins: the starting step size
export {
  FALLBACK_INITIAL_STEP,
  type InitialStepInput,
  initialStepSize,
} from "./ode/step-control/initial-step";
// Building blocks for adaptive Runge-Kutta plugins: the PI step-size controller
export {
  DOPRI5_PI_CONTROLLER,
  type PiControllerParameters,
  PiStepSizeController,
} from "./ode/step-control/step-size-controller";

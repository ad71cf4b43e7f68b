export { KERNEL_TOLERANCE, kernelDimension } from "./kernel-dimension";
export { stationaryDistribution } from "./rate-equation";
export {
  accumulateTransitionRates,
  DENSE_SOLVE_MAX_DIMENSION,
  populationRates,
  populationsDecouple,
  SINGULAR_PIVOT_RATIO,
  STEADY_STATE_DEFAULTS,
  type SteadyState,
  type SteadyStateOptions,
  steadyState,
} from "./steady-state";

export { blockKernelDimension, KERNEL_TOLERANCE, kernelDimension } from "./kernel-dimension";
export { stationaryDistribution } from "./rate-equation";
export { residualNorm, residualNormOfVector } from "./residual";
export {
  AUTO_GMRES_BUDGET,
  AUTO_SPARSE_LU_MAX_ENTRIES,
  DENSE_MAX_UNKNOWNS,
  DENSE_SOLVE_MAX_DIMENSION,
  LOCAL_RATE_CHECK_MAX_DIMENSION,
  populationRates,
  populationsDecouple,
  SINGULAR_PIVOT_RATIO,
  STEADY_GMRES_MAX_ITERATIONS,
  STEADY_GMRES_RESTART,
  STEADY_GMRES_TOLERANCE,
  STEADY_STATE_DEFAULTS,
  STEADY_STATE_METHODS,
  type SteadyState,
  type SteadyStateMethod,
  type SteadyStateOptions,
  steadyState,
} from "./steady-state";

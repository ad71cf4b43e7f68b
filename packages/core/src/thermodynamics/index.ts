export {
  auditCurrents,
  auditSteadyState,
  FIRST_LAW_TOLERANCE,
  KERNEL_CHECK_MAX_DIMENSION,
  KERNEL_CHECK_MAX_WORK,
  POSITIVITY_TOLERANCE,
  SECOND_LAW_TOLERANCE,
  type ThermodynamicAudit,
} from "./audit";
export { assertTemperature, nBose } from "./bose";
export {
  COUNTED_CURRENT_ROUNDING,
  type ComplexPair,
  type CountedJump,
  type CountingStatistics,
  countedJumps,
  countingStatistics,
  DEFAULT_CUMULANT_ORDER,
  JUMP_DIRECTION_TOLERANCE,
  MAX_CUMULANT_ORDER,
  rateFunction,
  SCGF_MAX_DIMENSION,
  SCGF_MAX_EXPONENT,
  SCGF_NEWTON_TOLERANCE,
  scaledCumulantGeneratingFunction,
  TiltedEigenvalue,
} from "./counting-statistics";
export { entropyProduction } from "./entropy-production";
export {
  type BathFluctuations,
  FLUCTUATION_THEOREM_MAX_EXPONENT,
  FLUCTUATION_THEOREM_TOLERANCE,
  type FluctuationAudit,
  fluctuationAudit,
} from "./fluctuation-audit";
export {
  type ChannelCurrent,
  channelCurrents,
  currentFunctional,
  energyFlow,
  grossEnergyFlow,
  heatCurrents,
  jumpEnergyFlow,
} from "./heat-current";
export type { SteadySolution } from "./steady-solution";

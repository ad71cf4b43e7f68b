export {
  auditCurrents,
  auditSteadyState,
  FIRST_LAW_TOLERANCE,
  POSITIVITY_TOLERANCE,
  SECOND_LAW_TOLERANCE,
  type ThermodynamicAudit,
} from "./audit";
export { assertTemperature, nBose } from "./bose";
export { entropyProduction } from "./entropy-production";
export {
  type ChannelCurrent,
  channelCurrents,
  currentFunctional,
  energyFlow,
  grossEnergyFlow,
  heatCurrents,
  jumpEnergyFlow,
} from "./heat-current";

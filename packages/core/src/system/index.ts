export { CHARGE_ELEMENT_TOLERANCE, CHARGE_VALUE_TOLERANCE, chargeTolerance } from "./charge";
export { type Bath, type Coupling, type OpenSystem, openSystem } from "./open-system";
export {
  absorptionRate,
  customSpectrum,
  emissionRate,
  flatSpectrum,
  MAX_THERMAL_OCCUPATION,
  ohmicSpectrum,
  type SpectralDensity,
  zeroFrequencyError,
  zeroFrequencyLimit,
} from "./spectral-density";

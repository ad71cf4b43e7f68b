export { type Bath, type Coupling, type OpenSystem, openSystem } from "./open-system";
export {
  absorptionRate,
  customSpectrum,
  emissionRate,
  flatSpectrum,
  ohmicSpectrum,
  type SpectralDensity,
} from "./spectral-density";

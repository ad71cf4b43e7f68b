// Exact Gaussian (correlation-matrix) treatment of quadratic bosonic open systems.

// Correlation equation, steady state, heat currents, truncation control
export { type CorrelationEquation, correlationEquation } from "./correlation-equation";
export { gaussianHeatCurrents } from "./gaussian-heat-currents";
export {
  GAUSSIAN_STABILITY_TOLERANCE,
  type GaussianSteadyState,
  gaussianSteadyState,
} from "./gaussian-steady-state";
export {
  LYAPUNOV_REFINEMENT_STEPS,
  type LyapunovOperator,
  lyapunovOperator,
  solveLyapunov,
} from "./lyapunov";
export { modeOccupationCutoff, modeOccupationTail } from "./mode-occupation-tail";
// System description
export type {
  LinearJump,
  QuadraticBosonicSystem,
} from "./quadratic-bosonic-system";
// Two coupled oscillators, eq. (4.32) of Fogedby (arXiv:2301.13544): closed forms and system builders
export {
  type NormalModeChannel,
  type TwoOscillatorGlobalCurrents,
  twoOscillatorGlobalCurrent,
} from "./two-oscillator-global-current";
export { type TwoOscillatorCurrents, twoOscillatorLocalCurrent } from "./two-oscillator-local-current";
export { type TwoOscillatorNormalModes, twoOscillatorNormalModes } from "./two-oscillator-normal-modes";
export {
  type SpectralDensityFunction,
  type TwoOscillatorGlobalParameters,
  type TwoOscillatorLocalParameters,
  twoOscillatorGlobalSystem,
  twoOscillatorHamiltonian,
  twoOscillatorLocalSystem,
} from "./two-oscillator-systems";

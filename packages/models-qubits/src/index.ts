/**
 * The model registry (`single-qubit`, `coupled-qubits`, `coupled-oscillators`, `spin-chain`):
 * parameters with their defaults and constraints, the open systems they build, and the closed
 * forms of Fogedby (arXiv:2301.13544) beside which the numerics are reported.
 *
 * @packageDocumentation
 * @module @liouville/models-qubits
 */
// Model contract and parameters

/** A steady state with its thermodynamics (now defined in core; re-exported for existing imports). */
export type { SteadySolution } from "@liouville/core";
// Side-by-side audit of the approaches (what `liouville compare` prints)
export { type Comparison, type ComparisonEntry, compareApproaches, type TurSummary } from "./compare";
// Coupled oscillators, eqs. (4.32)-(4.35): exact Gaussian solver or Fock cutoff nmax
export { coupledOscillators, EXACT_NMAX } from "./coupled-oscillators";
export {
  coupledOscillatorsAnalytic,
  coupledOscillatorsGlobalParameters,
  coupledOscillatorsLocalParameters,
} from "./coupled-oscillators-analytic";
export { coupledOscillatorsBosonicSystem, coupledOscillatorsGaussian } from "./coupled-oscillators-gaussian";
export {
  assertTruncation,
  exactLevelWeights,
  fockOccupations,
  fockTopLevelWeights,
  MAX_FOCK_CUTOFF,
  suggestedFockCutoff,
  TRUNCATION_PRECHECK_MARGIN,
  TRUNCATION_TOLERANCE,
  validateFockCutoff,
} from "./coupled-oscillators-truncation";
// Coupled qubits, eqs. (3.16)-(3.57), (4.6)-(4.19)
export { coupledQubits } from "./coupled-qubits";
export {
  type CoupledQubitsRates,
  type CoupledQubitsSpectrum,
  coupledQubitsAnalytic,
  coupledQubitsCurrentLimits,
  coupledQubitsDegenerate,
  coupledQubitsHighTemperatureRates,
  coupledQubitsKernels,
  coupledQubitsProductState,
  coupledQubitsRates,
  coupledQubitsSpectrum,
} from "./coupled-qubits-analytic";
export {
  type Analytic,
  type AnalyticChannel,
  type Model,
  STEADY_OPTIONS_DEFAULTS,
  type SteadyOptions,
} from "./model";
export {
  BATH_PARAMETERS,
  bathSpectrum,
  modelParameters,
  PARAMETER_ALIASES,
  PARAMETERS,
  type ParameterSpec,
  type ParamValue,
  type ParamValues,
  parseDecimal,
  resolveParameters,
  twoBaths,
} from "./parameters";
// Registry
export { getModel, listModels, registerModel } from "./registry";
// Single qubit, eqs. (3.1)-(3.15), (4.1)-(4.5)
export {
  singleQubit,
  singleQubitAnalytic,
  singleQubitCurrentLimits,
  singleQubitHeatStatistics,
  singleQubitLowTemperatureRatio,
  singleQubitRatio,
} from "./single-qubit";
// Spin chain: N qubits (XXZ) with baths on the end spins
export { MAX_SPIN_CHAIN_SITES, spinChain } from "./spin-chain";
export { spinChainExcitations, spinChainHamiltonian } from "./spin-chain-operators";
// Steady-state report (what `liouville steady` prints)
export { type SteadyReport, solveWithGenerator, steadyReport } from "./steady-report";

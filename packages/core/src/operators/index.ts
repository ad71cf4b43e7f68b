export {
  create,
  destroy,
  embed,
  identity,
  number,
  sigmaMinus,
  sigmaPlus,
  sigmaX,
  sigmaY,
  sigmaZ,
  tensor,
} from "./builders";
export {
  concurrence,
  fidelity,
  purity,
  relativeEntropy,
  STATE_EIGENVALUE_CUTOFF,
  traceDistance,
  vonNeumannEntropy,
} from "./measures";
export { Operator, productOf } from "./operator";
export { basisState, expect, partialTrace, thermalState, traceOf, traceOfProduct } from "./states";
export {
  assertDensityMatrix,
  assertFiniteMatrix,
  assertHermitian,
  assertSquareOfSize,
  DENSITY_MATRIX_TOLERANCE,
  HERMITICITY_TOLERANCE,
} from "./validate";

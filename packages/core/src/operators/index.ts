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
export { assertFiniteMatrix, assertHermitian, assertSquareOfSize, HERMITICITY_TOLERANCE } from "./validate";

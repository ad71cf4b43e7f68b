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
export { Operator, productOf } from "./operator";
export { basisState, expect, partialTrace, thermalState, traceOf, traceOfProduct } from "./states";
export { assertFiniteMatrix, assertHermitian, assertSquareOfSize, HERMITICITY_TOLERANCE } from "./validate";

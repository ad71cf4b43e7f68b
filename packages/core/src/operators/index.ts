export { add, commutator, dagger, kron, matmul, matmulChain, scale, transpose } from "./arithmetic";
export {
  create,
  destroy,
  embed,
  identity,
  jmat,
  number,
  projection,
  type SpinOperators,
  sigmaMinus,
  sigmaPlus,
  sigmaX,
  sigmaY,
  sigmaZ,
  spinOperators,
  tensor,
} from "./builders";
export { traceOfProduct } from "./contractions";
export { combinedDims } from "./dims";
export { PRINT_DIGITS, PRINT_MAX_SIZE } from "./format";
export {
  concurrence,
  fidelity,
  purity,
  relativeEntropy,
  STATE_EIGENVALUE_CUTOFF,
  traceDistance,
  vonNeumannEntropy,
} from "./measures";
export { assertMatrix, Bra, Ket, Operator, productOf, type QuantumKind, QuantumObject } from "./operator";
export {
  basis,
  basisState,
  type CoherentMethod,
  coherent,
  coherentDm,
  expect,
  fock,
  fockDm,
  inner,
  ket2dm,
  outer,
  partialTrace,
  thermalDm,
  thermalState,
  traceOf,
} from "./states";
export {
  assertDensityMatrix,
  assertFiniteMatrix,
  assertHermitian,
  assertSquareOfSize,
  DENSITY_MATRIX_TOLERANCE,
  HERMITICITY_TOLERANCE,
} from "./validate";

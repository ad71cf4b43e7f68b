export { type ComplexLike, ComplexMatrix } from "./complex-matrix";
export {
  type CsrMatrix,
  csrAdjoint,
  csrDensity,
  csrFromTriplets,
  csrMatvecInto,
  csrProduct,
  csrTimesDenseInto,
  csrToDense,
  csrTranspose,
  denseTimesCsrInto,
  toCsr,
} from "./csr";
export { EXPM_TAYLOR_DEGREE, expmDense } from "./expm-dense";
export {
  type BlockHermitianEigen,
  type HermitianEigen,
  hermitianEigen,
  hermitianEigenByBlocks,
  JACOBI_MAX_SWEEPS,
  JACOBI_TOLERANCE,
} from "./hermitian-eigen";
// The allocating conveniences of the kernels (add, scale, matmul, ...) are exported by the
// operators module, which keeps subsystem dims when given Operators.
export {
  addInto,
  commutatorInto,
  daggerInto,
  frobeniusNorm,
  hermiticityDefect,
  kronInto,
  matmulInto,
  matvecInto,
  maxAbsDiff,
  maxRowSumNorm,
  scaleInto,
  traceParts,
  transposeInto,
} from "./kernels";
export { type LuFactorization, luFactor, luSolve, luSolveInPlace } from "./lu";
export { realDenseSolve } from "./real-dense-solve";
export { FactorTooLargeError } from "./sparse/factor-too-large-error";
export {
  DEFAULT_GMRES_MAX_ITERATIONS,
  DEFAULT_GMRES_RESTART,
  DEFAULT_GMRES_TOLERANCE,
  type GmresOptions,
  type GmresResult,
  gmres,
} from "./sparse/gmres";
export { type IncompleteLu, type IncompleteLuOptions, incompleteLu } from "./sparse/ilu";
export { fillReducingOrdering, type OrderingKind } from "./sparse/ordering";
export {
  type RealCsrMatrix,
  realCsrFromTriplets,
  realCsrMatvecInto,
  realCsrTranspose,
} from "./sparse/real-csr";
export { predictLuEntries, type SparseLuFactor, type SparseLuOptions, sparseLu } from "./sparse/sparse-lu";

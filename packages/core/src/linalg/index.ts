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
export {
  type BlockHermitianEigen,
  type HermitianEigen,
  hermitianEigen,
  hermitianEigenByBlocks,
  JACOBI_MAX_SWEEPS,
  JACOBI_TOLERANCE,
} from "./hermitian-eigen";
export {
  add,
  addInto,
  commutator,
  commutatorInto,
  dagger,
  daggerInto,
  frobeniusNorm,
  hermiticityDefect,
  kron,
  kronInto,
  matmul,
  matmulChain,
  matmulInto,
  matvecInto,
  maxAbsDiff,
  maxRowSumNorm,
  scale,
  scaleInto,
  traceParts,
  transpose,
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

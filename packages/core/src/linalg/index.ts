export { type ComplexLike, ComplexMatrix } from "./complex-matrix";
export { type CsrMatrix, csrAdjoint, csrFromTriplets, csrToDense, csrTranspose, toCsr } from "./csr";
export { EXPM_TAYLOR_DEGREE, expmDense } from "./expm-dense";
export {
  type BlockHermitianEigen,
  type HermitianEigen,
  hermitianEigen,
  hermitianEigenvalues,
  JACOBI_MAX_SWEEPS,
  JACOBI_TOLERANCE,
} from "./hermitian-eigen";
// The allocating conveniences of the kernels (add, scale, matmul, ...) are exported by the
// operators module, which keeps subsystem dims when given Operators.
export {
  addInto,
  frobeniusNorm,
  hermiticityDefect,
  maxAbsDiff,
  maxRowSumNorm,
  traceParts,
} from "./kernels";
export { type LuFactorization, luFactor, luSolve } from "./lu";
export { realDenseSolve } from "./real-dense-solve";
export { realAxpy, realAxpyAt, realDot, realDotAt, realScaleInto } from "./real-vector";
export { FactorTooLargeError } from "./sparse/factor-too-large-error";
export {
  DEFAULT_GMRES_MAX_ITERATIONS,
  DEFAULT_GMRES_RESTART,
  DEFAULT_GMRES_TOLERANCE,
  type GmresOptions,
  type GmresResult,
  gmres,
} from "./sparse/gmres";
export type { OrderingKind } from "./sparse/ordering";
export type { RealCsrMatrix } from "./sparse/real-csr";
export { type SparseLuFactor, type SparseLuOptions, sparseLu } from "./sparse/sparse-lu";

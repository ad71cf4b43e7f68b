export { type ComplexLike, ComplexMatrix } from "./complex-matrix";
export { type CsrMatrix, csrDensity, csrMatvecInto, toCsr } from "./csr";
export { type HermitianEigen, hermitianEigen, JACOBI_MAX_SWEEPS, JACOBI_TOLERANCE } from "./hermitian-eigen";
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

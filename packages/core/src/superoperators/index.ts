export {
  csrBytes,
  DEFAULT_MEMORY_LIMIT,
  denseBytes,
  type LiouvilleOperator,
  REPRESENTATIONS,
  type Representation,
} from "./liouville-operator";
export { MatrixFreeSuperoperator } from "./matrix-free-superoperator";
export { dissipatorTerms, hamiltonianTerms, type SandwichTerm, traceFunctional } from "./sandwich-terms";
export { predictedSparseEntries, SparseSuperoperator } from "./sparse-superoperator";
export {
  commutatorSuper,
  type JumpOperator,
  lindbladDissipator,
  liouvillian,
  Superoperator,
  spost,
  spre,
  sprepost,
} from "./superoperator";
export { unvec, vec, vecIndex } from "./vectorize";

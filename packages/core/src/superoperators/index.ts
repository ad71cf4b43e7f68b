export {
  accumulateDissipator,
  accumulateHamiltonian,
  accumulateSandwich,
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

export { BOHR_TOLERANCE, type BohrComponent, bohrTolerance, lowering } from "./bohr-frequencies";
export {
  buildGenerator,
  GENERATOR_DEFAULTS,
  type GeneratorOptions,
  MAX_DENSE_DIMENSION,
} from "./build-generator";
export {
  cleanRoundoff,
  ELEMENT_TOLERANCE,
  fromEigenbasis,
  superFromEigenbasis,
  superToEigenbasis,
  toEigenbasis,
} from "./eigenbasis";
export {
  APPROACHES,
  type Approach,
  type Channel,
  type Generator,
  type Jump,
  liouvillianRhs,
  SPARSE_RHS_DENSITY,
} from "./generator";
export { globalChannels } from "./global";
export { type PackedDynamics, packedDynamics, packedIndex } from "./hermitian-packing";
export { localChannels } from "./local";
export { redfieldChannels, redfieldKernelEigen, secularFilter } from "./redfield";

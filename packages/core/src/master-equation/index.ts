export { BOHR_TOLERANCE, type BohrComponent, bohrTolerance, lowering } from "./bohr-frequencies";
export {
  AUTO_DENSE_MAX_DIMENSION,
  AUTO_SPARSE_MEMORY_FRACTION,
  buildGenerator,
  chooseRepresentation,
  GENERATOR_DEFAULTS,
  type GeneratorOptions,
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
  lindbladChannel,
  termChannel,
} from "./generator";
export { globalChannels } from "./global";
export { liouvillianRhs, type PackedDynamics, packedDynamics, packedIndex } from "./hermitian-packing";
export {
  assembleSectorMatrix,
  assembleSectorOperator,
  type HermitianSector,
  hermitianSector,
  type SectorCharge,
  type SectorPlan,
  sectorPlan,
  sectorToMatrix,
  verifySectorTerms,
} from "./hermitian-sector";
export { localChannels } from "./local";
export { redfieldChannels, redfieldKernelEigen, secularFilter } from "./redfield";
export { evolutionDynamics, SECTOR_SUPPORT_TOLERANCE } from "./sector-dynamics";
export { SECULAR_FACTOR, type SecularValidity, secularValidity } from "./secular-validity";

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
  ELEMENT_TOLERANCE,
  fromEigenbasis,
  superFromEigenbasis,
  superToEigenbasis,
  toEigenbasis,
} from "./eigenbasis";
export { APPROACHES, type Approach, type Channel, type Generator, type Jump } from "./generator";
export { type PackedDynamics, packedDynamics } from "./hermitian-packing";
export {
  type HermitianSector,
  hermitianSector,
  type SectorCharge,
  type SectorPlan,
} from "./hermitian-sector";
export { redfieldKernelEigen, secularFilter } from "./redfield";
export { evolutionDynamics, SECTOR_SUPPORT_TOLERANCE } from "./sector-dynamics";
export { SECULAR_FACTOR, type SecularValidity, secularValidity } from "./secular-validity";

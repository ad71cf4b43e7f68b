export { DimensionError } from "./dimension-error";
export { IntegrationError } from "./integration-error";
export { LiouvilleError } from "./liouville-error";
export { NumericalError } from "./numerical-error";
export { ParameterError } from "./parameter-error";
export { formatBytes, ResourceError } from "./resource-error";
export { UnknownIdError } from "./unknown-id-error";

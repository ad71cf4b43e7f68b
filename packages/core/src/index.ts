// Errors
export * from "./errors/index";

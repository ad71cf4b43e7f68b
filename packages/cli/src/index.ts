export { type ParsedArgs, parseArgs, UsageError } from "./args";
export { HELP, reportError, runCli } from "./cli";
export { steadyJson } from "./commands/steady";
export { num, table, toJson } from "./format";
export type { CliIo } from "./io";

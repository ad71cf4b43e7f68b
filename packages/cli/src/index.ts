/**
 * The `liouville` command as a library: `runCli` runs it on an argument list with the given
 * output streams; the argument parser and the table and JSON formatting it uses.
 *
 * @packageDocumentation
 * @module @liouville/cli
 */
export { type ParsedArgs, parseArgs, UsageError } from "./args";
export { HELP, reportError, runCli } from "./cli";
export { EVOLVE_CLI_DEFAULTS } from "./commands/evolve";
export { steadyJson } from "./commands/steady";
export { num, table, toJson } from "./format";
export type { CliIo } from "./io";

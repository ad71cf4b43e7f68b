import { LiouvilleError } from "@liouville/core";

/** A mistake on the command line (exit code 2). */
export class UsageError extends LiouvilleError {}

/**
 * A parsed command line: positionals, the command's own `--name value` options, its switches,
 * the values of its repeatable options in the order given, and every other `--name value` as a
 * model parameter.
 */
export interface ParsedArgs {
  /** Arguments that are not options, in order (the command, the model). */
  readonly positionals: string[];
  /** The command's own valued options, each given at most once. */
  readonly options: Map<string, string>;
  /** Boolean switches given (e.g. `json`), without the dashes. */
  readonly switches: Set<string>;
  /** Repeatable options (e.g. `--vary a --vary b`): every value, in order; absent when not given. */
  readonly repeated: Map<string, string[]>;
  /** Model parameters: every `--name value` that is not an option of any command. */
  readonly parameters: Map<string, string>;
}

/** What a command accepts on its command line (one row of the CLI's option table). */
export interface ArgSpec {
  /** Options without a value. */
  readonly switches: readonly string[];
  /** Options with one value, given at most once. */
  readonly valued: readonly string[];
  /** Options with a value that may be given more than once. */
  readonly repeatable?: readonly string[];
  /** True when any other `--name value` is a model parameter; false: it is an unknown option. */
  readonly parameters: boolean;
  /** Options of other commands, by name, with the commands that take them (for the message). */
  readonly elsewhere?: ReadonlyMap<string, readonly string[]>;
  /** The command's name, for messages. */
  readonly command?: string;
}

/**
 * Parse `--name value`, `--name=value` and `--switch` arguments against `spec`. A switch takes
 * no value; every other `--name` needs one. An option of another command is an unknown option
 * here (named as such, not taken for a model parameter); so is any `--name` when the command
 * takes no model parameters. An option given twice is an error unless it is repeatable.
 *
 * @example
 * ```ts
 * parseArgs(["m", "--vary", "TA=0:1:3", "--vary", "TB=0:1:2", "--quiet"], {
 *   switches: ["quiet"], valued: [], repeatable: ["vary"], parameters: true,
 * }).repeated.get("vary");
 * // ["TA=0:1:3", "TB=0:1:2"]
 * ```
 */
export function parseArgs(argv: readonly string[], spec: ArgSpec): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string>();
  const switches = new Set<string>();
  const repeated = new Map<string, string[]>();
  const parameters = new Map<string, string>();
  const repeatable = spec.repeatable ?? [];
  const command = spec.command === undefined ? "" : ` of ${spec.command}`;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "-h") {
      switches.add("help");
      continue;
    }
    if (!arg.startsWith("--") || arg === "--") {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (name === "") throw new UsageError(`empty option name in ${JSON.stringify(arg)}`);
    if (spec.switches.includes(name)) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      switches.add(name);
      continue;
    }
    const own = spec.valued.includes(name) || repeatable.includes(name);
    if (!own) {
      const owners = spec.elsewhere?.get(name);
      if (owners !== undefined) {
        throw new UsageError(`unknown option --${name}${command} (an option of ${owners.join(", ")})`);
      }
      if (!spec.parameters) throw new UsageError(`unknown option --${name}${command}`);
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      // A value may be a negative number ("-1"), but not another option.
      if (value === undefined || (value.startsWith("--") && value.length > 2)) {
        throw new UsageError(`--${name} needs a value`);
      }
      i++;
    }
    if (repeatable.includes(name)) {
      const values = repeated.get(name);
      if (values) values.push(value);
      else repeated.set(name, [value]);
      continue;
    }
    const target = own ? options : parameters;
    if (target.has(name)) throw new UsageError(`--${name} given twice`);
    target.set(name, value);
  }
  return { positionals, options, switches, repeated, parameters };
}

import { LiouvilleError } from "@liouville/core";

/** A mistake on the command line (exit code 2). */
export class UsageError extends LiouvilleError {}

/**
 * A parsed command line: positionals, `--name value` options, boolean switches, and the values
 * of repeatable options in the order given.
 */
export interface ParsedArgs {
  /** Arguments that are not options, in order (the command, the model). */
  readonly positionals: string[];
  /** Options given at most once. */
  readonly options: Map<string, string>;
  /** Boolean switches given (e.g. `json`), without the dashes. */
  readonly switches: Set<string>;
  /** Repeatable options (e.g. `--vary a --vary b`): every value, in order; absent when not given. */
  readonly repeated: Map<string, string[]>;
}

/**
 * Parse `--name value`, `--name=value` and boolean `--switch` arguments. `booleans` lists the
 * switches that take no value; every other `--name` needs one. An option given twice is an
 * error unless `repeatable` lists it: those collect into `repeated`, never into `options`.
 *
 * @example
 * ```ts
 * parseArgs(["m", "--vary", "TA=0:1:3", "--vary", "TB=0:1:2", "--quiet"], ["quiet"], ["vary"]).repeated.get("vary");
 * // ["TA=0:1:3", "TB=0:1:2"]
 * ```
 */
export function parseArgs(
  argv: readonly string[],
  booleans: readonly string[],
  repeatable: readonly string[] = [],
): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string>();
  const switches = new Set<string>();
  const repeated = new Map<string, string[]>();
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
    if (booleans.includes(name)) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      switches.add(name);
      continue;
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
    if (options.has(name)) throw new UsageError(`--${name} given twice`);
    options.set(name, value);
  }
  return { positionals, options, switches, repeated };
}

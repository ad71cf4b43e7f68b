import type { ArgSpec } from "./args";

/** The commands of `liouville`. */
export const COMMAND_NAMES = ["models", "steady", "evolve", "compare", "sweep", "fluctuations"] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** How an option is given: a switch has no value; a repeatable option may be given more than once. */
type OptionKind = "switch" | "value" | "repeatable";

interface OptionRow {
  readonly kind: OptionKind;
  readonly commands: readonly CommandName[];
}

const ALL = COMMAND_NAMES;
const SOLVING: readonly CommandName[] = ["steady", "evolve", "compare", "sweep", "fluctuations"];

/**
 * The option table of every command: each option's kind and the commands that take it. Every
 * other `--name value` of a command that solves a model is a model parameter (checked by the
 * model); `models` takes none.
 */
export const OPTION_TABLE: Readonly<Record<string, OptionRow>> = Object.freeze({
  help: { kind: "switch", commands: ALL },
  quiet: { kind: "switch", commands: ALL },
  json: { kind: "switch", commands: ["models", "steady", "compare", "fluctuations"] },
  all: { kind: "switch", commands: ["steady", "evolve"] },
  "allow-truncation": { kind: "switch", commands: SOLVING },
  fluctuations: { kind: "switch", commands: ["steady", "sweep"] },
  approach: { kind: "value", commands: ["steady", "evolve", "sweep", "fluctuations"] },
  format: { kind: "value", commands: ["evolve", "sweep"] },
  plot: { kind: "value", commands: ["evolve", "sweep", "fluctuations"] },
  "plot-what": { kind: "value", commands: ["evolve"] },
  bath: { kind: "value", commands: ["fluctuations"] },
  cgf: { kind: "value", commands: ["fluctuations"] },
  "until-relaxed": { kind: "switch", commands: ["evolve"] },
  rho: { kind: "switch", commands: ["evolve"] },
  "t-end": { kind: "value", commands: ["evolve"] },
  tol: { kind: "value", commands: ["evolve"] },
  "max-time": { kind: "value", commands: ["evolve"] },
  every: { kind: "value", commands: ["evolve"] },
  rtol: { kind: "value", commands: ["evolve"] },
  atol: { kind: "value", commands: ["evolve"] },
  method: { kind: "value", commands: ["evolve"] },
  initial: { kind: "value", commands: ["evolve"] },
  vary: { kind: "repeatable", commands: ["sweep"] },
});

/** What `command` accepts, from the option table. */
export function argSpec(command: CommandName): ArgSpec {
  const own = (kind: OptionKind) =>
    Object.entries(OPTION_TABLE)
      .filter(([, row]) => row.kind === kind && row.commands.includes(command))
      .map(([name]) => name);
  const elsewhere = new Map(
    Object.entries(OPTION_TABLE)
      .filter(([, row]) => !row.commands.includes(command))
      .map(([name, row]) => [name, row.commands]),
  );
  return {
    command,
    switches: own("switch"),
    valued: own("value"),
    repeatable: own("repeatable"),
    parameters: command !== "models",
    elsewhere,
  };
}

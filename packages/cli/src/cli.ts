import {
  DimensionError,
  IntegrationError,
  LiouvilleError,
  NumericalError,
  ParameterError,
  UnknownIdError,
} from "@liouville/core";
import packageJson from "../package.json";
import { type ParsedArgs, parseArgs, UsageError } from "./args";
import { COMPARE_HELP, runCompare } from "./commands/compare";
import { EVOLVE_HELP, runEvolve } from "./commands/evolve";
import { FLUCTUATIONS_HELP, runFluctuations } from "./commands/fluctuations";
import { MODELS_HELP, runModels } from "./commands/models";
import { runSteady, STEADY_HELP } from "./commands/steady";
import { runSweep, SWEEP_HELP } from "./commands/sweep";
import type { CliIo } from "./io";
import { argSpec, type CommandName } from "./options";

/** The version of the command (its package's, `liouville --version`). */
export const VERSION: string = packageJson.version;

/** The top-level help text (`liouville --help`). */
export const HELP = `liouville: open quantum systems and heat currents (hbar = k_B = 1)

Usage:
  liouville models [--json]                       list models, parameters and defaults
  liouville steady <model> [--param value]...     steady state, heat currents, entropy production
        [--approach local|global|redfield] [--json] [--all]
  liouville evolve <model> [--param value]...     time evolution streamed sample by sample
        [--t-end T | --until-relaxed [--tol X]] [--every DT] [--format table|ndjson|csv] [--rho]
        [--plot FILE.svg|FILE.png [--plot-what populations,currents,coherences]]
  liouville compare <model> [--param value]...    local vs global vs redfield with a second-law audit
  liouville sweep <model> --vary NAME=FROM:TO:COUNT [--vary ...]   currents on a parameter grid
        [--format csv|json] [--plot FILE.svg|FILE.png]
  liouville fluctuations <model> [--param value]...   heat-current noise, Fano factor, TUR,
        [--approach local|global] [--bath X] [--cgf FROM:TO:COUNT] [--json]   fluctuation theorem
        [--plot FILE.svg|FILE.png] (with --cgf)
  liouville <command> --help                      help for one command
  liouville --version                             the version

Every command takes --quiet: no progress bar (one is drawn on stderr for long runs when stderr
is a terminal).

Exit codes: 0 success, 2 bad input (one line on stderr naming the parameter), 1 numerical failure.`;

/** A command: its help and how it runs. What it accepts on the command line is in OPTION_TABLE. */
interface Command {
  readonly help: string;
  run(args: ParsedArgs, io: CliIo): number | Promise<number>;
}

const COMMANDS: Record<CommandName, Command> = {
  models: { help: MODELS_HELP, run: runModels },
  steady: { help: STEADY_HELP, run: runSteady },
  evolve: { help: EVOLVE_HELP, run: runEvolve },
  compare: { help: COMPARE_HELP, run: runCompare },
  sweep: { help: SWEEP_HELP, run: runSweep },
  fluctuations: { help: FLUCTUATIONS_HELP, run: runFluctuations },
};

/**
 * Run the `liouville` command with the arguments after the program name. Returns the exit code;
 * user mistakes print one line on stderr (exit 2), numerical failures too (exit 1). Asked for,
 * the help goes to stdout (exit 0); without any arguments it is a usage error: the help goes to
 * stderr (exit 2), so that nothing reads it as output.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.err(HELP);
    return 2;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    io.out(HELP);
    return 0;
  }
  if (name === "--version" || name === "-V") {
    io.out(`liouville ${VERSION}`);
    return 0;
  }
  try {
    if (!Object.hasOwn(COMMANDS, name)) throw new UnknownIdError("command", name, Object.keys(COMMANDS));
    const command = COMMANDS[name as CommandName];
    const args = parseArgs(rest, argSpec(name as CommandName));
    if (args.switches.has("help")) {
      io.out(command.help);
      return 0;
    }
    return await command.run(args, io);
  } catch (error) {
    return reportError(error, io);
  }
}

/** One line on stderr; exit 2 for input mistakes, 1 for numerical failures. Bugs re-throw. */
export function reportError(error: unknown, io: CliIo): number {
  if (
    error instanceof UsageError ||
    error instanceof ParameterError ||
    error instanceof UnknownIdError ||
    error instanceof DimensionError
  ) {
    io.err(`liouville: ${error.message}`);
    return 2;
  }
  if (LiouvilleError.isInstance(error)) {
    const kind =
      error instanceof NumericalError
        ? "numerical failure: "
        : error instanceof IntegrationError
          ? `integration failed (${error.reason}): `
          : "";
    io.err(`liouville: ${kind}${error.message}`);
    return 1;
  }
  throw error;
}

import { type Comparison, compareApproaches, getModel } from "@liouville/models-qubits";
import { type ParsedArgs, UsageError } from "../args";
import { num, table, toJson } from "../format";
import type { CliIo } from "../io";
import { modelOptions, secondLawLine, secularLine } from "./steady";

export const COMPARE_HELP = `liouville compare <model> [--<param> <value>]... [--json]

Solve the steady state under the local, global and redfield master equations side by side
and audit each: heat currents per bath, entropy production sigma = -sum_X J_X/T_X with a
second-law verdict, first-law residual sum_X J_X, smallest eigenvalue of rho (positivity),
the dimension of the steady-state kernel (uniqueness) and, for local and global, the
thermodynamic uncertainty ratio of the heat currents (see \`liouville fluctuations\`; below 1
is allowed for local, whose coherent transport can beat the bound). An approach that cannot run
for the model or its size is listed as unavailable with the reason. --allow-truncation
accepts a truncated Fock space (--nmax) whose top level holds more weight than the threshold.
"ok (rounding)": sigma is negative but within the rounding of the solver. A line says when the
global (secular) approximation is doubtful: two Bohr frequencies of a bath closer than a few
times the largest dissipation rate, where redfield is the approach to trust; another says why
an approach breaks the second law.

Example (the local master equation of two oscillators violates the second law):
  liouville compare coupled-oscillators --omega1 2 --omega2 1 --lambda 0.1 --gA 0.05 --gB 0.05 --TA 1 --TB 0.8`;

export function runCompare(args: ParsedArgs, io: CliIo): number {
  const [id, ...extra] = args.positionals;
  if (id === undefined) throw new UsageError("compare needs a model id; run `liouville models` for the list");
  if (extra.length) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
  const comparison = compareApproaches(getModel(id), modelOptions(args), {
    allowTruncation: args.switches.has("allow-truncation"),
  });
  io.out(args.switches.has("json") ? toJson(compareJson(comparison)) : compareText(comparison));
  return 0;
}

/**
 * The JSON document of `compare --json` (docs/conventions.md section 4); unavailable approaches carry
 * `reason`. `secular` (the global approach's `SecularValidity`, null for the others) is an addition
 * to the contract.
 */
export function compareJson(c: Comparison) {
  return {
    model: c.model,
    params: c.params,
    approaches: c.approaches.map((e) =>
      e.available
        ? {
            approach: e.approach,
            currents: e.audit.currents,
            entropyProduction: e.audit.entropyProduction,
            firstLawResidual: e.audit.firstLawResidual,
            minEigenvalue: e.audit.minEigenvalue,
            kernelDimension: e.audit.kernelDimension,
            secondLaw: e.audit.secondLaw,
            tur: e.tur,
            method: e.method,
            secular: e.audit.secular,
          }
        : { approach: e.approach, available: false, reason: e.reason },
    ),
  };
}

function compareText(c: Comparison): string {
  const available = c.approaches.flatMap((e) => (e.available ? [e] : []));
  const baths = [...new Set(available.flatMap((e) => Object.keys(e.audit.currents)))];
  const rows = available.map((e) => [
    e.approach,
    ...baths.map((b) => num(e.audit.currents[b])),
    num(e.audit.entropyProduction),
    verdict(e.audit.secondLaw, e.audit.entropyProduction),
    num(e.audit.firstLawResidual),
    num(e.audit.minEigenvalue),
    e.audit.kernelDimension === null ? "-" : String(e.audit.kernelDimension),
    e.tur === null
      ? "-"
      : `${num(e.tur.ratio)}${e.tur.verdict === "holds" ? "" : e.tur.guaranteed ? " VIOLATED" : " (<1: coherent)"}`,
  ]);
  const params = Object.entries(c.params)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");
  const parts = [`${c.model}: local vs global vs redfield`, params, ""];
  if (rows.length > 0) {
    parts.push(
      table(
        [
          "approach",
          ...baths.map((b) => `J_${b}`),
          "entropy prod.",
          "2nd law",
          "sum J",
          "min eig rho",
          "kernel dim",
          "TUR ratio",
        ],
        rows,
      ),
    );
  }
  for (const e of c.approaches) if (!e.available) parts.push(`${e.approach}: unavailable: ${e.reason}`);
  for (const e of available) {
    const secondLaw = secondLawLine(e.approach, e.audit.secondLaw);
    if (secondLaw) parts.push(`${e.approach}: ${secondLaw}`);
    const secular = secularLine(e.audit.secular);
    if (secular) parts.push(`${e.approach}: ${secular}`);
  }
  parts.push(
    "",
    "J_X: heat current from bath X into the system. 2nd law: sigma = -sum J_X/T_X >= 0.",
    "TUR ratio: min over baths of Var(Q_X)/t sigma / (2 J_X^2); >= 1 is the thermodynamic uncertainty relation.",
  );
  return parts.join("\n");
}

/** The verdict, saying so when a negative sigma is within the rounding of the method. */
function verdict(secondLaw: "ok" | "violated", sigma: number): string {
  if (secondLaw === "violated") return "VIOLATED";
  return sigma < 0 ? "ok (rounding)" : "ok";
}

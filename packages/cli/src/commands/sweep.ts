import { writeFileSync } from "node:fs";
import { getModel, steadyReport } from "@liouville/models-qubits";
import { type ParsedArgs, UsageError } from "../args";
import { toJson } from "../format";
import type { CliIo } from "../io";
import { lineChart } from "../svg-plot";
import { modelOptions, parseApproach } from "./steady";

export const SWEEP_HELP = `liouville sweep <model> --vary NAME=FROM:TO:COUNT [--<param> <value>]...
        [--approach local|global|redfield] [--format csv|json] [--plot FILE.svg]

Solve the steady state on a grid of one parameter and print the heat current of each bath
(J_X, positive into the system) and the entropy production at every point. COUNT points are
spaced evenly from FROM to TO inclusive. --plot writes the currents as an SVG line chart.

Example (heat current of the coupled qubits as the hot bath warms up):
  liouville sweep coupled-qubits --vary TA=0.1:4:40 --TB 0.5 --plot heat-current.svg`;

/** Most points a sweep computes (each is one steady-state solve). */
export const MAX_SWEEP_POINTS = 100_000;

export function runSweep(args: ParsedArgs, io: CliIo): number {
  const [id, ...extra] = args.positionals;
  if (id === undefined) throw new UsageError("sweep needs a model id; run `liouville models` for the list");
  if (extra.length) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
  const vary = args.options.get("vary");
  if (vary === undefined) throw new UsageError("sweep needs --vary NAME=FROM:TO:COUNT");
  const m = /^([A-Za-z0-9]+)=([^:]+):([^:]+):([^:]+)$/.exec(vary);
  if (!m) throw new UsageError(`--vary must look like NAME=FROM:TO:COUNT (got ${JSON.stringify(vary)})`);
  const [, name, fromText, toText, countText] = m;
  const from = Number(fromText);
  const to = Number(toText);
  const count = Number(countText);
  if (!Number.isFinite(from) || !Number.isFinite(to))
    throw new UsageError(`--vary: FROM and TO must be finite numbers (got ${fromText}, ${toText})`);
  if (!Number.isInteger(count) || count < 1 || count > MAX_SWEEP_POINTS) {
    throw new UsageError(`--vary: COUNT must be an integer in [1, ${MAX_SWEEP_POINTS}] (got ${countText})`);
  }
  const format = args.options.get("format") ?? "csv";
  if (format !== "csv" && format !== "json")
    throw new UsageError(`--format must be csv or json (got ${JSON.stringify(format)})`);
  const model = getModel(id);
  const approach = parseApproach(args);
  const base = modelOptions(args, ["vary", "approach", "format", "plot"]);
  if (name in base) throw new UsageError(`--${name} is both fixed and varied`);
  const rows = Array.from({ length: count }, (_, k) => {
    const value = count === 1 ? from : from + ((to - from) * k) / (count - 1);
    const r = steadyReport(model, { ...base, [name]: value }, approach);
    return {
      [name]: value,
      currents: r.audit.currents,
      entropyProduction: r.audit.entropyProduction,
      secondLaw: r.audit.secondLaw,
    };
  });
  const baths = Object.keys(rows[0].currents);
  if (format === "json")
    io.out(toJson({ model: id, approach: approach ?? model.approaches[0], vary: name, rows }));
  else {
    io.out([name, ...baths.map((b) => `J_${b}`), "entropyProduction"].join(","));
    for (const r of rows)
      io.out([r[name], ...baths.map((b) => r.currents[b]), r.entropyProduction].join(","));
  }
  const plot = args.options.get("plot");
  if (plot !== undefined) {
    const svg = lineChart({
      title: `${id}: steady heat currents (${approach ?? model.approaches[0]} master equation)`,
      xLabel: name,
      yLabel: "heat current J_X into the system",
      series: baths.map((b) => ({
        name: `J_${b}`,
        x: rows.map((r) => r[name] as number),
        y: rows.map((r) => r.currents[b]),
      })),
    });
    writeFileSync(plot, svg);
    io.err(`liouville: wrote ${plot}`);
  }
  return 0;
}

import { listModels } from "@liouville/models-qubits";
import { type ParsedArgs, UsageError } from "../args";
import { cell, table, toJson } from "../format";
import type { CliIo } from "../io";

export const MODELS_HELP = `liouville models [--json]

List the registered models with their parameters, defaults and approaches.`;

export function runModels(args: ParsedArgs, io: CliIo): number {
  if (args.positionals.length)
    throw new UsageError(`unexpected argument ${JSON.stringify(args.positionals[0])}`);
  const models = listModels();
  if (args.switches.has("json")) {
    io.out(
      toJson(
        models.map((m) => ({
          id: m.id,
          title: m.title,
          description: m.description,
          approaches: m.approaches,
          parameters: m.parameters.map((p) => ({
            name: p.name,
            default: p.default,
            description: p.description,
            choices: p.choices,
          })),
        })),
      ),
    );
    return 0;
  }
  for (const m of models) {
    io.out(
      `${m.id}: ${m.title}\n  ${m.description}\n  approaches: ${m.approaches.join(", ")} (default ${m.approaches[0]})\n`,
    );
    const parameters = table(
      ["parameter", "default", "meaning"],
      m.parameters.map((p) => [`--${p.name}`, cell(p.default), p.description]),
    );
    io.out(parameters.replace(/^/gm, "  "));
    io.out("");
  }
  return 0;
}

import { fluctuationAudit, NumericalError } from "@liouville/core";
import { getModel, parseDecimal, steadyReport } from "@liouville/models-qubits";
import { type ParsedArgs, UsageError } from "../args";
import { assertPrintable, csvNumber, toJson } from "../format";
import type { CliIo } from "../io";
import { checkPlotPath, sweepSpec, writePlot } from "../plot";
import { progressBar } from "../progress";
import { modelOptions, parseApproach } from "./steady";

export const SWEEP_HELP = `liouville sweep <model> --vary NAME=FROM:TO:COUNT [--vary ...] [--<param> <value>]...
        [--approach local|global|redfield] [--format csv|json] [--plot FILE.svg|FILE.png]
        [--fluctuations] [--allow-truncation] [--quiet]

Solve the steady state on a grid of parameters and print the heat current of each bath
(J_X, positive into the system) and the entropy production at every point. Each --vary is one
axis of COUNT points spaced evenly from FROM to TO, both included exactly, the others rounded to
15 significant digits of max(|FROM|, |TO|) so that a decimal grid is solved at and printed as the
decimals it means (TA=0:0.9:10 gives 0, 0.1, ..., 0.9, not 0.30000000000000004); several --vary
make the grid of all combinations, in row-major order (the last --vary changes fastest), with one
CSV column per varied parameter. Under the global approach, points where the secular
approximation is doubtful (two Bohr frequencies of a bath closer than a few times the largest
dissipation rate; see \`liouville steady\`) are counted in a warning on stderr, and each JSON row
has "secular": "ok" or "doubtful" (null for local and redfield).

  --format F        csv (default: a header line, then one row per point) or json (one document)
                    CSV cells are numbers in their shortest exact form; the entropy production
                    is "Infinity" or "-Infinity" when heat flows into or out of a bath at T = 0
                    (null in JSON). A current or entropy production that is NaN, or a current
                    that is infinite, is never written: the sweep fails (exit 1) naming the
                    quantity and the parameter point, before it prints anything
  --plot FILE       also draw the sweep: SVG for FILE.svg, PNG for FILE.png (any other extension
                    is refused before the run); stdout is the same with or without it. One --vary:
                    the currents against it, with the model's closed form dashed over them where
                    it has one, above the entropy production sigma; both panels shaded where the
                    second law is violated (sigma < 0). Two --vary: one panel per bath, one curve
                    per value of the second parameter, coloured along a sequential scale (markers
                    shrink as it grows, so curves that coincide show as rings), crosses where the
                    second law is violated. Axes in units of hbar = k_B = 1; the fixed parameters
                    and the approach in the subtitle
  --fluctuations    also the noise Var(Q_X)/t and the thermodynamic-uncertainty ratio of each
                    bath's heat current (columns noise_X and tur_X; in JSON "fluctuations" per
                    row: noise and turRatio by bath, turGuaranteed), as \`liouville fluctuations\`
                    computes them (tur_X is "Infinity" where the current vanishes: no current,
                    no bound to test); local and global approaches only
  --allow-truncation
                    accept a truncated Fock space (--nmax) whose top level holds more weight
                    than the model's threshold, as \`steady\` does
  --quiet           no progress bar (drawn on stderr when stderr is a terminal)

Examples (heat current of the coupled qubits as the hot bath warms up; the oscillators' local
master equation against the second law, paper Sec. IV C 2):
  liouville sweep coupled-qubits --vary TA=0.1:4:40 --TB 0.5 --plot heat-current.svg
  liouville sweep coupled-qubits --vary TA=0.5:4:8 --vary lambda=0:0.6:4 --plot grid.png
  liouville sweep coupled-oscillators --approach local --omega1 2 --omega2 1 --lambda 0.1 \\
    --gA 0.05 --gB 0.05 --TA 1 --vary TB=0.3:1.4:23 --plot local-second-law.svg`;

/** Most points a sweep computes (each is one steady-state solve), over all axes together. */
export const MAX_SWEEP_POINTS = 100_000;

/** Most --vary axes a --plot can draw: x, and one curve per value of the second. */
const MAX_PLOT_AXES = 2;

/** One --vary NAME=FROM:TO:COUNT. */
export interface SweepAxis {
  readonly name: string;
  readonly from: number;
  readonly to: number;
  readonly count: number;
}

/** A point of the grid: the varied values and what the steady state gives there. */
interface SweepRow {
  readonly values: readonly number[];
  readonly currents: Readonly<Record<string, number>>;
  readonly entropyProduction: number;
  readonly secondLaw: string;
  /** The model's closed-form currents at this point, where it has them (plotted, not printed). */
  readonly closedForm?: Readonly<Record<string, number>>;
  /** The global approach's secular verdict ("ok" | "doubtful"), null for local and redfield. */
  readonly secular: "ok" | "doubtful" | null;
  /** With --fluctuations: noise and TUR ratio by bath. */
  readonly fluctuations?: {
    readonly noise: Readonly<Record<string, number>>;
    readonly turRatio: Readonly<Record<string, number>>;
    readonly turGuaranteed: boolean;
  };
}

export async function runSweep(args: ParsedArgs, io: CliIo): Promise<number> {
  const [id, ...extra] = args.positionals;
  if (id === undefined) throw new UsageError("sweep needs a model id; run `liouville models` for the list");
  if (extra.length) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
  const axes = (args.repeated.get("vary") ?? []).map(parseAxis);
  if (axes.length === 0) throw new UsageError("sweep needs --vary NAME=FROM:TO:COUNT");
  const total = axes.reduce((n, a) => n * a.count, 1);
  if (total > MAX_SWEEP_POINTS) {
    throw new UsageError(`--vary: at most ${MAX_SWEEP_POINTS} points in all (the grid has ${total})`);
  }
  const format = args.options.get("format") ?? "csv";
  if (format !== "csv" && format !== "json")
    throw new UsageError(`--format must be csv or json (got ${JSON.stringify(format)})`);
  const plot = args.options.get("plot");
  if (plot !== undefined) {
    if (axes.length > MAX_PLOT_AXES) {
      throw new UsageError(`--plot draws at most ${MAX_PLOT_AXES} --vary axes (got ${axes.length})`);
    }
    checkPlotPath(plot);
  }
  const model = getModel(id);
  const approach = parseApproach(args) ?? model.approaches[0];
  const base = modelOptions(args);
  const names = axes.map((a) => a.name);
  for (const [k, name] of names.entries()) {
    if (name in base) throw new UsageError(`--${name} is both fixed and varied`);
    if (names.indexOf(name) !== k) throw new UsageError(`--vary ${name} given twice`);
  }
  const quiet = args.switches.has("quiet");
  const allowTruncation = args.switches.has("allow-truncation");
  const withFluctuations = args.switches.has("fluctuations");
  const progress = progressBar(io, { label: "sweep", total, quiet });
  const rows: SweepRow[] = [];
  let params: ReturnType<typeof steadyReport>["params"] | undefined;
  let closedFormSource: string | undefined;
  const doubtful: string[] = [];
  for (const values of gridPoints(axes)) {
    const point = Object.fromEntries(names.map((name, k) => [name, values[k]]));
    const where = names.map((name, k) => `${name} = ${values[k]}`).join(", ");
    let r: ReturnType<typeof steadyReport>;
    try {
      r = steadyReport(model, { ...base, ...point }, approach, { allowTruncation });
    } catch (e) {
      // Say at which point of the grid the solve failed.
      if (e instanceof NumericalError) throw new NumericalError(e.reason, `at ${where}: ${e.message}`);
      throw e;
    }
    assertPrintable(
      {
        ...Object.fromEntries(Object.entries(r.audit.currents).map(([b, j]) => [`J_${b}`, j])),
        entropyProduction: r.audit.entropyProduction,
      },
      where,
      ["entropyProduction"],
    );
    let fluctuations: SweepRow["fluctuations"];
    if (withFluctuations) {
      if (!r.generator?.lindbladForm) {
        throw new UsageError(
          `--fluctuations needs the jumps of a Lindblad generator (--approach local or global${r.generator ? "" : "; coupled-oscillators with a Fock cutoff --nmax"})`,
        );
      }
      const f = fluctuationAudit(r.generator, { fluctuationTheorem: false });
      fluctuations = {
        noise: Object.fromEntries(f.baths.map((b) => [b.bath, b.noise])),
        turRatio: Object.fromEntries(f.baths.map((b) => [b.bath, b.turRatio])),
        turGuaranteed: f.turGuaranteed,
      };
    }
    params ??= r.params;
    closedFormSource ??= r.analytic?.source;
    rows.push({
      values,
      currents: r.audit.currents,
      entropyProduction: r.audit.entropyProduction,
      secondLaw: r.audit.secondLaw,
      ...(r.analytic ? { closedForm: r.analytic.currents } : {}),
      secular: r.audit.secular?.verdict ?? null,
      ...(fluctuations ? { fluctuations } : {}),
    });
    if (r.audit.secular?.verdict === "doubtful") doubtful.push(where);
    progress.update(rows.length);
  }
  progress.finish();
  const baths = Object.keys(rows[0].currents);
  if (format === "json") {
    io.out(
      toJson({
        model: id,
        approach,
        vary: axes,
        rows: rows.map((r) => ({
          ...Object.fromEntries(names.map((name, k) => [name, r.values[k]])),
          currents: r.currents,
          entropyProduction: r.entropyProduction,
          secondLaw: r.secondLaw,
          secular: r.secular,
          ...(r.fluctuations ? { fluctuations: r.fluctuations } : {}),
        })),
      }),
    );
  } else {
    const extra = withFluctuations
      ? [...baths.map((b) => `noise_${b}`), ...baths.map((b) => `tur_${b}`)]
      : [];
    io.out([...names, ...baths.map((b) => `J_${b}`), "entropyProduction", ...extra].join(","));
    for (const r of rows) {
      const f = r.fluctuations;
      const cells = f ? [...baths.map((b) => f.noise[b]), ...baths.map((b) => f.turRatio[b])] : [];
      io.out(
        [...r.values, ...baths.map((b) => r.currents[b]), r.entropyProduction, ...cells]
          .map(csvNumber)
          .join(","),
      );
    }
  }
  if (doubtful.length > 0) {
    io.err(
      `liouville: warning: the secular approximation is doubtful at ${doubtful.length} of ${rows.length} points ` +
        `(first at ${doubtful[0]}): Bohr frequencies too close for the dissipation rates to resolve, or ` +
        "merged although the rates are smaller still; the global currents there may be wrong " +
        "(try --approach redfield; `liouville steady` at a point says which)",
    );
  }
  if (plot !== undefined) {
    const spec = sweepSpec({
      model: id,
      approach,
      params: params!,
      specs: model.parameters,
      varied: names,
      baths,
      rows,
      closedFormSource,
    });
    await writePlot(plot, spec, io, quiet);
  }
  return 0;
}

/** Parse NAME=FROM:TO:COUNT. */
export function parseAxis(text: string): SweepAxis {
  const m = /^([A-Za-z0-9]+)=([^:]+):([^:]+):([^:]+)$/.exec(text);
  if (!m) throw new UsageError(`--vary must look like NAME=FROM:TO:COUNT (got ${JSON.stringify(text)})`);
  const [, name, fromText, toText, countText] = m;
  const from = parseDecimal(fromText);
  const to = parseDecimal(toText);
  const count = parseDecimal(countText);
  if (!Number.isFinite(from) || !Number.isFinite(to))
    throw new UsageError(
      `--vary ${name}: FROM and TO must be finite numbers in decimal notation (got ${fromText}, ${toText})`,
    );
  if (!Number.isInteger(count) || count < 1 || count > MAX_SWEEP_POINTS) {
    throw new UsageError(
      `--vary ${name}: COUNT must be an integer in [1, ${MAX_SWEEP_POINTS}] (got ${countText})`,
    );
  }
  return { name, from, to, count };
}

/**
 * Significant digits of a grid value, relative to the larger of |FROM| and |TO|: the grid's
 * arithmetic is exact to about 16 (double precision), so rounding at 15 removes its binary noise
 * (0.8999999999999999 becomes 0.9) and nothing a decimal grid of fewer digits means.
 */
export const GRID_DIGITS = 15;

/**
 * The k-th of `count` evenly spaced values from `from` to `to`: from + (to - from) k / (count - 1),
 * rounded to GRID_DIGITS significant digits of the axis's scale max(|from|, |to|), so that a grid
 * the user wrote in decimals has those decimals (TA=0:0.9:10 gives 0.3, not
 * 0.30000000000000004, and 0 where the formula leaves 1e-16); the first and last values are
 * `from` and `to` themselves. These values are the ones solved at and printed.
 */
export function axisValue(axis: SweepAxis, k: number): number {
  const { from, to, count } = axis;
  if (k === 0 || count === 1) return from;
  if (k === count - 1) return to;
  const raw = from + ((to - from) * k) / (count - 1);
  const scale = Math.max(Math.abs(from), Math.abs(to));
  // Decimals that keep GRID_DIGITS significant digits of the scale (toFixed takes 0..100).
  const decimals = Math.min(100, Math.max(0, GRID_DIGITS - 1 - Math.floor(Math.log10(scale))));
  return Number(raw.toFixed(decimals)) + 0; // + 0: no "-0" where the grid crosses zero
}

/** Every point of the grid, row-major: the last axis changes fastest. */
function* gridPoints(axes: readonly SweepAxis[]): Generator<number[]> {
  const index = axes.map(() => 0);
  for (;;) {
    yield axes.map((a, j) => axisValue(a, index[j]));
    let j = axes.length - 1;
    while (j >= 0 && ++index[j] === axes[j].count) index[j--] = 0;
    if (j < 0) return;
  }
}

import {
  buildGenerator,
  ComplexMatrix,
  fromEigenbasis,
  type Generator,
  Operator,
  ParameterError,
  toEigenbasis,
  UnknownIdError,
} from "@liouville/core";
import {
  type EvolutionSample,
  type EvolveOptions,
  evolve,
  getIntegrator,
  MAX_RTOL,
} from "@liouville/integrators";
import {
  getModel,
  type Model,
  modelParameters,
  type ParamValues,
  parseDecimal,
} from "@liouville/models-qubits";
import { asyncScheduler } from "rxjs";
import { type ParsedArgs, UsageError } from "../args";
import { assertPrintable, csvNumber, num, SUMMARY_ROWS, toJson } from "../format";
import type { CliIo } from "../io";
import { checkPlotPath, MAX_CATEGORIES, writePlot } from "../plot";
import { progressBar } from "../progress";
import { DEFAULT_PLOT_WHAT, PlotRecorder, type PlotSelection, parsePlotWhat } from "./evolve-plot";
import { modelOptions, parseApproach } from "./steady";

/**
 * Defaults of the command, tighter than the integrator's own (1e-6, 1e-8): an explicit
 * integrator's state carries noise of the order of its error weights atol + rtol |y_i| once it
 * steps at its stability limit, so ||L rho|| levels off there (Notes of `relaxationResidual`;
 * measured on the coupled qubits at these tolerances: 6e-12 global and 1e-11 Redfield at the
 * default parameters, up to ~3e-10 at lambda = 0.9; at the integrator's defaults 6e-8 and 1e-7,
 * so that --tol 1e-9 would never be met). The relaxation tolerance sits above that floor.
 */
export const EVOLVE_CLI_DEFAULTS = Object.freeze({ rtol: 1e-10, atol: 1e-12, tol: 1e-9 });

export const EVOLVE_FORMATS = Object.freeze(["table", "ndjson", "csv"] as const);
type Format = (typeof EVOLVE_FORMATS)[number];

/**
 * The smallest tolerance a state of entries <= 1 can be held to: below machine epsilon for both
 * --rtol and --atol, the rounding error of the state alone exceeds every error weight.
 */
export const MIN_TOLERANCE = Number.EPSILON;

/**
 * Most samples `--plot` keeps for its chart: streamed samples cost no memory, the plotted ones do
 * (and a chart has no use for more points than this).
 */
export const MAX_PLOT_SAMPLES = 1e6;

export const EVOLVE_HELP = `liouville evolve <model> [--<param> <value>]... [--approach local|global|redfield]
        [--t-end T | --until-relaxed [--tol X] [--max-time T]] [--every DT] [--rtol X] [--atol X]
        [--method rk45|dop853|expm] [--initial ground|maximally-mixed|K] [--format table|ndjson|csv] [--all] [--rho]
        [--plot FILE.svg|FILE.png [--plot-what LIST]] [--allow-truncation] [--quiet]

Integrate the master equation d rho/dt = L rho of a model (adaptive, --method)
and print one sample per output time as soon as it is computed: the time t, the populations
p1..pd of the energy eigenstates (energies ascending; a table of more than ${SUMMARY_ROWS + 1} levels shows
the lowest ${SUMMARY_ROWS} and their rest, see --all), the heat current J_X = Tr[H_S D_X(rho)]
of every bath (positive when bath X heats the system), and the residual ||L rho||_2 = ||d rho/dt||_F,
which is zero in the steady state. Times are in units of 1/energy (hbar = 1).

  --approach A      master equation: the model's default (global for the qubits), local, or redfield
  --t-end T         integrate from t = 0 to T > 0 and stop
  --until-relaxed   integrate until ||L rho||_2 < tol; this is the default when --t-end is not given
  --tol X           tolerance of --until-relaxed, > 0, in units of rho per unit time (default ${EVOLVE_CLI_DEFAULTS.tol});
                    keep it above the integrator's noise floor (about ||L|| (atol + rtol)):
                    a residual that stops falling near that floor fails fast (exit 1) with
                    the residual reached and what to change; --method expm goes lower
  --max-time T      with --until-relaxed: fail (exit 1) when not relaxed by time T (default: no bound
                    but the integrator's limit of 100000 steps)
  --every DT        one sample every DT > 0 (and one at --t-end); default: one per accepted step;
                    no bound on streamed samples; with --plot (which keeps them) at most
                    ${MAX_PLOT_SAMPLES} up to --t-end or --max-time
  --method M        integrator: rk45 (Dormand-Prince 5(4), default), dop853 (8(5,3), fewer
                    steps at tight tolerances), or expm (Krylov propagator exp(L h) rho: its steps
                    grow as the state settles, so it suits --until-relaxed and long runs)
  --rtol X          relative tolerance of a step, <= ${MAX_RTOL} (default ${EVOLVE_CLI_DEFAULTS.rtol})
  --atol X          absolute tolerance of a step (default ${EVOLVE_CLI_DEFAULTS.atol}); one of --rtol and --atol
                    must be >= ${MIN_TOLERANCE} (machine epsilon)
  --initial S       initial state: ground, maximally-mixed, or K for the energy eigenstate K = 1..d;
                    default: the model's initial state (the ground state for the qubit models)
  --format F        table (default: aligned columns), ndjson (one JSON object per line:
                    t, populations, currents, residual), or csv (a header line, then rows)
  --all             in the table, a column for every energy level (by default, beyond ${SUMMARY_ROWS + 1} levels,
                    the lowest ${SUMMARY_ROWS} and one for the sum of the rest); ndjson and csv always
                    have every level
  --rho             add rho in the eigenbasis: ndjson "rho": {"basis": "eigen", "re": [[...]], "im": [[...]]},
                    csv columns re_rho_ij, im_rho_ij (i, j = 1..d); not available in tables
  --plot FILE       after the run, also draw it: SVG for FILE.svg, PNG for FILE.png (any other
                    extension is refused). One panel per item of --plot-what over a shared time
                    axis, each curve with its steady value (the generator's steady state) as a
                    dashed asymptote; axes in units of hbar = k_B = 1, the fixed parameters in
                    the subtitle. The file is checked before the run (its directory exists and is
                    writable, it is not a directory). When the reader closes stdout early
                    (| head), the run goes on to its end without printing, says so on stderr, and
                    writes the plot
  --plot-what LIST  the panels of --plot, comma-separated (default ${DEFAULT_PLOT_WHAT}):
                    populations (of the lowest ${MAX_CATEGORIES} energy eigenstates at most), currents (J_X),
                    coherences (every |rho_ij| of the eigenbasis, i < j, when there are at most ${MAX_CATEGORIES}),
                    or rhoIJ (e.g. rho23; rho_I_J above level 9) for chosen ones
  --allow-truncation
                    accept a truncated Fock space (--nmax) on which the steady state the run
                    relaxes to holds more weight at the top level than the model's threshold
  --quiet           no progress bar (drawn on stderr with --t-end when stderr is a terminal)
  --<param> V       a model parameter; see \`liouville models\` for names and defaults

Output is written line by line; when the reader closes the pipe (| head) the integration stops
(unless --plot needs it) and the command exits 0. CSV cells are numbers in their shortest exact
form; no printed quantity is ever NaN or infinite: a sample that would print one ends the command
(exit 1) with a line naming the quantity and the time. Exit 2 on bad input, 1 when the
integration fails or does not relax by --max-time.

Examples:
  liouville evolve coupled-qubits --every 10
  liouville evolve coupled-qubits --approach redfield --lambda 0.5 --initial 3 --t-end 50 --every 0.5 --format csv
  liouville evolve single-qubit --TA 2 --TB 1 --format ndjson --rho | head -n 3
  liouville evolve coupled-qubits --approach redfield --t-end 200 --every 0.5 --plot currents.svg > samples.txt
  liouville evolve coupled-qubits --approach redfield --lambda 0.5 --initial 3 --t-end 300 --every 0.5 \\
    --plot relaxation.png --plot-what populations,currents,rho23 > samples.txt`;

/** What the command line asks for, after validation. */
interface EvolvePlan {
  readonly model: Model;
  readonly generator: Generator;
  readonly rho0: Operator;
  readonly options: Partial<EvolveOptions>;
  readonly format: Format;
  readonly withRho: boolean;
  /** --all: a table column for every level (else at most SUMMARY_ROWS and their remainder). */
  readonly allLevels: boolean;
  /** End time when known (--t-end), for the progress bar. */
  readonly tEnd: number | undefined;
  /** File of --plot, if given. */
  readonly plot: string | undefined;
  /** What --plot draws (--plot-what). */
  readonly plotWhat: PlotSelection | undefined;
  /** The resolved model parameters (stated on the plot). */
  readonly params: ParamValues;
  readonly quiet: boolean;
}

/**
 * `liouville evolve`: stream the time evolution of a model. The evolution is produced from rxjs's
 * asyncScheduler, so the event loop runs between slices of work: a closed pipe (EPIPE) is noticed
 * and the process exits (bin.ts) instead of integrating on.
 */
export function runEvolve(args: ParsedArgs, io: CliIo): Promise<number> {
  const plan = parseEvolve(args);
  const writer = sampleWriter(plan);
  const header = writer.header();
  if (header !== undefined) io.out(header);
  const baths = plan.generator.system.baths.map((b) => b.name);
  const curves = plan.plotWhat && new PlotRecorder(plan.plotWhat, baths);
  const progress = progressBar(io, {
    label: "evolve",
    total: plan.tEnd ?? 0, // no bar when the end is not known
    format: (t) => `t = ${Number(t.toPrecision(4))}`,
    quiet: plan.quiet,
  });
  return new Promise<number>((resolve, reject) => {
    /** Set when stdout closed and the run goes on only for the plot. */
    let plotOnly = false;
    const stop = (outcome: () => void) => {
      progress.finish();
      queueMicrotask(() => subscription.unsubscribe());
      outcome();
    };
    const subscription = evolve(plan.generator, plan.rho0, {
      ...plan.options,
      scheduler: asyncScheduler,
    }).subscribe({
      next: (sample) => {
        if (!plotOnly && io.outClosed?.()) {
          // The reader went away: stop, unless the plot still needs the whole run.
          if (!curves) return stop(() => resolve(0));
          plotOnly = true;
          if (!plan.quiet) {
            io.err(`liouville: stdout closed at t = ${sample.t}; integrating on to write ${plan.plot}`);
          }
        }
        try {
          assertPrintable(writer.quantities(sample), `t = ${sample.t}`);
        } catch (error) {
          return stop(() => reject(error));
        }
        if (!plotOnly) {
          progress.clear();
          io.out(writer.line(sample));
        }
        progress.update(sample.t);
        if (curves) {
          if (curves.length === MAX_PLOT_SAMPLES) {
            return stop(() =>
              reject(
                new ParameterError(
                  "--plot",
                  `at most ${MAX_PLOT_SAMPLES} samples (give a larger --every, or --max-time, so the run has fewer)`,
                ),
              ),
            );
          }
          curves.push(sample);
        }
      },
      complete: () => {
        progress.finish();
        if (!curves) return resolve(0);
        try {
          const spec = curves.spec(plan.model.id, plan.generator, plan.params);
          writePlot(plan.plot!, spec, io, plan.quiet).then(() => resolve(0), reject);
        } catch (error) {
          reject(error);
        }
      },
      error: (error) => {
        progress.finish();
        reject(error);
      },
    });
  });
}

function parseEvolve(args: ParsedArgs): EvolvePlan {
  const [id, ...extra] = args.positionals;
  if (id === undefined) throw new UsageError("evolve needs a model id; run `liouville models` for the list");
  if (extra.length) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
  const model = getModel(id);
  const approach = parseApproach(args) ?? model.approaches[0];
  if (!model.approaches.includes(approach)) {
    throw new ParameterError("--approach", `one of ${model.approaches.join(", ")} for ${model.id}`, approach);
  }
  const format = parseFormat(args.options.get("format"));
  const withRho = args.switches.has("rho");
  if (withRho && format === "table") throw new UsageError("--rho needs --format ndjson or csv");

  const tEnd = positiveOption(args, "t-end");
  const untilRelaxed = args.switches.has("until-relaxed") || tEnd === undefined;
  if (tEnd !== undefined && args.switches.has("until-relaxed")) {
    throw new UsageError("--t-end and --until-relaxed exclude each other");
  }
  for (const name of ["tol", "max-time"]) {
    if (tEnd !== undefined && args.options.has(name)) {
      throw new UsageError(`--${name} goes with --until-relaxed, not with --t-end`);
    }
  }
  const tol = positiveOption(args, "tol") ?? EVOLVE_CLI_DEFAULTS.tol;
  const maxTime = positiveOption(args, "max-time");
  const every = positiveOption(args, "every");
  const rtol = positiveOption(args, "rtol") ?? EVOLVE_CLI_DEFAULTS.rtol;
  const atol = positiveOption(args, "atol") ?? EVOLVE_CLI_DEFAULTS.atol;
  checkTolerances(rtol, atol);
  const end = tEnd ?? maxTime;
  const plot = args.options.get("plot");
  if (plot !== undefined && every !== undefined && end !== undefined && end / every > MAX_PLOT_SAMPLES) {
    throw new ParameterError(
      "--every",
      `>= ${tEnd !== undefined ? "--t-end" : "--max-time"} / ${MAX_PLOT_SAMPLES} = ${end / MAX_PLOT_SAMPLES} with --plot (the plot keeps at most ${MAX_PLOT_SAMPLES} samples)`,
      args.options.get("every"),
    );
  }
  if (plot !== undefined) checkPlotPath(plot);
  const plotWhatText = args.options.get("plot-what");
  if (plotWhatText !== undefined && plot === undefined) throw new UsageError("--plot-what goes with --plot");

  const params = modelParameters(model, modelOptions(args));
  model.checkEvolution?.(params, approach, { allowTruncation: args.switches.has("allow-truncation") });
  const generator = buildGenerator(model.build(params), { approach });
  const rho0 = initialState(args.options.get("initial"), model, params, generator);
  const plotWhat =
    plot === undefined ? undefined : parsePlotWhat(plotWhatText ?? DEFAULT_PLOT_WHAT, generator.dimension);
  const method = args.options.get("method") ?? "rk45";
  getIntegrator(method); // an unknown id is a usage error listing the registered ones
  const options: Partial<EvolveOptions> = {
    method,
    ...(every === undefined ? { steps: true } : { every }),
    ...(untilRelaxed ? { relaxationTolerance: tol, maxTime } : { tEnd }),
    rtol,
    atol,
    residual: true,
    ...(plotWhat?.pairs.length ? { elements: plotWhat.pairs } : {}),
  };
  return {
    model,
    generator,
    rho0,
    options,
    format,
    withRho,
    allLevels: args.switches.has("all"),
    tEnd,
    plot,
    plotWhat,
    params,
    quiet: args.switches.has("quiet"),
  };
}

/** --rtol <= MAX_RTOL, and not both tolerances below what double precision resolves. */
function checkTolerances(rtol: number, atol: number): void {
  if (rtol > MAX_RTOL) throw new ParameterError("--rtol", `<= ${MAX_RTOL} (a relative error of 100 %)`, rtol);
  if (rtol < MIN_TOLERANCE && atol < MIN_TOLERANCE) {
    throw new ParameterError(
      "--rtol and --atol",
      `at least one >= ${MIN_TOLERANCE} (machine epsilon): entries of rho are at most 1, so no step can be more accurate (got rtol = ${rtol}, atol = ${atol})`,
    );
  }
}

function parseFormat(raw: string | undefined): Format {
  if (raw === undefined) return "table";
  if (!(EVOLVE_FORMATS as readonly string[]).includes(raw))
    throw new UnknownIdError("format", raw, EVOLVE_FORMATS);
  return raw as Format;
}

/** The value of `--name` as a finite number > 0, or undefined when the option is absent. */
function positiveOption(args: ParsedArgs, name: string): number | undefined {
  const raw = args.options.get(name);
  if (raw === undefined) return undefined;
  const value = parseDecimal(raw);
  if (!(Number.isFinite(value) && value > 0))
    throw new ParameterError(`--${name}`, "a finite number > 0 in decimal notation", raw);
  return value;
}

/** The state selected by `--initial`, in the original basis of the model. */
function initialState(
  raw: string | undefined,
  model: Model,
  params: ReturnType<typeof modelParameters>,
  generator: Generator,
): Operator {
  const dims = generator.system.hamiltonian.dims;
  const d = generator.dimension;
  if (raw === undefined) return model.initialState(params);
  if (raw === "maximally-mixed") {
    return Operator.of(ComplexMatrix.diagonal(Array.from({ length: d }, () => 1 / d)), dims);
  }
  const level = raw === "ground" ? 1 : parseDecimal(raw);
  if (!(Number.isInteger(level) && level >= 1 && level <= d)) {
    throw new ParameterError("--initial", `ground, maximally-mixed, or an energy level 1..${d}`, raw);
  }
  const projector = ComplexMatrix.diagonal(Array.from({ length: d }, (_, k) => (k === level - 1 ? 1 : 0)));
  return Operator.of(fromEigenbasis(projector, generator.eigen), dims);
}

/** Formats samples as lines of one output format. */
interface SampleWriter {
  /** The numbers a line shows, by column name: t, p1..pd, J_X, residual. */
  quantities(sample: EvolutionSample): Record<string, number>;
  /** The line(s) before the first sample, if the format has any. */
  header(): string | undefined;
  line(sample: EvolutionSample): string;
}

/** Column width of the streamed table: fits num()'s longest form, "-1.23457e-10". */
const TABLE_COLUMN_WIDTH = 13;

function sampleWriter(plan: EvolvePlan): SampleWriter {
  const d = plan.generator.dimension;
  const baths = plan.generator.system.baths.map((b) => b.name);
  const levels = Array.from({ length: d }, (_, k) => k + 1);
  const rhoColumns = plan.withRho
    ? levels.flatMap((i) => levels.flatMap((j) => [`re_rho_${i}${j}`, `im_rho_${i}${j}`]))
    : [];
  const quantities = (s: EvolutionSample): Record<string, number> => ({
    t: s.t,
    ...Object.fromEntries(levels.map((k) => [`p${k}`, s.populations![k - 1]])),
    ...Object.fromEntries(baths.map((b) => [`J_${b}`, s.currents![b]])),
    residual: s.residual!,
  });
  const values = (s: EvolutionSample) => Object.values(quantities(s));
  const eigenRho = (s: EvolutionSample) => toEigenbasis(s.rho, plan.generator.eigen);
  switch (plan.format) {
    case "ndjson":
      return {
        quantities,
        header: () => undefined,
        line: (s) => {
          const rho = plan.withRho ? eigenRho(s) : undefined;
          return toJson(
            {
              t: s.t,
              populations: s.populations,
              currents: s.currents,
              residual: s.residual,
              ...(rho ? { rho: { basis: "eigen", re: rho.realParts(), im: rho.imagParts() } } : {}),
            },
            0,
          );
        },
      };
    case "csv":
      return {
        quantities,
        header: () =>
          ["t", ...levels.map((k) => `p${k}`), ...baths.map((b) => `J_${b}`), "residual", ...rhoColumns].join(
            ",",
          ),
        line: (s) => {
          const row = values(s);
          if (plan.withRho) {
            const rho = eigenRho(s);
            for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) row.push(rho.re(i, j), rho.im(i, j));
          }
          return row.map(csvNumber).join(",");
        },
      };
    case "table": {
      // A column per level up to SUMMARY_ROWS (all with --all), then one for the rest's sum.
      const shown = plan.allLevels || d <= SUMMARY_ROWS + 1 ? d : SUMMARY_ROWS;
      const rest = shown < d ? [`p${shown + 1}..p${d}`] : [];
      const names = [
        "t",
        ...levels.slice(0, shown).map((k) => `p${k}`),
        ...rest,
        ...baths.map((b) => `J_${b}`),
        "||L rho||",
      ];
      const tableValues = (s: EvolutionSample): number[] => {
        const p = s.populations!;
        let restSum = 0;
        for (let k = shown; k < d; k++) restSum += p[k];
        return [
          s.t,
          ...p.slice(0, shown),
          ...(rest.length ? [restSum] : []),
          ...baths.map((b) => s.currents![b]),
          s.residual!,
        ];
      };
      const populationsNote =
        shown < d
          ? `p = eigenbasis populations of the lowest ${shown} of ${d} levels and the sum of the rest (--all: every level)`
          : "p = eigenbasis populations";
      const cells = (row: readonly string[]) =>
        row
          .map((c) => c.padEnd(TABLE_COLUMN_WIDTH))
          .join(" ")
          .trimEnd();
      return {
        quantities,
        header: () =>
          [
            `${plan.model.id} (${plan.generator.approach} master equation); ${populationsNote}, J = heat current into the system`,
            cells(names),
            cells(names.map(() => "-".repeat(TABLE_COLUMN_WIDTH))),
          ].join("\n"),
        line: (s) => cells(tableValues(s).map((x) => num(x))),
      };
    }
  }
}

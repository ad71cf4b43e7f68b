import {
  APPROACHES,
  type Approach,
  type BathFluctuations,
  type ComplexMatrix,
  type FluctuationAudit,
  fluctuationAudit,
  type SecularValidity,
  UnknownIdError,
} from "@liouville/core";
import { getModel, type SteadyReport, steadyReport } from "@liouville/models-qubits";
import { type ParsedArgs, UsageError } from "../args";
import { cell, humanName, num, SUMMARY_ROWS, summarised, table, toJson } from "../format";
import type { CliIo } from "../io";
import { statusLine } from "../progress";

export const STEADY_HELP = `liouville steady <model> [--<param> <value>]... [--approach local|global|redfield] [--json]
        [--all] [--fluctuations] [--allow-truncation] [--quiet]

Solve the steady state of a model and print its populations, heat currents per bath
(J_X = Tr[H_S D_X(rho)], positive when bath X heats the system), entropy production
and, where the model has them, the closed forms of Fogedby (arXiv:2301.13544) beside the numbers.
When the second law is violated (sigma < 0), a line says why the approach allows it; when the
secular approximation of global is doubtful, another says so.

  --approach A   master equation: global (secular Davies, default), local, or redfield
  --json         one JSON document: model, approach, params, energies, populations, rho,
                 currents, channels, entropyProduction, residual, minEigenvalue, analytic,
                 secondLaw, positivity, secular, method, solve (and fluctuations with
                 --fluctuations)
  --all          every energy level and every channel in the tables (by default a long table
                 shows the ${SUMMARY_ROWS} lowest levels and the ${SUMMARY_ROWS} channels of largest |current|,
                 and one line for the rest); --json always has all of them
  --fluctuations the heat-current fluctuations of each bath (full counting statistics of the
                 jumps; local and global): noise Var(Q)/t, Fano factor noise/|J|, the
                 thermodynamic-uncertainty ratio noise sigma / (2 J^2) (>= 1 is the TUR; a
                 theorem when the populations follow a classical rate equation, beatable by
                 coherent transport) and, for two baths and d <= 16, the exchange fluctuation
                 theorem checked numerically
  --quiet        no progress line on stderr (shown only for solves longer than a second)
  --allow-truncation
                 accept a truncated Fock space (--nmax) whose top level holds more weight
                 than the model's threshold; the weight is reported either way
  --<param> V    a model parameter; see \`liouville models\` for names and defaults;
                 --spectrum and --cutoff set both baths at once

Examples:
  liouville steady single-qubit --TA 2 --TB 1
  liouville steady coupled-qubits --lambda 0.2 --spectrum ohmic --json`;

/** Significant digits of a solve's wall time: it varies from run to run in the second digit. */
const SECONDS_DIGITS = 2;

export function parseApproach(args: ParsedArgs): Approach | undefined {
  const a = args.options.get("approach");
  if (a === undefined) return undefined;
  if (!(APPROACHES as readonly string[]).includes(a)) throw new UnknownIdError("approach", a, APPROACHES);
  return a as Approach;
}

/** The model parameters of the command line (every `--name value` that is not an option). */
export function modelOptions(args: ParsedArgs): Record<string, string> {
  return Object.fromEntries(args.parameters);
}

export function runSteady(args: ParsedArgs, io: CliIo): number {
  const [id, ...extra] = args.positionals;
  if (id === undefined) throw new UsageError("steady needs a model id; run `liouville models` for the list");
  if (extra.length) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
  const model = getModel(id);
  const status = statusLine(io, { label: "steady", quiet: args.switches.has("quiet") });
  let report: SteadyReport;
  try {
    report = steadyReport(model, modelOptions(args), parseApproach(args), {
      allowTruncation: args.switches.has("allow-truncation"),
      onProgress: (stage, fraction) => status.update(stage, fraction),
    });
  } finally {
    status.finish();
  }
  const fluctuations = args.switches.has("fluctuations") ? steadyFluctuations(report) : undefined;
  io.out(
    args.switches.has("json")
      ? toJson({ ...steadyJson(report), ...(fluctuations ? { fluctuations } : {}) })
      : steadyText(report, args.switches.has("all"), fluctuations),
  );
  return 0;
}

/** The fluctuation audit of a report solved through a Lindblad generator (UsageError otherwise). */
function steadyFluctuations(r: SteadyReport): FluctuationAudit {
  if (!r.generator?.lindbladForm) {
    throw new UsageError(
      `--fluctuations needs the jumps of a Lindblad generator (local or global${r.generator ? "" : ", and for coupled-oscillators a Fock cutoff --nmax"}); ${r.approach} ${r.generator ? "has no jump unravelling" : "was solved without one"}`,
    );
  }
  return fluctuationAudit(r.generator);
}

/**
 * The JSON document of `steady --json` (the CLI's JSON contract). `energies`, `populations` and `rho`
 * are null when the model was solved without a finite basis (the oscillators' exact Gaussian
 * path). `entropyProduction` is null when it is infinite (heat into a bath at T = 0 is +Infinity,
 * heat out of one is -Infinity): `secondLaw` ("ok" | "violated") tells the two apart. `secondLaw`,
 * `positivity` ("ok" | "violated": rho has an eigenvalue below -POSITIVITY_TOLERANCE, possible
 * under Redfield; see `minEigenvalue`), `method`, `solve` (real unknowns solved for, the symmetry
 * sector, GMRES steps, seconds, the Liouvillian's storage), `analytic.noise` (closed-form noise of
 * each bath's heat current, where the model has it), `fluctuations` (with --fluctuations: the
 * `FluctuationAudit` of core, per bath current, noise, fano, turRatio, tur; turGuaranteed;
 * exchangeFluctuationTheorem), `secular` (global: the `SecularValidity` of core, verdict "ok" or
 * "doubtful" with smallestSplitting (null when no bath has two Bohr frequencies), largestRate,
 * largestMergedSplitting and factor; null for local
 * and redfield) and, where a model has them, `extras` are additions to the contract.
 */
export function steadyJson(r: SteadyReport) {
  return {
    model: r.model,
    approach: r.approach,
    params: r.params,
    energies: r.energies,
    populations: r.populations,
    rho: r.rhoEigen ? { basis: "eigen", re: r.rhoEigen.realParts(), im: r.rhoEigen.imagParts() } : null,
    currents: r.audit.currents,
    ...(r.approach === "global" ? { channels: r.channels } : {}),
    entropyProduction: r.audit.entropyProduction,
    residual: r.residual,
    minEigenvalue: r.audit.minEigenvalue,
    analytic: r.analytic
      ? {
          populations: r.analytic.populations,
          currents: r.analytic.currents,
          ...(r.analytic.noise ? { noise: r.analytic.noise } : {}),
        }
      : null,
    secondLaw: r.audit.secondLaw,
    positivity: r.audit.positivity,
    secular: r.audit.secular,
    method: r.method,
    solve: r.state
      ? {
          unknowns: r.state.unknowns,
          sector: r.state.sector,
          iterations: r.state.iterations,
          seconds: r.state.seconds,
          representation: r.generator?.representation ?? null,
        }
      : null,
    ...(r.extras ? { extras: r.extras } : {}),
  };
}

function steadyText(r: SteadyReport, all: boolean, fluctuations?: FluctuationAudit): string {
  const params = Object.entries(r.params)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");
  const a = r.analytic;
  const parts = [`${r.model} (${r.approach} master equation, ${r.method} solver)`, params];
  // Oscillators on the Fock path have energies but no closed-form populations.
  const closedPopulations = a !== null && a.populations.length > 0;
  if (r.energies && r.populations) {
    const pops = r.populations;
    const levels = summarised(
      r.energies.map((e, k) => ({ k, e })),
      all,
    );
    parts.push(
      "",
      table(
        ["level", "energy", "population", ...(closedPopulations ? ["closed form"] : [])],
        levels.shown.map(({ k, e }) => [
          String(k + 1),
          num(e),
          num(pops[k]),
          ...(closedPopulations ? [num(a.populations[k])] : []),
        ]),
      ),
    );
    if (levels.rest.length > 0) {
      const weight = levels.rest.reduce((sum, { k }) => sum + pops[k], 0);
      parts.push(
        `... ${levels.rest.length} more levels up to energy ${num(r.energies[r.energies.length - 1])}, population ${num(weight)} in all (--all lists them)`,
      );
    }
  }
  const baths = Object.keys(r.audit.currents);
  parts.push(
    "",
    table(
      ["bath", "heat current J (into system)", ...(a ? ["closed form"] : [])],
      baths.map((b) => [b, num(r.audit.currents[b]), ...(a ? [num(a.currents[b])] : [])]),
    ),
  );
  if (r.approach === "global" && r.channels.length > baths.length) {
    const channels = summarised(r.channels, all, (x, y) => Math.abs(y.current) - Math.abs(x.current));
    parts.push(
      "",
      table(
        ["bath", "Bohr frequency", "channel current"],
        channels.shown.map((c) => [c.bath, c.omega === null ? "-" : num(c.omega), num(c.current)]),
      ),
    );
    if (channels.rest.length > 0) {
      const largest = Math.max(...channels.rest.map((c) => Math.abs(c.current)));
      parts.push(
        `... ${channels.rest.length} more channels, each with |channel current| <= ${num(largest)} (--all lists them)`,
      );
    }
  }
  if (r.approach === "redfield" && r.rhoEigen) parts.push("", coherenceTable(r.rhoEigen));
  const extras = Object.entries(r.extras ?? {});
  if (extras.length > 0) parts.push("", ...extras.map(([k, v]) => `${humanName(k)}  ${cell(v)}`));
  const sigma = r.audit.entropyProduction;
  parts.push(
    "",
    `entropy production  ${num(sigma)}  (${r.audit.secondLaw === "ok" ? "second law holds" : "SECOND LAW VIOLATED"})`,
    `first-law residual  ${num(r.audit.firstLawResidual)}`,
    `residual  ${num(r.residual)}   min eigenvalue of rho  ${num(r.audit.minEigenvalue)}  (${
      r.audit.positivity === "ok" ? "a state" : "POSITIVITY VIOLATED: rho is not a state"
    })`,
  );
  const secondLaw = secondLawLine(r.approach, r.audit.secondLaw);
  if (secondLaw) parts.push(secondLaw);
  const secular = secularLine(r.audit.secular);
  if (secular) parts.push(secular);
  if (fluctuations) parts.push("", fluctuationText(fluctuations, r.analytic?.noise));
  if (r.state) {
    const s = r.state;
    const sector = s.sector
      ? `sector of ${s.sector.charges.join(" and ")}: ${s.sector.unknowns} of ${s.sector.fullUnknowns} real unknowns`
      : `${s.unknowns} real unknowns`;
    const steps = s.iterations > 0 ? `, ${s.iterations} GMRES steps` : "";
    parts.push(`solver  ${s.method}, ${sector}${steps}, ${num(s.seconds, { digits: SECONDS_DIGITS })} s`);
  }
  if (a) parts.push(`closed forms: ${a.source} of Fogedby, arXiv:2301.13544`);
  return parts.join("\n");
}

/**
 * Why the second law can fail under an approach, as one line of text when the audit found it
 * violated (nothing when it holds). The line points to the global approach by name rather than by
 * an option, so that it reads the same in `steady` and in `compare` (which has no --approach).
 */
export function secondLawLine(approach: Approach, secondLaw: "ok" | "violated"): string | undefined {
  if (secondLaw === "ok") return undefined;
  switch (approach) {
    case "local":
      return (
        "second law: the local master equation leaves the internal coupling out of its dissipators, " +
        "which can drive heat against the temperature gradient (Levy and Kosloff, EPL 107, 20004 (2014)); " +
        "the global approach includes it"
      );
    case "redfield":
      return (
        "second law: the Redfield equation is not of Lindblad form and can break it (and positivity) " +
        "when the coupling to the baths is too strong for second order; the global approach cannot"
      );
    case "global":
      return (
        "second law: unexpected for the global (Davies) generator, which obeys it (Spohn, J. Math. Phys. " +
        "19, 1227 (1978)): the solve is not accurate enough to show the sign of sigma (see the residual)"
      );
  }
}

/**
 * The secular approximation's verdict as one line of text when it is doubtful (nothing when it
 * holds or does not apply): the smallest Bohr splitting against the largest rate, and the remedy.
 */
export function secularLine(secular: SecularValidity | null): string | undefined {
  if (secular?.verdict !== "doubtful") return undefined;
  const merged = secular.largestMergedSplitting * secular.factor > secular.largestRate;
  const cause = merged
    ? `Bohr frequencies ${num(secular.largestMergedSplitting)} apart are merged, not small beside`
    : `two Bohr frequencies of a bath are ${num(secular.smallestSplitting)} apart, not ${secular.factor} times`;
  return `secular approximation DOUBTFUL: ${cause} the largest rate ${num(secular.largestRate)}; the redfield approach does not make this approximation`;
}

/** The fluctuation section of `steady --fluctuations`. */
function fluctuationText(f: FluctuationAudit, closedNoise?: Readonly<Record<string, number>>): string {
  const lines = [
    table(
      [
        "bath",
        "counted current",
        "noise Var(Q)/t",
        ...(closedNoise ? ["closed form"] : []),
        "Fano factor",
        "TUR ratio",
      ],
      f.baths.map((b) => [
        b.bath,
        num(b.current),
        num(b.noise),
        ...(closedNoise ? [num(closedNoise[b.bath])] : []),
        num(b.fano),
        turCell(b, f.turGuaranteed),
      ]),
    ),
    `TUR: ${f.turGuaranteed ? "guaranteed (the populations follow a classical rate equation)" : "not guaranteed (coherences can beat it)"}`,
  ];
  if (f.exchangeFluctuationTheorem) lines.push(fluctuationTheoremLine(f.exchangeFluctuationTheorem));
  return lines.join("\n");
}

/** A bath's TUR ratio with its verdict; below 1 is an error only where the TUR is a theorem. */
export function turCell(b: BathFluctuations, guaranteed: boolean): string {
  const verdict = b.tur === "holds" ? "holds" : guaranteed ? "VIOLATED" : "below 1: coherent transport";
  return `${num(b.turRatio)} (${verdict})`;
}

/** The exchange fluctuation theorem's verdict line; a failure is an error only where it is guaranteed. */
export function fluctuationTheoremLine(
  ft: NonNullable<FluctuationAudit["exchangeFluctuationTheorem"]>,
): string {
  const verdict =
    ft.verdict === "holds"
      ? "holds"
      : ft.guaranteed
        ? "VIOLATED"
        : "fails (allowed: the local jumps count local quanta, not changes of H_S's energy)";
  return `exchange fluctuation theorem  ${verdict} (relative deviation ${num(ft.deviation)})`;
}

/** The largest coherences |rho_pq| (p < q) of an eigenbasis density matrix, 1-based like the paper. */
function coherenceTable(rho: ComplexMatrix, count = 4): string {
  const entries: { p: number; q: number; re: number; im: number }[] = [];
  for (let p = 0; p < rho.rows; p++) {
    for (let q = p + 1; q < rho.rows; q++) entries.push({ p, q, re: rho.re(p, q), im: rho.im(p, q) });
  }
  entries.sort((x, y) => Math.hypot(y.re, y.im) - Math.hypot(x.re, x.im));
  return table(
    ["coherence", "Re", "Im", "|rho_pq|"],
    entries
      .slice(0, count)
      .map((e) => [`rho_${e.p + 1}${e.q + 1}`, num(e.re), num(e.im), num(Math.hypot(e.re, e.im))]),
  );
}

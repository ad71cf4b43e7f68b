import {
  type BathFluctuations,
  type FluctuationAudit,
  fluctuationAudit,
  type Generator,
  TiltedEigenvalue,
} from "@liouville/core";
import { getModel, parseDecimal, steadyReport } from "@liouville/models-qubits";
import { type ParsedArgs, UsageError } from "../args";
import { num, table, toJson } from "../format";
import type { CliIo } from "../io";
import { cgfSpec, checkPlotPath, closedFormLabel, writePlot } from "../plot";
import { fluctuationTheoremLine, modelOptions, parseApproach, turCell } from "./steady";
import { axisValue } from "./sweep";

export const FLUCTUATIONS_HELP = `liouville fluctuations <model> [--<param> <value>]... [--approach local|global] [--bath X]
        [--cgf FROM:TO:COUNT] [--plot FILE.svg|FILE.png] [--json] [--allow-truncation] [--quiet]

Full counting statistics of the heat exchanged with each bath at steady state: the heat Q_X
counted into the system by the jumps of the Lindblad generator (each jump moves +omega or
-omega; omega the Bohr frequency under global, the local frequency under local). Prints, per
bath, the counted mean current c1 beside J_X = Tr[H_S D_X(rho)] (equal under global; under local
they differ, the local master equation's energy bookkeeping), the noise c2 = Var(Q_X)/t, the
skewness rate c3, the Fano factor c2/|c1|, and the thermodynamic-uncertainty ratio
c2 sigma / (2 c1^2) (the TUR says >= 1: a theorem when the populations follow a classical rate
equation, beatable by coherent transport); for two baths and d <= 16 the exchange fluctuation
theorem theta_A(chi) = theta_A(-chi + i (1/T_B - 1/T_A)), checked numerically. The cumulants are
exact derivatives of the scaled cumulant generating function (no finite differences). Redfield has
no jump unravelling; coupled-oscillators needs a Fock cutoff (--nmax).

  --approach A   local or global (default: the model's first)
  --bath X       one bath only (default: every bath)
  --cgf F:T:N    tabulate theta(s) = lim (1/t) ln <exp(s Q_X)> at N values of s from F to T (the
                 moment-generating counting field; theta(chi) at chi = -i s), d <= 16
  --plot FILE    draw theta(s) (needs --cgf): SVG for FILE.svg, PNG for FILE.png; the closed form
                 dashed over it where the model has one (single-qubit), axes in units of
                 hbar = k_B = 1, the fixed parameters in the subtitle
  --json         one JSON document: model, approach, params, entropyProduction, turGuaranteed,
                 exchangeFluctuationTheorem (null when not checked), baths (bath, cumulants,
                 current, heatCurrent, noise, fano, turRatio, tur) and, with --cgf, cgf (bath,
                 s, theta)
  --<param> V    a model parameter; see \`liouville models\`

Examples:
  liouville fluctuations single-qubit --TA 2 --TB 0.5
  liouville fluctuations coupled-qubits --approach local --lambda 0.2
  liouville fluctuations coupled-qubits --bath A --cgf -2:2:41 --plot cgf.svg`;

/** Cumulant rates printed and put in the JSON: mean, noise, skewness. */
const CUMULANT_ORDER = 3;

export async function runFluctuations(args: ParsedArgs, io: CliIo): Promise<number> {
  const [id, ...extra] = args.positionals;
  if (id === undefined)
    throw new UsageError("fluctuations needs a model id; run `liouville models` for the list");
  if (extra.length) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
  const cgfText = args.options.get("cgf");
  const axis = cgfText === undefined ? undefined : parseCgf(cgfText);
  const plot = args.options.get("plot");
  if (plot !== undefined) {
    if (axis === undefined) throw new UsageError("--plot draws theta(s): give --cgf FROM:TO:COUNT");
    checkPlotPath(plot);
  }
  const model = getModel(id);
  const report = steadyReport(model, modelOptions(args), parseApproach(args), {
    allowTruncation: args.switches.has("allow-truncation"),
  });
  const generator = report.generator;
  if (!generator?.lindbladForm) {
    throw new UsageError(
      generator
        ? `fluctuations needs the jumps of a Lindblad generator (--approach local or global); ${report.approach} has no jump unravelling`
        : `fluctuations needs a finite generator: ${id} was solved without one (give a Fock cutoff --nmax)`,
    );
  }
  const bathNames = generator.system.baths.map((b) => b.name);
  const only = args.options.get("bath");
  if (only !== undefined && !bathNames.includes(only)) {
    throw new UsageError(`--bath must be one of ${bathNames.join(", ")} (got ${JSON.stringify(only)})`);
  }
  const audit = fluctuationAudit(generator, { order: CUMULANT_ORDER });
  const chosen = only === undefined ? bathNames : [only];
  const stats = audit.baths.filter((b) => chosen.includes(b.bath));
  const cgf = axis ? chosen.map((b) => tabulate(generator, b, axis)) : [];
  if (args.switches.has("json")) {
    io.out(
      toJson({
        model: report.model,
        approach: report.approach,
        params: report.params,
        entropyProduction: audit.entropyProduction,
        turGuaranteed: audit.turGuaranteed,
        exchangeFluctuationTheorem: audit.exchangeFluctuationTheorem,
        baths: stats,
        ...(axis ? { cgf } : {}),
      }),
    );
  } else {
    io.out(fluctuationsText(report.model, report.approach, report.params, stats, audit, cgf));
  }
  if (plot !== undefined) {
    const scgf = report.analytic?.scgf;
    const spec = cgfSpec({
      model: report.model,
      approach: report.approach,
      params: report.params,
      curves: cgf.map((c) => {
        const closed = scgf?.[c.bath];
        return { ...c, ...(closed ? { closedForm: c.s.map(closed) } : {}) };
      }),
      closedFormLabel: closedFormLabel(report.analytic?.source),
    });
    await writePlot(plot, spec, io, args.switches.has("quiet"));
  }
  return 0;
}

/** theta(s) at the points of the axis, continued from s = 0. */
function tabulate(generator: Generator, bath: string, axis: CgfAxis) {
  const tilted = new TiltedEigenvalue(generator, bath);
  const s = Array.from({ length: axis.count }, (_, k) => axisValue(axis, k));
  return { bath, s, theta: s.map((x) => tilted.at({ re: 0, im: -x }).re) };
}

interface CgfAxis {
  readonly name: string;
  readonly from: number;
  readonly to: number;
  readonly count: number;
}

/** Largest number of points of --cgf (each costs a continuation of the tilted eigenvalue). */
const MAX_CGF_POINTS = 1000;

function parseCgf(text: string): CgfAxis {
  const m = /^([^:]+):([^:]+):([^:]+)$/.exec(text);
  if (!m) throw new UsageError(`--cgf must look like FROM:TO:COUNT (got ${JSON.stringify(text)})`);
  const [from, to, count] = [m[1], m[2], m[3]].map(parseDecimal);
  if (!Number.isFinite(from) || !Number.isFinite(to)) {
    throw new UsageError(
      `--cgf: FROM and TO must be finite numbers in decimal notation (got ${m[1]}, ${m[2]})`,
    );
  }
  if (!Number.isInteger(count) || count < 1 || count > MAX_CGF_POINTS) {
    throw new UsageError(`--cgf: COUNT must be an integer in [1, ${MAX_CGF_POINTS}] (got ${m[3]})`);
  }
  return { name: "s", from, to, count };
}

function fluctuationsText(
  model: string,
  approach: string,
  params: Readonly<Record<string, unknown>>,
  stats: readonly BathFluctuations[],
  audit: FluctuationAudit,
  cgf: readonly { bath: string; s: number[]; theta: number[] }[],
): string {
  const parts = [
    `${model} (${approach} master equation): heat-current fluctuations`,
    Object.entries(params)
      .map(([k, v]) => `${k}=${v}`)
      .join(" "),
    "",
    table(
      [
        "bath",
        "counted current c1",
        "J = Tr[H D rho]",
        "noise c2",
        "skewness c3",
        "Fano c2/|c1|",
        "TUR ratio",
      ],
      stats.map((s) => [
        s.bath,
        num(s.current),
        num(s.heatCurrent),
        num(s.noise),
        num(s.cumulants[2]),
        num(s.fano),
        turCell(s, audit.turGuaranteed),
      ]),
    ),
    "",
    `TUR (c2 sigma / (2 c1^2) >= 1): ${audit.turGuaranteed ? "guaranteed: the populations follow a classical rate equation" : "not guaranteed: coherences can beat it"}`,
    `entropy production of the counted currents  ${num(audit.entropyProduction)}`,
  ];
  const ft = audit.exchangeFluctuationTheorem;
  parts.push(
    ft
      ? fluctuationTheoremLine(ft)
      : "exchange fluctuation theorem  not checked (it needs two baths at T > 0, d <= 16 and |1/T_B - 1/T_A| omega <= 30)",
  );
  for (const c of cgf) {
    parts.push(
      "",
      table(
        ["s", `theta_${c.bath}(s)`],
        c.s.map((x, k) => [num(x), num(c.theta[k])]),
      ),
    );
  }
  parts.push("", "Units: hbar = k_B = 1; c_n in energy^n per time; s in 1/energy; theta in 1/time.");
  return parts.join("\n");
}

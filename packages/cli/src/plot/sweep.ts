import type { ParameterSpec, ParamValues } from "@liouville/models-qubits";
import type { TopLevelSpec } from "vega-lite";
import {
  curveLayers,
  DASH_LEGEND,
  finitePoints,
  PANEL_SIZE_DEFAULTS,
  type Spec,
  STACKED_PANEL_SIZE,
  topLevel,
  VIOLATION_LABEL,
  violationBands,
  violationLayers,
  zeroRule,
} from "./layers";
import {
  CURRENT_TITLE,
  DASH,
  ENTROPY_PRODUCTION_TITLE,
  FACET_WIDTH,
  MAX_CATEGORIES,
  PANEL_HEIGHT,
  parameterTitle,
  parameterUnit,
  SEQUENTIAL_SCHEME,
  subtitle,
} from "./style";

/** One point of a sweep, as the plot needs it. */
export interface SweepPlotRow {
  /** The varied parameters' values, in the order of the axes. */
  readonly values: readonly number[];
  readonly currents: Readonly<Record<string, number>>;
  readonly entropyProduction: number;
  readonly secondLaw: string;
  /** The model's closed-form currents at this point, where it has them. */
  readonly closedForm?: Readonly<Record<string, number>>;
}

/** What a sweep plot shows. */
export interface SweepPlotInput {
  readonly model: string;
  readonly approach: string;
  /** The resolved parameters of the first point (the fixed ones are stated in the subtitle). */
  readonly params: ParamValues;
  /** The model's parameter specs (for the axes' descriptions and units). */
  readonly specs: readonly ParameterSpec[];
  /** Names of the varied parameters: one or two. */
  readonly varied: readonly string[];
  readonly baths: readonly string[];
  /** The points, row-major (the last varied parameter changes fastest). */
  readonly rows: readonly SweepPlotRow[];
  /** Where the closed forms come from (the model's `analytic.source`). */
  readonly closedFormSource?: string;
}

/** The spec of a sweep's plot: one varied parameter (sweepLineSpec) or two (sweepGridSpec). */
export function sweepSpec(input: SweepPlotInput): TopLevelSpec {
  return input.varied.length === 1 ? sweepLineSpec(input) : sweepGridSpec(input);
}

const title = (input: SweepPlotInput) =>
  `${input.model}: steady heat currents (${input.approach} master equation)`;

/** Whether every point has the closed form (overlaid only then). */
function closedForms(input: SweepPlotInput): boolean {
  return input.rows.every((r) => r.closedForm !== undefined);
}

/** The equation numbers at the start of a model's `analytic.source` ("eqs. (3.46)-(3.57)"). */
const EQUATIONS = /^eqs?\. \([^)]*\)(-\([^)]*\))?/;

/** Legend text of the closed forms: "closed form, Fogedby eqs. (3.46)-(3.57)". */
export function closedFormLabel(source: string | undefined): string {
  const equations = source === undefined ? null : EQUATIONS.exec(source);
  return `closed form${equations ? `, Fogedby ${equations[0]}` : ""}`;
}

const closedLabel = (input: SweepPlotInput) => closedFormLabel(input.closedFormSource);

/**
 * One varied parameter: the currents against it (closed forms dashed over them), above the
 * entropy production; both panels shaded where the second law is violated.
 */
export function sweepLineSpec(input: SweepPlotInput): TopLevelSpec {
  const name = input.varied[0];
  const xs = input.rows.map((r) => r.values[0]);
  const xTitle = parameterTitle(name, input.specs, input.params);
  const curves = (pick: (r: SweepPlotRow) => Readonly<Record<string, number>>) =>
    input.rows.flatMap((r) => input.baths.map((b) => ({ x: r.values[0], y: pick(r)[b], curve: `J_${b}` })));
  const bands = violationBands(
    xs,
    input.rows.map((r) => r.secondLaw === "violated"),
  );
  const reference = closedForms(input)
    ? {
        label: closedLabel(input),
        computedLabel: `computed (${input.approach})`,
        points: curves((r) => r.closedForm!),
      }
    : undefined;
  const currents: Spec = {
    ...PANEL_SIZE_DEFAULTS,
    layer: [
      ...violationLayers(bands),
      zeroRule(),
      ...curveLayers({
        xTitle,
        yTitle: CURRENT_TITLE,
        curves: curves((r) => r.currents),
        names: input.baths.map((b) => `J_${b}`),
        markers: true,
        legendTitle: "bath",
        reference,
      }),
    ],
  };
  const sigma: Spec = {
    ...STACKED_PANEL_SIZE,
    layer: [
      ...violationLayers(bands),
      zeroRule(),
      {
        data: {
          values: finitePoints(
            input.rows.map((r) => ({ x: r.values[0], y: r.entropyProduction, curve: "sigma" })),
          ),
        },
        mark: { type: "line", color: "#222", strokeWidth: 2, point: { size: 22, color: "#222" } },
        encoding: {
          x: { field: "x", type: "quantitative", title: xTitle, scale: { zero: false, nice: false } },
          y: { field: "y", type: "quantitative", title: ENTROPY_PRODUCTION_TITLE },
        },
      },
    ],
  };
  const verdict =
    bands.length > 0
      ? [
          `shaded: the second law is violated (sigma < 0) at ${violatedCount(input)} of ${input.rows.length} points`,
        ]
      : [];
  return topLevel(
    title(input),
    subtitle(input.params, { approach: input.approach, varied: input.varied, extra: verdict }),
    {
      vconcat: [currents, sigma],
      spacing: 18,
      resolve: { scale: { x: "shared" } },
    },
  );
}

function violatedCount(input: SweepPlotInput): number {
  return input.rows.filter((r) => r.secondLaw === "violated").length;
}

/**
 * Most values of the second parameter with a legend entry each and rings of decreasing size
 * (so that coinciding curves show as concentric rings); more get a colour gradient.
 */
const MAX_LISTED_VALUES = MAX_CATEGORIES;

/**
 * Two varied parameters: small multiples, one panel per bath, with the current against the first
 * parameter and one curve per value of the second, coloured along a sequential scheme. Markers
 * shrink as the second parameter grows, so curves that coincide show as concentric rings instead
 * of hiding each other; closed forms are thin dark dashes; crosses mark points where the second
 * law is violated.
 */
export function sweepGridSpec(input: SweepPlotInput): TopLevelSpec {
  const [first, second] = input.varied;
  const values = [...new Set(input.rows.map((r) => r.values[1]))];
  const listed = values.length <= MAX_LISTED_VALUES;
  const secondTitle = `${second} (${parameterUnit(second, input.specs, input.params)})`;
  const hasClosedForm = closedForms(input);
  const data = input.rows.flatMap((r) =>
    input.baths.map((b) => ({
      x: r.values[0],
      v: r.values[1],
      y: r.currents[b],
      bath: `J_${b}`,
      violated: r.secondLaw === "violated",
      ...(hasClosedForm ? { closed: r.closedForm![b] } : {}),
    })),
  );
  const x = {
    field: "x",
    type: "quantitative",
    title: parameterTitle(first, input.specs, input.params),
    scale: { zero: false, nice: false },
  };
  const y = { field: "y", type: "quantitative", title: CURRENT_TITLE };
  const color = listed
    ? {
        field: "v",
        type: "ordinal",
        scale: { scheme: SEQUENTIAL_SCHEME },
        legend: { title: secondTitle, labelExpr: "format(datum.value, '~g')" },
      }
    : {
        field: "v",
        type: "quantitative",
        scale: { scheme: SEQUENTIAL_SCHEME },
        legend: { title: secondTitle, gradientLength: 200 },
      };
  // Lines, then the closed forms' dashes over them, then the markers on top (largest first).
  const layers: Spec[] = [
    {
      mark: { type: "line", strokeWidth: 3 },
      encoding: { x, y, color, detail: { field: "v", type: "quantitative" } },
    },
  ];
  if (hasClosedForm) {
    layers.push({
      mark: { type: "line", strokeWidth: 1, color: "#111", opacity: 0.6, strokeDash: [...DASH] },
      encoding: {
        x,
        y: { field: "closed", type: "quantitative" },
        detail: { field: "v", type: "quantitative" },
        strokeDash: { datum: closedLabel(input), scale: { range: [[...DASH]] }, legend: DASH_LEGEND },
      },
    });
  }
  layers.push({
    mark: { type: "point", filled: true, opacity: 1, stroke: "white", strokeWidth: 0.8 },
    encoding: {
      x,
      y,
      color,
      order: { field: "v", type: "quantitative", sort: "ascending" },
      ...(listed
        ? {
            size: {
              field: "v",
              type: "ordinal",
              scale: { range: [130, 22] },
              legend: { title: secondTitle },
            },
          }
        : { size: { value: 24 } }),
    },
  });
  if (data.some((d) => d.violated)) {
    layers.push({
      transform: [{ filter: "datum.violated" }],
      mark: { type: "point", shape: "cross", angle: 45, size: 120, strokeWidth: 2 },
      encoding: {
        x,
        y,
        stroke: {
          datum: VIOLATION_LABEL,
          scale: { domain: [VIOLATION_LABEL], range: ["#c0392b"] },
          legend: { title: null },
        },
      },
    });
  }
  return topLevel(title(input), subtitle(input.params, { approach: input.approach, varied: input.varied }), {
    data: { values: data },
    facet: { column: { field: "bath", type: "nominal", title: null, header: { labelFontSize: 14 } } },
    spec: { width: FACET_WIDTH, height: PANEL_HEIGHT, layer: [zeroRule(), ...layers] },
    resolve: { scale: { y: "shared" } },
  });
}

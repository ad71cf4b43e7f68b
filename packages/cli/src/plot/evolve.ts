import type { ParamValues } from "@liouville/models-qubits";
import type { TopLevelSpec } from "vega-lite";
import { type CurvePoint, curveLayers, type Spec, STACKED_PANEL_SIZE, topLevel, zeroRule } from "./layers";
import { CURRENT_TITLE, DASH, subtitle, TIME_TITLE } from "./style";

/** What an evolve plot can draw, one panel each, in this order. */
export const EVOLVE_PLOT_KINDS = ["populations", "currents", "coherences"] as const;
/** A panel of the evolve plot. */
export type EvolvePlotKind = (typeof EVOLVE_PLOT_KINDS)[number];

/** One curve of an evolve panel: its values at the sample times, and where it relaxes to. */
export interface EvolveCurve {
  readonly name: string;
  readonly values: readonly number[];
  /** The steady-state value, drawn as a dashed horizontal asymptote. */
  readonly steady: number;
}

/** One panel: what it shows and its curves. */
export interface EvolvePanel {
  readonly kind: EvolvePlotKind;
  readonly curves: readonly EvolveCurve[];
  /** A remark in the panel's axis title, e.g. that only the lowest levels are drawn. */
  readonly note?: string;
}

/** What an evolve plot shows. */
export interface EvolvePlotInput {
  readonly model: string;
  readonly approach: string;
  readonly params: ParamValues;
  /** The sample times, ascending. */
  readonly times: readonly number[];
  readonly panels: readonly EvolvePanel[];
}

/**
 * Most samples drawn per curve: a panel is about 560 pixels wide, so more points add file size
 * and render time but nothing visible; longer runs are thinned evenly (the last sample kept).
 */
export const MAX_DRAWN_SAMPLES = 2000;

const Y_TITLES: Readonly<Record<EvolvePlotKind, readonly string[]>> = {
  populations: ["population p_k of the k-th", "energy eigenstate"],
  currents: CURRENT_TITLE,
  coherences: ["coherence |rho_ij| in the", "energy eigenbasis"],
};

const LEGEND_TITLES: Readonly<Record<EvolvePlotKind, string>> = {
  populations: "level",
  currents: "bath",
  coherences: "coherence",
};

/**
 * The time evolution: one panel per kind (populations, heat currents, coherences) stacked over
 * a shared time axis, each curve with its steady value as a dashed asymptote in its colour.
 */
export function evolveSpec(input: EvolvePlotInput): TopLevelSpec {
  const kept = thinned(input.times.length);
  const panels = input.panels.map((panel, k): Spec => {
    const last = k === input.panels.length - 1;
    const curves: CurvePoint[] = panel.curves.flatMap((c) =>
      kept.map((i) => ({ x: input.times[i], y: c.values[i], curve: c.name })),
    );
    const names = panel.curves.map((c) => c.name);
    const yTitle = panel.note ? [...Y_TITLES[panel.kind], panel.note] : Y_TITLES[panel.kind];
    return {
      ...STACKED_PANEL_SIZE,
      layer: [
        ...(panel.kind === "currents" ? [zeroRule()] : []),
        ...curveLayers({
          xTitle: last ? TIME_TITLE : null,
          yTitle,
          curves,
          names,
          markers: false,
          legendTitle: LEGEND_TITLES[panel.kind],
        }),
        {
          data: { values: panel.curves.map((c) => ({ curve: c.name, y: c.steady })) },
          mark: { type: "rule", strokeDash: [...DASH], strokeWidth: 1.5 },
          encoding: {
            y: { field: "y", type: "quantitative" },
            color: { field: "curve", type: "nominal", scale: { domain: names } },
          },
        },
      ],
    };
  });
  return topLevel(
    `${input.model}: relaxation to the steady state (${input.approach} master equation)`,
    subtitle(input.params, {
      approach: input.approach,
      extra: ["dashed: the steady state of the same generator (steadyState), which each curve approaches"],
    }),
    {
      vconcat: panels,
      spacing: 14,
      resolve: { scale: { color: "independent" }, legend: { color: "independent" } },
    },
  );
}

/** Indices of the samples drawn: all, or MAX_DRAWN_SAMPLES evenly spaced ones ending at the last. */
function thinned(count: number): number[] {
  if (count <= MAX_DRAWN_SAMPLES) return Array.from({ length: count }, (_, i) => i);
  const step = (count - 1) / (MAX_DRAWN_SAMPLES - 1);
  return Array.from({ length: MAX_DRAWN_SAMPLES }, (_, k) => Math.round(k * step));
}

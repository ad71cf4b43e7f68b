import type { TopLevelSpec } from "vega-lite";
import {
  CATEGORY_SCHEME,
  DASH,
  PANEL_HEIGHT,
  PANEL_WIDTH,
  PLOT_CONFIG,
  STACKED_PANEL_HEIGHT,
  VIOLATION_FILL,
} from "./style";

// Building blocks shared by the spec builders: a panel of curves with an optional closed-form
// overlay, the y = 0 rule, the bands where the second law fails, and the top-level wrapper.

/** The legend of solid against dashed lines: long stroke symbols, so that the dashes show. */
export const DASH_LEGEND = {
  title: null,
  symbolStrokeColor: "#222",
  symbolType: "stroke",
  symbolSize: 500,
  symbolStrokeWidth: 1.8,
};

/** A Vega-Lite view or layer, built as plain data (the spec builders own its shape). */
export type Spec = Record<string, unknown>;

/** One point of a curve in the long form every panel plots: x, y and the curve's name. */
export interface CurvePoint {
  readonly x: number;
  readonly y: number;
  readonly curve: string;
}

/** The top-level spec: the title, the subtitle lines, the view(s), and the shared PLOT_CONFIG. */
export function topLevel(title: string, subtitleLines: readonly string[], body: Spec): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: title, subtitle: [...subtitleLines] },
    config: PLOT_CONFIG,
    ...body,
  } as TopLevelSpec;
}

/** Points with finite x and y only (an infinite sigma at T = 0 cannot be drawn). */
export function finitePoints<T extends CurvePoint>(points: readonly T[]): T[] {
  return points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
}

/** A horizontal rule at y = 0, the line the sign of a current or of sigma is read against. */
export function zeroRule(): Spec {
  return { mark: { type: "rule", color: "#777", strokeWidth: 1 }, encoding: { y: { datum: 0 } } };
}

/** What a panel of curves shows and how its axes are named. */
export interface CurvePanel {
  readonly xTitle: string | null;
  readonly yTitle: string | readonly string[];
  /** The computed curves, drawn as solid coloured lines. */
  readonly curves: readonly CurvePoint[];
  /** The order of the curves in the legend (and of the colours). */
  readonly names: readonly string[];
  /** Draw a marker at every computed point (a sweep's grid) or not (a dense time series). */
  readonly markers: boolean;
  /** The legend's title, or null for none. */
  readonly legendTitle: string | null;
  /**
   * Reference curves (closed forms) drawn as thin dark dashed lines over the computed ones: where
   * they agree, the dashes run along the coloured curve.
   */
  readonly reference?: {
    readonly label: string;
    readonly computedLabel: string;
    readonly points: readonly CurvePoint[];
  };
}

/** The layers of a curve panel (without its data-independent decorations). */
export function curveLayers(panel: CurvePanel): Spec[] {
  const x = { field: "x", type: "quantitative", title: panel.xTitle, scale: { zero: false, nice: false } };
  const color = {
    field: "curve",
    type: "nominal",
    scale: { domain: [...panel.names], scheme: CATEGORY_SCHEME },
    legend: panel.legendTitle === null ? null : { title: panel.legendTitle },
  };
  const ref = panel.reference;
  const dash = ref
    ? {
        scale: { domain: [ref.computedLabel, ref.label], range: [[1, 0], [...DASH]] },
        legend: DASH_LEGEND,
      }
    : undefined;
  const computed: Spec = {
    data: { values: finitePoints(panel.curves) },
    mark: {
      type: "line",
      strokeWidth: 3.5,
      opacity: 0.85,
      ...(panel.markers ? { point: { size: 26 } } : {}),
    },
    encoding: {
      x,
      y: { field: "y", type: "quantitative", title: panel.yTitle },
      color,
      ...(dash ? { strokeDash: { datum: ref!.computedLabel, ...dash } } : {}),
    },
  };
  const layers = [computed];
  if (ref && dash) {
    layers.push({
      data: { values: finitePoints(ref.points) },
      mark: { type: "line", strokeWidth: 1.6, color: "#222" },
      encoding: {
        x,
        y: { field: "y", type: "quantitative" },
        detail: { field: "curve", type: "nominal" },
        strokeDash: { datum: ref.label, ...dash },
      },
    });
  }
  return layers;
}

/** The size of a single panel. */
export const PANEL_SIZE_DEFAULTS = { width: PANEL_WIDTH, height: PANEL_HEIGHT } as const;
/** The size of each panel of a stack (evolve, the sweep's entropy production). */
export const STACKED_PANEL_SIZE = { width: PANEL_WIDTH, height: STACKED_PANEL_HEIGHT } as const;

/** An interval of x where the second law is violated. */
export interface Band {
  readonly x0: number;
  readonly x1: number;
}

/** Legend text of the violation bands. */
export const VIOLATION_LABEL = "sigma < 0: second law violated";

/**
 * Bands behind the curves over the x intervals where the second law is violated, with a legend
 * entry; none when there are no intervals.
 */
export function violationLayers(bands: readonly Band[]): Spec[] {
  if (bands.length === 0) return [];
  return [
    {
      data: { values: bands },
      mark: { type: "rect", opacity: 0.55 },
      encoding: {
        x: { field: "x0", type: "quantitative" },
        x2: { field: "x1" },
        fill: {
          datum: VIOLATION_LABEL,
          scale: { domain: [VIOLATION_LABEL], range: [VIOLATION_FILL] },
          legend: { title: null },
        },
      },
    },
  ];
}

/**
 * The intervals of x where `violated` holds, each reaching halfway to the neighbouring grid
 * points (a lone violated point gets a band one grid step wide); xs monotonic, either way.
 */
export function violationBands(xs: readonly number[], violated: readonly boolean[]): Band[] {
  const bands: Band[] = [];
  const edge = (k: number, side: -1 | 1) => {
    const neighbour = xs[k + side];
    return neighbour === undefined ? xs[k] : (xs[k] + neighbour) / 2;
  };
  for (let k = 0; k < xs.length; k++) {
    if (!violated[k]) continue;
    const start = k;
    while (k + 1 < xs.length && violated[k + 1]) k++;
    bands.push({ x0: edge(start, -1), x1: edge(k, 1) });
  }
  return bands;
}

import type { ParameterSpec, ParamValue, ParamValues } from "@liouville/models-qubits";

// Shared look and vocabulary of every plot: sizes, fonts, colours, the units of each quantity
// (hbar = k_B = 1) and the subtitle that states the fixed parameters.

/** Width of one plotting area in pixels (the image adds axes, legend and titles around it). */
export const PANEL_WIDTH = 560;
/** Height of a plot that has one panel. */
export const PANEL_HEIGHT = 320;
/** Height of each panel of a plot that stacks several (evolve, the sweep's sigma panel). */
export const STACKED_PANEL_HEIGHT = 200;
/** Width of each small multiple of the two-parameter sweep. */
export const FACET_WIDTH = 360;

/** Sans-serif fonts, first those resvg and browsers usually find (DejaVu Sans on Debian). */
const FONT = "DejaVu Sans, Helvetica, Arial, sans-serif";

/**
 * Colours of distinct categories (baths, levels): Vega's "tableau10", whose ten colours are told
 * apart in print and on a projector. No plot draws more categories than this (MAX_CATEGORIES), so
 * no colour is ever reused for a second curve of one panel.
 */
export const CATEGORY_SCHEME = "tableau10";
/** Most curves of distinct colour in one panel: the size of CATEGORY_SCHEME. */
export const MAX_CATEGORIES = 10;
/**
 * A numeric second parameter is coloured along viridis, a perceptually uniform sequential scheme,
 * stopped at 0.85 of its range: its last tenth is a pale yellow that vanishes on white.
 */
export const SEQUENTIAL_SCHEME = { name: "viridis", extent: [0, 0.85] } as const;
/** Fill of the bands where the second law is violated (sigma < 0): a light red behind the curves. */
export const VIOLATION_FILL = "#f6c3bd";
/** Dash pattern of closed forms and steady-state asymptotes: long dashes over the solid curves. */
export const DASH: readonly number[] = [7, 4];

/** The text under every title: the unit convention of all axes. */
export const UNITS_NOTE =
  "hbar = k_B = 1: energies, frequencies and temperatures in one energy unit, times in its inverse";

/**
 * Axis title of a heat current, on two lines (Vega sizes the layout by a title's extent, and a
 * rotated one-line title longer than its panel pushes the panels apart).
 */
export const CURRENT_TITLE = ["heat current J_X into the system", "(energy / time)"];
/** Axis title of the entropy production, on two lines. */
export const ENTROPY_PRODUCTION_TITLE = ["entropy production", "sigma = -sum_X J_X / T_X (1 / time)"];
/** Axis title of time. */
export const TIME_TITLE = "time t (1 / energy)";

/**
 * The Vega-Lite config shared by every plot: fonts and sizes readable on a slide, light grid,
 * legends and titles that do not crowd the panels.
 */
export const PLOT_CONFIG = {
  background: "white",
  font: FONT,
  padding: 12,
  view: { stroke: "#888" },
  title: { fontSize: 17, subtitleFontSize: 12, subtitleColor: "#444", anchor: "start", offset: 12 },
  axis: { labelFontSize: 12, titleFontSize: 13, titleFontWeight: "normal", gridColor: "#e6e6e6" },
  legend: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: "normal", labelLimit: 480 },
  header: { labelFontSize: 13, titleFontSize: 13 },
  line: { strokeWidth: 2 },
  point: { size: 28, filled: true },
} as const;

/** Longest line of a subtitle, in characters, before it wraps. */
const SUBTITLE_LINE = 96;

/**
 * The subtitle of a plot: the fixed parameters ("TB = 0.5, omega1 = 1.2, ...") and the approach,
 * wrapped into lines, then the unit convention. Parameters in `varied` are left out (they are on
 * an axis); an ohmic cutoff is left out when its bath's spectrum is flat (it plays no part).
 */
export function subtitle(
  params: ParamValues,
  opts: { approach: string; varied?: readonly string[]; extra?: readonly string[] },
): string[] {
  const varied = new Set(opts.varied ?? []);
  const items = Object.entries(params)
    .filter(([name]) => !varied.has(name) && !irrelevantCutoff(name, params))
    .map(([name, value]) => `${name} = ${formatValue(value)}`);
  items.push(`approach ${opts.approach}`);
  const lines: string[] = [];
  for (const item of items) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + item.length + 2 <= SUBTITLE_LINE) lines[last] += `, ${item}`;
    else lines.push(item);
  }
  return [...lines, ...(opts.extra ?? []), UNITS_NOTE];
}

function irrelevantCutoff(name: string, params: ParamValues): boolean {
  const m = /^cutoff([A-Z])$/.exec(name);
  return m !== null && params[`spectrum${m[1]}`] === "flat";
}

/** A parameter value as a reader wants it: numbers in at most 6 significant digits. */
export function formatValue(value: ParamValue): string {
  return typeof value === "number" ? String(Number(value.toPrecision(6))) : value;
}

/** Parameters measured in the energy unit (hbar = k_B = 1): temperatures, frequencies, couplings. */
const ENERGY_PARAMETER = /^(T[A-Z]?|omega\d*|lambda|J|Delta|cutoff[A-Z]?)$/;

/**
 * Axis title of a model parameter with its unit: "TA: temperature of bath A (energy)". A bath's
 * strength g is a rate (energy) for a flat spectrum and a number for an ohmic one (g w e^(-w/cutoff)).
 */
export function parameterTitle(name: string, specs: readonly ParameterSpec[], params: ParamValues): string {
  const spec = specs.find((s) => s.name === name);
  const what = spec ? `${name}: ${spec.description}` : name;
  return `${what} (${parameterUnit(name, specs, params)})`;
}

/** The unit of a model parameter: "energy", "dimensionless" or "integer" (see parameterTitle). */
export function parameterUnit(name: string, specs: readonly ParameterSpec[], params: ParamValues): string {
  const spec = specs.find((s) => s.name === name);
  if (ENERGY_PARAMETER.test(name)) return "energy";
  const strength = /^g([A-Z])$/.exec(name);
  if (strength) return params[`spectrum${strength[1]}`] === "ohmic" ? "dimensionless" : "energy";
  return spec?.kind === "integer" ? "integer" : "dimensionless";
}

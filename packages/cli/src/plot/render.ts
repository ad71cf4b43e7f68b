import type { TopLevelSpec } from "vega-lite";
import { textWidth } from "./text-width";

// Rendering, kept apart from the spec builders: Vega-Lite compiles a spec to Vega, Vega's
// headless View (renderer "none", no browser, no canvas) writes the SVG, resvg rasterises it
// for PNG. The libraries are loaded on first use (dynamic import) so that commands without
// --plot never pay their load time.

/** The part of Vega's text measurement (`vega.textMetrics`, not in its typings) set here. */
interface TextMetrics {
  width: (item: { fontSize?: number; fontWeight?: string | number; limit?: number }, text?: string) => number;
}

/** The smallest numeric CSS font weight that is bold (CSS Fonts: 700 is "bold"). */
const BOLD_WEIGHT = 600;

/** Vega's font size of a text item that sets none. */
const VEGA_DEFAULT_FONT_SIZE = 11;

/** The image formats --plot writes, by file extension. */
export const PLOT_FORMATS = ["svg", "png"] as const;
/** An image format of --plot. */
export type PlotFormat = (typeof PLOT_FORMATS)[number];

/**
 * Pixels of the PNG per SVG unit: 2, so that a plot stays sharp on a projector or a high-density
 * screen (a 700-unit-wide SVG becomes a 1400-pixel PNG).
 */
export const PNG_SCALE = 2;

/** Bounds of an item of Vega's scenegraph, in SVG units from the top left of the image. */
export interface Box {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** A rendered plot: the SVG text, its size, and the boxes of its legends (for the tests). */
export interface RenderedPlot {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
  /** Every legend's bounds in image coordinates. */
  readonly legends: readonly Box[];
}

/** Compile a Vega-Lite spec and render it to SVG. */
export async function renderSvg(spec: TopLevelSpec): Promise<RenderedPlot> {
  const [vega, vegaLite] = await Promise.all([import("vega"), import("vega-lite")]);
  // Vega calls a user-defined width with the text item and one line of its text; a text that
  // Vega truncates to the item's limit (with an ellipsis) is at most that wide.
  (vega as unknown as { textMetrics: TextMetrics }).textMetrics.width = (item, text) => {
    const bold = item.fontWeight === "bold" || Number(item.fontWeight) >= BOLD_WEIGHT;
    const width = textWidth(String(text ?? "").trim(), item.fontSize ?? VEGA_DEFAULT_FONT_SIZE, bold);
    return item.limit !== undefined && item.limit > 0 ? Math.min(width, item.limit) : width;
  };
  const compiled = vegaLite.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    const svg = await view.toSVG();
    const size = /^<svg[^>]* width="([\d.]+)" height="([\d.]+)"/.exec(svg);
    if (!size) throw new Error("Vega wrote an SVG without width and height");
    const [ox, oy] = view.origin();
    const legends: Box[] = [];
    collectLegends((view.scenegraph() as unknown as { root: SceneItem }).root, ox, oy, legends);
    return { svg, width: Number(size[1]), height: Number(size[2]), legends };
  } finally {
    view.finalize();
  }
}

/** The part of Vega's scenegraph the legend search walks (marks hold items, groups hold marks). */
interface SceneItem {
  readonly bounds?: Box;
  readonly role?: string;
  readonly marktype?: string;
  readonly x?: number;
  readonly y?: number;
  readonly items?: readonly SceneItem[];
}

/**
 * Walk the scenegraph and collect the bounds of every legend item in image coordinates. Marks
 * hold items; the items of a group mark hold marks of their own, positioned relative to the item
 * (at x, y in its parent); an item's bounds are in its mark's coordinates. The root sits at the
 * view's origin (the padding).
 */
function collectLegends(mark: SceneItem, dx: number, dy: number, out: Box[]): void {
  for (const item of mark.items ?? []) {
    if (mark.role === "legend") {
      if (item.bounds) out.push(shift(item.bounds, dx, dy));
    } else if (mark.marktype === "group") {
      for (const child of item.items ?? []) {
        collectLegends(child, dx + (item.x ?? 0), dy + (item.y ?? 0), out);
      }
    }
  }
}

function shift(b: Box, dx: number, dy: number): Box {
  return { x1: b.x1 + dx, y1: b.y1 + dy, x2: b.x2 + dx, y2: b.y2 + dy };
}

/** resvg's fonts: the system's, DejaVu Sans (Debian's default) where a family is not found. */
export const RESVG_FONTS = {
  loadSystemFonts: true,
  defaultFontFamily: "DejaVu Sans",
  sansSerifFamily: "DejaVu Sans",
};

/** Rasterise an SVG at PNG_SCALE with resvg (system fonts; DejaVu Sans on Debian). */
export async function svgToPng(svg: string): Promise<Buffer> {
  const { Resvg } = await import("@resvg/resvg-js");
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: PNG_SCALE },
    background: "white",
    font: RESVG_FONTS,
  });
  return resvg.render().asPng();
}

import { accessSync, constants, existsSync, statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { UsageError } from "./args";
import type { CliIo } from "./io";

/** One curve of a line chart. */
export interface Series {
  readonly name: string;
  readonly x: readonly number[];
  readonly y: readonly number[];
}

const WIDTH = 720;
const HEIGHT = 440;
const MARGIN = { left: 90, right: 150, top: 40, bottom: 60 };
const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf"];

/**
 * A self-contained SVG line chart (no dependencies): axes with "nice" ticks, one polyline per
 * series, a legend. Non-finite points are skipped.
 */
export function lineChart(opts: {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly Series[];
}): string {
  const pts = opts.series
    .flatMap((s) => s.x.map((x, k) => [x, s.y[k]] as const))
    .filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  const [x0, x1] = niceRange(pts.map((p) => p[0]));
  const [y0, y1] = niceRange(pts.map((p) => p[1]));
  const pw = WIDTH - MARGIN.left - MARGIN.right;
  const ph = HEIGHT - MARGIN.top - MARGIN.bottom;
  const sx = (x: number) => MARGIN.left + ((x - x0) / (x1 - x0)) * pw;
  const sy = (y: number) => MARGIN.top + ph - ((y - y0) / (y1 - y0)) * ph;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="15">${escapeXml(opts.title)}</text>`,
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${pw}" height="${ph}" fill="none" stroke="#333"/>`,
  ];
  for (const t of ticks(x0, x1)) {
    out.push(
      `<line x1="${sx(t)}" y1="${MARGIN.top + ph}" x2="${sx(t)}" y2="${MARGIN.top + ph + 5}" stroke="#333"/>`,
    );
    out.push(`<text x="${sx(t)}" y="${MARGIN.top + ph + 18}" text-anchor="middle">${label(t)}</text>`);
  }
  for (const t of ticks(y0, y1)) {
    out.push(
      `<line x1="${MARGIN.left - 5}" y1="${sy(t)}" x2="${MARGIN.left + pw}" y2="${sy(t)}" stroke="#ddd"/>`,
    );
    out.push(`<text x="${MARGIN.left - 8}" y="${sy(t) + 4}" text-anchor="end">${label(t)}</text>`);
  }
  if (y0 < 0 && y1 > 0)
    out.push(
      `<line x1="${MARGIN.left}" y1="${sy(0)}" x2="${MARGIN.left + pw}" y2="${sy(0)}" stroke="#888"/>`,
    );
  out.push(
    `<text x="${MARGIN.left + pw / 2}" y="${HEIGHT - 18}" text-anchor="middle">${escapeXml(opts.xLabel)}</text>`,
  );
  out.push(
    `<text x="20" y="${MARGIN.top + ph / 2}" text-anchor="middle" transform="rotate(-90 20 ${MARGIN.top + ph / 2})">${escapeXml(opts.yLabel)}</text>`,
  );
  opts.series.forEach((s, k) => {
    const color = COLORS[k % COLORS.length];
    const path = s.x
      .map((x, i) => [x, s.y[i]] as const)
      .filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y))
      .map(([x, y]) => `${sx(x).toFixed(2)},${sy(y).toFixed(2)}`)
      .join(" ");
    out.push(`<polyline points="${path}" fill="none" stroke="${color}" stroke-width="2"/>`);
    const ly = MARGIN.top + 16 + 18 * k;
    out.push(
      `<line x1="${WIDTH - MARGIN.right + 12}" y1="${ly - 4}" x2="${WIDTH - MARGIN.right + 36}" y2="${ly - 4}" stroke="${color}" stroke-width="2"/>`,
    );
    out.push(`<text x="${WIDTH - MARGIN.right + 42}" y="${ly}">${escapeXml(s.name)}</text>`);
  });
  out.push("</svg>");
  return out.join("\n");
}

function niceRange(values: number[]): [number, number] {
  if (values.length === 0) return [0, 1];
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const step = tickStep(lo, hi);
  return [Math.floor(lo / step) * step, Math.ceil(hi / step) * step];
}

function tickStep(lo: number, hi: number): number {
  const raw = (hi - lo) / 6;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const r = raw / mag;
  return (r < 1.5 ? 1 : r < 3 ? 2 : r < 7 ? 5 : 10) * mag;
}

function ticks(lo: number, hi: number): number[] {
  const step = tickStep(lo, hi);
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step)
    out.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  return out;
}

function label(t: number): string {
  const a = Math.abs(t);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? t.toExponential(1) : String(Number(t.toPrecision(6)));
}

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Check, before a long computation, that `--plot FILE` can be written: its directory exists and
 * is writable, and FILE is not a directory (nor an existing file that cannot be written).
 * Throws UsageError naming --plot otherwise.
 */
export function checkPlotPath(file: string): void {
  if (file === "") throw new UsageError("--plot needs a file name");
  const path = resolve(file);
  const dir = dirname(path);
  if (!(existsSync(dir) && statSync(dir).isDirectory())) {
    throw new UsageError(
      `--plot: directory ${JSON.stringify(dir)} of ${JSON.stringify(file)} does not exist`,
    );
  }
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new UsageError(`--plot: ${JSON.stringify(file)} is a directory; give a file name such as plot.svg`);
  }
  try {
    accessSync(existsSync(path) ? path : dir, constants.W_OK);
  } catch {
    throw new UsageError(`--plot: ${JSON.stringify(file)} cannot be written (no write permission)`);
  }
}

/** Write the SVG of `--plot` and say so on stderr (unless quiet). Failures name --plot (exit 2). */
export function writePlot(file: string, svg: string, io: CliIo, quiet: boolean): void {
  try {
    writeFileSync(file, svg);
  } catch (error) {
    throw new UsageError(
      `--plot: cannot write ${JSON.stringify(file)} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  if (!quiet) io.err(`liouville: wrote ${file}`);
}

import { accessSync, constants, existsSync, statSync, writeFileSync } from "node:fs";
import { dirname, extname, resolve } from "node:path";
import type { TopLevelSpec } from "vega-lite";
import { UsageError } from "../args";
import type { CliIo } from "../io";
import { PLOT_FORMATS, type PlotFormat, renderSvg, svgToPng } from "./render";

/**
 * The image format `--plot FILE` asks for, from FILE's extension (.svg or .png, any case).
 * Throws UsageError naming --plot for any other extension, so that the mistake shows before a
 * long run.
 */
export function plotFormat(file: string): PlotFormat {
  const ext = extname(file).slice(1).toLowerCase();
  if (!(PLOT_FORMATS as readonly string[]).includes(ext)) {
    throw new UsageError(
      `--plot: ${JSON.stringify(file)} must end in ${PLOT_FORMATS.map((f) => `.${f}`).join(" or ")} (the image format)`,
    );
  }
  return ext as PlotFormat;
}

/**
 * Check, before a long computation, that `--plot FILE` can be written: its extension names a
 * format (plotFormat), its directory exists and is writable, and FILE is not a directory (nor an
 * existing file that cannot be written). Throws UsageError naming --plot otherwise.
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
  plotFormat(file);
  try {
    accessSync(existsSync(path) ? path : dir, constants.W_OK);
  } catch {
    throw new UsageError(`--plot: ${JSON.stringify(file)} cannot be written (no write permission)`);
  }
}

/**
 * Render the plot and write it as SVG or PNG by FILE's extension, then say so on stderr (unless
 * quiet). Failures to write name --plot (exit 2).
 */
export async function writePlot(file: string, spec: TopLevelSpec, io: CliIo, quiet: boolean): Promise<void> {
  const format = plotFormat(file);
  const { svg } = await renderSvg(spec);
  const bytes = format === "png" ? await svgToPng(svg) : svg;
  try {
    writeFileSync(file, bytes);
  } catch (error) {
    throw new UsageError(
      `--plot: cannot write ${JSON.stringify(file)} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  if (!quiet) io.err(`liouville: wrote ${file}`);
}

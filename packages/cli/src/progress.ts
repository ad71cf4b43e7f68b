import type { CliIo } from "./io";

// A one-line progress bar on stderr for long runs (docs/conventions.md section 4): drawn only when stderr
// is a terminal and the command was not given --quiet, so that logs and pipes stay clean.

/** Least wall time between two redraws, in milliseconds (a redraw costs a terminal write). */
export const PROGRESS_REDRAW_MS = 100;

/** Cells of the bar between the brackets. */
const BAR_WIDTH = 30;

/** Carriage return, then "erase the whole line" (ANSI EL 2). */
const CLEAR_LINE = "\r\x1b[2K";

/** A progress bar: `update` as work is done, `clear` before other output, `finish` at the end. */
export interface Progress {
  /** Record `done` units of work out of the total; redraws at most every PROGRESS_REDRAW_MS. */
  update(done: number): void;
  /** Erase the bar if it is drawn (call before writing other lines to the terminal). */
  clear(): void;
  /** Erase the bar for good; later calls do nothing. */
  finish(): void;
}

/** Options of `progressBar`. */
export interface ProgressOptions {
  /** Text before the bar, e.g. "sweep" or "evolve". */
  readonly label: string;
  /** Work at completion (> 0): points of a sweep, the end time of an evolution. */
  readonly total: number;
  /** Formats the amount of work for the text after the bar. Default: String. */
  readonly format?: (amount: number) => string;
  /** The --quiet switch: no bar at all. */
  readonly quiet: boolean;
  /** Clock in milliseconds. Default: performance.now (tests pass their own). */
  readonly now?: () => number;
}

const SILENT: Progress = Object.freeze({ update() {}, clear() {}, finish() {} });

/**
 * A progress bar on stderr, `label [#########.........]  30% (done / total)`, redrawn in place,
 * or a silent one when stderr is not a terminal, --quiet is given, or `io` cannot write
 * without a newline.
 */
export function progressBar(io: CliIo, options: ProgressOptions): Progress {
  const write = io.errWrite;
  if (!io.errIsTty || options.quiet || write === undefined || !(options.total > 0)) return SILENT;
  const { label, total } = options;
  const format = options.format ?? String;
  const now = options.now ?? (() => performance.now());
  let drawn = false;
  let finished = false;
  let lastDraw = Number.NEGATIVE_INFINITY;
  const clear = () => {
    if (drawn) write(CLEAR_LINE);
    drawn = false;
  };
  return {
    update(done) {
      const time = now();
      if (finished || time - lastDraw < PROGRESS_REDRAW_MS) return;
      lastDraw = time;
      const fraction = Math.min(Math.max(done / total, 0), 1);
      const cells = Math.round(fraction * BAR_WIDTH);
      const percent = `${Math.floor(100 * fraction)}%`.padStart(4);
      write(
        `${CLEAR_LINE}${label} [${"#".repeat(cells)}${".".repeat(BAR_WIDTH - cells)}] ${percent} (${format(done)} / ${format(total)})`,
      );
      drawn = true;
    },
    clear,
    finish() {
      clear();
      finished = true;
    },
  };
}

/** A status line that appears only once a task has run this long (milliseconds). */
export const STATUS_DELAY_MS = 1000;

/** A one-line status on stderr for a task without a known total (e.g. a steady-state solve). */
export interface StatusLine {
  /** Show `text` (and a bar when `fraction` is given), from STATUS_DELAY_MS after creation on. */
  update(text: string, fraction?: number): void;
  /** Erase the line for good. */
  finish(): void;
}

/**
 * `label: stage [#####.....] 40%  12.3 s` on stderr, drawn only after STATUS_DELAY_MS, at most
 * every PROGRESS_REDRAW_MS, and only when stderr is a terminal and --quiet was not given.
 */
export function statusLine(
  io: CliIo,
  options: { label: string; quiet: boolean; now?: () => number },
): StatusLine {
  const write = io.errWrite;
  if (!io.errIsTty || options.quiet || write === undefined) return { update() {}, finish() {} };
  const now = options.now ?? (() => performance.now());
  const start = now();
  let lastDraw = Number.NEGATIVE_INFINITY;
  let drawn = false;
  let finished = false;
  return {
    update(text, fraction) {
      const time = now();
      if (finished || time - start < STATUS_DELAY_MS || time - lastDraw < PROGRESS_REDRAW_MS) return;
      lastDraw = time;
      let bar = "";
      if (fraction !== undefined) {
        const f = Math.min(Math.max(fraction, 0), 1);
        const cells = Math.round(f * BAR_WIDTH);
        bar = ` [${"#".repeat(cells)}${".".repeat(BAR_WIDTH - cells)}] ${Math.floor(100 * f)}%`;
      }
      write(`${CLEAR_LINE}${options.label}: ${text}${bar}  ${((time - start) / 1000).toFixed(1)} s`);
      drawn = true;
    },
    finish() {
      if (drawn) write(CLEAR_LINE);
      drawn = false;
      finished = true;
    },
  };
}

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

/** `[#####.....]  40%` for a fraction of the work done (clamped to [0, 1]). */
function bar(fraction: number): { cells: string; percent: number } {
  const f = Math.min(Math.max(fraction, 0), 1);
  const filled = Math.round(f * BAR_WIDTH);
  return { cells: `[${"#".repeat(filled)}${".".repeat(BAR_WIDTH - filled)}]`, percent: Math.floor(100 * f) };
}

/**
 * One line on stderr redrawn in place: `draw` writes a new text at most every
 * PROGRESS_REDRAW_MS and not before `delay` ms from creation; `clear` erases it; after `finish`
 * nothing is drawn again.
 */
function redrawnLine(write: (text: string) => void, now: () => number, delay: number) {
  const start = now();
  let drawn = false;
  let finished = false;
  let lastDraw = Number.NEGATIVE_INFINITY;
  const clear = () => {
    if (drawn) write(CLEAR_LINE);
    drawn = false;
  };
  return {
    start,
    /** Draw `text()` if due; the text is only built when it is drawn. */
    draw(text: (time: number) => string): void {
      const time = now();
      if (finished || time - start < delay || time - lastDraw < PROGRESS_REDRAW_MS) return;
      lastDraw = time;
      write(`${CLEAR_LINE}${text(time)}`);
      drawn = true;
    },
    clear,
    finish(): void {
      clear();
      finished = true;
    },
  };
}

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
  const line = redrawnLine(write, options.now ?? (() => performance.now()), 0);
  return {
    update(done) {
      line.draw(() => {
        const { cells, percent } = bar(done / total);
        return `${label} ${cells} ${`${percent}%`.padStart(4)} (${format(done)} / ${format(total)})`;
      });
    },
    clear: line.clear,
    finish: line.finish,
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
  const line = redrawnLine(write, options.now ?? (() => performance.now()), STATUS_DELAY_MS);
  return {
    update(text, fraction) {
      line.draw((time) => {
        const b = fraction === undefined ? null : bar(fraction);
        const shown = b ? ` ${b.cells} ${b.percent}%` : "";
        return `${options.label}: ${text}${shown}  ${((time - line.start) / 1000).toFixed(1)} s`;
      });
    },
    finish: line.finish,
  };
}

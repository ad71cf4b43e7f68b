/** Where a command writes. Tests pass collectors; bin.ts passes the process streams. */
export interface CliIo {
  /** Write `text` and a newline to standard output. */
  out(text: string): void;
  /** Write `text` and a newline to standard error. */
  err(text: string): void;
  /** True when stderr is a terminal (progress bars are shown only then). */
  readonly errIsTty: boolean;
  /**
   * Write to stderr as is, without a newline (a progress bar redraws its line with "\r").
   * Optional: without it no progress bar is drawn.
   */
  errWrite?(text: string): void;
  /**
   * True once the reader of stdout has gone away (`liouville ... | head`); `out` then discards
   * what it is given. Optional: without it stdout never closes. A streaming command stops early
   * when it sees this (see `evolve --help` for --plot).
   */
  outClosed?(): boolean;
}

/** Where a command writes. Tests pass collectors; bin.ts passes the process streams. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal (progress bars are shown only then). */
  readonly errIsTty: boolean;
}

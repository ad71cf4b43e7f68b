import { describe, expect, test } from "vitest";
import type { CliIo } from "./io";
import { PROGRESS_REDRAW_MS, progressBar, STATUS_DELAY_MS, statusLine } from "./progress";

// The progress bar: where it is drawn, how often, and that it leaves a clean line behind.

function terminal(isTty = true): { io: CliIo; written: string[] } {
  const written: string[] = [];
  return {
    io: { out: () => {}, err: () => {}, errIsTty: isTty, errWrite: (t) => written.push(t) },
    written,
  };
}

const CLEAR = "\r\x1b[2K";

describe("progressBar", () => {
  test("draws label, bar, percent and counts; redraws at most every PROGRESS_REDRAW_MS", () => {
    const { io, written } = terminal();
    let clock = 0;
    const bar = progressBar(io, { label: "sweep", total: 4, quiet: false, now: () => clock });
    bar.update(1);
    expect(written).toEqual([`${CLEAR}sweep [${"#".repeat(8)}${".".repeat(22)}]  25% (1 / 4)`]);
    clock += PROGRESS_REDRAW_MS / 2;
    bar.update(2); // too soon: skipped
    expect(written).toHaveLength(1);
    clock += PROGRESS_REDRAW_MS;
    bar.update(4);
    expect(written.at(-1)).toBe(`${CLEAR}sweep [${"#".repeat(30)}] 100% (4 / 4)`);
    bar.finish();
    expect(written.at(-1)).toBe(CLEAR);
    clock += 2 * PROGRESS_REDRAW_MS;
    bar.update(4); // after finish: nothing
    expect(written.at(-1)).toBe(CLEAR);
  });

  test("clear erases a drawn bar once, and only a drawn one", () => {
    const { io, written } = terminal();
    const bar = progressBar(io, { label: "evolve", total: 10, quiet: false, now: () => 0 });
    bar.clear();
    expect(written).toEqual([]);
    bar.update(5);
    bar.clear();
    bar.clear();
    expect(written.filter((w) => w === CLEAR)).toHaveLength(1);
  });

  test.each([
    ["stderr is not a terminal", terminal(false).io, false],
    ["--quiet", terminal().io, true],
    ["no raw stderr writer", { out: () => {}, err: () => {}, errIsTty: true } as CliIo, false],
  ] as const)("silent when %s", (_case, io: CliIo, quiet) => {
    const written: string[] = [];
    const spy: CliIo = { ...io, ...(io.errWrite ? { errWrite: (t: string) => written.push(t) } : {}) };
    const bar = progressBar(spy, { label: "x", total: 2, quiet });
    bar.update(1);
    bar.finish();
    expect(written).toEqual([]);
  });
});

describe("statusLine", () => {
  test("appears only after STATUS_DELAY_MS, with the stage, an optional bar and the time; finish erases it", () => {
    const { io, written } = terminal();
    let clock = 0;
    const line = statusLine(io, { label: "steady", quiet: false, now: () => clock });
    line.update("assembling");
    expect(written).toEqual([]); // a short task never shows a line
    clock = STATUS_DELAY_MS + 500;
    line.update("sparse LU", 0.4);
    expect(written).toEqual([`${CLEAR}steady: sparse LU [${"#".repeat(12)}${".".repeat(18)}] 40%  1.5 s`]);
    clock += PROGRESS_REDRAW_MS / 2;
    line.update("GMRES step 10"); // too soon: skipped
    expect(written).toHaveLength(1);
    clock += 1.5 * PROGRESS_REDRAW_MS; // 1.7 s after the start
    line.update("GMRES step 20");
    expect(written.at(-1)).toBe(`${CLEAR}steady: GMRES step 20  1.7 s`);
    line.finish();
    expect(written.at(-1)).toBe(CLEAR);
  });

  test("silent with --quiet", () => {
    const { io, written } = terminal();
    let clock = 0;
    const line = statusLine(io, { label: "steady", quiet: true, now: () => clock });
    clock = 10 * STATUS_DELAY_MS;
    line.update("assembling");
    line.finish();
    expect(written).toEqual([]);
  });
});

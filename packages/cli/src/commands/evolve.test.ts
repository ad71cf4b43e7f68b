import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { runCli } from "../cli";
import { num, SUMMARY_ROWS } from "../format";
import type { CliIo } from "../io";
import { PNG_SCALE } from "../plot/render";
import { drawnBox, inside, readPng, readSvg } from "../test-support/plot-files";
import { EVOLVE_CLI_DEFAULTS, MIN_TOLERANCE } from "./evolve";

/**
 * A state of the 4-level coupled qubits carried to the eigenbasis and back: four products with
 * unitary 4 x 4 matrices, each off by about d eps times the entries' scale (Higham, Accuracy and
 * Stability of Numerical Algorithms, section 3.5); 8 d eps is several times the error seen.
 */
const BASIS_CHANGE_ROUNDING = 8 * 4 * Number.EPSILON;

/** Rows of numbers equal to the expected ones within BASIS_CHANGE_ROUNDING. */
function expectRowsClose(actual: number[][], expected: number[][]): void {
  expect(actual).toHaveLength(expected.length);
  for (const [i, row] of expected.entries()) {
    expect(actual[i]).toHaveLength(row.length);
    for (const [j, x] of row.entries())
      expect(Math.abs(actual[i][j] - x)).toBeLessThanOrEqual(BASIS_CHANGE_ROUNDING);
  }
}

// `liouville evolve`: the streamed formats, relaxation, one-line errors, and a closed pipe.

interface Run {
  code: number;
  out: string[];
  err: string[];
}

async function run(...argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(...t.split("\n")), err: (t) => err.push(t), errIsTty: false };
  const code = await runCli(argv, io);
  return { code, out, err };
}

/**
 * Distance of the relaxed populations from the direct steady state: about tol / (slowest rate)
 * = 1e-9 / ~0.005 at the default g = 0.01 (measured: 2e-8).
 */
const RELAXED_POPULATIONS = 1e-6;

describe("liouville evolve", () => {
  test("--format ndjson --until-relaxed: one JSON object per sample, ending at the steady state", async () => {
    const r = await run("evolve", "coupled-qubits", "--format", "ndjson", "--until-relaxed", "--every", "20");
    expect(r.code).toBe(0);
    expect(r.err).toEqual([]);
    const samples = r.out.map((line) => JSON.parse(line));
    expect(samples.length).toBeGreaterThan(10);
    for (const s of samples) {
      expect(Object.keys(s)).toEqual(["t", "populations", "currents", "residual"]);
      expect(s.populations).toHaveLength(4);
      expect(Object.keys(s.currents)).toEqual(["A", "B"]);
    }
    const last = samples.at(-1);
    expect(last.residual).toBeLessThan(EVOLVE_CLI_DEFAULTS.tol);
    expect(samples.at(-2).residual).toBeGreaterThanOrEqual(EVOLVE_CLI_DEFAULTS.tol);
    const steady = JSON.parse((await run("steady", "coupled-qubits", "--json")).out.join("\n"));
    last.populations.forEach((p: number, k: number) => {
      expect(Math.abs(p - steady.populations[k])).toBeLessThan(RELAXED_POPULATIONS);
    });
    expect(last.currents.A).toBeCloseTo(steady.currents.A, 8);
  });

  test("--rho adds rho in the eigenbasis; --initial maximally-mixed starts at I/d", async () => {
    const r = await run(
      "evolve",
      "coupled-qubits",
      "--format",
      "ndjson",
      "--rho",
      "--t-end",
      "1",
      "--every",
      "1",
      "--initial",
      "maximally-mixed",
    );
    const [first, second] = r.out.map((line) => JSON.parse(line));
    expect(first.t).toBe(0);
    expect(second.t).toBe(1);
    expect(first.rho.basis).toBe("eigen");
    expectRowsClose(first.rho.re, [
      [0.25, 0, 0, 0],
      [0, 0.25, 0, 0],
      [0, 0, 0.25, 0],
      [0, 0, 0, 0.25],
    ]);
    expect(second.rho.im).toHaveLength(4);
  });

  test("--format csv --t-end: a header, then one row per sample up to t-end", async () => {
    const r = await run(
      "evolve",
      "coupled-qubits",
      "--approach",
      "redfield",
      "--format",
      "csv",
      "--t-end",
      "10",
      "--every",
      "2",
      "--initial",
      "3",
    );
    expect(r.code).toBe(0);
    const [header, ...rows] = r.out;
    expect(header).toBe("t,p1,p2,p3,p4,J_A,J_B,residual");
    expect(rows.map((row) => Number(row.split(",")[0]))).toEqual([0, 2, 4, 6, 8, 10]);
    expectRowsClose([rows[0].split(",").slice(1, 5).map(Number)], [[0, 0, 1, 0]]); // level 3
    for (const row of rows) expect(row.split(",")).toHaveLength(8);
  });

  test("the default table: a caption, column headers, aligned rows", async () => {
    const r = await run("evolve", "single-qubit", "--t-end", "4", "--every", "2");
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/single-qubit \(global master equation\)/);
    expect(r.out[1].split(/\s+/)).toEqual(["t", "p1", "p2", "J_A", "J_B", "||L", "rho||"]);
    expect(r.out.slice(3).map((line) => Number(line.split(/\s+/)[0]))).toEqual([0, 2, 4]);
  });

  test("a table of many levels: the lowest SUMMARY_ROWS and the sum of the rest (the csv's), every level with --all", async () => {
    const args = ["evolve", "spin-chain", "--n", "4", "--t-end", "2", "--every", "1"];
    const table = await run(...args);
    expect(table.code).toBe(0);
    expect(table.out[0]).toMatch(/lowest 12 of 16 levels and the sum of the rest \(--all: every level\)/);
    const levelColumns = Array.from({ length: SUMMARY_ROWS }, (_, k) => `p${k + 1}`);
    expect(table.out[1].split(/\s+/)).toEqual([
      "t",
      ...levelColumns,
      "p13..p16",
      "J_A",
      "J_B",
      "||L",
      "rho||",
    ]);
    const csv = await run(...args, "--format", "csv");
    const csvRows = csv.out.slice(1).map((line) => line.split(",").map(Number));
    const tableRows = table.out.slice(3).map((line) => line.split(/\s+/).map(Number));
    expect(tableRows).toHaveLength(csvRows.length);
    for (const [k, row] of csvRows.entries()) {
      const restSum = row.slice(1 + SUMMARY_ROWS, 17).reduce((a, b) => a + b, 0);
      // The csv prints every digit, so its sum in the same order is the table's, before num() rounds it.
      expect(tableRows[k][1 + SUMMARY_ROWS]).toBe(Number(num(restSum)));
      expect(tableRows[k].slice(0, 1 + SUMMARY_ROWS)).toEqual(
        row.slice(0, 1 + SUMMARY_ROWS).map((x) => Number(num(x))),
      );
    }
    const all = await run(...args, "--all");
    expect(all.out[0]).toMatch(/p = eigenbasis populations, J/);
    expect(all.out[1].split(/\s+/)).toContain("p16");
  });

  test.each([
    [["--every", "-1"], /--every must be a finite number > 0 in decimal notation \(got "-1"\)/],
    [["--t-end", "abc"], /--t-end must be a finite number > 0/],
    [["--t-end", "3", "--until-relaxed"], /exclude each other/],
    [["--t-end", "3", "--tol", "1e-6"], /--tol goes with --until-relaxed/],
    [["--tol", "0"], /--tol must be/],
    [["--rho"], /--rho needs --format ndjson or csv/],
    [["--initial", "9"], /--initial must be ground, maximally-mixed, or an energy level 1..4/],
    [["--format", "xml"], /unknown format "xml"/],
    [["--approach", "exact"], /unknown approach/],
    [["--lambda", "5"], /lambda/],
    [["--bogus", "1"], /bogus/],
    [["extra"], /unexpected argument "extra"/],
  ])("bad input %j: exit 2 with one line", async (extra, message) => {
    const r = await run("evolve", "coupled-qubits", ...extra);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/^liouville: /);
    expect(r.err[0]).toMatch(message);
  });

  test("not relaxed by --max-time: exit 1 with one line", async () => {
    const r = await run("evolve", "coupled-qubits", "--max-time", "10", "--format", "csv");
    expect(r.code).toBe(1);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/not.*maxTime = 10|maxTime = 10/);
  });

  test("--help explains the stopping rule and shows examples", async () => {
    const r = await run("evolve", "--help");
    expect(r.code).toBe(0);
    const help = r.out.join("\n");
    expect(help).toMatch(/default when --t-end is not given/);
    expect(help).toMatch(/Examples:/);
  });
});

describe("liouville evolve in a pipe (built bin)", () => {
  const bin = fileURLToPath(new URL("../../dist/bin.js", import.meta.url));
  /** A closed pipe must end the process promptly; node starts in ~0.1 s. */
  const PROMPT_EXIT_MS = 5000;

  function pipeToHead(args: string): { status: number | null; stdout: string; stderr: string; ms: number } {
    const started = Date.now();
    const r = spawnSync("bash", ["-o", "pipefail", "-c", `node ${JSON.stringify(bin)} ${args} | head -n 3`], {
      encoding: "utf8",
      timeout: 60_000,
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
  }

  test("the bin is built (npx -y pnpm@10 build)", () => {
    expect(existsSync(bin)).toBe(true);
  });

  test("`evolve coupled-qubits --format ndjson --until-relaxed | head -n 3` exits 0 at once, silently", () => {
    const r = pipeToHead("evolve coupled-qubits --format ndjson --until-relaxed");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(JSON.parse(line)).toHaveProperty("populations");
    expect(r.ms).toBeLessThan(PROMPT_EXIT_MS);
  });

  test("an unbounded stream (1e11 samples) also stops when the reader goes away", () => {
    const r = pipeToHead("evolve coupled-qubits --format csv --t-end 1e9 --every 0.01");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(3);
    expect(r.ms).toBeLessThan(PROMPT_EXIT_MS);
  });
});

describe("liouville evolve: degenerate tolerances and intervals, --plot, progress", () => {
  test.each([
    [
      ["--t-end", "10", "--rtol", "1e-200", "--atol", "1e-200"],
      /^liouville: --rtol and --atol: at least one >= 2\.2/,
    ],
    [["--t-end", "10", "--rtol", "5"], /^liouville: --rtol must be <= 1 /],
    [
      ["--t-end", "10", "--every", "1e-300", "--plot", "x.svg"],
      /^liouville: --every must be >= --t-end \/ 1000000 = 0\.00001 with --plot/,
    ],
    [
      ["--max-time", "10", "--every", "1e-300", "--plot", "x.svg"],
      /^liouville: --every must be >= --max-time \/ 1000000/,
    ],
    [
      ["--t-end", "10", "--plot", "/no/such/dir/j.svg"],
      /^liouville: --plot: directory "\/no\/such\/dir" .* does not exist/,
    ],
  ])("%j: exit 2 before any sample, one line naming the option", async (extra, message) => {
    const r = await run("evolve", "coupled-qubits", ...extra);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(message);
  });

  test("tolerances just above MIN_TOLERANCE (machine epsilon) are accepted and run to --t-end", async () => {
    const tol = String(1.05 * MIN_TOLERANCE);
    const r = await run(
      "evolve",
      "coupled-qubits",
      "--t-end",
      "1",
      "--rtol",
      tol,
      "--atol",
      tol,
      "--format",
      "csv",
    );
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(Number(r.out.at(-1)!.split(",")[0])).toBe(1);
  });

  test("--plot FILE.svg: the samples still stream to stdout, then populations and J_X(t) are drawn with their steady values", async () => {
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const plot = join(mkdtempSync(join(tmpdir(), "liouville-")), "currents.svg");
    const r = await run(
      "evolve",
      "single-qubit",
      "--t-end",
      "4",
      "--every",
      "1",
      "--format",
      "csv",
      "--plot",
      plot,
    );
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(1 + 5);
    expect(r.err).toEqual([`liouville: wrote ${plot}`]);
    const svg = readSvg(plot);
    for (const text of ["p1", "p2", "J_A", "J_B", "time t (1 / energy)", "(energy / time)", "level", "bath"])
      expect(svg.texts).toContain(text);
    expect(svg.texts.join("\n")).toMatch(/TA = 2, TB = 1.*approach global/s);
    expect(svg.texts).not.toContain("|rho_12|"); // coherences only when asked
    // The asymptotes are the steady state's: one dashed rule per curve.
    expect(svg.svg.match(/aria-roledescription="rule mark"[^>]*stroke-dasharray/g)).toHaveLength(4);
    const quiet = await run("evolve", "single-qubit", "--t-end", "1", "--plot", plot, "--quiet");
    expect(quiet.err).toEqual([]);
  });

  test("--plot-what picks the panels: coherences by name, as PNG", async () => {
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = mkdtempSync(join(tmpdir(), "liouville-"));
    const argv = ["evolve", "coupled-qubits", "--approach", "redfield", "--lambda", "0.5", "--initial", "3"];
    argv.push("--t-end", "20", "--every", "1", "--quiet", "--plot-what", "currents,rho23");
    expect((await run(...argv, "--plot", join(dir, "r.svg"))).code).toBe(0);
    const svg = readSvg(join(dir, "r.svg"));
    expect(svg.texts).toContain("|rho_23|");
    expect(svg.texts).toContain("J_A");
    expect(svg.texts).not.toContain("p1");
    expect(inside(drawnBox(svg.svg), svg)).toBe(true);
    expect((await run(...argv, "--plot", join(dir, "r.png"))).code).toBe(0);
    expect(readPng(join(dir, "r.png"))).toEqual({
      width: PNG_SCALE * svg.width,
      height: PNG_SCALE * svg.height,
    });
  });

  test.each([
    [["--plot-what", "currents"], /--plot-what goes with --plot/],
    [
      ["--plot", "x.svg", "--plot-what", "heat"],
      /--plot-what: each item is one of populations, currents, coherences/,
    ],
    [
      ["--plot", "x.svg", "--plot-what", "rho15"],
      /rho15: the levels of a coherence rhoIJ must differ and lie in 1\.\.4/,
    ],
    [["--plot", "x.svg", "--plot-what", "rho22"], /must differ/],
    [["--plot", "x.jpg"], /--plot: "x\.jpg" must end in \.svg or \.png/],
  ])("%j: exit 2 before the run", async (extra, message) => {
    const r = await run("evolve", "coupled-qubits", "--t-end", "1", ...extra);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err.join("\n")).toMatch(message);
  });

  async function withTty(...argv: string[]): Promise<Run & { bar: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const bar: string[] = [];
    const io: CliIo = {
      out: (t) => out.push(...t.split("\n")),
      err: (t) => err.push(t),
      errIsTty: true,
      errWrite: (t) => bar.push(t),
    };
    const code = await runCli(argv, io);
    return { code, out, err, bar: bar.join("") };
  }

  test("a progress bar t / t-end on a terminal's stderr, erased at the end; none with --quiet", async () => {
    const r = await withTty("evolve", "single-qubit", "--t-end", "10", "--every", "1", "--format", "csv");
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(1 + 11);
    expect(r.bar).toMatch(/evolve \[[#.]{30}\] +\d+% \(t = \S+ \/ t = 10\)/);
    expect(r.bar.endsWith("\r\x1b[2K")).toBe(true);
    const quiet = await withTty("evolve", "single-qubit", "--t-end", "10", "--every", "1", "--quiet");
    expect(quiet.code).toBe(0);
    expect(quiet.bar).toBe("");
    // No known end (--until-relaxed): no bar.
    expect((await withTty("evolve", "single-qubit", "--every", "50")).bar).toBe("");
  });
});

describe("evolve --method", () => {
  test("dop853 reaches the same state as rk45; an unknown method lists the registered ones", async () => {
    const collect = async (...argv: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), errIsTty: false });
      return { code, out, err };
    };
    const last = async (method: string) => {
      const r = await collect(
        "evolve",
        "coupled-qubits",
        "--t-end",
        "5",
        "--every",
        "5",
        "--method",
        method,
        "--format",
        "ndjson",
      );
      expect(r.code).toBe(0);
      return JSON.parse(r.out[r.out.length - 1]);
    };
    const a = await last("rk45");
    const b = await last("dop853");
    expect(a.t).toBe(5);
    expect(b.t).toBe(5);
    for (const [k, p] of (a.populations as number[]).entries())
      expect(Math.abs(p - b.populations[k])).toBeLessThan(1e-8);
    const bad = await collect("evolve", "coupled-qubits", "--t-end", "1", "--method", "euler");
    expect(bad.code).toBe(2);
    expect(bad.err.join("\n")).toMatch(/unknown integrator "euler"; known: rk45, dop853/);
  });
});

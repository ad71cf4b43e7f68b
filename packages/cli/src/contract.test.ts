import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { NumericalError } from "@liouville/core";
import { parseDecimal, registerModel, singleQubit, steadyReport } from "@liouville/models-qubits";
import { describe, expect, it } from "vitest";
import { assertPrintable, csvNumber } from "./format";
import { runCaptured as run } from "./testing/run-cli";

// The command-line contract (issue 10, item 10): one option table, one number parser, CSV cells
// that are numbers, --plot checked before the run and written also when stdout closes early.

/** A user mistake: exit 2, nothing on stdout, exactly `message` on stderr. */
async function expectUsageError(argv: string[], message: string) {
  const r = await run(...argv);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toBe(`liouville: ${message}`);
}

/** A Fock cutoff far too small for the oscillators' steady state at the default temperatures. */
const TRUNCATING = ["coupled-oscillators", "--nmax", "2"];

describe("--allow-truncation: accepted wherever the truncation error suggests it", () => {
  it("sweep refuses the cutoff, naming the switch, and accepts it with the switch", async () => {
    const refused = await run("sweep", ...TRUNCATING, "--vary", "TA=1:2:2");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^liouville: numerical failure: at TA = 1: nmax = 2 truncates .*--allow-truncation\)$/,
    );
    const allowed = await run("sweep", ...TRUNCATING, "--vary", "TA=1:2:2", "--allow-truncation");
    // No truncation error; the 9-level truncation crowds its Bohr frequencies (0.08 apart, against
    // rates of 0.025), so the secular warning is all that stderr may hold.
    expect(allowed.stderr).not.toMatch(/truncat/);
    expect(allowed.stderr).toMatch(/^(liouville: warning: the secular approximation is doubtful .*)?$/);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout.split("\n")).toHaveLength(3);
  });

  it("evolve refuses the cutoff before the run, naming the switch, and runs with it", async () => {
    const refused = await run("evolve", ...TRUNCATING, "--t-end", "1", "--every", "1");
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toMatch(/nmax = 2 truncates the steady state.*--allow-truncation\)$/);
    const allowed = await run(
      "evolve",
      ...TRUNCATING,
      "--t-end",
      "1",
      "--every",
      "1",
      "--format",
      "csv",
      "--allow-truncation",
    );
    expect(allowed.stderr).toBe("");
    expect(allowed.code).toBe(0);
    expect(allowed.stdout.split("\n")).toHaveLength(3); // header, t = 0, t = 1
  });
});

describe("one option table: an option of another command is an unknown option", () => {
  it.each([
    [
      ["steady", "single-qubit", "--until-relaxed"],
      "unknown option --until-relaxed of steady (an option of evolve)",
    ],
    [["steady", "single-qubit", "--rho"], "unknown option --rho of steady (an option of evolve)"],
    [
      ["sweep", "single-qubit", "--json"],
      "unknown option --json of sweep (an option of models, steady, compare, fluctuations)",
    ],
    [
      ["compare", "single-qubit", "--approach", "local"],
      "unknown option --approach of compare (an option of steady, evolve, sweep, fluctuations)",
    ],
    [
      ["evolve", "single-qubit", "--vary", "TA=1:2:2"],
      "unknown option --vary of evolve (an option of sweep)",
    ],
    [["models", "--foo", "1"], "unknown option --foo of models"],
    [["models", "--json", "extra"], 'unexpected argument "extra"'],
  ])("%j: exit 2, one line", expectUsageError);
});

describe("one number parser: decimal notation everywhere, hexadecimal nowhere", () => {
  it("parseDecimal reads decimal notation only", () => {
    expect(parseDecimal(" 2.5e-3 ")).toBe(0.0025);
    expect(parseDecimal("-.5")).toBe(-0.5);
    for (const text of ["0x10", "0b1", "0o7", "Infinity", "1_000", "", " "])
      expect(parseDecimal(text)).toBeNaN();
  });

  it.each([
    [["steady", "single-qubit", "--TA", "0x2"], 'TA must be a finite number (got "0x2")'],
    [
      ["evolve", "single-qubit", "--t-end", "0x2"],
      '--t-end must be a finite number > 0 in decimal notation (got "0x2")',
    ],
    [
      ["evolve", "single-qubit", "--t-end", "1", "--every", "0x1"],
      '--every must be a finite number > 0 in decimal notation (got "0x1")',
    ],
    [
      ["evolve", "single-qubit", "--t-end", "1", "--initial", "0x1"],
      '--initial must be ground, maximally-mixed, or an energy level 1..2 (got "0x1")',
    ],
    [
      ["sweep", "single-qubit", "--vary", "TA=0x1:2:2"],
      "--vary TA: FROM and TO must be finite numbers in decimal notation (got 0x1, 2)",
    ],
    [
      ["sweep", "single-qubit", "--vary", "TA=1:2:0x2"],
      "--vary TA: COUNT must be an integer in [1, 100000] (got 0x2)",
    ],
  ])("%j: exit 2", expectUsageError);
});

describe("--plot is checked before the run", () => {
  const dir = mkdtempSync(join(tmpdir(), "liouville-plot-"));
  const subdir = join(dir, "a-directory");
  mkdirSync(subdir);
  it.each([
    ["evolve", "single-qubit", "--t-end", "1", "--every", "0.5"],
    ["sweep", "single-qubit", "--vary", "TA=1:2:2"],
  ])("%s to a directory: exit 2, nothing on stdout", async (...argv) => {
    const r = await run(...argv, "--plot", subdir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      `liouville: --plot: ${JSON.stringify(subdir)} is a directory; give a file name such as plot.svg`,
    );
  });
  it.each([
    ["evolve", "single-qubit", "--t-end", "1", "--every", "0.5"],
    ["sweep", "single-qubit", "--vary", "TA=1:2:2"],
    ["fluctuations", "single-qubit", "--cgf", "-1:1:3"],
  ])("%s to a file that is neither .svg nor .png: exit 2, nothing on stdout", async (...argv) => {
    for (const name of ["plot.jpg", "plot", "plot.svg.gz"]) {
      const r = await run(...argv, "--plot", join(dir, name));
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe(
        `liouville: --plot: ${JSON.stringify(join(dir, name))} must end in .svg or .png (the image format)`,
      );
    }
  });
});

describe("CSV cells are numbers; NaN is never printed", () => {
  it("csvNumber writes the shortest exact form and infinities by name, and refuses NaN", () => {
    expect(csvNumber(0.1)).toBe("0.1");
    expect(csvNumber(Number.POSITIVE_INFINITY)).toBe("Infinity");
    expect(csvNumber(Number.NEGATIVE_INFINITY)).toBe("-Infinity");
    expect(() => csvNumber(Number.NaN)).toThrow(NumericalError);
  });

  it("assertPrintable names the quantity and the point; only listed quantities may be infinite", () => {
    expect(() => assertPrintable({ t: 1, J_A: Number.NaN }, "t = 1")).toThrow(
      "J_A is NaN at t = 1; a quantity that is not a finite number is not printed",
    );
    expect(() => assertPrintable({ J_B: Number.POSITIVE_INFINITY }, "t = 2")).toThrow(NumericalError);
    expect(() => assertPrintable({ sigma: Number.POSITIVE_INFINITY }, "TB = 0", ["sigma"])).not.toThrow();
    expect(() => assertPrintable({ sigma: Number.NaN }, "TB = 0", ["sigma"])).toThrow(
      "sigma is NaN at TB = 0",
    );
  });

  it("sweep: entropy production with a bath at T = 0 is written Infinity, as --help says", async () => {
    const r = await run("sweep", "single-qubit", "--vary", "TB=0:1:2");
    expect(r.code).toBe(0);
    const [header, first] = r.stdout.split("\n");
    expect(header).toBe("TB,J_A,J_B,entropyProduction");
    expect(first.split(",")[3]).toBe("Infinity");
    expect((await run("sweep", "--help")).stdout).toMatch(/"Infinity" or "-Infinity" when heat flows/);
  });

  it("sweep: a NaN current fails the command (exit 1) naming the quantity and the point, printing nothing", async () => {
    const id = "nan-current-test-model";
    registerModel({
      ...singleQubit,
      id,
      solveSteady(params, approach) {
        const report = steadyReport(singleQubit, params, approach);
        const nanA = Number(params.TA) > 1;
        return { ...report, audit: { ...report.audit, currents: { A: nanA ? Number.NaN : 0, B: 0 } } };
      },
    });
    const r = await run("sweep", id, "--vary", "TA=1:2:2");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    // steadyReport refuses the non-finite current; sweep says where on the grid.
    expect(r.stderr).toBe("liouville: numerical failure: at TA = 2: the heat current of bath A is NaN");
  });

  it("evolve --format csv: every cell of every row is a finite number", async () => {
    const r = await run(
      "evolve",
      "single-qubit",
      "--t-end",
      "2",
      "--every",
      "0.5",
      "--format",
      "csv",
      "--rho",
    );
    expect(r.code).toBe(0);
    for (const line of r.stdout.split("\n").slice(1)) {
      for (const cell of line.split(",")) expect(Number.isFinite(parseDecimal(cell)), line).toBe(true);
    }
  });
});

describe("--plot when the reader closes stdout early (built bin)", () => {
  const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
  it("`evolve ... --plot x.svg | head -n 2` runs to the end, says so, writes the plot, exits 0", () => {
    const plot = join(mkdtempSync(join(tmpdir(), "liouville-pipe-")), "x.svg");
    const r = spawnSync(
      "bash",
      [
        "-o",
        "pipefail",
        "-c",
        `node ${JSON.stringify(bin)} evolve single-qubit --t-end 10 --every 0.01 --plot ${JSON.stringify(plot)} | head -n 2`,
      ],
      { encoding: "utf8", timeout: 60_000 },
    );
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(2);
    const [closed, wrote] = r.stderr.trim().split("\n");
    expect(closed).toMatch(/^liouville: stdout closed at t = [0-9.]+; integrating on to write .*x\.svg$/);
    expect(wrote).toBe(`liouville: wrote ${plot}`);
    const svg = readFileSync(plot, "utf8");
    // The whole run is plotted: the last tick of the time axis is t = 10.
    expect(svg).toMatch(/>10<\/text>/);
  });
});

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { coupledQubits, coupledQubitsAnalytic, modelParameters } from "@liouville/models-qubits";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// `pnpm demo` (scripts/demo.mjs) run as a user runs it, its printed numbers checked against the
// coupled qubits' closed forms (Fogedby eqs. (3.46)-(3.57)). It runs on the built packages (the
// test command builds first; a stale build is rebuilt by the demo itself, quietly).

const DEMO = fileURLToPath(new URL("./demo.mjs", import.meta.url));

/** Significant digits of the tables' numbers (num() of packages/cli/src/format.ts). */
const PRINTED_DIGITS = 6;
/** A number rounded to PRINTED_DIGITS significant digits is within half a unit of its last digit. */
const PRINTED_RELATIVE = 0.5 * 10 ** (1 - PRINTED_DIGITS);
/**
 * The relaxation stops once ||L rho||_2 < 1e-9 (the CLI's default --tol). Its distance to the
 * steady state is about ||L rho|| over the slowest relaxation rate (a few 1e-3 at gA = gB = 0.01),
 * so <= 1e-6 in rho, and the currents (|H| ~ 1, rates ~ 0.01) move by <= 1e-8, about 1e-5 of
 * J ~ 8.5e-4; printing adds PRINTED_RELATIVE.
 */
const RELAXED_RELATIVE = 2e-5;
/** The sweep's CSV holds full doubles: the rate-equation solve against the closed form. */
const CSV_RELATIVE = 1e-10;
/**
 * Absolute floor of the CSV comparison, relative to the largest current of the sweep: at TA = TB
 * the current vanishes and the numbers are the rounding of the flows it is the difference of.
 */
const CSV_ROUNDING = 1e-13;

/** Relative error of `x` against `exact`. */
const relative = (x: number, exact: number) => Math.abs(x - exact) / Math.abs(exact);

let dir: string;
let stdout: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "liouville-demo-"));
  // A pipe, not a terminal: no live line, and the output is what a user would redirect.
  stdout = execFileSync(process.execPath, [DEMO], { cwd: dir, encoding: "utf8" });
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("pnpm demo", () => {
  const defaults = () => coupledQubitsAnalytic(modelParameters(coupledQubits, {}))!;

  it("prints no build log and no terminal control codes in a pipe", () => {
    expect(stdout).not.toContain("\u001b[");
    expect(stdout).not.toContain("\r");
    expect(stdout).not.toMatch(/ESM|CJS|DTS|tsup/);
  });

  it("the steady heat currents it prints are the closed forms", () => {
    const lines = stdout.split("\n");
    const header = lines.findIndex((l) => /^bath\s+heat current/.test(l));
    expect(header).toBeGreaterThan(0);
    const rows = new Map<string, number[]>();
    for (const line of lines.slice(header + 2)) {
      if (line.trim() === "") break;
      const [bath, ...cells] = line.trim().split(/\s+/);
      rows.set(bath, cells.map(Number));
    }
    const exact = defaults().currents;
    expect([...rows.keys()].sort()).toEqual(["A", "B"]);
    for (const [bath, [numeric, closed]] of rows) {
      expect(relative(numeric, exact[bath])).toBeLessThanOrEqual(PRINTED_RELATIVE);
      expect(relative(closed, exact[bath])).toBeLessThanOrEqual(PRINTED_RELATIVE);
    }
  });

  it("the relaxation from the ground state ends at the closed-form currents", () => {
    const m = /relaxed from the ground state .*J_A = (\S+)\s+J_B = (\S+)\s+\|\|L rho\|\| = (\S+)/.exec(
      stdout,
    );
    expect(m).not.toBeNull();
    const exact = defaults().currents;
    expect(relative(Number(m![1]), exact.A)).toBeLessThanOrEqual(RELAXED_RELATIVE);
    expect(relative(Number(m![2]), exact.B)).toBeLessThanOrEqual(RELAXED_RELATIVE);
    expect(Number(m![3])).toBeLessThan(1e-9);
  });

  it("says where the plot and the numbers went, and the sweep's currents are the closed forms", () => {
    const plot = join(dir, "heat-current.svg");
    const csvFile = join(dir, "heat-current.csv");
    expect(stdout).toContain(`plot in ${plot}`);
    expect(stdout).toContain(`numbers in ${csvFile}`);
    expect(existsSync(plot)).toBe(true);
    const [head, ...body] = readFileSync(csvFile, "utf8").trim().split("\n");
    expect(head.split(",").slice(0, 3)).toEqual(["TA", "J_A", "J_B"]);
    const rows = body.map((l) => l.split(",").map(Number));
    expect(rows).toHaveLength(40);
    const scale = Math.max(...rows.map((r) => Math.abs(r[1])));
    for (const [TA, JA, JB] of rows) {
      const exact = coupledQubitsAnalytic(modelParameters(coupledQubits, { TA, TB: 0.5 }))!.currents;
      for (const [numeric, closed] of [
        [JA, exact.A],
        [JB, exact.B],
      ]) {
        expect(Math.abs(numeric - closed), `TA = ${TA}`).toBeLessThanOrEqual(
          CSV_RELATIVE * Math.abs(closed) + CSV_ROUNDING * scale,
        );
      }
    }
  });
});

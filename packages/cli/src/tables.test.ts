import { describe, expect, it } from "vitest";
import { STEADY_HELP } from "./commands/steady";
import { axisValue, GRID_DIGITS } from "./commands/sweep";
import { num, numList, SUMMARY_ROWS } from "./format";
import { runCaptured as run } from "./testing/run-cli";

// Text output that reads well (issue 12 item 6): precision, human names, no JSON in tables,
// long channel lists summarised (--all for everything), sweep values without binary noise. The
// JSON documents are the contract (contract.test.ts) and do not change.

/** The oscillators on a Fock space of 5 levels per mode: 25 levels, 70 global channels. */
const FOCK = ["coupled-oscillators", "--nmax", "4", "--allow-truncation"];

/** Rows of the text table whose header line matches `header` (up to the first line that is not a row). */
function tableRows(text: string, header: RegExp): string[][] {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => header.test(l));
  expect(start, `a table headed ${header}`).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (line.trim() === "" || line.startsWith("...")) break;
    rows.push(line.trim().split(/\s{2,}/));
  }
  return rows;
}

describe("steady: names, precision and lists in text", () => {
  it("the Gaussian oscillators' extras: human names, formatted lists; JSON keeps the machine names", async () => {
    const text = (await run("steady", "coupled-oscillators")).stdout;
    const doc = JSON.parse((await run("steady", "coupled-oscillators", "--json")).stdout);
    expect(Object.keys(doc.extras).sort()).toEqual(["minCorrelationEigenvalue", "occupations"]);
    expect(text).toContain(`occupations <a1^dag a1>, <a2^dag a2>  ${numList(doc.extras.occupations)}`);
    expect(text).toContain(`min. correlation eigenvalue  ${num(doc.extras.minCorrelationEigenvalue)}`);
    expect(text).not.toMatch(/minCorrelationEigenvalue|\[\d/);
  });

  it("the Fock cutoff is an integer; no raw JSON arrays", async () => {
    const text = (await run("steady", ...FOCK)).stdout;
    expect(text).toMatch(/^Fock cutoff nmax {2}4$/m);
    expect(text).not.toMatch(/4\.00000|\[\d|truncationWeight/);
    expect(text).toMatch(/^weight on level nmax of oscillators 1, 2 {2}\S+, \S+$/m);
  });

  it("a long channel list: the largest channels and a count of the rest; --all lists every one", async () => {
    const doc = JSON.parse((await run("steady", ...FOCK, "--json")).stdout);
    const magnitudes = (doc.channels as { current: number }[]).map((c) => Math.abs(c.current));
    expect(magnitudes.length).toBeGreaterThan(SUMMARY_ROWS);
    const text = (await run("steady", ...FOCK)).stdout;
    const shown = tableRows(text, /^bath\s+Bohr frequency/);
    expect(shown).toHaveLength(SUMMARY_ROWS);
    // The rows shown are the largest |channel current|, in descending order.
    const largest = [...magnitudes].sort((a, b) => b - a);
    expect(shown.map((r) => Math.abs(Number(r[2])))).toEqual(
      largest.slice(0, SUMMARY_ROWS).map((x) => Number(num(x))),
    );
    const rest = magnitudes.length - SUMMARY_ROWS;
    expect(text).toContain(
      `... ${rest} more channels, each with |channel current| <= ${num(largest[SUMMARY_ROWS])} (--all lists them)`,
    );
    // The levels are summarised too: the lowest ones and the population of the rest.
    const levels = tableRows(text, /^level\s+energy/);
    expect(levels).toHaveLength(SUMMARY_ROWS);
    const restWeight = (doc.populations as number[]).slice(SUMMARY_ROWS).reduce((s, p) => s + p, 0);
    expect(text).toContain(`... ${doc.populations.length - SUMMARY_ROWS} more levels up to energy`);
    expect(text).toContain(`population ${num(restWeight)} in all`);

    const all = (await run("steady", ...FOCK, "--all")).stdout;
    expect(tableRows(all, /^bath\s+Bohr frequency/)).toHaveLength(magnitudes.length);
    expect(tableRows(all, /^level\s+energy/)).toHaveLength(doc.populations.length);
    expect(all).not.toContain("--all lists them");
  });

  it("a short table is whole: the coupled qubits' four channels and four levels", async () => {
    const text = (await run("steady", "coupled-qubits")).stdout;
    expect(tableRows(text, /^bath\s+Bohr frequency/)).toHaveLength(4);
    expect(tableRows(text, /^level\s+energy/)).toHaveLength(4);
    expect(text).not.toContain("--all");
    expect(text).toMatch(/^1 {6}-1\.1 {7}/m); // E1 = -(omega1 + omega2)/2, not -1.10000
  });

  it("--all is an option of steady and evolve: in their help, refused by other commands", async () => {
    expect(STEADY_HELP).toMatch(/--all {10}every energy level and every channel/);
    expect((await run("steady", "--help")).stdout).toContain("[--all]");
    expect((await run("evolve", "--help")).stdout).toContain("[--all]");
    const r = await run("compare", "coupled-qubits", "--all");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("liouville: unknown option --all of compare (an option of steady, evolve)");
  });
});

describe("sweep: grid values are the decimals the user meant", () => {
  const tenths = Array.from({ length: 10 }, (_, k) => k / 10);

  it("--vary TA=0:0.9:10 prints 0, 0.1, ..., 0.9 exactly in the CSV", async () => {
    const { code, stdout } = await run("sweep", "coupled-qubits", "--vary", "TA=0:0.9:10", "--TB", "0.5");
    expect(code).toBe(0);
    const column = stdout
      .split("\n")
      .slice(1)
      .map((l) => l.split(",")[0]);
    expect(column).toEqual(["0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9"]);
  });

  it("the clean values are the ones solved at: each row equals steady at that decimal", async () => {
    const doc = JSON.parse(
      (await run("sweep", "coupled-qubits", "--vary", "TA=0:0.9:10", "--TB", "0.5", "--format", "json"))
        .stdout,
    );
    expect(doc.rows.map((r: { TA: number }) => r.TA)).toEqual(tenths);
    for (const k of [3, 7, 9]) {
      const steady = JSON.parse(
        (await run("steady", "coupled-qubits", "--TA", String(tenths[k]), "--TB", "0.5", "--json")).stdout,
      );
      expect(doc.rows[k].currents).toEqual(steady.currents);
    }
  });

  it("a grid crossing zero has 0 (not 1e-16 or -0) and decimals on both sides", () => {
    // -0.7 + 0.9 * 7/9 is 1.1e-16 in floating point.
    const axis = { name: "s", from: -0.7, to: 0.2, count: 10 };
    const values = Array.from({ length: axis.count }, (_, k) => axisValue(axis, k));
    expect(values.map(String)).toEqual([
      "-0.7",
      "-0.6",
      "-0.5",
      "-0.4",
      "-0.3",
      "-0.2",
      "-0.1",
      "0",
      "0.1",
      "0.2",
    ]);
    expect(Object.is(values[7], 0)).toBe(true);
  });

  it("a grid that is not decimal keeps GRID_DIGITS significant digits of its scale", () => {
    const third = axisValue({ name: "x", from: 0, to: 1, count: 4 }, 1);
    expect(Math.abs(third - 1 / 3)).toBeLessThanOrEqual(0.5 * 10 ** (1 - GRID_DIGITS));
    expect(third).toBe(Number((1 / 3).toFixed(GRID_DIGITS - 1)));
    // Tiny and huge scales alike: the decimals follow the scale.
    expect(axisValue({ name: "x", from: 1e-20, to: 3e-20, count: 5 }, 1)).toBe(1.5e-20);
    expect(axisValue({ name: "x", from: 1e6, to: 2e6, count: 11 }, 3)).toBe(1.3e6);
  });
});

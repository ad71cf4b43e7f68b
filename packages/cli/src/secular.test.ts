import { describe, expect, it } from "vitest";
import { runCaptured } from "./testing/run-cli";

// Issue 10 item 3: `sweep coupled-qubits --omega1 1 --omega2 1 --vary lambda=0:2e-9:11` printed
// J_A = 0 up to lambda = 8e-10 and 1.536e-3 from 1e-9 on without a word. The jump is the global
// (secular) approximation failing: its points are now marked doubtful.
const SWEEP = ["sweep", "coupled-qubits", "--omega1", "1", "--omega2", "1", "--vary", "lambda=0:2e-9:11"];

describe("near-degenerate Bohr frequencies on the command line", () => {
  it("the sweep marks every point where the resolved splitting decides the current", async () => {
    const r = await runCaptured(...SWEEP, "--format", "json");
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout).rows as { lambda: number; currents: { A: number }; secular: string }[];
    expect(rows).toHaveLength(11);
    for (const row of rows) {
      // A current of 1.5e-3 at lambda ~ 1e-9 (Redfield: 0) is never reported as ok.
      expect(row.secular).toBe(Math.abs(row.currents.A) > 1e-6 ? "doubtful" : "ok");
    }
    expect(rows.filter((row) => row.secular === "doubtful").map((row) => row.lambda)[0]).toBe(1e-9);
    expect(r.stderr).toContain(
      "secular approximation is doubtful at 6 of 11 points (first at lambda = 1e-9)",
    );
  });

  it("the CSV sweep warns on stderr; Redfield is continuous and has no warning", async () => {
    const csv = await runCaptured(...SWEEP);
    expect(csv.stderr).toContain("try --approach redfield");
    const redfield = await runCaptured(...SWEEP, "--approach", "redfield");
    expect(redfield.code).toBe(0);
    expect(redfield.stderr).toBe("");
    const currents = redfield.stdout
      .split("\n")
      .slice(1)
      .map((line) => Number(line.split(",")[1]));
    expect(currents).toHaveLength(11);
    // J_A of resonant qubits vanishes as lambda -> 0 (order lambda^2): rounding here.
    for (const j of currents) expect(Math.abs(j)).toBeLessThan(1e-15);
  });

  it("steady and compare say when the secular approximation is doubtful, in text and JSON", async () => {
    const near = ["coupled-qubits", "--omega1", "1", "--omega2", "1", "--lambda", "1e-9"];
    const text = await runCaptured("steady", ...near);
    expect(text.stdout).toMatch(
      /secular approximation DOUBTFUL: .* 2e-9 apart.*the redfield approach does not make this approximation$/m,
    );
    const json = JSON.parse((await runCaptured("steady", ...near, "--json")).stdout);
    expect(json.secular).toMatchObject({ verdict: "doubtful", smallestSplitting: expect.closeTo(2e-9, 12) });
    expect(JSON.parse((await runCaptured("steady", "coupled-qubits", "--json")).stdout).secular.verdict).toBe(
      "ok",
    );
    const compare = JSON.parse((await runCaptured("compare", ...near, "--json")).stdout);
    const secular = Object.fromEntries(
      compare.approaches.map((e: { approach: string; secular: unknown }) => [e.approach, e.secular]),
    );
    expect(secular).toMatchObject({ local: null, global: { verdict: "doubtful" }, redfield: null });
    expect((await runCaptured("compare", ...near)).stdout).toContain(
      "global: secular approximation DOUBTFUL",
    );
    expect((await runCaptured("steady", "coupled-qubits")).stdout).not.toContain("DOUBTFUL");
  });
});

import { relativeError } from "@liouville/core/testing";
import { modelParameters, singleQubit, singleQubitHeatStatistics } from "@liouville/models-qubits";
import { describe, expect, it } from "vitest";
import { secondLawLine } from "./commands/steady";
import { runCaptured as run } from "./testing/run-cli";

/** The cumulant recursion against the closed form (rounding of a few solves). */
const FCS_RELATIVE = 1e-9;

describe("steady: positivity verdict and heat-current fluctuations", () => {
  const redfieldNegative = [
    "--approach",
    "redfield",
    "--gA",
    "0.5",
    "--gB",
    "0.5",
    "--lambda",
    "0.01",
    "--TA",
    "0.1",
    "--TB",
    "0.05",
  ];

  it("a Redfield state with a negative eigenvalue says so, in text and JSON (positivity: violated)", async () => {
    const doc = JSON.parse((await run("steady", "coupled-qubits", ...redfieldNegative, "--json")).stdout);
    expect(doc.minEigenvalue).toBeLessThan(-1e-8);
    expect(doc.positivity).toBe("violated");
    const text = (await run("steady", "coupled-qubits", ...redfieldNegative)).stdout;
    expect(text).toMatch(
      /min eigenvalue of rho {2}-1\.\d+e-7 {2}\(POSITIVITY VIOLATED: rho is not a state\)/,
    );
    const ok = JSON.parse((await run("steady", "coupled-qubits", "--json")).stdout);
    expect(ok.positivity).toBe("ok");
  });

  it("a second-law violation of the local ME says why and what to try; global holds and says nothing", async () => {
    const example = ["--omega1", "2", "--omega2", "1", "--lambda", "0.1", "--gA", "0.05", "--gB", "0.05"];
    const temperatures = ["--TA", "1", "--TB", "0.8"];
    const local = (
      await run("steady", "coupled-oscillators", ...example, ...temperatures, "--approach", "local")
    ).stdout;
    expect(local).toContain("SECOND LAW VIOLATED");
    expect(local).toMatch(/^second law: the local master equation .*the global approach includes it$/m);
    const global = (await run("steady", "coupled-oscillators", ...example, ...temperatures)).stdout;
    expect(global).toContain("second law holds");
    expect(global).not.toMatch(/^second law:/m);
    const compared = (await run("compare", "coupled-oscillators", ...example, ...temperatures)).stdout;
    expect(compared).toMatch(/^local: second law: the local master equation/m);
    expect(compared).not.toMatch(/^global: second law:/m);
  });

  it("the second-law line: each approach explains a violation (global: unexpected, Spohn); a holding law says nothing", () => {
    expect(secondLawLine("redfield", "violated")).toMatch(
      /not of Lindblad form.*the global approach cannot$/,
    );
    expect(secondLawLine("local", "violated")).toMatch(/Levy and Kosloff/);
    expect(secondLawLine("global", "violated")).toMatch(/unexpected.*Spohn.*residual/);
    for (const approach of ["local", "global", "redfield"] as const)
      expect(secondLawLine(approach, "ok")).toBeUndefined();
  });

  it("--fluctuations: the single qubit's noise equals the closed form, TUR and fluctuation theorem hold", async () => {
    const { code, stdout } = await run(
      "steady",
      "single-qubit",
      "--TA",
      "2",
      "--TB",
      "0.5",
      "--fluctuations",
      "--json",
    );
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    const p = modelParameters(singleQubit, { TA: 2, TB: 0.5 });
    for (const [k, bath] of (["A", "B"] as const).entries()) {
      const exact = singleQubitHeatStatistics(p, bath);
      const f = doc.fluctuations.baths[k];
      expect(f.bath).toBe(bath);
      expect(relativeError(f.noise, exact.noise)).toBeLessThan(FCS_RELATIVE);
      expect(relativeError(f.current, doc.currents[bath])).toBeLessThan(FCS_RELATIVE);
      expect(doc.analytic.noise[bath]).toBe(exact.noise);
      expect(f.tur).toBe("holds");
    }
    expect(doc.fluctuations.turGuaranteed).toBe(true);
    expect(doc.fluctuations.exchangeFluctuationTheorem.verdict).toBe("holds");
    const text = (await run("steady", "single-qubit", "--TA", "2", "--TB", "0.5", "--fluctuations")).stdout;
    expect(text).toMatch(/exchange fluctuation theorem {2}holds/);
    expect(text).toMatch(/TUR: guaranteed/);
  });

  it("--fluctuations under redfield is a usage error naming the cause", async () => {
    const r = await run("steady", "coupled-qubits", "--approach", "redfield", "--fluctuations");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /--fluctuations needs the jumps of a Lindblad generator .* redfield has no jump unravelling/,
    );
  });
});

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { relativeError } from "@liouville/core/testing";
import { modelParameters, singleQubit, singleQubitHeatStatistics } from "@liouville/models-qubits";
import { describe, expect, it } from "vitest";
import { PNG_SCALE } from "./plot/render";
import { readPng, readSvg } from "./test-support/plot-files";
import { runCaptured as run } from "./testing/run-cli";

/** The CLI prints the library's counting statistics: agreement with the closed form. */
const FCS_RELATIVE = 1e-9;

describe("liouville fluctuations", () => {
  it("single qubit --json: mean, noise and theta(s) equal the two-state closed form for each bath", async () => {
    const { code, stdout, stderr } = await run(
      "fluctuations",
      "single-qubit",
      "--TA",
      "2",
      "--TB",
      "0.5",
      "--cgf",
      "-1:1:5",
      "--json",
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    const p = modelParameters(singleQubit, { TA: 2, TB: 0.5 });
    expect(doc.baths.map((b: { bath: string }) => b.bath)).toEqual(["A", "B"]);
    for (const b of doc.baths) {
      const exact = singleQubitHeatStatistics(p, b.bath);
      expect(relativeError(b.current, exact.current)).toBeLessThan(FCS_RELATIVE);
      expect(relativeError(b.heatCurrent, exact.current)).toBeLessThan(FCS_RELATIVE);
      expect(relativeError(b.noise, exact.noise)).toBeLessThan(FCS_RELATIVE);
      expect(b.cumulants).toHaveLength(3);
      expect(b.tur).toBe("holds");
    }
    expect(doc.turGuaranteed).toBe(true);
    expect(doc.exchangeFluctuationTheorem.verdict).toBe("holds");
    for (const c of doc.cgf) {
      const exact = singleQubitHeatStatistics(p, c.bath);
      expect(c.s).toEqual([-1, -0.5, 0, 0.5, 1]);
      c.s.forEach((s: number, k: number) => {
        expect(Math.abs(c.theta[k] - exact.theta(s))).toBeLessThan(
          FCS_RELATIVE * Math.max(1e-3, Math.abs(exact.theta(s))),
        );
      });
    }
  });

  it("coupled qubits under local: counted and Tr[H D rho] currents differ, the TUR is not guaranteed; --bath picks one", async () => {
    const { code, stdout } = await run(
      "fluctuations",
      "coupled-qubits",
      "--approach",
      "local",
      "--bath",
      "B",
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/^coupled-qubits \(local master equation\): heat-current fluctuations/);
    expect(stdout).toMatch(/TUR \(c2 sigma \/ \(2 c1\^2\) >= 1\): not guaranteed/);
    const rows = stdout.split("\n").filter((l) => /^[AB] {2}/.test(l));
    expect(rows.map((r) => r[0])).toEqual(["B"]);
  });

  it("--cgf --plot writes an SVG with the axes named", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "liouville-")), "cgf.svg");
    const r = await run(
      "fluctuations",
      "coupled-qubits",
      "--bath",
      "A",
      "--cgf",
      "-2:2:9",
      "--plot",
      file,
      "--quiet",
    );
    expect(r.code).toBe(0);
    const svg = readSvg(file);
    expect(svg.texts).toContain("counting field s (1 / energy)");
    expect(svg.texts).toContain("theta_X(s) = lim (1/t) ln <exp(s Q_X)> (1 / time)");
    expect(svg.texts).toContain("theta_A");
  });

  it("--cgf --plot overlays the single qubit's closed form theta(s)", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "liouville-")), "cgf.png");
    const r = await run("fluctuations", "single-qubit", "--cgf", "-2:2:9", "--plot", file, "--quiet");
    expect(r.code).toBe(0);
    const { width, height } = readPng(file);
    expect(width).toBeGreaterThan(0);
    expect(height).toBeGreaterThan(0);
    const svgFile = file.replace(/\.png$/, ".svg");
    await run("fluctuations", "single-qubit", "--cgf", "-2:2:9", "--plot", svgFile, "--quiet");
    const svg = readSvg(svgFile);
    expect(svg.texts).toContain("closed form, Fogedby eqs. (3.12)-(3.15)");
    expect({ width, height }).toEqual({ width: PNG_SCALE * svg.width, height: PNG_SCALE * svg.height });
  });

  it("bad input: redfield, an unknown bath, a malformed --cgf, --plot without --cgf (exit 2)", async () => {
    const redfield = await run("fluctuations", "coupled-qubits", "--approach", "redfield");
    expect(redfield.code).toBe(2);
    expect(redfield.stderr).toMatch(/redfield has no jump unravelling/);
    expect((await run("fluctuations", "single-qubit", "--bath", "C")).stderr).toMatch(
      /--bath must be one of A, B/,
    );
    expect((await run("fluctuations", "single-qubit", "--cgf", "0x1:2:3")).code).toBe(2);
    expect((await run("fluctuations", "single-qubit", "--plot", "x.svg")).stderr).toMatch(/give --cgf/);
  });
});

describe("liouville compare: the TUR column", () => {
  it("global holds the TUR; redfield has none; the JSON carries it", async () => {
    const doc = JSON.parse((await run("compare", "coupled-qubits", "--json")).stdout);
    const byApproach = Object.fromEntries(doc.approaches.map((a: { approach: string }) => [a.approach, a]));
    expect(byApproach.global.tur.verdict).toBe("holds");
    expect(byApproach.global.tur.guaranteed).toBe(true);
    expect(byApproach.global.tur.ratio).toBeGreaterThanOrEqual(1);
    expect(byApproach.local.tur.guaranteed).toBe(false);
    expect(byApproach.redfield.tur).toBeNull();
    expect((await run("compare", "coupled-qubits")).stdout).toMatch(/TUR ratio/);
  });
});

describe("liouville sweep --fluctuations", () => {
  it("adds noise_X and tur_X columns equal to the single qubit's closed-form noise; the ratio is Infinity at equal temperatures", async () => {
    const { code, stdout } = await run(
      "sweep",
      "single-qubit",
      "--vary",
      "TA=0.5:2:4",
      "--TB",
      "1",
      "--fluctuations",
    );
    expect(code).toBe(0);
    const [header, ...lines] = stdout.split("\n");
    expect(header).toBe("TA,J_A,J_B,entropyProduction,noise_A,noise_B,tur_A,tur_B");
    for (const line of lines) {
      const cells = line.split(",");
      const TA = Number(cells[0]);
      const exact = singleQubitHeatStatistics(modelParameters(singleQubit, { TA, TB: 1 }), "A");
      expect(relativeError(Number(cells[4]), exact.noise)).toBeLessThan(FCS_RELATIVE);
      if (TA === 1) expect(cells[6]).toBe("Infinity");
      else expect(Number(cells[6])).toBeGreaterThanOrEqual(1);
    }
    const redfield = await run(
      "sweep",
      "coupled-qubits",
      "--vary",
      "TA=1:2:2",
      "--approach",
      "redfield",
      "--fluctuations",
    );
    expect(redfield.code).toBe(2);
  });
});

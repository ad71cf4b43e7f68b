import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { IntegrationError } from "@liouville/core";
import { relativeError } from "@liouville/core/testing";
import {
  coupledQubits,
  coupledQubitsAnalytic,
  modelParameters,
  singleQubit,
  singleQubitAnalytic,
} from "@liouville/models-qubits";
import { describe, expect, it } from "vitest";
import { parseArgs } from "./args";
import { HELP, reportError, runCli } from "./cli";
import { toJson } from "./format";
import { argSpec } from "./options";
import { PNG_SCALE } from "./plot/render";
import { drawnBox, inside, readPng, readSvg } from "./test-support/plot-files";
import { runCaptured as run } from "./testing/run-cli";

/** The CLI prints numbers computed by the library: agreement with the closed forms at 1e-10. */
const CLOSED_FORM_RELATIVE = 1e-10;

describe("liouville steady --json", () => {
  it.each([
    { TA: "2", TB: "1" },
    { TA: "0", TB: "0.05", spectrum: "ohmic", cutoff: "3" },
    { TA: "1000", TB: "3", gA: "0.1", gB: "0.001" },
  ])("single-qubit %j matches eqs. (3.12)-(3.15)", async (params) => {
    const flags = Object.entries(params).flatMap(([k, v]) => [`--${k}`, v]);
    const { code, stdout, stderr } = await run("steady", "single-qubit", ...flags, "--json");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    const a = singleQubitAnalytic(modelParameters(singleQubit, params));
    expect(doc.model).toBe("single-qubit");
    expect(doc.approach).toBe("global");
    expect(doc.params.omega0).toBe(1);
    expect(doc.energies).toEqual([-0.5, 0.5]);
    for (const [k, p] of (doc.populations as number[]).entries()) {
      expect(relativeError(p, a.populations[k])).toBeLessThanOrEqual(CLOSED_FORM_RELATIVE);
    }
    expect(relativeError(doc.currents.A, a.currents.A)).toBeLessThanOrEqual(CLOSED_FORM_RELATIVE);
    expect(relativeError(doc.currents.B, a.currents.B)).toBeLessThanOrEqual(CLOSED_FORM_RELATIVE);
    expect(doc.rho.basis).toBe("eigen");
    expect(doc.rho.re[0][0]).toBe(doc.populations[0]);
    expect(doc.analytic.currents.A).toBe(a.currents.A);
    expect(doc.residual).toBeLessThan(1e-12);
    expect(doc.minEigenvalue).toBeGreaterThanOrEqual(0);
    expect(doc.entropyProduction === null || doc.entropyProduction >= 0).toBe(true);
    expect(doc.channels).toHaveLength(2);
  });

  it("coupled-qubits: channels per Bohr frequency (global) and rho with off-diagonals (redfield)", async () => {
    const g = JSON.parse(
      (await run("steady", "coupled-qubits", "--lambda", "0.2", "--spectrum", "ohmic", "--json")).stdout,
    );
    const a = coupledQubitsAnalytic(modelParameters(coupledQubits, { lambda: 0.2, spectrum: "ohmic" }))!;
    expect(relativeError(g.currents.A, a.currents.A)).toBeLessThanOrEqual(CLOSED_FORM_RELATIVE);
    expect(g.channels.map((c: { bath: string }) => c.bath)).toEqual(["A", "A", "B", "B"]);
    const omegas = g.channels.slice(0, 2).map((c: { omega: number }) => c.omega);
    expect(relativeError(omegas[1], a.channels![1].omega)).toBeLessThan(1e-12);
    const rf = JSON.parse((await run("steady", "coupled-qubits", "--approach", "redfield", "--json")).stdout);
    expect(rf.channels).toBeUndefined();
    expect(Math.abs(rf.rho.re[1][2]) + Math.abs(rf.rho.im[1][2])).toBeGreaterThan(1e-7);
    expect(rf.rho.re[1][2]).toBe(rf.rho.re[2][1]);
    expect(rf.rho.im[1][2]).toBe(-rf.rho.im[2][1]);
    expect(rf.analytic).toBeNull();
  });

  it("human-readable output shows numbers beside the closed form", async () => {
    const { code, stdout } = await run("steady", "single-qubit");
    expect(code).toBe(0);
    expect(stdout).toMatch(/closed form/);
    expect(stdout).toMatch(/second law holds/);
  });
});

describe("liouville compare", () => {
  it("audits every approach of the coupled qubits; global passes every check", async () => {
    const { code, stdout } = await run("compare", "coupled-qubits", "--json");
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.approaches.map((e: { approach: string }) => e.approach)).toEqual([
      "local",
      "global",
      "redfield",
    ]);
    const global = doc.approaches[1];
    expect(global.secondLaw).toBe("ok");
    expect(global.kernelDimension).toBe(1);
    expect(global.minEigenvalue).toBeGreaterThan(0);
    expect(Math.abs(global.firstLawResidual)).toBeLessThan(1e-15);
  });
});

describe("bad input: exit 2 and one line naming the parameter", () => {
  it.each([
    [["steady", "single-qubit", "--TA", "-1"], /TA must be >= 0/],
    [["steady", "single-qubit", "--gA", "abc"], /gA must be a finite number/],
    [["steady", "single-qubit", "--omega0", "NaN"], /omega0 must be a finite number/],
    [["steady", "single-qubit", "--bogus", "1"], /unknown parameter "bogus"; known: omega0, gA, gB, TA, TB/],
    [["steady", "no-such-model"], /unknown model "no-such-model"; known: single-qubit, coupled-qubits/],
    [["steady", "coupled-qubits", "--lambda", "1.2"], /lambda must be < sqrt\(omega1\*omega2\)/],
    [
      ["steady", "coupled-qubits", "--approach", "secular"],
      /unknown approach "secular"; known: local, global, redfield/,
    ],
    [["steady", "single-qubit", "--TA"], /--TA needs a value/],
    [["frobnicate"], /unknown command "frobnicate"/],
  ])("%j", async (argv, message) => {
    const { code, stdout, stderr } = await run(...argv);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.split("\n")).toHaveLength(1);
    expect(stderr).toMatch(message);
  });
});

describe("the built binary", () => {
  // The root `test` script builds before it tests; run `pnpm build` first when calling vitest alone.
  const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
  it("exists (built by `pnpm build`)", () =>
    expect(existsSync(bin), `${bin} missing: run pnpm build`).toBe(true));

  it("prints one line and no stack trace for a user mistake, exit 2", () => {
    const r = spawnSync(process.execPath, [bin, "steady", "single-qubit", "--TA", "-1"], {
      encoding: "utf8",
    });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual(['liouville: TA must be >= 0 (got "-1")']);
    expect(r.stdout).toBe("");
  });

  it("steady coupled-qubits --json completes with a parseable document", () => {
    const r = spawnSync(process.execPath, [bin, "steady", "coupled-qubits", "--json"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).model).toBe("coupled-qubits");
  });
});

describe("liouville sweep", () => {
  it("CSV of currents along TA changes sign exactly at TA = TB and writes an SVG plot", async () => {
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const plot = join(mkdtempSync(join(tmpdir(), "liouville-")), "hc.svg");
    const { code, stdout } = await run(
      "sweep",
      "coupled-qubits",
      "--vary",
      "TA=0.25:0.75:3",
      "--TB",
      "0.5",
      "--plot",
      plot,
    );
    expect(code).toBe(0);
    const [header, ...rows] = stdout.split("\n");
    expect(header).toBe("TA,J_A,J_B,entropyProduction");
    const ja = rows.map((r) => Number(r.split(",")[1]));
    expect(ja[0]).toBeLessThan(0);
    expect(Math.abs(ja[1])).toBeLessThan(1e-17);
    expect(ja[2]).toBeGreaterThan(0);
    const svg = readSvg(plot);
    // The axes carry names and units (hbar = k_B = 1), the subtitle the fixed parameters.
    for (const text of [
      "TA: temperature of bath A (energy)",
      "(energy / time)",
      "sigma = -sum_X J_X / T_X (1 / time)",
      "closed form, Fogedby eqs. (3.46)-(3.57)",
    ])
      expect(svg.texts).toContain(text);
    expect(svg.texts.join("\n")).toMatch(/TB = 0\.5.*approach global/s);
    expect(svg.texts.join("\n")).toMatch(/hbar = k_B = 1/);
    expect(svg.texts).not.toContain("sigma < 0: second law violated"); // the global ME obeys it
  });

  it("the oscillators' local master equation: the plot shades where the second law fails", async () => {
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const plot = join(mkdtempSync(join(tmpdir(), "liouville-")), "local.svg");
    // Paper Sec. IV C 2: with omega1 = 2 omega2 the local ME sends heat from A to B exactly when
    // TA / omega1 > TB / omega2, i.e. TB < 0.5, while the second law wants TA > TB = 1: between
    // TB = 0.5 and TB = 1 the heat runs from the cold bath into the hot one.
    const argv = ["sweep", "coupled-oscillators", "--approach", "local", "--omega1", "2", "--omega2", "1"];
    argv.push("--lambda", "0.1", "--gA", "0.05", "--gB", "0.05", "--TA", "1", "--vary", "TB=0.3:1.4:12");
    const json = JSON.parse((await run(...argv, "--format", "json")).stdout) as {
      rows: { TB: number; secondLaw: string }[];
    };
    const violated = json.rows.filter((r) => r.secondLaw === "violated").map((r) => r.TB);
    expect(violated).toEqual(json.rows.map((r) => r.TB).filter((tb) => tb > 0.5 + 1e-9 && tb < 1 - 1e-9));
    expect((await run(...argv, "--plot", plot, "--quiet")).code).toBe(0);
    const svg = readSvg(plot);
    expect(svg.texts).toContain("sigma < 0: second law violated");
    expect(svg.texts.join("\n")).toContain(
      `the second law is violated (sigma < 0) at ${violated.length} of ${json.rows.length} points`,
    );
    expect(inside(drawnBox(svg.svg), svg)).toBe(true);
  });

  it("rejects a malformed --vary with exit 2", async () => {
    const r = await run("sweep", "coupled-qubits", "--vary", "TA=1:2");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/NAME=FROM:TO:COUNT/);
  });
});

describe("liouville with no arguments, and --help", () => {
  it("no arguments is a usage error: the help on stderr, nothing on stdout, exit 2", async () => {
    const r = await run();
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(HELP);
  });

  it("--help prints the help on stdout, exit 0", async () => {
    const r = await run("--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(HELP);
    expect(r.stderr).toBe("");
  });
});

describe("parseArgs: repeatable options", () => {
  it("collects a repeatable option in order and keeps it out of `options`", () => {
    const a = parseArgs(["m", "--vary", "TA=0:1:3", "--TB", "1", "--vary=TB=0:1:2"], argSpec("sweep"));
    expect(a.repeated.get("vary")).toEqual(["TA=0:1:3", "TB=0:1:2"]);
    expect([...a.options]).toEqual([]);
    expect([...a.parameters]).toEqual([["TB", "1"]]);
  });

  it("any other option given twice is still an error", () => {
    expect(() => parseArgs(["--TB", "1", "--TB", "2"], argSpec("sweep"))).toThrow("--TB given twice");
  });
});

describe("--quiet on every command", () => {
  it.each([["models"], ["steady", "single-qubit"], ["compare", "single-qubit"]])(
    "%j --quiet: exit 0",
    async (...argv) => {
      const r = await run(...argv, "--quiet");
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
    },
  );
});

describe("toJson serves both the documents and the ndjson lines", () => {
  it("indents by 2 by default, one line with 0; non-finite numbers become null", () => {
    expect(toJson({ t: 0, r: Number.POSITIVE_INFINITY, q: [Number.NaN] }, 0)).toBe(
      '{"t":0,"r":null,"q":[null]}',
    );
    expect(toJson({ t: 1 })).toBe('{\n  "t": 1\n}');
  });
});

describe("an integration failure is reported as such: exit 1, one line", () => {
  it("IntegrationError names its reason", () => {
    const err: string[] = [];
    const code = reportError(new IntegrationError("max-steps", 2, 0.1, "rk45: reached maxSteps = 5"), {
      out: () => {},
      err: (t) => err.push(t),
      errIsTty: false,
    });
    expect(code).toBe(1);
    expect(err).toEqual([
      "liouville: integration failed (max-steps): rk45: reached maxSteps = 5 (t = 2, h = 0.1)",
    ]);
  });
});

describe("liouville sweep on a grid", () => {
  const csv = (stdout: string) => stdout.split("\n").map((line) => line.split(","));
  /** J_A at TA = TB: zero up to the rounding of a steady-state solve (cf. the one-axis test). */
  const EQUILIBRIUM_CURRENT = 1e-17;

  it("two --vary: row-major rows (the last axis fastest), one column per varied name", async () => {
    const r = await run("sweep", "coupled-qubits", "--vary", "TA=0.5:1:2", "--vary", "TB=0.5:1:3");
    expect(r.code).toBe(0);
    const [header, ...rows] = csv(r.stdout);
    expect(header).toEqual(["TA", "TB", "J_A", "J_B", "entropyProduction"]);
    expect(rows.map((row) => [Number(row[0]), Number(row[1])])).toEqual([
      [0.5, 0.5],
      [0.5, 0.75],
      [0.5, 1],
      [1, 0.5],
      [1, 0.75],
      [1, 1],
    ]);
    for (const row of rows) {
      const [ta, tb, ja] = row.map(Number);
      if (ta === tb) expect(Math.abs(ja)).toBeLessThan(EQUILIBRIUM_CURRENT);
      else expect(Math.sign(ja)).toBe(Math.sign(ta - tb)); // heat flows from hot to cold
    }
  });

  it("the last point is TO exactly, the first FROM exactly", async () => {
    const r = await run("sweep", "coupled-qubits", "--vary", "TA=4:0.1:3");
    expect(r.code).toBe(0);
    const rows = csv(r.stdout).slice(1);
    expect(rows.map((row) => row[0])).toEqual(["4", "2.05", "0.1"]);
  });

  it("--format json lists the axes and names every varied value in each row", async () => {
    const r = await run(
      "sweep",
      "single-qubit",
      "--vary",
      "TA=1:2:2",
      "--vary",
      "TB=0.5:0.5:1",
      "--format",
      "json",
    );
    const doc = JSON.parse(r.stdout);
    expect(doc.vary).toEqual([
      { name: "TA", from: 1, to: 2, count: 2 },
      { name: "TB", from: 0.5, to: 0.5, count: 1 },
    ]);
    expect(doc.rows.map((row: { TA: number; TB: number }) => [row.TA, row.TB])).toEqual([
      [1, 0.5],
      [2, 0.5],
    ]);
  });

  it("--plot with two --vary (the help's example) as SVG and PNG: a panel per bath, a legend entry per value, all inside the image", async () => {
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = mkdtempSync(join(tmpdir(), "liouville-"));
    const argv = ["sweep", "coupled-qubits", "--vary", "TA=0.5:4:8", "--vary", "lambda=0:0.6:4"];
    const csv = await run(...argv, "--plot", join(dir, "grid.svg"));
    expect(csv.code).toBe(0);
    expect(csv.stderr).toBe(`liouville: wrote ${join(dir, "grid.svg")}`);
    const png = await run(...argv, "--plot", join(dir, "grid.PNG"));
    expect(png.stdout).toBe(csv.stdout); // the plot changes nothing on stdout
    const svg = readSvg(join(dir, "grid.svg"));
    for (const text of [
      "J_A",
      "J_B",
      "lambda (energy)",
      "0",
      "0.2",
      "0.4",
      "0.6",
      "TA: temperature of bath A (energy)",
    ])
      expect(svg.texts).toContain(text);
    expect(inside(drawnBox(svg.svg), svg)).toBe(true);
    expect(readPng(join(dir, "grid.PNG"))).toEqual({
      width: PNG_SCALE * svg.width,
      height: PNG_SCALE * svg.height,
    });
  });

  it.each([
    [["--vary", "TA=0:1:2", "--vary", "TA=0:1:3"], /--vary TA given twice/],
    [["--vary", "TA=0:1:2", "--TA", "1"], /--TA is both fixed and varied/],
    [
      ["--vary", "TA=0:1:400", "--vary", "TB=0:1:400"],
      /at most 100000 points in all \(the grid has 160000\)/,
    ],
    [
      ["--vary", "TA=0:1:2", "--vary", "TB=0:1:2", "--vary", "lambda=0:0.1:2", "--plot", "x.svg"],
      /--plot draws at most 2/,
    ],
    [["--vary", "TA=0:1:2", "--TB", "1", "--TB", "2"], /--TB given twice/],
  ])("%j: exit 2 with one line", async (argv, message) => {
    const r = await run("sweep", "coupled-qubits", ...argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it("a progress bar of points done on a terminal's stderr, erased at the end; none with --quiet", async () => {
    const sweep = async (...extra: string[]) => {
      const bar: string[] = [];
      const code = await runCli(["sweep", "single-qubit", "--vary", "TA=1:2:5", ...extra], {
        out: () => {},
        err: () => {},
        errIsTty: true,
        errWrite: (t) => bar.push(t),
      });
      return { code, bar: bar.join("") };
    };
    const shown = await sweep();
    expect(shown.code).toBe(0);
    expect(shown.bar).toMatch(/sweep \[#{6}\.{24}\] +20% \(1 \/ 5\)/);
    expect(shown.bar.endsWith("\r\x1b[2K")).toBe(true);
    expect((await sweep("--quiet")).bar).toBe("");
  });
});

describe("coupled-oscillators through the CLI", () => {
  const example = [
    "--omega1",
    "2",
    "--omega2",
    "1",
    "--lambda",
    "0.1",
    "--gA",
    "0.05",
    "--gB",
    "0.05",
    "--TA",
    "1",
    "--TB",
    "0.8",
  ];

  it("compare: the local ME violates the second law, the global one does not; redfield needs --nmax", async () => {
    const { code, stdout } = await run("compare", "coupled-oscillators", ...example, "--json");
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    const byApproach = Object.fromEntries(doc.approaches.map((e: { approach: string }) => [e.approach, e]));
    expect(byApproach.local.currents.A).toBeLessThan(0);
    expect(byApproach.local.secondLaw).toBe("violated");
    expect(byApproach.global.currents.A).toBeGreaterThan(0);
    expect(byApproach.global.secondLaw).toBe("ok");
    expect(byApproach.redfield.available).toBe(false);
    expect(byApproach.redfield.reason).toMatch(/nmax/);
  });

  it("a too-small --nmax is refused (exit 1) naming nmax and a value that would do; --allow-truncation reports the weight", async () => {
    const refused = await run("steady", "coupled-oscillators", "--nmax", "2", "--approach", "local");
    expect(refused.code).toBe(1);
    expect(refused.stderr.split("\n")).toHaveLength(1);
    expect(refused.stderr).toMatch(/nmax = 2 .*nmax = \d+ would do/);
    const allowed = await run(
      "steady",
      "coupled-oscillators",
      "--nmax",
      "2",
      "--approach",
      "local",
      "--allow-truncation",
      "--json",
    );
    expect(allowed.code).toBe(0);
    const doc = JSON.parse(allowed.stdout);
    for (const w of doc.extras.truncationWeight) expect(w).toBeGreaterThan(1e-6);
    expect(doc.method).toBe("dense");
  });
});

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { relativeError } from "@liouville/core";
import {
  coupledQubits,
  coupledQubitsAnalytic,
  modelParameters,
  singleQubit,
  singleQubitAnalytic,
} from "@liouville/models-qubits";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli";

/** The CLI prints numbers computed by the library: agreement with the closed forms at 1e-10. */
const CLOSED_FORM_RELATIVE = 1e-10;

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), errIsTty: false });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

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
    const { mkdtempSync, readFileSync } = await import("node:fs");
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
    expect(readFileSync(plot, "utf8")).toMatch(/^<svg[\s\S]*<polyline[\s\S]*<\/svg>$/);
  });

  it("rejects a malformed --vary with exit 2", async () => {
    const r = await run("sweep", "coupled-qubits", "--vary", "TA=1:2");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/NAME=FROM:TO:COUNT/);
  });
});

import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Every scenario runs to completion from its build (the root `test` script builds first) and
// prints no error. Their numbers are checked against closed forms in the packages' own tests.
const src = fileURLToPath(new URL(".", import.meta.url));
const dist = fileURLToPath(new URL("../dist/", import.meta.url));
const scenarios = readdirSync(src).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));

describe("examples", () => {
  it.each(scenarios)("%s runs", (file) => {
    const r = spawnSync(process.execPath, [`${dist}${file.replace(/\.ts$/, ".js")}`], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(0);
  });
});

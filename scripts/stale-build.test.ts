import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildStale, isStale } from "./stale-build.mjs";

// The demo's build check (scripts/stale-build.mjs) on a scratch workspace of two packages: `lib`,
// and `app`, which depends on it and has an executable.

let packages: string;

/** Write `text` to packages/`path`, dated `seconds` after the epoch of the scratch tree. */
function put(path: string, text: string, seconds: number) {
  const file = join(packages, path);
  mkdirSync(join(file, ".."), { recursive: true });
  writeFileSync(file, text);
  const t = 1_700_000_000 + seconds;
  utimesSync(file, t, t);
}

/** Sources at t = 0, a build of both packages at t = 10. */
function workspace() {
  put(
    "lib/package.json",
    JSON.stringify({ name: "@x/lib", type: "module", main: "dist/index.cjs", module: "dist/index.js" }),
    0,
  );
  put(
    "lib/tsup.config.ts",
    'export default { entry: ["src/index.ts"], format: ["esm", "cjs"], dts: true };',
    0,
  );
  put("lib/src/index.ts", "export const answer: number = 42;\n", 0);
  put(
    "app/package.json",
    JSON.stringify({
      name: "@x/app",
      main: "dist/index.js",
      bin: { app: "dist/bin.js" },
      dependencies: { "@x/lib": "workspace:*" },
    }),
    0,
  );
  put("app/src/index.ts", "export const app = 1;\n", 0);
  for (const f of ["lib/dist/index.js", "lib/dist/index.cjs", "app/dist/index.js", "app/dist/bin.js"])
    put(f, "", 10);
}

beforeEach(() => {
  packages = mkdtempSync(join(tmpdir(), "liouville-stale-"));
  workspace();
});

afterEach(() => rmSync(packages, { recursive: true, force: true }));

describe("isStale", () => {
  it("a build newer than every input is fresh; declarations are not needed", () => {
    expect(isStale(packages, "lib")).toBe(false);
    expect(isStale(packages, "app")).toBe(false);
  });

  it("a missing output, even one of several (declarations alone are not a build), is stale", () => {
    rmSync(join(packages, "app/dist/bin.js"));
    put("app/dist/index.d.ts", "", 20);
    expect(isStale(packages, "app")).toBe(true);
  });

  it("a source, package.json or tsup config newer than the oldest output is stale; a test file is not", () => {
    put("lib/src/deep/util.test.ts", "", 20);
    expect(isStale(packages, "lib")).toBe(false);
    put("lib/src/deep/util.ts", "", 20);
    expect(isStale(packages, "lib")).toBe(true);
    workspace();
    put("lib/tsup.config.ts", "export default {};", 20);
    expect(isStale(packages, "lib")).toBe(true);
    workspace();
    put("app/package.json", JSON.stringify({ main: "dist/index.js", bin: "dist/bin.js" }), 20);
    expect(isStale(packages, "app")).toBe(true);
  });

  it("a dependency built after the package makes it stale (its bundle holds the old one)", () => {
    put("lib/dist/index.js", "", 20);
    expect(isStale(packages, "lib")).toBe(false);
    expect(isStale(packages, "app")).toBe(true);
  });
});

describe("buildStale", () => {
  it("builds the JavaScript without declarations, deleting old ones; a second call builds nothing", async () => {
    put("lib/dist/index.d.ts", "export declare const old: string;", 10);
    put("lib/src/index.ts", "export const answer: number = 43;\n", 20);
    const first = await buildStale(packages, ["lib"]);
    expect(first).toEqual({ built: ["lib"] });
    expect(existsSync(join(packages, "lib/dist/index.js"))).toBe(true);
    expect(existsSync(join(packages, "lib/dist/index.d.ts"))).toBe(false);
    expect(isStale(packages, "lib")).toBe(false);
    expect(await buildStale(packages, ["lib"])).toEqual({ built: [] });
  });

  it("a failing build returns its name, message and captured log, and stops there", async () => {
    put("lib/src/index.ts", "export const = ;\n", 20);
    const r = await buildStale(packages, ["lib", "app"]);
    expect(r.built).toEqual([]);
    expect(r.failed?.name).toBe("lib");
    expect(r.failed?.message).toMatch(
      /Build failed with 1 error[\s\S]*src\/index\.ts:1:\d+: ERROR: Expected identifier/,
    );
    // tsup's own lines are in the captured log, not on the console (coloured when the environment
    // asks for colour, as CI=true does: the colour codes are left out of the comparison).
    expect(stripVTControlCharacters(r.failed?.log ?? "")).toMatch(/(ESM|CJS) Build failed/);
  });
});

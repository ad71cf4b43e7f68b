// Build only the workspace packages whose build is older than their inputs, without type
// declarations and without printing the build log (the demo's build: scripts/demo.mjs).
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * How long a failed build keeps capturing output (ms): tsup rejects at the first of its formats
 * that fails while the others are still being built (each a few milliseconds of esbuild).
 */
const FAILURE_SETTLE_MS = 300;

/** Newest modification time (ms) of the files under `dir`, test files excluded; 0 when none. */
function newestSource(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (!entry.name.endsWith(".test.ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const manifest = (packagesDir, name) =>
  JSON.parse(readFileSync(join(packagesDir, name, "package.json"), "utf8"));

/** The JavaScript files a package's build writes, from its package.json (main, module, bin). */
function outputs(packagesDir, name) {
  const pkg = manifest(packagesDir, name);
  const bins = typeof pkg.bin === "string" ? [pkg.bin] : Object.values(pkg.bin ?? {});
  return [pkg.main, pkg.module, ...bins].filter(Boolean).map((f) => join(packagesDir, name, f));
}

/** The workspace packages `name` depends on (directory names under packagesDir). */
function workspaceDependencies(packagesDir, name) {
  return Object.entries(manifest(packagesDir, name).dependencies ?? {})
    .filter(([, version]) => String(version).startsWith("workspace:"))
    .map(([dep]) => dep.replace(/^@[^/]+\//, ""));
}

/**
 * True when the package `name` (a directory of `packagesDir`) has a JavaScript output missing or
 * older than one of its inputs: a file of src/ (tests excepted), its package.json and
 * tsup.config.ts, and the JavaScript outputs of its workspace dependencies (a bundle such as the
 * cli's executable contains them). Declaration files are neither inputs nor required outputs.
 */
export function isStale(packagesDir, name) {
  const dir = join(packagesDir, name);
  const built = outputs(packagesDir, name);
  if (!built.every((f) => existsSync(f))) return true;
  const oldestOutput = Math.min(...built.map((f) => statSync(f).mtimeMs));
  const inputs = [
    newestSource(join(dir, "src")),
    ...["package.json", "tsup.config.ts"]
      .filter((f) => existsSync(join(dir, f)))
      .map((f) => statSync(join(dir, f)).mtimeMs),
    ...workspaceDependencies(packagesDir, name).flatMap((dep) =>
      outputs(packagesDir, dep).map((f) => (existsSync(f) ? statSync(f).mtimeMs : Number.POSITIVE_INFINITY)),
    ),
  ];
  return Math.max(...inputs) > oldestOutput;
}

/**
 * Build the stale ones of `names` (in that order, which must put dependencies first: each is
 * checked after the ones before it are built) with each package's tsup config, without type
 * declarations; the declaration files of a package it builds are deleted first, so none is left
 * older than its JavaScript. What the builds write to stdout and stderr is captured, and returned
 * only when one fails (the builds stop there). Resolves with the packages built.
 */
export async function buildStale(packagesDir, names) {
  const built = [];
  const log = [];
  const writes = { out: process.stdout.write, err: process.stderr.write };
  const consoleMethods = ["log", "info", "warn", "error"];
  const saved = consoleMethods.map((m) => console[m]);
  const capture = (chunk) => {
    log.push(String(chunk));
    return true;
  };
  const cwd = process.cwd();
  let build;
  try {
    process.stdout.write = capture;
    process.stderr.write = capture;
    // tsup logs through console (which a test runner may route elsewhere than the streams).
    for (const m of consoleMethods) console[m] = (...args) => capture(`${args.join(" ")}\n`);
    for (const name of names) {
      if (!isStale(packagesDir, name)) continue;
      const dir = join(packagesDir, name);
      const dist = join(dir, "dist");
      if (existsSync(dist)) {
        for (const f of readdirSync(dist)) if (/\.d\.c?ts(\.map)?$/.test(f)) rmSync(join(dist, f));
      }
      build ??= (await import("tsup")).build;
      // tsup reads its config and entries from the working directory; esbuild takes its own from
      // the process when it is first loaded, so it is set for each build. esbuild writes its
      // messages to the process's stderr directly: silenced, its errors come in the thrown error.
      process.chdir(dir);
      const esbuildOptions = (options) => {
        options.absWorkingDir = dir;
        options.logLevel = "silent";
      };
      try {
        await build({ dts: false, silent: true, esbuildOptions });
      } catch (error) {
        // tsup stops at the first format that fails; the others finish (and log) a moment later.
        await new Promise((resolve) => setTimeout(resolve, FAILURE_SETTLE_MS));
        return { built, failed: { name, message: error?.message ?? String(error), log: log.join("") } };
      }
      built.push(name);
    }
    return { built };
  } finally {
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
    consoleMethods.forEach((m, k) => {
      console[m] = saved[k];
    });
    process.chdir(cwd);
  }
}

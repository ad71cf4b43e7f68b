// `pnpm demo`: the coupled qubits between a hot and a cold bath, in a few seconds.
//
// 1. Builds only the packages whose dist is older than their sources (src/, package.json,
//    tsup.config.ts) or than the dist of a workspace package they depend on, quietly: the build
//    log is kept and printed only when a build fails. The demo's build skips the type
//    declarations (they are most of the build time) and deletes the old ones of every package it
//    rebuilds, so no declaration file is ever older than its JavaScript: `pnpm build` (which
//    always builds everything) writes them again.
// 2. Relaxes the coupled qubits from the ground state through the rxjs stream of
//    @liouville/integrators: on a terminal one status line is redrawn as the samples arrive
//    (time t, J_A, J_B, the residual ||L rho||); in a pipe nothing live is printed. Either way one
//    line says where and when the relaxation ended.
// 3. Prints the steady state (`liouville steady coupled-qubits`: populations, heat currents beside
//    the closed forms, second-law audit) and sweeps the hot bath's temperature
//    (`liouville sweep coupled-qubits --vary TA=0.1:4:40 --TB 0.5 --plot heat-current.svg`),
//    writing heat-current.svg and heat-current.csv in the current directory.
//
// Usage: node scripts/demo.mjs (from `npx -y pnpm@10 demo`, which runs it at the repository root).
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/** The workspace packages in build order: each after the workspace packages it depends on. */
const PACKAGES = ["core", "integrators", "models-qubits", "cli"];

/** The sweep of the demo (the README's second command) and the files it writes. */
const SWEEP = ["--vary", "TA=0.1:4:40", "--TB", "0.5"];
const PLOT_FILE = "heat-current.svg";
const CSV_FILE = "heat-current.csv";

/** Shortest interval between two redraws of the live line, in ms (about 30 frames a second). */
const FRAME_MS = 33;

/** Newest modification time (ms) of the files under `dir`, test files excluded; 0 when none. */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (!entry.name.endsWith(".test.ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** The JavaScript files a package's build writes, from its package.json (main, module, bin). */
function outputs(name) {
  const pkg = JSON.parse(readFileSync(join(root, "packages", name, "package.json"), "utf8"));
  const bins = typeof pkg.bin === "string" ? [pkg.bin] : Object.values(pkg.bin ?? {});
  return [pkg.main, pkg.module, ...bins].filter(Boolean).map((f) => join(root, "packages", name, f));
}

/** The workspace packages `name` depends on. */
function workspaceDependencies(name) {
  const pkg = JSON.parse(readFileSync(join(root, "packages", name, "package.json"), "utf8"));
  return Object.entries(pkg.dependencies ?? {})
    .filter(([, version]) => String(version).startsWith("workspace:"))
    .map(([dep]) => dep.replace(/^@liouville\//, ""));
}

/**
 * True when a package's build is missing or older than one of its inputs: its sources, its
 * package.json and tsup config, and the built JavaScript of its workspace dependencies (the
 * executable of the cli bundles them).
 */
function isStale(name) {
  const dir = join(root, "packages", name);
  const built = outputs(name);
  if (!built.every((f) => existsSync(f))) return true;
  const oldestOutput = Math.min(...built.map((f) => statSync(f).mtimeMs));
  const inputs = [
    newestSource(join(dir, "src")),
    ...["package.json", "tsup.config.ts"]
      .filter((f) => existsSync(join(dir, f)))
      .map((f) => statSync(join(dir, f)).mtimeMs),
    ...workspaceDependencies(name).flatMap((dep) =>
      outputs(dep).map((f) => (existsSync(f) ? statSync(f).mtimeMs : Infinity)),
    ),
  ];
  return Math.max(...inputs) > oldestOutput;
}

/** Build the stale packages without declarations; the log is printed only when a build fails. */
async function buildStale() {
  const stale = [];
  let build;
  const log = [];
  const writes = { out: process.stdout.write, err: process.stderr.write };
  const capture = (chunk) => {
    log.push(String(chunk));
    return true;
  };
  const cwd = process.cwd();
  let current;
  try {
    process.stdout.write = capture;
    process.stderr.write = capture;
    // In build order, each checked after its dependencies are built (a rebuilt core makes the cli stale).
    for (const name of PACKAGES) {
      if (!isStale(name)) continue;
      stale.push(name);
      current = name;
      build ??= (await import("tsup")).build;
      const dist = join(root, "packages", name, "dist");
      if (existsSync(dist)) {
        for (const f of readdirSync(dist)) if (/\.d\.c?ts$/.test(f)) rmSync(join(dist, f));
      }
      const dir = join(root, "packages", name);
      process.chdir(dir);
      // esbuild takes its working directory from the process when it is first loaded.
      const esbuildOptions = (options) => {
        options.absWorkingDir = dir;
      };
      await build({ dts: false, silent: true, esbuildOptions });
    }
  } catch (error) {
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
    process.stderr.write(log.join(""));
    process.stderr.write(`demo: building packages/${current} failed: ${error?.message ?? error}\n`);
    process.exit(1);
  } finally {
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
    process.chdir(cwd);
  }
  if (stale.length > 0) process.stdout.write(`(built ${stale.map((n) => `packages/${n}`).join(", ")})\n`);
}

const num = (x) => x.toPrecision(6);

/**
 * Relax the coupled qubits from the ground state through the library's rxjs stream; on a terminal
 * redraw one status line per frame. Resolves with the last sample.
 */
async function relax(lib) {
  const { buildGenerator, evolve, getModel, modelParameters, EVOLVE_CLI_DEFAULTS } = lib;
  const model = getModel("coupled-qubits");
  const params = modelParameters(model, {});
  const generator = buildGenerator(model.build(params), { approach: model.approaches[0] });
  const live = Boolean(process.stdout.isTTY);
  const status = (s) =>
    `t = ${s.t.toFixed(1).padStart(6)}   J_A = ${num(s.currents.A)}   J_B = ${num(s.currents.B)}   ||L rho|| = ${s.residual.toExponential(2)}`;
  let last;
  let drawn = 0;
  let steps = 0;
  await new Promise((resolve, reject) => {
    evolve(generator, model.initialState(params), {
      steps: true,
      relaxationTolerance: EVOLVE_CLI_DEFAULTS.tol,
      rtol: EVOLVE_CLI_DEFAULTS.rtol,
      atol: EVOLVE_CLI_DEFAULTS.atol,
      residual: true,
    }).subscribe({
      next: (s) => {
        last = s;
        steps++;
        const now = Date.now();
        if (live && now - drawn >= FRAME_MS) {
          drawn = now;
          process.stdout.write(`\r\x1b[2Krelaxing from the ground state: ${status(s)}`);
        }
      },
      error: reject,
      complete: resolve,
    });
  });
  if (live) process.stdout.write("\r\x1b[2K");
  console.log(`relaxed from the ground state (${steps} steps, rk45): ${status(last)}`);
  return last;
}

async function main() {
  await buildStale();
  const dist = (name, file = "index.js") => pathToFileURL(join(root, "packages", name, "dist", file)).href;
  const [core, integrators, models, cli] = await Promise.all(PACKAGES.map((name) => import(dist(name))));
  await relax({ ...core, ...integrators, ...models, EVOLVE_CLI_DEFAULTS: cli.EVOLVE_CLI_DEFAULTS });
  console.log("");
  const io = { out: (t) => console.log(t), err: (t) => console.error(t), errIsTty: false };
  let code = await cli.runCli(["steady", "coupled-qubits"], io);
  if (code !== 0) process.exit(code);
  const csv = [];
  code = await cli.runCli(["sweep", "coupled-qubits", ...SWEEP, "--plot", PLOT_FILE, "--quiet"], {
    ...io,
    out: (t) => csv.push(t),
  });
  if (code !== 0) process.exit(code);
  writeFileSync(CSV_FILE, `${csv.join("\n")}\n`);
  console.log(
    `\nSweep of the hot bath (liouville sweep coupled-qubits ${SWEEP.join(" ")}): plot in ${join(process.cwd(), PLOT_FILE)}, numbers in ${join(process.cwd(), CSV_FILE)}`,
  );
}

await main();

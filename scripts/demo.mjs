// `pnpm demo`: the coupled qubits between a hot and a cold bath, in a few seconds.
//
// 1. Builds only the packages whose dist is older than their sources (src/, package.json,
//    tsup.config.ts) or than the dist of a workspace package they depend on, quietly: the build
//    log is kept and printed only when a build fails (scripts/stale-build.mjs). The demo's build
//    skips the type declarations (they are most of the build time) and deletes the old ones of
//    every package it rebuilds, so no declaration file is ever older than its JavaScript:
//    `pnpm build` (which always builds everything) writes them again.
// 2. Relaxes the coupled qubits from the ground state through the rxjs stream of
//    @liouville/integrators: on a terminal one status line is redrawn as the samples arrive
//    (time t, J_A, J_B, the residual ||L rho||; on stderr when only stderr is a terminal); in a
//    pipe nothing live is printed. Either way one line says where and when the relaxation ended.
// 3. Prints the steady state (`liouville steady coupled-qubits`: populations, heat currents beside
//    the closed forms, second-law audit) and sweeps the hot bath's temperature
//    (`liouville sweep coupled-qubits --vary TA=0.1:4:40 --TB 0.5 --plot heat-current.svg`),
//    writing heat-current.svg and heat-current.csv in the current directory.
//
// Usage: node scripts/demo.mjs (from `npx -y pnpm@10 demo`, which runs it at the repository root).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildStale } from "./stale-build.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));

/** The workspace packages in build order: each after the workspace packages it depends on. */
const PACKAGES = ["core", "integrators", "models-qubits", "cli"];

/** The sweep of the demo (the README's second command) and the files it writes. */
const SWEEP = ["--vary", "TA=0.1:4:40", "--TB", "0.5"];
const PLOT_FILE = "heat-current.svg";
const CSV_FILE = "heat-current.csv";

/** Shortest interval between two redraws of the live line, in ms (about 30 frames a second). */
const FRAME_MS = 33;

/** Build the stale packages quietly; on failure print the captured log and exit. */
async function buildQuietly() {
  const { built, failed } = await buildStale(join(root, "packages"), PACKAGES);
  if (failed) {
    process.stderr.write(failed.log);
    process.stderr.write(`demo: building packages/${failed.name} failed: ${failed.message}\n`);
    process.exit(1);
  }
  if (built.length > 0) console.log(`(built ${built.map((n) => `packages/${n}`).join(", ")})`);
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
  // The live line goes to a terminal: stdout, or stderr when stdout is redirected; none in pipes.
  const live = process.stdout.isTTY ? process.stdout : process.stderr.isTTY ? process.stderr : undefined;
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
          live.write(`\r\x1b[2Krelaxing from the ground state: ${status(s)}`);
        }
      },
      error: reject,
      complete: resolve,
    });
  });
  live?.write("\r\x1b[2K");
  console.log(`relaxed from the ground state (${steps} steps, rk45): ${status(last)}`);
  return last;
}

async function main() {
  await buildQuietly();
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

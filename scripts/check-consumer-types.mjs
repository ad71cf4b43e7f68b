// Checks that the published packages' type declarations work for a user: packs every package
// (`pnpm pack`, as `pnpm publish` would), installs the tarballs with npm into a scratch consumer
// in the OS temp dir (their dependencies, complex.js and rxjs, come from the registry),
// and type-checks a small program that uses the public API under each module setting a user may
// have: `nodenext` (an ES module and a CommonJS file, so both `exports` conditions are read),
// `bundler` (module esnext and preserve) and `node10` (module commonjs), all with `strict` and
// `skipLibCheck: false`. The program pins real types (`const n: number = state.residual`) and has
// `@ts-expect-error` lines that only error when the types are real, so declarations that collapse
// to `any` fail the check; the TypeScript examples of the package READMEs are type-checked too.
// Each tarball must hold README.md, LICENSE and both declaration files. Last, it imports and
// requires each package once under Node, so the ESM and CommonJS builds load their dependencies.
// Usage: npx -y pnpm@10 build && node scripts/check-consumer-types.mjs [--keep]
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const packages = ["core", "integrators", "models-qubits", "cli"];
const keep = process.argv.includes("--keep");
const started = performance.now();

for (const p of packages) {
  if (!existsSync(join(root, "packages", p, "dist", "index.d.ts"))) {
    console.error(`packages/${p}/dist is missing: run \`npx -y pnpm@10 build\` first`);
    process.exit(1);
  }
}

/** Run a command, failing the check with its output when it fails. */
const run = (command, args, cwd) => {
  const r = spawnSync(command, args, { cwd, encoding: "utf8", shell: process.platform === "win32" });
  if (r.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed (in ${cwd}):\n${r.stdout}${r.stderr}`);
  }
  return r.stdout;
};

// The consumer's TypeScript is the workspace's own.
const tsc = join(
  createRequire(join(root, "package.json")).resolve("typescript/package.json"),
  "..",
  "bin",
  "tsc",
);

// The program a user might write. Every `@ts-expect-error` must be needed: with `any` types it
// would not be, and tsc reports the unused directive as an error.
const program = `import {
  buildGenerator,
  ComplexMatrix,
  expect as expectation,
  type Generator,
  heatCurrents,
  LiouvilleError,
  Operator,
  type SteadyState,
  sigmaZ,
  steadyState,
} from "@liouville/core";
import { type EvolutionSample, evolve } from "@liouville/integrators";
import { getModel, type Model, modelParameters } from "@liouville/models-qubits";
import { HELP, runCli } from "@liouville/cli";
import { take } from "rxjs";

const model: Model = getModel("coupled-qubits");
const params = modelParameters(model, { TA: 2, TB: 0.5 });
const g: Generator = buildGenerator(model.build(params), { approach: "global" });
const state: SteadyState = steadyState(g);
const n: number = steadyState(g).residual;
const currents: Record<string, number> = heatCurrents(g, state);
const rho: Operator = state.rho;
const m: ComplexMatrix = ComplexMatrix.identity(4);
const z = expectation(m, rho);
const re: number = z.re;
const rows: number = sigmaZ().rows;
const failure: Error = new LiouvilleError("consumer check");
const help: string = HELP;
const exitCode: Promise<number> = runCli(["models"], { out: () => {}, err: () => {}, errIsTty: false });
const subscription = evolve(g, rho, { every: 1, tEnd: 2 })
  .pipe(take(2))
  .subscribe((s: EvolutionSample) => {
    const t: number = s.t;
    const populations: readonly number[] | undefined = s.populations;
    void t, populations;
  });
subscription.unsubscribe();
void n, currents, re, rows, failure, help, exitCode;

// @ts-expect-error the residual is a number
const wrongResidual: string = state.residual;
// @ts-expect-error expect() returns a complex.js value whose re is a number
const wrongRe: string = z.re;
// @ts-expect-error a model's id is a string
const wrongId: number = model.id;
// @ts-expect-error approaches are checked
buildGenerator(model.build(params), { approach: "nonsense" });
// @ts-expect-error evolve wants a generator
evolve("coupled-qubits", rho);
void wrongResidual, wrongRe, wrongId;
`;

const compilerOptions = {
  strict: true,
  skipLibCheck: false,
  noEmit: true,
  target: "ES2022",
  // rxjs's declarations use setTimeout, which a user has from the DOM lib or @types/node.
  lib: ["ES2022", "DOM"],
  types: [],
  noUnusedLocals: false,
};
const settings = [
  {
    name: "nodenext (ESM and CommonJS files)",
    options: { module: "nodenext", moduleResolution: "nodenext" },
    files: ["consumer.mts", "consumer.cts"],
  },
  {
    name: "bundler, module esnext",
    options: { module: "esnext", moduleResolution: "bundler" },
    files: ["consumer.ts"],
  },
  {
    name: "bundler, module preserve",
    options: { module: "preserve", moduleResolution: "bundler" },
    files: ["consumer.ts"],
  },
  {
    name: "node10, module commonjs",
    options: { module: "commonjs", moduleResolution: "node10", esModuleInterop: true },
    files: ["consumer.ts"],
  },
];

const scratch = mkdtempSync(join(tmpdir(), "liouville-consumer-"));
let failed = false;
try {
  const tarballs = join(scratch, "tarballs");
  mkdirSync(tarballs);
  for (const p of packages) {
    run("npx", ["-y", "pnpm@10", "pack", "--pack-destination", tarballs], join(root, "packages", p));
  }
  const files = readdirSync(tarballs);
  for (const file of files) {
    const listed = run("tar", ["-tzf", join(tarballs, file)], tarballs).split("\n");
    for (const needed of [
      "package/README.md",
      "package/LICENSE",
      "package/dist/index.d.ts",
      "package/dist/index.d.cts",
    ]) {
      if (!listed.includes(needed)) throw new Error(`${file} lacks ${needed.slice("package/".length)}`);
    }
  }
  const consumer = join(scratch, "consumer");
  mkdirSync(consumer);
  const dependencies = { rxjs: "^7.8.2" };
  for (const p of packages) {
    const file = files.find((f) => f.startsWith(`liouville-${p}-`) && f.endsWith(".tgz"));
    if (file === undefined) throw new Error(`no tarball for @liouville/${p} in ${files.join(", ")}`);
    dependencies[`@liouville/${p}`] = `file:../tarballs/${file}`;
  }
  writeFileSync(
    join(consumer, "package.json"),
    JSON.stringify({ name: "liouville-consumer", private: true, dependencies }, null, 2),
  );
  run("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], consumer);

  for (const f of ["consumer.mts", "consumer.cts", "consumer.ts"]) writeFileSync(join(consumer, f), program);
  // The TypeScript examples of the package READMEs, type-checked as ES modules under nodenext.
  for (const p of packages) {
    const readme = readFileSync(join(root, "packages", p, "README.md"), "utf8");
    const blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)^```/gm)].map((m) => m[1]);
    blocks.forEach((code, i) => {
      const file = `readme-${p}-${i}.mts`;
      writeFileSync(join(consumer, file), `${code}export {};\n`);
      settings[0].files.push(file);
    });
  }
  for (const [i, s] of settings.entries()) {
    const config = `tsconfig.${i}.json`;
    writeFileSync(
      join(consumer, config),
      JSON.stringify({ compilerOptions: { ...compilerOptions, ...s.options }, files: s.files }, null, 2),
    );
    const r = spawnSync(process.execPath, [tsc, "-p", config], { cwd: consumer, encoding: "utf8" });
    if (r.status === 0) console.log(`ok    ${s.name}`);
    else {
      failed = true;
      console.error(`FAIL  ${s.name}\n${r.stdout}${r.stderr}`);
    }
  }

  // The runtime counterpart: each package loads as an ES module and through require().
  const names = packages.map((p) => `@liouville/${p}`);
  const smoke = `const z = core.expect(core.sigmaZ(), core.sigmaZ()); if (z.re !== 2) throw new Error("expect: " + z);`;
  writeFileSync(
    join(consumer, "smoke.mjs"),
    `${names.map((n, i) => `import * as m${i} from "${n}";`).join("\n")}\nconst core = m0;\n${smoke}\n`,
  );
  writeFileSync(
    join(consumer, "smoke.cjs"),
    `${names.map((n, i) => `const m${i} = require("${n}");`).join("\n")}\nconst core = m0;\n${smoke}\n`,
  );
  for (const f of ["smoke.mjs", "smoke.cjs"]) {
    const r = spawnSync(process.execPath, [f], { cwd: consumer, encoding: "utf8" });
    if (r.status === 0) console.log(`ok    node ${f}`);
    else {
      failed = true;
      console.error(`FAIL  node ${f}\n${r.stdout}${r.stderr}`);
    }
  }
} finally {
  if (keep) console.log(`scratch consumer kept in ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (failed) {
  console.error(`consumer type check failed (${seconds} s)`);
  process.exit(1);
}
console.log(`the packed packages type-check and load in every module setting (${seconds} s)`);

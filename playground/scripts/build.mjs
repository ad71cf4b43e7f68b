// Builds the playground into playground/dist: index.html, style.css, and the page and its worker
// bundled by esbuild as ES modules (their shared code, the Liouville packages, in common chunks).
// The packages are bundled from their TypeScript sources, as the tests run them, so the page needs
// no `pnpm build` first. Usage: node playground/scripts/build.mjs [--quiet]
import { copyFile, mkdir, readdir, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const packages = join(root, "..", "packages");
/** Where the build goes. */
export const OUT_DIR = join(root, "dist");

/** Bundle the page into OUT_DIR; returns the total size of the files written, in bytes. */
export async function buildPlayground() {
  await rm(OUT_DIR, { recursive: true, force: true });
  await mkdir(OUT_DIR, { recursive: true });
  await build({
    entryPoints: { main: join(root, "src/main.ts"), worker: join(root, "src/worker.ts") },
    outdir: OUT_DIR,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    sourcemap: true,
    chunkNames: "chunks/[name]-[hash]",
    alias: Object.fromEntries(
      ["core", "integrators", "models-qubits"].map((p) => [
        `@liouville/${p}`,
        join(packages, p, "src/index.ts"),
      ]),
    ),
    logLevel: "warning",
  });
  await copyFile(join(root, "index.html"), join(OUT_DIR, "index.html"));
  await copyFile(join(root, "src/style.css"), join(OUT_DIR, "style.css"));
  return directorySize(OUT_DIR);
}

async function directorySize(dir) {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += await directorySize(path);
    else if (!entry.name.endsWith(".map")) total += (await stat(path)).size;
  }
  return total;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bytes = await buildPlayground();
  if (!process.argv.includes("--quiet")) {
    console.log(`playground built in ${OUT_DIR} (${(bytes / 1024).toFixed(0)} KiB without source maps)`);
  }
}

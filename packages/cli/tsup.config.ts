import { defineConfig } from "tsup";

export default defineConfig([
  // The library entry: dependencies stay external, as for every package.
  {
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    target: "node20",
  },
  // The executable: one self-contained ESM file, so start-up does not walk node_modules
  // (module resolution was most of the start-up time of `liouville steady`). Vega and Vega-Lite,
  // imported only with --plot (dynamic import), land in a chunk of their own that only --plot
  // loads: bundled, they load in about 0.12 s of CPU instead of 0.5 s from their ~40 packages.
  // resvg stays external: it ships a native binary.
  {
    entry: ["src/bin.ts"],
    format: ["esm"],
    splitting: true,
    noExternal: [/^(?!@resvg\/resvg-js$).*/],
    platform: "node",
    sourcemap: true,
    target: "node20",
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  },
]);

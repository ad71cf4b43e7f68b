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
  // (module resolution was most of the start-up time of `liouville steady`). The plotting
  // libraries stay external: they are imported only with --plot (dynamic import), and resvg
  // ships a native binary that cannot be bundled.
  {
    entry: ["src/bin.ts"],
    format: ["esm"],
    noExternal: [/^(?!vega$|vega-lite$|@resvg\/resvg-js$).*/],
    platform: "node",
    sourcemap: true,
    target: "node20",
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  },
]);

import { readdirSync } from "node:fs";
import { defineConfig } from "tsup";

// One bundle per scenario file in src/ (tests excluded), run with `node examples/dist/<name>.js`.
export default defineConfig({
  entry: readdirSync("src")
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .map((f) => `src/${f}`),
  format: ["esm"],
  clean: true,
  target: "node20",
});

import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

/** Tests run against the TypeScript sources of sibling packages, not their builds. */
export const alias = {
  // Test support shared by the suites (not a published entry point); before "@liouville/core",
  // which would otherwise match it as a prefix.
  "@liouville/core/testing": fileURLToPath(new URL("./packages/core/src/testing/index.ts", import.meta.url)),
  "@liouville/core": src("core"),
  "@liouville/integrators": src("integrators"),
  "@liouville/models-qubits": src("models-qubits"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    include: [
      "packages/*/src/**/*.test.ts",
      "examples/**/*.test.ts",
      "playground/src/**/*.test.ts",
      "scripts/**/*.test.ts",
    ],
    exclude: ["**/*.slow.test.ts", "**/node_modules/**", "**/dist/**"],
    testTimeout: 60_000,
  },
});

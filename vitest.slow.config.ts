import { defineConfig } from "vitest/config";
import { alias } from "./vitest.config";

/** The slow tier: long integrations and large systems. CI runs it after the default tier. */
export default defineConfig({
  resolve: { alias },
  test: {
    include: ["packages/*/src/**/*.slow.test.ts"],
    passWithNoTests: true,
    testTimeout: 600_000,
  },
});

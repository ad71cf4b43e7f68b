import { defineConfig } from "vitest/config";
import { alias } from "./vitest.config";

/**
 * The browser tier (`pnpm test:browser`): the playground built, served and driven in headless
 * Chromium (Debian's /usr/bin/chromium through playwright-core). Not part of `pnpm test`, which
 * needs no browser; CI runs it after the slow tier.
 */
export default defineConfig({
  resolve: { alias },
  test: {
    include: ["playground/test/**/*.browser.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

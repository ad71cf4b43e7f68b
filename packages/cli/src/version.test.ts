import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCaptured } from "./testing/run-cli";

describe("liouville --version", () => {
  it("prints the package's version and exits 0 (also -V)", async () => {
    const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    for (const flag of ["--version", "-V"]) {
      const { code, stdout, stderr } = await runCaptured(flag);
      expect(code).toBe(0);
      expect(stdout).toBe(`liouville ${version}`);
      expect(stderr).toBe("");
    }
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli";

describe("liouville --version", () => {
  it("prints the package's version and exits 0 (also -V)", async () => {
    const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    for (const flag of ["--version", "-V"]) {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli([flag], {
        out: (t) => out.push(t),
        err: (t) => err.push(t),
        errIsTty: false,
      });
      expect(code).toBe(0);
      expect(out).toEqual([`liouville ${version}`]);
      expect(err).toEqual([]);
    }
  });
});

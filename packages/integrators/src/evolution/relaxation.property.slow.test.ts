import { describe, it } from "vitest";
import { checkRelaxation } from "../test-support/relaxation-property";

describe("evolve relaxes to steadyState (fast-check, slow tier)", () => {
  it("from random states of random systems (d = 2..4, local and global)", async () => {
    await checkRelaxation(300, 4711);
  });
});

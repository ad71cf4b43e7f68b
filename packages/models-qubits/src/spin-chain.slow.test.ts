import { buildGenerator, heatCurrents, relativeError, steadyState } from "@liouville/core";
import { describe, expect, it } from "vitest";
import { modelParameters } from "./parameters";
import { spinChain } from "./spin-chain";

/** Agreement of the local-ME current across chain lengths (rounding of the sparse solves). */
const BALLISTIC_RELATIVE = 1e-10;

describe("spin-chain (slow): ballistic transport at N = 8", () => {
  it("the XX chain's local-ME current at N = 8 equals the one at N = 2", () => {
    const current = (n: number) => {
      const gen = buildGenerator(spinChain.build(modelParameters(spinChain, { n })), { approach: "local" });
      const state = steadyState(gen);
      return { j: heatCurrents(gen, state).A, state };
    };
    const short = current(2).j;
    const { j, state } = current(8);
    expect(state.sector!.unknowns).toBe(12870);
    expect(relativeError(j, short)).toBeLessThan(BALLISTIC_RELATIVE);
  });
});

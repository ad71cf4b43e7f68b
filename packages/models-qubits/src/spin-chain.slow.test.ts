import { buildGenerator, heatCurrents, steadyState } from "@liouville/core";
import { relativeError } from "@liouville/core/testing";
import { describe, expect, it } from "vitest";
import { modelParameters } from "./parameters";
import { spinChain } from "./spin-chain";

/**
 * Agreement of the local-ME current at N = 9, 10 (GMRES at its default tolerance) with the one
 * at N = 2 (dense LU).
 */
const BALLISTIC_RELATIVE = 1e-9;

describe("spin-chain (slow): ballistic transport at N = 9 and 10", () => {
  it.each([
    [9, 48620],
    [10, 184756],
  ])("the XX chain's local-ME current at N = %i equals the one at N = 2", (n, unknowns) => {
    const current = (sites: number) => {
      const gen = buildGenerator(spinChain.build(modelParameters(spinChain, { n: sites })), {
        approach: "local",
      });
      const state = steadyState(gen);
      return { j: heatCurrents(gen, state).A, state };
    };
    const short = current(2).j;
    const { j, state } = current(n);
    expect(state.sector!.unknowns).toBe(unknowns);
    expect(relativeError(j, short)).toBeLessThan(BALLISTIC_RELATIVE);
  });
});

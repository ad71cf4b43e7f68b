import { describe, expect, it } from "vitest";
import { add, scale } from "../linalg/kernels";
import { buildGenerator } from "../master-equation/build-generator";
import { embed, sigmaPlus, sigmaZ } from "../operators/builders";
import { Operator } from "../operators/operator";
import { openSystem } from "../system/open-system";
import { flatSpectrum } from "../system/spectral-density";
import { randomChain } from "../testing/random-chain";
import { jumpsMayDecouple } from "./decoupling-check";
import { populationsDecouple, steadyState } from "./steady-state";

/** Two qubits with fields omega1, omega2 and no coupling between them, a bath on each. */
function uncoupledQubits(omega1: number, omega2: number) {
  const dims = [2, 2];
  const h = add(scale(embed(sigmaZ(), 0, dims), omega1 / 2), scale(embed(sigmaZ(), 1, dims), omega2 / 2));
  const bath = (name: string, site: number, temperature: number, frequency: number) => ({
    name,
    temperature,
    spectralDensity: flatSpectrum(0.05),
    couplings: [{ form: "rwa" as const, operator: embed(sigmaPlus(), site, dims), frequency }],
  });
  return openSystem({
    hamiltonian: Operator.of(h, dims),
    baths: [bath("A", 0, 2, omega1), bath("B", 1, 0.5, omega2)],
  });
}

describe("jumpsMayDecouple: the commutator pre-check of decoupled populations", () => {
  it("is implied by the eigenbasis check (it never rules out a decoupled case): chains and uncoupled qubits, local and global", () => {
    const generators = [
      ...[3, 7, 19, 41].flatMap((seed) =>
        (["local", "global"] as const).map((approach) =>
          buildGenerator(randomChain(3, seed, false), { approach }),
        ),
      ),
      ...[
        [1, 1.3],
        [0.7, 1.9],
      ].flatMap(([w1, w2]) =>
        (["local", "global"] as const).map((approach) =>
          buildGenerator(uncoupledQubits(w1, w2), { approach }),
        ),
      ),
    ];
    let decoupled = 0;
    for (const generator of generators) {
      if (!populationsDecouple(generator)) continue;
      decoupled++;
      expect(jumpsMayDecouple(generator)).toBe(true);
    }
    // The global chains and every uncoupled pair decouple: the implication is tested on 8 cases.
    expect(decoupled).toBe(8);
  });

  it("passes the global generator (its L^dagger L are diagonal in the eigenbasis up to rounding)", () => {
    const generator = buildGenerator(randomChain(4, 5, false), { approach: "global" });
    expect(populationsDecouple(generator)).toBe(true);
    expect(jumpsMayDecouple(generator)).toBe(true);
  });

  it("rules out the local generator of a chain whose end baths see the hopping", () => {
    const generator = buildGenerator(randomChain(3, 11, false), { approach: "local" });
    expect(jumpsMayDecouple(generator)).toBe(false);
    expect(populationsDecouple(generator)).toBe(false);
  });

  it("lets uncoupled qubits under the local approach through to the rate equation", () => {
    const generator = buildGenerator(uncoupledQubits(1, 1.3), { approach: "local" });
    expect(jumpsMayDecouple(generator)).toBe(true);
    expect(populationsDecouple(generator)).toBe(true);
    expect(steadyState(generator).method).toBe("rate-equation");
  });
});

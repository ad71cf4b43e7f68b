import { describe, expect, it } from "vitest";
import { DimensionError } from "../errors/dimension-error";
import { ParameterError } from "../errors/parameter-error";
import { ComplexMatrix } from "../linalg/complex-matrix";
import { buildGenerator } from "../master-equation/build-generator";
import { Operator } from "../operators/operator";
import { thermalState } from "../operators/states";
import { DENSITY_MATRIX_TOLERANCE } from "../operators/validate";
import { steadyState } from "../steady-state/steady-state";
import { openSystem } from "../system/open-system";
import { flatSpectrum } from "../system/spectral-density";
import { auditSteadyState } from "./audit";
import { channelCurrents, heatCurrents } from "./heat-current";

// heatCurrents and the audit take a state that must belong to the generator (issue 10, item 7).

/** A qubit (d = 2) or a qutrit ladder (d = 3) between two flat baths at different temperatures. */
function ladder(d: 2 | 3) {
  const h = Operator.of(ComplexMatrix.diagonal(Array.from({ length: d }, (_, k) => k)));
  const up = new ComplexMatrix(d, d);
  for (let k = 0; k + 1 < d; k++) up.set(k + 1, k, 1);
  const raise = Operator.of(up);
  return openSystem({
    hamiltonian: h,
    baths: ["A", "B"].map((name, b) => ({
      name,
      temperature: b === 0 ? 2 : 1,
      spectralDensity: flatSpectrum(0.1),
      couplings: [{ form: "rwa" as const, operator: raise, frequency: 1 }],
    })),
  });
}

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error("did not throw");
}

describe("a state of another dimension or another generator is refused", () => {
  const system2 = ladder(2);
  const gen2 = buildGenerator(system2, { approach: "global" });
  const gen3 = buildGenerator(ladder(3), { approach: "global" });

  it("heatCurrents of a 2-level generator with a 3x3 state: DimensionError naming the state", () => {
    const rho3 = thermalState(gen3.system.hamiltonian, 1);
    const error = thrown(() => heatCurrents(gen2, rho3));
    expect(error).toBeInstanceOf(DimensionError);
    expect((error as DimensionError).parameter).toBe("state");
    expect((error as Error).message).toBe("state must have dimension 2x2 (got 3x3)");
    expect(() => channelCurrents(gen2, rho3)).toThrow(DimensionError);
  });

  it("auditSteadyState(gen2, steadyState(gen3)): DimensionError naming state.rho", () => {
    const error = thrown(() => auditSteadyState(gen2, steadyState(gen3)));
    expect(error).toBeInstanceOf(DimensionError);
    expect((error as Error).message).toBe("state.rho must have dimension 2x2 (the generator's) (got 3x3)");
  });

  it("a steady state of another master equation of the same dimension: ParameterError", () => {
    const local = buildGenerator(system2, { approach: "local" });
    const other = buildGenerator(ladder(2), { approach: "global" });
    for (const [generator, which] of [
      [local, "the same"],
      [other, "another"],
    ] as const) {
      const error = thrown(() => auditSteadyState(generator, steadyState(gen2)));
      expect(error).toBeInstanceOf(ParameterError);
      expect((error as ParameterError).parameter).toBe("state");
      expect((error as Error).message).toContain(`the global master equation of ${which} system`);
    }
    // The same master equation in another representation is the same generator.
    const dense = buildGenerator(system2, { approach: "global", representation: "dense" });
    expect(auditSteadyState(dense, steadyState(gen2)).secondLaw).toBe("ok");
  });

  it.each([
    [
      "not Hermitian",
      ComplexMatrix.fromReal([
        [1, 0.5],
        [0, 0],
      ]),
      /state: Hermitian/,
    ],
    [
      "trace 2",
      ComplexMatrix.diagonal([1, 1]),
      /state must be of trace 1 \(within 1e-10\) \(got "trace 2"\)/,
    ],
    ["an eigenvalue -1", ComplexMatrix.diagonal([2, -1]), /state: positive semidefinite/],
    ["a NaN", ComplexMatrix.diagonal([Number.NaN, 1]), /state: made of finite numbers/],
    ["not a matrix", { rows: 2 }, /state must be a SteadyState \(from steadyState\) or a density matrix/],
  ])("a density matrix that is %s: ParameterError", (_name, state, message) => {
    const error = thrown(() => heatCurrents(gen2, state as ComplexMatrix));
    expect(error).toBeInstanceOf(ParameterError);
    expect((error as Error).message).toMatch(message);
  });

  it("a density matrix within DENSITY_MATRIX_TOLERANCE of the constraints is accepted", () => {
    const eps = DENSITY_MATRIX_TOLERANCE / 2;
    const currents = heatCurrents(gen2, ComplexMatrix.diagonal([1 + eps, -eps]));
    expect(Object.keys(currents)).toEqual(["A", "B"]);
  });
});

import { describe, expect, it } from "vitest";
import { NumericalError } from "../errors/numerical-error";
import { scale } from "../linalg/kernels";
import { buildGenerator } from "../master-equation/build-generator";
import { embed, sigmaPlus, sigmaZ } from "../operators/builders";
import { Operator } from "../operators/operator";
import { thermalState } from "../operators/states";
import { openSystem } from "../system/open-system";
import { flatSpectrum } from "../system/spectral-density";
import { entropyProduction } from "../thermodynamics/entropy-production";
import { heatCurrents } from "../thermodynamics/heat-current";
import { blockKernelDimension, kernelDimension } from "./kernel-dimension";
import { steadyState } from "./steady-state";

const qubitBath = (name: string, T: number, g: number) => ({
  name,
  temperature: T,
  spectralDensity: flatSpectrum(g),
  couplings: [{ form: "rwa" as const, operator: sigmaPlus(), frequency: 1 }],
});

describe("steadyState", () => {
  it("a single bath relaxes the system to its Gibbs state (rate path and dense path)", () => {
    const gen = buildGenerator(
      openSystem({ hamiltonian: Operator.of(scale(sigmaZ(), 0.5)), baths: [qubitBath("A", 0.8, 0.1)] }),
    );
    const gibbs = thermalState(gen.system.hamiltonian, 0.8);
    for (const method of ["auto", "dense"] as const) {
      const s = steadyState(gen, { method });
      expect(Math.abs(s.rho.re(0, 0) - gibbs.re(0, 0))).toBeLessThan(1e-15);
      expect(s.residual).toBeLessThan(1e-15);
    }
    expect(kernelDimension(gen.liouvillian.toDense())).toBe(1);
  });

  it("no dissipation: a non-unique steady state is a clear error on both paths, kernel dimension d", () => {
    const gen = buildGenerator(
      openSystem({ hamiltonian: Operator.of(scale(sigmaZ(), 0.5)), baths: [qubitBath("A", 0.8, 0)] }),
    );
    expect(() => steadyState(gen)).toThrow(NumericalError);
    expect(() => steadyState(gen)).toThrow(/not unique/);
    expect(() => steadyState(gen, { method: "dense" })).toThrow(/not unique/);
    expect(kernelDimension(gen.liouvillian.toDense())).toBe(2);
    expect(blockKernelDimension(gen.liouvillian.toCsr())).toBe(2);
  });

  it("a decoupled subsystem (bath on qubit 1 only, qubit 2 free) is not unique", () => {
    const dims = [2, 2];
    const gen = buildGenerator(
      openSystem({
        hamiltonian: Operator.of(scale(embed(sigmaZ(), 1, dims), 0.7), dims),
        baths: [
          {
            ...qubitBath("A", 1, 0.1),
            couplings: [{ form: "rwa", operator: embed(sigmaPlus(), 0, dims), frequency: 1 }],
          },
        ],
      }),
    );
    expect(() => steadyState(gen)).toThrow(/not unique/);
  });

  it("unknown options list the allowed ones", () => {
    const gen = buildGenerator(
      openSystem({ hamiltonian: Operator.of(scale(sigmaZ(), 0.5)), baths: [qubitBath("A", 0.8, 0.1)] }),
    );
    // @ts-expect-error wrong key on purpose
    expect(() => steadyState(gen, { tol: 1 })).toThrow(/known: method, singularPivotRatio/);
  });
});

describe("entropyProduction", () => {
  const baths = [
    { name: "A", temperature: 2 },
    { name: "B", temperature: 0 },
  ];
  it("is -sum J/T, +Infinity when a T = 0 bath absorbs heat, -Infinity when it gives heat", () => {
    expect(
      entropyProduction({ A: 0.1, B: -0.1 }, [
        { name: "A", temperature: 2 },
        { name: "B", temperature: 1 },
      ]),
    ).toBeCloseTo(0.05, 15);
    expect(entropyProduction({ A: 0.1, B: -0.1 }, baths)).toBe(Number.POSITIVE_INFINITY);
    expect(entropyProduction({ A: -0.1, B: 0.1 }, baths)).toBe(Number.NEGATIVE_INFINITY);
    expect(entropyProduction({ A: 0, B: 0 }, baths)).toBe(0);
  });

  it("heat currents of a qubit between two baths: J_A > 0 from the hot bath, sigma > 0", () => {
    const gen = buildGenerator(
      openSystem({
        hamiltonian: Operator.of(scale(sigmaZ(), 0.5)),
        baths: [qubitBath("A", 2, 0.1), qubitBath("B", 0.5, 0.1)],
      }),
    );
    const j = heatCurrents(gen, steadyState(gen));
    expect(j.A).toBeGreaterThan(0);
    expect(entropyProduction(j, gen.system.baths)).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from "vitest";
import { NumericalError } from "../errors/numerical-error";
import { ParameterError } from "../errors/parameter-error";
import { ResourceError } from "../errors/resource-error";
import type { BlockHermitianEigen } from "../linalg/hermitian-eigen";
import { add } from "../linalg/kernels";
import { bohrTolerance } from "../master-equation/bohr-frequencies";
import { buildGenerator } from "../master-equation/build-generator";
import type { Approach } from "../master-equation/generator";
import { embed, sigmaMinus, sigmaPlus } from "../operators/builders";
import { Operator } from "../operators/operator";
import { openSystem } from "../system/open-system";
import { randomChain as chain } from "../testing/random-chain";
import { heatCurrents } from "../thermodynamics/heat-current";
import { steadyState } from "./steady-state";

/** Agreement of two steady-state solves (largest entry of the difference of the rho). */
const SOLVER_AGREEMENT = 1e-10;
/** Relative agreement of a current from GMRES at its default tolerance with a direct solve. */
const GMRES_CURRENT_AGREEMENT = 1e-9;
/**
 * Krylov steps within which the no-jump preconditioner must converge on a weakly damped chain of
 * six spins: local takes 20 to 26 steps on the random chains of seeds 1 to 7 and 23 (41 to 51
 * without the block Gauss-Seidel sweep over the classes); Redfield 24 to 151, depending on the
 * chain's spectrum, so it gets the README's bound of 400 steps before the sparse LU fallback.
 */
const NO_JUMP_MAX_STEPS = { local: 40, redfield: 400 } as const;

function maxDiff(a: Operator, b: Operator): number {
  let m = 0;
  for (let k = 0; k < a.data.length; k++) m = Math.max(m, Math.abs(a.data[k] - b.data[k]));
  return m;
}

describe("steady states by symmetry sector, dense LU, sparse LU and GMRES", () => {
  it.each(["local", "redfield", "global"] as const)(
    "%s: every method and the full space agree",
    (approach: Approach) => {
      const system = chain(4, 11);
      const gen = buildGenerator(system, { approach });
      const full = steadyState(gen, { method: "dense", symmetry: false });
      expect(full.sector).toBeNull();
      expect(full.unknowns).toBe(256);
      for (const [method, preconditioner] of [
        ["dense", undefined],
        ["sparse-lu", undefined],
        ["gmres", "no-jump"],
        ["gmres", "ilut"],
      ] as const) {
        const s = steadyState(gen, {
          method,
          tolerance: 1e-14,
          ...(preconditioner ? { preconditioner } : {}),
        });
        expect(s.method).toBe(method);
        expect(s.sector).not.toBeNull();
        expect(s.unknowns).toBeLessThan(full.unknowns);
        expect(maxDiff(s.rho, full.rho)).toBeLessThan(SOLVER_AGREEMENT);
        expect(s.residual).toBeLessThan(SOLVER_AGREEMENT);
        const j = heatCurrents(gen, s);
        const jFull = heatCurrents(gen, full);
        expect(Math.abs(j.A - jFull.A)).toBeLessThan(SOLVER_AGREEMENT * Math.abs(jFull.A));
      }
      // The excitation sector of 4 spins: sum_n C(4, n)^2 = 70 real unknowns.
      if (approach !== "global") expect(steadyState(gen).unknowns).toBe(70);
    },
  );

  it.each(["local", "redfield"] as const)(
    "%s, six spins: GMRES with the no-jump preconditioner converges within its step bound and agrees with sparse LU",
    (approach: "local" | "redfield") => {
      const gen = buildGenerator(chain(6, 23), { approach });
      const lu = steadyState(gen, { method: "sparse-lu" });
      const noJump = steadyState(gen, { method: "gmres" });
      expect(noJump.unknowns).toBe(924);
      expect(noJump.iterations).toBeLessThan(NO_JUMP_MAX_STEPS[approach]);
      expect(maxDiff(noJump.rho, lu.rho)).toBeLessThan(SOLVER_AGREEMENT);
      const j = heatCurrents(gen, noJump);
      expect(Math.abs(j.A - heatCurrents(gen, lu).A)).toBeLessThan(GMRES_CURRENT_AGREEMENT * Math.abs(j.A));
    },
  );

  it("global uses the energy as a charge: only populations and degenerate coherences", () => {
    const gen = buildGenerator(chain(4, 3), { approach: "global" });
    const s = steadyState(gen, { method: "dense" });
    expect(s.sector!.charges).toEqual(["energy", "charge"]);
    // d populations plus two real numbers per pair of levels with equal energy and charge.
    const { values, blockLabels } = gen.eigen as BlockHermitianEigen;
    const tolerance = bohrTolerance(values);
    let pairs = 0;
    for (let i = 0; i < 16; i++)
      for (let j = i + 1; j < 16; j++)
        if (Math.abs(values[i] - values[j]) <= tolerance && blockLabels[i] === blockLabels[j]) pairs++;
    expect(s.unknowns).toBe(16 + 2 * pairs);
  });

  it("a charge that does not commute with H, or that a coupling shifts unevenly, is refused", () => {
    const ok = chain(3, 5);
    const wrong = Array.from(ok.charge!, (q, k) => (k === 1 ? q + 1 : q));
    expect(() => openSystem({ hamiltonian: ok.hamiltonian, baths: ok.baths, charge: wrong })).toThrow(
      /charge: a charge that commutes with the Hamiltonian/,
    );
    // sigma_x on the end spin shifts the excitations by +1 and -1: not a fixed amount.
    const dims = [2, 2, 2];
    const sx = add(embed(sigmaPlus(), 2, dims), embed(sigmaMinus(), 2, dims));
    const baths = [
      {
        ...ok.baths[0],
        couplings: [{ form: "rwa" as const, operator: Operator.of(sx, dims), frequency: 1 }],
      },
    ];
    expect(() => openSystem({ hamiltonian: ok.hamiltonian, baths, charge: ok.charge })).toThrow(
      ParameterError,
    );
    expect(() => openSystem({ hamiltonian: ok.hamiltonian, baths, charge: ok.charge })).toThrow(
      /shifted by a fixed amount/,
    );
    expect(() => openSystem({ hamiltonian: ok.hamiltonian, baths: ok.baths, charge: [1, 2] })).toThrow(
      /charge/,
    );
  });

  it("equations that would not fit are refused before allocation, with the bytes they need", () => {
    const gen = buildGenerator(chain(4, 7), { approach: "local" });
    const call = () => steadyState(gen, { memoryLimit: 1000 });
    expect(call).toThrow(ResourceError);
    expect(call).toThrow(
      /steady-state equations \(70 real unknowns\) would need \d+ kB, more than the limit of 1 kB/,
    );
    // Six spins: the equations (924 unknowns) take about 1.2 MB, the LU factor about 1.4 MB.
    const six = buildGenerator(chain(6, 7), { approach: "local" });
    expect(() => steadyState(six, { method: "sparse-lu", memoryLimit: 1.3e6 })).toThrow(
      /a sparse LU factor of 924 unknowns .* would need .* MB, more than the limit of 1.3 MB; use method "gmres"/,
    );
  });

  it("GMRES that cannot converge raises a typed error with its residual and step count", () => {
    const gen = buildGenerator(chain(4, 7), { approach: "local" });
    let error: unknown;
    try {
      steadyState(gen, { method: "gmres", maxIterations: 2, tolerance: 1e-14 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NumericalError);
    expect((error as NumericalError).reason).toBe("not-converged");
    expect((error as Error).message).toMatch(/residual/);
  });

  it("without a charge the whole space is solved, with the same result", () => {
    const a = steadyState(buildGenerator(chain(3, 13), { approach: "local" }));
    const b = steadyState(buildGenerator(chain(3, 13, false), { approach: "local" }));
    expect(b.sector).toBeNull();
    expect(b.unknowns).toBe(64);
    expect(maxDiff(a.rho, b.rho)).toBeLessThan(SOLVER_AGREEMENT);
  });
});

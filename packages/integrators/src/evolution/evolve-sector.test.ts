import { type Approach, ComplexMatrix, evolutionDynamics, type Generator } from "@liouville/core";
import { lastValueFrom, toArray } from "rxjs";
import { describe, expect, it } from "vitest";
import { coupledQubitsGenerator, eigenSuperposition } from "../test-support/evolve-test-systems";
import { evolve } from "./evolve";

// `evolve` integrates the symmetry sector that holds rho0 (evolutionDynamics) when the system
// declares a charge: the same trajectory as the whole upper triangle of the same system without
// the charge (or, for global from an eigenstate, the energy sector alone), within the integration
// tolerance.

const RTOL = 1e-10;
const ATOL = 1e-12;
/** Largest entry of the difference of the two trajectories' rho (a few hundred atol). */
const TRAJECTORY_AGREEMENT = 1e-9;

const params = { omega1: 1.2, omega2: 1, lambda: 0.3, gA: 0.05, gB: 0.02, TA: 2, TB: 0.5 };

async function trajectory(generator: Generator, rho0: ComplexMatrix, method: string) {
  return lastValueFrom(
    evolve(generator, rho0, { every: 2, tEnd: 40, rtol: RTOL, atol: ATOL, method, residual: true }).pipe(
      toArray(),
    ),
  );
}

describe("evolve in a symmetry sector", () => {
  // |e g>: one excitation, diagonal; an eigenstate superposition in the one-excitation block.
  const productState = ComplexMatrix.diagonal([0, 1, 0, 0]);
  it.each([
    ["local", "product", ["charge"]],
    ["redfield", "product", ["charge"]],
    ["global", "product", ["charge"]],
    ["global", "eigenstate", ["energy", "charge"]],
    ["global", "superposition", ["charge"]],
  ] as const)(
    "%s from the %s state: the sector (%j) and the whole space agree",
    async (approach, start, charges) => {
      const withCharge = coupledQubitsGenerator(params, approach as Approach, { charge: true });
      const without = coupledQubitsGenerator(params, approach as Approach);
      const rho0 =
        start === "product"
          ? productState
          : eigenSuperposition(without, start === "eigenstate" ? [0, 1, 0, 0] : [0, 1, 1, 0]);
      expect(evolutionDynamics(withCharge, rho0).sector?.charges).toEqual(charges);
      // Without the charge, global still has the energy (from an eigenstate); the rest integrate
      // the whole upper triangle.
      expect(evolutionDynamics(without, rho0).sector?.charges ?? null).toEqual(
        start === "eigenstate" ? ["energy"] : null,
      );
      for (const method of ["rk45", "expm"]) {
        const a = await trajectory(withCharge, rho0, method);
        const b = await trajectory(without, rho0, method);
        expect(a.map((s) => s.t)).toEqual(b.map((s) => s.t));
        for (let k = 0; k < a.length; k++) {
          const x = a[k].rho.data;
          const y = b[k].rho.data;
          for (let e = 0; e < x.length; e++) expect(Math.abs(x[e] - y[e])).toBeLessThan(TRAJECTORY_AGREEMENT);
          expect(Math.abs(a[k].currents!.A - b[k].currents!.A)).toBeLessThan(TRAJECTORY_AGREEMENT);
          expect(Math.abs(a[k].residual! - b[k].residual!)).toBeLessThan(TRAJECTORY_AGREEMENT);
        }
      }
    },
  );
});

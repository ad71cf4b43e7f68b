import { basisState, type ComplexMatrix, type Operator, sigmaMinus, sigmaZ } from "@liouville/core";
import { firstValueFrom } from "rxjs";
import { describe, expect, expectTypeOf, test } from "vitest";
import { coupledQubitsGenerator, eigenSuperposition } from "../test-support/evolve-test-systems";
import { evolve } from "./evolve";
import type { EvolveOptions } from "./evolve-options";
import type { EvolutionSample } from "./evolve-sample";
import { mesolve } from "./mesolve";

// The sample types follow the options: a field the options certainly request is typed as present
// (no `!`), one they leave open stays optional. The `expectTypeOf` lines are checked by the
// type-check of the test sources (`tsc`, part of `pnpm test`); the runtime lines check that the
// fields typed as present are there.

const generator = coupledQubitsGenerator(
  { omega1: 1.2, omega2: 1, lambda: 0.3, gA: 0.05, gB: 0.05, TA: 2, TB: 1 },
  "global",
);
const rho0 = eigenSuperposition(generator, [1, 1, 2, 0.5]);

describe("evolve: sample types follow the options", () => {
  test("defaults: populations and currents present; residual, expect, elements optional", async () => {
    const s = await firstValueFrom(evolve(generator, rho0, { tEnd: 1 }));
    expectTypeOf(s.currents).toEqualTypeOf<Readonly<Record<string, number>>>();
    expectTypeOf(s.populations).toEqualTypeOf<readonly number[]>();
    expectTypeOf(s.residual).toEqualTypeOf<number | undefined>();
    expectTypeOf(s.elements).toEqualTypeOf<EvolutionSample["elements"]>();
    expect(Object.keys(s.currents)).toEqual(["A", "B"]);
    expect(s.populations).toHaveLength(generator.dimension);
    expect(s.residual).toBeUndefined();
  });

  test("switched off: optional again, and absent at run time", async () => {
    const s = await firstValueFrom(evolve(generator, rho0, { tEnd: 1, currents: false, populations: false }));
    expectTypeOf(s.currents).toEqualTypeOf<Readonly<Record<string, number>> | undefined>();
    expectTypeOf(s.populations).toEqualTypeOf<readonly number[] | undefined>();
    expect(s.currents).toBeUndefined();
    expect(s.populations).toBeUndefined();
  });

  test("requested: residual (directly or by relaxationTolerance), expect by name, elements", async () => {
    const s = await firstValueFrom(
      evolve(generator, rho0, {
        tEnd: 1,
        residual: true,
        expect: { z1: generator.system.hamiltonian as ComplexMatrix },
        elements: [[1, 2]],
      }),
    );
    expectTypeOf(s.residual).toEqualTypeOf<number>();
    expectTypeOf(s.expect.z1.re).toEqualTypeOf<number>();
    expectTypeOf(s.elements).toEqualTypeOf<readonly { readonly re: number; readonly im: number }[]>();
    expect(Number.isFinite(s.residual)).toBe(true);
    expect(Number.isFinite(s.expect.z1.re)).toBe(true);
    expect(s.elements).toHaveLength(1);
    const r = await firstValueFrom(evolve(generator, rho0, { relaxationTolerance: 1e-6 }));
    expectTypeOf(r.residual).toEqualTypeOf<number>();
    expect(Number.isFinite(r.residual)).toBe(true);
  });

  test("an expect record typed Record<string, ...> may be empty: expect stays optional", async () => {
    const none: Record<string, ComplexMatrix> = {};
    const s = await firstValueFrom(evolve(generator, rho0, { tEnd: 1, expect: none }));
    expectTypeOf(s.expect).toEqualTypeOf<EvolutionSample["expect"]>();
    expect(s.expect).toBeUndefined();
  });

  test("options known only at run time keep every requested field optional", async () => {
    const options: Partial<EvolveOptions> = { tEnd: 1, currents: Math.random() < 2 };
    const s = await firstValueFrom(evolve(generator, rho0, options));
    expectTypeOf(s.currents).toEqualTypeOf<Readonly<Record<string, number>> | undefined>();
    expectTypeOf(s.populations).toEqualTypeOf<readonly number[] | undefined>();
    expect(s.currents).toBeDefined();
  });

  test("a misspelt option is a type error (and a run-time ParameterError)", () => {
    // @ts-expect-error: `tend` is not an option of evolve (tEnd is)
    expect(() => evolve(generator, rho0, { tend: 1 })).toThrow(/tend/);
  });
});

describe("mesolve: sample types follow the options", () => {
  const excited = basisState(2, 0);
  test("states kept by default: rho present; eOps and baths give named expect and currents", () => {
    const r = mesolve(sigmaZ(), excited, [0, 1], {
      baths: { cold: [{ operator: sigmaMinus(), rate: 0.1 }] },
      eOps: { z: sigmaZ() },
    });
    expectTypeOf(r.samples[0].rho).toEqualTypeOf<Operator>();
    expectTypeOf(r.samples[0].currents.cold).toEqualTypeOf<number>();
    expectTypeOf(r.expect.z).toEqualTypeOf<{ readonly re: number; readonly im: number }[]>();
    expect(r.samples[1].rho.rows).toBe(2);
    expect(Number.isFinite(r.samples[1].currents.cold)).toBe(true);
    expect(r.expect.z).toHaveLength(2);
  });

  test("states: false leaves rho optional, and absent at run time", () => {
    const r = mesolve(sigmaZ(), excited, [0, 1], { states: false, eOps: { z: sigmaZ() } });
    expectTypeOf(r.samples[0].rho).toEqualTypeOf<Operator | undefined>();
    expect(r.samples[1].rho).toBeUndefined();
  });
});

import { ParameterError, UnknownIdError } from "@liouville/core";
import { describe, expect, test } from "vitest";
import { dop853 } from "./dop853/dop853";
import { getIntegrator, listIntegrators, registerIntegrator } from "./registry";
import { dormandPrince45 } from "./rk45/rk45";

describe("integrator registry", () => {
  test("has rk45 and dop853 built in, in that order", () => {
    expect(getIntegrator("rk45")).toBe(dormandPrince45);
    expect(getIntegrator("dop853")).toBe(dop853);
    expect(listIntegrators().slice(0, 2)).toEqual([dormandPrince45, dop853]);
  });

  test("an unknown id raises UnknownIdError listing the registered ids", () => {
    expect(() => getIntegrator("dopri853")).toThrow(UnknownIdError);
    expect(() => getIntegrator("dopri853")).toThrow('unknown integrator "dopri853"; known: rk45, dop853');
  });

  test("registers a plugin once and refuses a duplicate or empty id", () => {
    const plugin = { ...dormandPrince45, id: "rk45-plugin", title: "a copy for the test" };
    registerIntegrator(plugin);
    expect(getIntegrator("rk45-plugin")).toBe(plugin);
    expect(listIntegrators().map((factory) => factory.id)).toEqual(["rk45", "dop853", "expm", "rk45-plugin"]);
    expect(() => registerIntegrator(plugin)).toThrow(ParameterError);
    expect(() => registerIntegrator(dormandPrince45)).toThrow(/integrator id must be unique/);
    expect(() => registerIntegrator({ ...dormandPrince45, id: "" })).toThrow(ParameterError);
  });

  test("hands out a frozen list that cannot change the table", () => {
    const list = listIntegrators();
    expect(Object.isFrozen(list)).toBe(true);
  });
});

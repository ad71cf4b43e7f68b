import { ParameterError, UnknownIdError } from "@liouville/core";
import { describe, expect, test } from "vitest";
import { INTEGRATOR_OPTION_KEYS, type IntegratorOptions, resolveIntegratorOptions } from "./integrator";
import { RK45_DEFAULTS } from "./rk45/rk45";

describe("resolveIntegratorOptions", () => {
  test("fills in defaults and freezes the result", () => {
    const resolved = resolveIntegratorOptions(RK45_DEFAULTS, { rtol: 1e-9, atol: undefined });
    expect(resolved).toEqual({ ...RK45_DEFAULTS, rtol: 1e-9 });
    expect(Object.isFrozen(resolved)).toBe(true);
    expect(resolveIntegratorOptions(RK45_DEFAULTS)).toEqual(RK45_DEFAULTS);
  });

  test("rejects an unknown key with the list of allowed keys", () => {
    const run = () => resolveIntegratorOptions(RK45_DEFAULTS, { maxstep: 1 } as Partial<IntegratorOptions>);
    expect(run).toThrow(UnknownIdError);
    expect(run).toThrow(`unknown integrator option "maxstep"; known: ${INTEGRATOR_OPTION_KEYS.join(", ")}`);
  });

  const invalid: [string, Partial<IntegratorOptions>, RegExp][] = [
    ["negative rtol", { rtol: -1e-6 }, /^rtol must be finite and >= 0/],
    ["infinite atol", { atol: Number.POSITIVE_INFINITY }, /^atol must be finite and >= 0/],
    ["NaN rtol", { rtol: Number.NaN }, /^rtol must be a number/],
    ["string atol", { atol: "1e-8" as unknown as number }, /^atol must be a number \(got "1e-8"\)/],
    ["rtol = atol = 0", { rtol: 0, atol: 0 }, /^rtol and atol: not both 0/],
    ["rtol above MAX_RTOL (5 for 5 %)", { rtol: 5 }, /^rtol must be <= 1 /],
    ["negative firstStep", { firstStep: -0.1 }, /^firstStep must be finite and >= 0/],
    ["negative minStep", { minStep: -1 }, /^minStep must be finite and >= 0/],
    ["zero maxStep", { maxStep: 0 }, /^maxStep must be > 0/],
    ["fractional maxSteps", { maxSteps: 2.5 }, /^maxSteps must be a positive integer/],
    ["zero maxSteps", { maxSteps: 0 }, /^maxSteps must be a positive integer/],
    ["infinite maxSteps", { maxSteps: Number.POSITIVE_INFINITY }, /^maxSteps must be a positive integer/],
    ["minStep above maxStep", { minStep: 2, maxStep: 1 }, /^minStep must be <= maxStep = 1/],
    ["firstStep above maxStep", { firstStep: 2, maxStep: 1 }, /^firstStep must be 0 \(automatic\) or in/],
  ];

  test.each(invalid)("rejects %s with a ParameterError naming the option", (_case, options, message) => {
    expect(() => resolveIntegratorOptions(RK45_DEFAULTS, options)).toThrow(ParameterError);
    expect(() => resolveIntegratorOptions(RK45_DEFAULTS, options)).toThrow(message);
  });

  test("accepts pure relative or pure absolute tolerances and an unbounded maxStep", () => {
    expect(resolveIntegratorOptions(RK45_DEFAULTS, { atol: 0 }).rtol).toBe(1e-6);
    expect(resolveIntegratorOptions(RK45_DEFAULTS, { rtol: 0 }).atol).toBe(1e-8);
    expect(resolveIntegratorOptions(RK45_DEFAULTS, { maxStep: Number.POSITIVE_INFINITY }).maxStep).toBe(
      Number.POSITIVE_INFINITY,
    );
  });
});

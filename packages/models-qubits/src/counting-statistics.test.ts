import { buildGenerator, countingStatistics, scaledCumulantGeneratingFunction } from "@liouville/core";
import { relativeError } from "@liouville/core/testing";
import { describe, expect, it } from "vitest";
import fixtures from "./fixtures/qutip-countstat.json";
import { modelParameters } from "./parameters";
import { getModel } from "./registry";
import { singleQubit, singleQubitHeatStatistics } from "./single-qubit";

/** Against QuTiP's countstat_current_noise (its own sparse solves, regularised at 1e-15). */
const QUTIP_RELATIVE = 1e-9;
/** The cumulant recursion and the continued eigenvalue against the two-state closed form. */
const CLOSED_FORM_RELATIVE = 1e-9;

describe("counting statistics against QuTiP's countstat_current_noise (fixtures from scripts/qutip-countstat-fixtures.py)", () => {
  it.each(fixtures.cases)("$model ($approach), emissions into bath B at T = 0", (c) => {
    const model = getModel(c.model);
    const generator = buildGenerator(model.build(modelParameters(model, c.params)), {
      approach: c.approach as "local" | "global",
    });
    const stats = countingStatistics(generator, c.bath, { order: 2 });
    // omega = 1 and emissions only: the heat into the system is minus the number of jumps.
    expect(relativeError(stats.current, -c.qutipCurrent)).toBeLessThan(QUTIP_RELATIVE);
    expect(relativeError(stats.noise, c.qutipNoise)).toBeLessThan(QUTIP_RELATIVE);
  });
});

describe("single qubit: theta(s) and the noise against the closed form over temperatures and rates", () => {
  const temperatures = [0.1, 0.7, 3, 25];
  const rates = [
    [0.01, 0.03],
    [0.2, 0.05],
  ];
  const grid = temperatures.flatMap((TA) =>
    temperatures.filter((TB) => TB !== TA).flatMap((TB) => rates.map(([gA, gB]) => ({ TA, TB, gA, gB }))),
  );
  it.each(grid)("%o", (params) => {
    const p = modelParameters(singleQubit, params);
    const generator = buildGenerator(singleQubit.build(p), { approach: "global" });
    for (const bath of ["A", "B"] as const) {
      const exact = singleQubitHeatStatistics(p, bath);
      const stats = countingStatistics(generator, bath, { order: 2 });
      expect(relativeError(stats.current, exact.current)).toBeLessThan(CLOSED_FORM_RELATIVE);
      expect(relativeError(stats.noise, exact.noise)).toBeLessThan(CLOSED_FORM_RELATIVE);
      for (const s of [-0.5, 0.8]) {
        const theta = scaledCumulantGeneratingFunction(generator, bath, { re: 0, im: -s }).re;
        expect(Math.abs(theta - exact.theta(s))).toBeLessThan(
          CLOSED_FORM_RELATIVE * Math.max(Math.abs(exact.theta(s)), exact.noise),
        );
      }
    }
  });
});

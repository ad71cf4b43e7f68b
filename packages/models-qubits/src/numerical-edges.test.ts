import { auditCurrents, MAX_THERMAL_OCCUPATION, NumericalError, ParameterError } from "@liouville/core";
import { describe, expect, it } from "vitest";
import { getModel } from "./registry";
import { steadyReport } from "./steady-report";

/** Numerics against the closed forms, relative (rounding of a few operations). */
const CLOSED_FORM_RELATIVE = 1e-12;

function expectRelative(actual: number, expected: number, tol = CLOSED_FORM_RELATIVE) {
  expect(Number.isFinite(actual)).toBe(true);
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.abs(expected));
}

describe("high temperatures and large rates: accurate or refused (issue 10, item 1)", () => {
  const oscillators = getModel("coupled-oscillators");
  const temperatures = [2, 1e3, 1e7, 1e10, 1e15, 1e20, 1e25, 1e30, 1e155, 1e300];

  it.each(["global", "local"] as const)(
    "coupled-oscillators (%s, Gaussian): J_A, J_B and the channels match the closed form for T_A = 2..1e300",
    (approach) => {
      for (const TA of temperatures) {
        const r = steadyReport(oscillators, { TA }, approach);
        const closed = r.analytic!.currents;
        expectRelative(r.audit.currents.A, closed.A);
        expectRelative(r.audit.currents.B, closed.B);
        expect(r.audit.secondLaw).toBe("ok");
        expect(r.audit.firstLaw).toBe("ok");
        if (approach === "global") {
          const channels = r.analytic!.channels ?? [];
          for (const [k, c] of r.channels.entries()) expectRelative(c.current, channels[k].current);
        }
      }
    },
  );

  it("single-qubit with rates of 1e155 (products overflow): currents match the closed form", () => {
    const r = steadyReport(getModel("single-qubit"), { gA: 1e155, gB: 1e155 });
    expectRelative(r.audit.currents.A, r.analytic!.currents.A);
    expectRelative(r.audit.currents.B, r.analytic!.currents.B);
    expect(r.analytic!.currents.A).toBeGreaterThan(0);
    expect(r.audit.secondLaw).toBe("ok");
  });

  it("refuses an occupation n(w, T) above MAX_THERMAL_OCCUPATION on the generator path, naming the bath's temperature", () => {
    const qubit = getModel("single-qubit");
    for (const input of [{ omega0: 1e-300 }, { TA: 1e12 }]) {
      expect(() => steadyReport(qubit, input)).toThrow(ParameterError);
      expect(() => steadyReport(qubit, input)).toThrow(/temperature of bath A must be at most/);
    }
    // Just inside the bound the generator path still agrees with the closed form.
    const TA = 0.5 * MAX_THERMAL_OCCUPATION;
    const r = steadyReport(qubit, { TA });
    expectRelative(r.audit.currents.A, r.analytic!.currents.A, 1e-6);
    expect(() => steadyReport(getModel("coupled-qubits"), { TA: 1e10 }, "local")).toThrow(ParameterError);
  });
});

describe("the first-law audit (issue 10, item 2)", () => {
  const baths = [
    { name: "A", temperature: 1e10 },
    { name: "B", temperature: 1 },
  ];

  it("fails two currents that both leave the system (the residual is as large as the currents)", () => {
    // The output of coupled-qubits --approach local --TA 1e10 before the fix, with the scales of
    // its dense solve (bath A's gross flow about 1e9, bath B's about 0.07).
    const audit = auditCurrents({ A: -7.450580596923828e-9, B: -5.268797121683877e-10 }, baths, {
      firstLawScale: 1e9,
      bathScales: { A: 1e9, B: 0.07 },
      minEigenvalue: 0.13,
      kernelDimension: 1,
    });
    expect(audit.firstLaw).toBe("violated");
  });

  it("passes rounding-level currents at equilibrium and currents that balance to rounding", () => {
    const equal = [
      { name: "A", temperature: 1 },
      { name: "B", temperature: 1 },
    ];
    const scales = {
      firstLawScale: 0.1,
      bathScales: { A: 0.05, B: 0.05 },
      minEigenvalue: 0.1,
      kernelDimension: 1,
    };
    expect(auditCurrents({ A: 3e-18, B: 1e-18 }, equal, scales).firstLaw).toBe("ok");
    expect(auditCurrents({ A: 2e-4, B: -2e-4 + 1e-18 }, baths, scales).firstLaw).toBe("ok");
    expect(auditCurrents({ A: 2e-4, B: Number.NaN }, baths, scales).firstLaw).toBe("violated");
  });

  it("steady refuses currents that break the first law with a NumericalError, and solves where they are accurate", () => {
    const qubits = getModel("coupled-qubits");
    try {
      steadyReport(qubits, { TA: 1e7 }, "local");
      expect.unreachable("the local coupled qubits at T_A = 1e7 should be refused");
    } catch (e) {
      expect(e).toBeInstanceOf(NumericalError);
      expect((e as NumericalError).reason).toBe("inaccurate");
    }
    const r = steadyReport(qubits, { TA: 1e5 }, "local");
    expect(r.audit.firstLaw).toBe("ok");
    expect(Math.abs(r.audit.firstLawResidual)).toBeLessThanOrEqual(1e-8 * Math.abs(r.audit.currents.A));
    expect(r.audit.currents.A).toBeGreaterThan(0);
    expect(r.audit.currents.B).toBeLessThan(0);
  });
});

import { LiouvilleError, ParameterError } from "@liouville/core";
import { relativeError } from "@liouville/core/testing";
import { describe, expect, it } from "vitest";
import { modelParameters } from "./parameters";
import { listModels } from "./registry";
import { steadyReport } from "./steady-report";

// The contract every registered model meets (issue: a model contract test), checked over the
// registry so that a model added later is covered without a test of its own.

/** A model's closed form against its own numerics at the defaults (each model's tests go further). */
const CLOSED_FORM_RELATIVE = 1e-8;
/** Trace and Hermiticity of a model's initial state. */
const STATE_ROUNDING = 1e-12;

describe.each(listModels().map((model) => ({ id: model.id, model })))("model contract: $id", ({ model }) => {
  it("describes itself: a title, a description, approaches, and documented parameters whose defaults validate", () => {
    expect(model.title.length).toBeGreaterThan(0);
    expect(model.description.length).toBeGreaterThan(0);
    expect(model.approaches.length).toBeGreaterThan(0);
    const names = model.parameters.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const p of model.parameters) {
      expect(p.description.length, p.name).toBeGreaterThan(0);
      if (p.kind === "choice") expect(p.choices ?? [], p.name).toContain(p.default);
      if (p.min && typeof p.default === "number") {
        expect(p.min.exclusive ? p.default > p.min.value : p.default >= p.min.value, p.name).toBe(true);
      }
    }
    const params = modelParameters(model, {});
    expect(() => model.validate(params)).not.toThrow();
  });

  it("its initial state is a density matrix of the system's dimension (or the defaults name why there is no finite system)", () => {
    const params = modelParameters(model, {});
    let system: ReturnType<typeof model.build>;
    try {
      system = model.build(params);
    } catch (e) {
      // A model solved by its own exact method at the defaults (the oscillators' Gaussian path)
      // has no finite open system there: it says which parameter makes one.
      expect(e).toBeInstanceOf(ParameterError);
      return;
    }
    const rho = model.initialState(params);
    const d = system.hamiltonian.rows;
    expect([rho.rows, rho.cols]).toEqual([d, d]);
    let trace = 0;
    for (let i = 0; i < d; i++) {
      trace += rho.re(i, i);
      for (let j = 0; j < d; j++) {
        expect(Math.abs(rho.re(i, j) - rho.re(j, i))).toBeLessThan(STATE_ROUNDING);
        expect(Math.abs(rho.im(i, j) + rho.im(j, i))).toBeLessThan(STATE_ROUNDING);
      }
    }
    expect(Math.abs(trace - 1)).toBeLessThan(STATE_ROUNDING);
  });

  it.each(model.approaches.map((approach) => ({ approach })))(
    "the defaults solve under $approach: the laws audited, the closed form matched, the report serialisable",
    ({ approach }) => {
      let report: ReturnType<typeof steadyReport>;
      try {
        report = steadyReport(model, {}, approach);
      } catch (e) {
        // A size or approach the library refuses says so with a typed error, never a raw one.
        expect(LiouvilleError.isInstance(e)).toBe(true);
        return;
      }
      const { audit } = report;
      if (report.generator) {
        const names = report.generator.system.baths.map((b) => b.name);
        expect(Object.keys(audit.currents).sort()).toEqual(names.sort());
      }
      for (const j of Object.values(audit.currents)) expect(Number.isFinite(j)).toBe(true);
      expect(audit.firstLaw).toBe("ok");
      if (approach === "global") expect(audit.secondLaw).toBe("ok");
      const analytic = report.analytic;
      if (analytic && analytic.approach === approach) {
        for (const [bath, j] of Object.entries(analytic.currents)) {
          expect(relativeError(audit.currents[bath], j), bath).toBeLessThan(CLOSED_FORM_RELATIVE);
        }
      }
      const json = JSON.parse(
        JSON.stringify({ params: report.params, audit, analytic: analytic?.currents ?? null }),
      );
      expect(json.audit.currents).toEqual(audit.currents);
    },
  );
});

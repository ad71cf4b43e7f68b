import { buildGenerator, heatCurrents, SECULAR_FACTOR, secularValidity, steadyState } from "@liouville/core";
import { describe, expect, it } from "vitest";
import { compareApproaches } from "./compare";
import { coupledOscillators } from "./coupled-oscillators";
import { coupledQubits } from "./coupled-qubits";
import { modelParameters } from "./parameters";
import { steadyReport } from "./steady-report";

// Issue 10 item 3: near-degenerate Bohr frequencies. The global (Davies) master equation of two
// resonant qubits jumps from J = 0 (lambda below the Bohr grouping tolerance: the two frequencies
// 1 +- lambda are one) to the resolved-splitting value 1.536e-3 (from lambda = 1e-9 on), while
// Redfield stays continuous; the audit must say "doubtful" wherever the global number is not the
// physics.

/** J_A of the coupled qubits (omega1 = omega2 = 1 unless given) under global and Redfield. */
function currents(input: Record<string, number>) {
  const params = modelParameters(coupledQubits, { omega1: 1, omega2: 1, ...input });
  const system = coupledQubits.build(params);
  const global = buildGenerator(system, { approach: "global" });
  const redfield = buildGenerator(system, { approach: "redfield" });
  return {
    global: heatCurrents(global, steadyState(global)).A,
    redfield: heatCurrents(redfield, steadyState(redfield)).A,
    secular: secularValidity(global),
  };
}

/**
 * Where the verdict is "ok" the global current is within this of Redfield's: 1.2 / SECULAR_FACTOR^2
 * = 1.9% is the measured size of the non-secular correction at the threshold (secular-validity.ts),
 * with a margin of 1.5 for the Redfield kernel's own higher-order terms.
 */
const OK_AGREEMENT = (1.5 * 1.2) / SECULAR_FACTOR ** 2;
/** Currents below this are zero (rounding of the 1e-3 currents of these parameters). */
const ZERO_CURRENT = 1e-15;

describe("secular validity of the global master equation", () => {
  it("the issue's sweep lambda = 0:2e-9:11: every point whose global current is not the physics is doubtful", () => {
    for (let k = 0; k <= 10; k++) {
      const lambda = (2e-9 * k) / 10;
      const c = currents({ lambda });
      expect(c.secular).not.toBeNull();
      // Redfield is continuous: the current of resonant qubits vanishes with lambda.
      expect(Math.abs(c.redfield)).toBeLessThan(ZERO_CURRENT);
      if (Math.abs(c.global) > ZERO_CURRENT) {
        // The resolved splitting 2 lambda (below the rates): the global number is an artefact.
        expect(c.secular?.verdict).toBe("doubtful");
        expect(c.secular?.smallestSplitting).toBeLessThan(c.secular?.largestRate ?? 0);
      } else {
        // Merged (lambda up to 8e-10): the partial secular approximation, valid and continuous.
        expect(c.secular?.verdict).toBe("ok");
      }
    }
    // The discontinuity is there (the grouping decides it) and flagged on the side that is wrong.
    expect(currents({ lambda: 8e-10 }).global).toBeLessThan(ZERO_CURRENT);
    expect(currents({ lambda: 1e-9 }).global).toBeGreaterThan(1e-3);
  });

  it("where the verdict is ok, global agrees with Redfield; it turns doubtful before they part", () => {
    const lambdas = [1e-3, 3e-3, 0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.6];
    const verdicts = lambdas.map((lambda) => {
      const c = currents({ lambda });
      const deviation = Math.abs(c.global - c.redfield) / Math.abs(c.redfield);
      if (c.secular?.verdict === "ok") expect(deviation).toBeLessThan(OK_AGREEMENT);
      // Deviations of 10% or more are always flagged.
      if (deviation > 0.1) expect(c.secular?.verdict).toBe("doubtful");
      return c.secular?.verdict;
    });
    // Both verdicts occur on this grid (the test is not vacuous).
    expect(verdicts).toContain("ok");
    expect(verdicts).toContain("doubtful");
  });

  it("frequencies merged by the tolerance but not close compared with tiny rates are doubtful", () => {
    // lambda = 4e-10 merges 1 +- lambda (tolerance 2e-9), but with rates of 1e-12 the splitting
    // 8e-10 is large beside them: the merge is not the partial secular approximation.
    const tiny = currents({ lambda: 4e-10, gA: 1e-12, gB: 1e-12 }).secular;
    expect(tiny?.verdict).toBe("doubtful");
    expect(tiny?.largestMergedSplitting).toBeGreaterThan(tiny?.largestRate ?? Infinity);
    expect(currents({ lambda: 4e-10 }).secular?.verdict).toBe("ok");
  });

  it("the defaults pass, and local and redfield have no secular verdict", () => {
    expect(steadyReport(coupledQubits).audit.secular?.verdict).toBe("ok");
    const c = compareApproaches(coupledQubits, { omega1: 1, omega2: 1, lambda: 1e-9 });
    const byApproach = Object.fromEntries(
      c.approaches.map((e) => [e.approach, e.available ? e.audit.secular : "unavailable"]),
    );
    expect(byApproach.local).toBeNull();
    expect(byApproach.redfield).toBeNull();
    expect(byApproach.global).toMatchObject({ verdict: "doubtful", factor: SECULAR_FACTOR });
  });

  it("the oscillators' exact (Gaussian) global solution is judged too: resonant modes with a tiny hopping are doubtful", () => {
    // omega1 = omega2 = 1, lambda = 1e-6: the normal modes are 2e-6 apart, far below the rates, and
    // the exact global current (4.8e-3) is not the physics (local and Redfield give ~1e-10).
    const near = steadyReport(coupledOscillators, { omega1: 1, omega2: 1, lambda: 1e-6, TA: 0.4, TB: 0.2 });
    const verdict = near.audit.secular;
    expect(verdict?.verdict).toBe("doubtful");
    // Frequencies at most 2 lambda apart (omega_- and omega_+; the tolerance may merge some of the
    // truncated model's nearly equal copies), far below the largest rate.
    expect(verdict!.smallestSplitting).toBeLessThanOrEqual(2e-6 * (1 + 1e-6));
    expect(verdict!.smallestSplitting * 1e3).toBeLessThan(verdict!.largestRate);
    // The same verdict as the truncated model's own global generator.
    const truncated = steadyReport(coupledOscillators, {
      omega1: 1,
      omega2: 1,
      lambda: 1e-6,
      TA: 0.4,
      TB: 0.2,
      nmax: 6,
    });
    expect(truncated.audit.secular?.verdict).toBe("doubtful");
    expect(steadyReport(coupledOscillators).audit.secular?.verdict).toBe("ok");
    expect(steadyReport(coupledOscillators, {}, "local").audit.secular).toBeNull();
  });
});

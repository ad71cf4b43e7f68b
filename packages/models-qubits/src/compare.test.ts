import { describe, expect, it } from "vitest";
import { compareApproaches } from "./compare";
import { coupledQubits } from "./coupled-qubits";
import { singleQubit } from "./single-qubit";

describe("compareApproaches", () => {
  it("the audit of the coupled qubits under global passes every check", () => {
    for (const input of [
      {},
      { TA: 0.1, TB: 3, lambda: 0.5, spectrum: "ohmic" },
      { omega1: 1, omega2: 1, lambda: 0.3 },
    ]) {
      const c = compareApproaches(coupledQubits, input);
      const global = c.approaches.find((e) => e.approach === "global")!;
      expect(global.available).toBe(true);
      if (!global.available) continue;
      const a = global.audit;
      expect(a.secondLaw).toBe("ok");
      expect(a.entropyProduction).toBeGreaterThanOrEqual(0);
      expect(a.positivity).toBe("ok");
      expect(a.minEigenvalue).toBeGreaterThan(0);
      expect(a.kernelDimension).toBe(1);
      expect(Math.abs(a.firstLawResidual)).toBeLessThanOrEqual(1e-14 * a.firstLawScale);
    }
  });

  it("lists all three approaches in order, each audited for the single qubit", () => {
    const c = compareApproaches(singleQubit, { TA: 3, TB: 1 });
    expect(c.approaches.map((e) => e.approach)).toEqual(["local", "global", "redfield"]);
    for (const e of c.approaches) {
      expect(e.available).toBe(true);
      if (e.available) expect(e.audit.secondLaw).toBe("ok");
    }
  });

  it("invalid parameters throw instead of being listed per approach", () => {
    expect(() => compareApproaches(coupledQubits, { lambda: 5 })).toThrow(/lambda/);
  });
});

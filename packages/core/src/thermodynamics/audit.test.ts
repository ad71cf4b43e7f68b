import { describe, expect, it } from "vitest";
import { auditCurrents, SECOND_LAW_TOLERANCE } from "./audit";

const baths = [
  { name: "A", temperature: 0 },
  { name: "B", temperature: 1 },
];
const state = { firstLawScale: 1, minEigenvalue: 0.1, kernelDimension: 1 };

describe("auditCurrents: entropy production with a bath at T = 0", () => {
  it("rounding-level currents contribute nothing (sigma = 0, not -Infinity)", () => {
    const j = 0.1 * SECOND_LAW_TOLERANCE;
    const audit = auditCurrents({ A: j, B: -j }, baths, state);
    expect(audit.entropyProduction).toBe(0);
    expect(audit.secondLaw).toBe("ok");
    expect(audit.currents).toEqual({ A: j, B: -j }); // reported as computed
  });

  it("a resolved current into the T = 0 bath gives +Infinity (second law holds); out of it, -Infinity (violated)", () => {
    const into = auditCurrents({ A: -1e-3, B: 1e-3 }, baths, state);
    expect(into.entropyProduction).toBe(Number.POSITIVE_INFINITY);
    expect(into.secondLaw).toBe("ok");
    const outOf = auditCurrents({ A: 1e-3, B: -1e-3 }, baths, state);
    expect(outOf.entropyProduction).toBe(Number.NEGATIVE_INFINITY);
    expect(outOf.secondLaw).toBe("violated");
  });

  it("finite temperatures: sigma = -sum J/T of the resolved currents", () => {
    const audit = auditCurrents(
      { A: 2e-3, B: -2e-3 },
      [
        { name: "A", temperature: 2 },
        { name: "B", temperature: 0.5 },
      ],
      state,
    );
    expect(audit.entropyProduction).toBeCloseTo(-2e-3 / 2 + 2e-3 / 0.5, 15);
    expect(audit.positivity).toBe("ok");
  });
});

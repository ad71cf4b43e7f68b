import { describe, expect, it, vi } from "vitest";
import { buildGenerator } from "../master-equation/build-generator";
import { steadyState } from "../steady-state/steady-state";
import { randomChain } from "../testing/random-chain";
import {
  auditCurrents,
  auditSteadyState,
  KERNEL_CHECK_MAX_DIMENSION,
  KERNEL_CHECK_MAX_WORK,
  SECOND_LAW_TOLERANCE,
} from "./audit";

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

describe("auditSteadyState: the kernel check", () => {
  it("takes a charged Liouvillian apart into blocks; null where their work exceeds the bound", () => {
    // 5 spins, local: the blocks of fixed excitation difference k, the largest C(10, 5) = 252.
    expect(auditSteadyState(buildGenerator(randomChain(5, 31), { approach: "local" })).kernelDimension).toBe(
      1,
    );
    // 6 spins: blocks of C(12, 6) = 924 and C(12, 5) = 792 (one of the pair k = +-1 eliminated):
    // beyond KERNEL_CHECK_MAX_WORK.
    expect(924 ** 3 + 792 ** 3).toBeGreaterThan(KERNEL_CHECK_MAX_WORK);
    const six = buildGenerator(randomChain(6, 31), { approach: "local", representation: "sparse" });
    expect(auditSteadyState(six).kernelDimension).toBeNull();
  });

  it("leaves a degenerate secular generator at d = 64 unchecked, assembling neither a CSR nor a dense form", () => {
    // The uniform XX chain is degenerate, so its steady state is not on the rate path; its
    // matrix-free global Liouvillian would need gigabytes as CSR: not checked, not assembled.
    const g = buildGenerator(randomChain(6, 31, true, true), { approach: "global" });
    expect(g.liouvillian.representation).toBe("matrix-free");
    const state = steadyState(g);
    expect(state.method).not.toBe("rate-equation");
    const toCsr = vi.spyOn(g.liouvillian, "toCsr");
    const toDense = vi.spyOn(g.liouvillian, "toDense");
    expect(auditSteadyState(g, state).kernelDimension).toBeNull();
    expect(toCsr).not.toHaveBeenCalled();
    expect(toDense).not.toHaveBeenCalled();
  });

  it("above KERNEL_CHECK_MAX_DIMENSION leaves the Liouvillian unbuilt (a generator makes it on first use)", () => {
    const g = buildGenerator(randomChain(7, 31), { approach: "local" });
    expect(g.dimension).toBeGreaterThan(KERNEL_CHECK_MAX_DIMENSION);
    const state = steadyState(g);
    // The generator is frozen: a stand-in inheriting from it counts the reads of its Liouvillian
    // (a state solved for the same system and approach is accepted).
    let reads = 0;
    const probe = Object.create(g, {
      liouvillian: {
        get: () => {
          reads++;
          return g.liouvillian;
        },
      },
    });
    expect(auditSteadyState(probe, state).kernelDimension).toBeNull();
    expect(reads).toBe(0);
  });
});

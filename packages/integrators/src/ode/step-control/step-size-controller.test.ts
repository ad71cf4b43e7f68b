import { describe, expect, test } from "vitest";
import { DOPRI5_PI_CONTROLLER, PiStepSizeController } from "./step-size-controller";

describe("PiStepSizeController", () => {
  const { safety, alpha, beta, minFactor, maxFactor } = DOPRI5_PI_CONTROLLER;

  test("uses the DOPRI5 constants: alpha = 1/5 - 0.75 beta", () => {
    expect(beta).toBe(0.04);
    expect(alpha).toBeCloseTo(0.17, 15);
    expect(safety).toBe(0.9);
  });

  test("after an accepted step: safety err^-alpha errPrev^beta, clamped", () => {
    const controller = new PiStepSizeController();
    expect(controller.accepted(0.5)).toBeCloseTo(safety * 0.5 ** -alpha * 1e-4 ** beta, 14);
    expect(controller.accepted(0.2)).toBeCloseTo(safety * 0.2 ** -alpha * 0.5 ** beta, 14);
    expect(controller.accepted(0)).toBe(maxFactor);
  });

  test("after a rejection: shrinks, at most by minFactor, and the next accepted step does not grow", () => {
    const controller = new PiStepSizeController();
    expect(controller.rejected(2)).toBeCloseTo(safety * 2 ** -alpha, 14);
    expect(controller.rejected(1e30)).toBe(minFactor);
    expect(controller.rejected(Number.POSITIVE_INFINITY)).toBe(minFactor);
    expect(controller.accepted(1e-6)).toBe(1);
    // Growth resumes, with err_{n-1} floored at 1e-4.
    expect(controller.accepted(1e-6)).toBeCloseTo(safety * 1e-6 ** -alpha * 1e-4 ** beta, 14);
  });
});

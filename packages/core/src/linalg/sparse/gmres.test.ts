import { describe, expect, it } from "vitest";
import { NumericalError } from "../../errors/numerical-error";
import { realDenseSolve } from "../real-dense-solve";
import { gmres } from "./gmres";
import { incompleteLu } from "./ilu";
import { realCsrMatvecInto } from "./real-csr";
import { convectionDiffusion, randomSparse, randomVector, relativeResidual } from "./test-matrices";

const TOLERANCE = 1e-10;
const DENSE_AGREEMENT = 1e-9;

describe("gmres", () => {
  it("solves a random diagonally weighted system and matches a dense solve", () => {
    const a = randomSparse(150, 5, 4, 31);
    const b = randomVector(150, 32);
    const { x, relativeResidual: rr } = gmres((o, v) => realCsrMatvecInto(o, a, v), b, {
      tolerance: TOLERANCE,
    });
    expect(rr).toBeLessThan(TOLERANCE);
    const reference = realDenseSolve(a, b).x;
    for (let i = 0; i < 150; i++) expect(Math.abs(x[i] - reference[i])).toBeLessThan(DENSE_AGREEMENT);
  });

  it("converges on convection-diffusion with restarts and faster with ILU preconditioning", () => {
    const a = convectionDiffusion(40, 20);
    const b = randomVector(a.rows, 5);
    const apply = (o: Float64Array, v: Float64Array) => {
      realCsrMatvecInto(o, a, v);
    };
    const plain = gmres(apply, b, { tolerance: TOLERANCE, restart: 30, maxIterations: 5000 });
    expect(relativeResidual(a, plain.x, b)).toBeLessThan(10 * TOLERANCE);
    const m = incompleteLu(a, { kind: "ilu0" });
    const reports: number[] = [];
    const pre = gmres(apply, b, {
      tolerance: TOLERANCE,
      restart: 30,
      precondition: (o, v) => m.applyInto(o, v),
      onProgress: (_, r) => reports.push(r),
    });
    expect(relativeResidual(a, pre.x, b)).toBeLessThan(10 * TOLERANCE);
    expect(pre.iterations).toBeLessThan(plain.iterations);
    expect(reports.length).toBe(pre.iterations);
  });

  it("uses x0 and returns at once when it is already the solution", () => {
    const a = randomSparse(60, 3, 5, 2);
    const b = randomVector(60, 1);
    const first = gmres((o, v) => realCsrMatvecInto(o, a, v), b);
    const again = gmres((o, v) => realCsrMatvecInto(o, a, v), b, { x0: first.x });
    expect(again.iterations).toBe(0);
  });

  it("raises not-converged with the reached residual when the budget is too small", () => {
    const a = convectionDiffusion(30, 5);
    const b = randomVector(a.rows, 9);
    let caught: unknown;
    try {
      gmres((o, v) => realCsrMatvecInto(o, a, v), b, { maxIterations: 10, restart: 5 });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(NumericalError);
    expect((caught as NumericalError).reason).toBe("not-converged");
    expect((caught as NumericalError).message).toMatch(/after 10 iterations/);
  });
});

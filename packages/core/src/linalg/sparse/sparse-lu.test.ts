import { describe, expect, it } from "vitest";
import { NumericalError } from "../../errors/numerical-error";
import { realDenseSolve } from "../real-dense-solve";
import { FactorTooLargeError } from "./factor-too-large-error";
import { realCsrFromTriplets } from "./real-csr";
import { predictLuEntries, sparseLu } from "./sparse-lu";
import { convectionDiffusion, randomSparse, randomVector, relativeResidual } from "./test-matrices";

const RESIDUAL_TOLERANCE = 1e-12;
/** Agreement of the multifrontal and left-looking factorisations' solutions (measured 3e-13). */
const FACTOR_AGREEMENT = 1e-10;
const DENSE_AGREEMENT = 1e-9;
/** Off-diagonal pivots may add a little fill beyond the symmetric prediction. */
const PREDICTION_SLACK = 1.1;

/** A Liouvillian-like matrix: zero diagonal except a weak dissipative part, plus a dense trace row. */
function liouvillianLike(n: number, seed: number) {
  const base = randomSparse(n, 6, 0, seed);
  const rows: number[] = [];
  const cols: number[] = [];
  const vals: number[] = [];
  for (let i = 1; i < n; i++) {
    for (let p = base.rowStart[i]; p < base.rowStart[i + 1]; p++) {
      rows.push(i);
      cols.push(base.columns[p]);
      vals.push(base.values[p]);
    }
    rows.push(i);
    cols.push((i + 1) % n);
    vals.push(0.5);
    if (i % 3 === 0) {
      rows.push(i);
      cols.push(i);
      vals.push(-0.05);
    }
  }
  for (let j = 0; j < n; j += 4) {
    rows.push(0);
    cols.push(j);
    vals.push(1);
  }
  return realCsrFromTriplets(
    n,
    n,
    Int32Array.from(rows),
    Int32Array.from(cols),
    Float64Array.from(vals),
    rows.length,
  );
}

describe("sparseLu", () => {
  it("solves random sparse systems like a dense solve, for every ordering", () => {
    const a = randomSparse(120, 4, 0.5, 11);
    const b = randomVector(120, 12);
    const reference = realDenseSolve(a, b).x;
    for (const ordering of ["amd", "rcm", "natural"] as const) {
      const x = sparseLu(a, { ordering }).solveInPlace(b.slice());
      for (let i = 0; i < 120; i++) expect(Math.abs(x[i] - reference[i])).toBeLessThan(DENSE_AGREEMENT);
    }
  });

  it("solves a 2-D convection-diffusion problem with a small residual", () => {
    const a = convectionDiffusion(30);
    const b = randomVector(a.rows, 3);
    const f = sparseLu(a);
    expect(f.factorEntries).toBeLessThanOrEqual(predictLuEntries(a) * PREDICTION_SLACK);
    expect(relativeResidual(a, f.solveInPlace(b.slice()), b)).toBeLessThan(RESIDUAL_TOLERANCE);
  });

  it("pivots off zero diagonals of a Liouvillian-like matrix", () => {
    const a = liouvillianLike(300, 21);
    const b = randomVector(300, 4);
    const f = sparseLu(a, { pivotThreshold: 0.1 });
    expect(f.smallestPivotRatio).toBeGreaterThan(0);
    expect(relativeResidual(a, f.solveInPlace(b.slice()), b)).toBeLessThan(RESIDUAL_TOLERANCE);
  });

  it("reports progress and refuses a factor above maxFactorEntries before allocating", () => {
    const a = convectionDiffusion(20);
    const seen: number[] = [];
    sparseLu(a, { onProgress: (f) => seen.push(f) });
    expect(seen.at(-1)).toBe(1);
    const needed = predictLuEntries(a);
    expect(() => sparseLu(a, { maxFactorEntries: needed / 2 })).toThrow(FactorTooLargeError);
  });

  it("throws a singular NumericalError for a structurally singular matrix", () => {
    // Rows 0 and 1 both only touch column 0.
    const a = realCsrFromTriplets(
      3,
      3,
      Int32Array.from([0, 1, 2, 2]),
      Int32Array.from([0, 0, 1, 2]),
      Float64Array.from([1, 2, 1, 1]),
      4,
    );
    expect(() => sparseLu(a)).toThrow(NumericalError);
    try {
      sparseLu(a);
    } catch (e) {
      expect((e as NumericalError).reason).toBe("singular");
    }
  });
});

describe("sparseLu methods", () => {
  it("multifrontal and left-looking agree, with delayed pivots on zero diagonals", () => {
    for (const [n, seed] of [
      [200, 31],
      [500, 32],
    ] as const) {
      const a = liouvillianLike(n, seed);
      const b = randomVector(n, seed + 1);
      const mf = sparseLu(a, { method: "multifrontal", pivotThreshold: 0.5 });
      const ll = sparseLu(a, { method: "left-looking", pivotThreshold: 0.5 });
      const x = mf.solveInPlace(b.slice());
      const y = ll.solveInPlace(b.slice());
      expect(relativeResidual(a, x, b)).toBeLessThan(RESIDUAL_TOLERANCE);
      for (let i = 0; i < n; i++)
        expect(Math.abs(x[i] - y[i])).toBeLessThan(FACTOR_AGREEMENT * (1 + Math.abs(y[i])));
      expect(mf.storedEntries ?? 0).toBeGreaterThanOrEqual(mf.factorEntries);
    }
  });

  it("multifrontal handles every ordering and strict partial pivoting", () => {
    const a = randomSparse(300, 5, 0.5, 41);
    const b = randomVector(300, 42);
    const reference = realDenseSolve(a, b).x;
    for (const ordering of ["amd", "rcm", "natural"] as const) {
      for (const pivotThreshold of [1, 0.01]) {
        const x = sparseLu(a, { ordering, pivotThreshold }).solveInPlace(b.slice());
        for (let i = 0; i < 300; i++) expect(Math.abs(x[i] - reference[i])).toBeLessThan(DENSE_AGREEMENT);
      }
    }
  });

  it("rejects an unknown method", () => {
    const a = convectionDiffusion(4);
    expect(() => sparseLu(a, { method: "magic" as "multifrontal" })).toThrow();
  });
});

import { describe, expect, it } from "vitest";
import { gmres } from "./gmres";
import { incompleteLu } from "./ilu";
import { realCsrFromTriplets, realCsrMatvecInto } from "./real-csr";
import { convectionDiffusion, randomSparse, randomVector } from "./test-matrices";

const TOLERANCE = 1e-10;
const EXACT = 1e-10;

describe("incompleteLu", () => {
  it("ILUT with no dropping and unlimited fill is an exact LU on a diagonally dominant matrix", () => {
    const a = randomSparse(80, 4, 6, 41);
    const m = incompleteLu(a, { kind: "ilut", dropTolerance: 0, fill: 80 });
    const x = randomVector(80, 2);
    const b = realCsrMatvecInto(new Float64Array(80), a, x);
    const y = new Float64Array(80);
    m.applyInto(y, b);
    for (let i = 0; i < 80; i++) expect(Math.abs(y[i] - x[i])).toBeLessThan(EXACT);
  });

  it("ILU(0) of a tridiagonal matrix is exact", () => {
    const n = 50;
    const r: number[] = [];
    const c: number[] = [];
    const v: number[] = [];
    for (let i = 0; i < n; i++) {
      r.push(i);
      c.push(i);
      v.push(3);
      if (i > 0) {
        r.push(i);
        c.push(i - 1);
        v.push(-1);
      }
      if (i < n - 1) {
        r.push(i);
        c.push(i + 1);
        v.push(-1.5);
      }
    }
    const a = realCsrFromTriplets(
      n,
      n,
      Int32Array.from(r),
      Int32Array.from(c),
      Float64Array.from(v),
      r.length,
    );
    const m = incompleteLu(a, { kind: "ilu0" });
    const x = randomVector(n, 8);
    const b = realCsrMatvecInto(new Float64Array(n), a, x);
    const y = new Float64Array(n);
    m.applyInto(y, b);
    for (let i = 0; i < n; i++) expect(Math.abs(y[i] - x[i])).toBeLessThan(EXACT);
  });

  it("replaces zero pivots after an RCM reordering, and the factor stays finite", () => {
    const base = randomSparse(400, 5, 4, 17);
    // Zero every third diagonal entry, as in a Liouvillian.
    const values = base.values.slice();
    for (let i = 0; i < 400; i += 3) {
      for (let p = base.rowStart[i]; p < base.rowStart[i + 1]; p++) if (base.columns[p] === i) values[p] = 0;
    }
    const a = { ...base, values };
    const m = incompleteLu(a, { ordering: "rcm", dropTolerance: 1e-3, fill: 20 });
    expect(m.replacedPivots).toBeGreaterThan(0);
    const b = randomVector(400, 3);
    const out = new Float64Array(400);
    m.applyInto(out, b);
    for (const v of out) expect(Number.isFinite(v)).toBe(true);
  });

  it("ILUT preconditioned GMRES solves convection-diffusion in few iterations", () => {
    const a = convectionDiffusion(50, 30);
    const b = randomVector(a.rows, 4);
    const m = incompleteLu(a, { ordering: "rcm" });
    const r = gmres((o, v) => realCsrMatvecInto(o, a, v), b, {
      tolerance: TOLERANCE,
      precondition: (o, v) => m.applyInto(o, v),
    });
    expect(r.relativeResidual).toBeLessThan(TOLERANCE);
    expect(r.iterations).toBeLessThan(30);
  });
});

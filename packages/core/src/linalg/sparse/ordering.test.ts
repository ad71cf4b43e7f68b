import { describe, expect, it } from "vitest";
import { approximateMinimumDegree, fillReducingOrdering, invertPermutation } from "./ordering";
import { realCsrFromTriplets } from "./real-csr";
import { choleskyFactorEntries } from "./symbolic-cholesky";
import { symmetricPattern } from "./symmetric-pattern";
import { convectionDiffusion, randomSparse } from "./test-matrices";

/** AMD on a 40 x 40 grid must give at most this fraction of the natural-order fill. */
const AMD_FILL_RATIO = 0.5;

function isPermutation(p: Int32Array, n: number): boolean {
  const seen = new Uint8Array(n);
  for (const i of p) {
    if (i < 0 || i >= n || seen[i]) return false;
    seen[i] = 1;
  }
  return p.length === n;
}

function fill(a: ReturnType<typeof convectionDiffusion>, perm: Int32Array): number {
  return choleskyFactorEntries(symmetricPattern(a), perm, invertPermutation(perm));
}

describe("fill-reducing orderings", () => {
  it("return permutations for grids and random matrices", () => {
    for (const a of [convectionDiffusion(17), randomSparse(300, 4, 1, 5), randomSparse(50, 40, 1, 6)]) {
      for (const kind of ["amd", "rcm", "natural"] as const) {
        expect(isPermutation(fillReducingOrdering(a, kind), a.rows)).toBe(true);
      }
    }
  });

  it("AMD gives much less fill than the natural order on a grid, and less than RCM", () => {
    const a = convectionDiffusion(40);
    const natural = fill(a, fillReducingOrdering(a, "natural"));
    const rcm = fill(a, fillReducingOrdering(a, "rcm"));
    const amd = fill(a, fillReducingOrdering(a, "amd"));
    expect(amd).toBeLessThan(AMD_FILL_RATIO * natural);
    expect(amd).toBeLessThan(rcm);
  });

  it("orders a dense node last", () => {
    const n = 400;
    const rows: number[] = [];
    const cols: number[] = [];
    for (let i = 0; i < n; i++) {
      rows.push(0, i, i);
      cols.push(i, 0, (i + 1) % n);
    }
    const a = realCsrFromTriplets(
      n,
      n,
      Int32Array.from(rows),
      Int32Array.from(cols),
      new Float64Array(rows.length).fill(1),
      rows.length,
    );
    const order = approximateMinimumDegree(symmetricPattern(a));
    expect(isPermutation(order, n)).toBe(true);
    expect(order[n - 1]).toBe(0);
  });
});

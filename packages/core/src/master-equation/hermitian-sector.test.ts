import { describe, expect, it } from "vitest";
import { seededRandom } from "../testing/random";
import { randomChain } from "../testing/random-chain";
import { buildGenerator } from "./build-generator";
import {
  assembleSectorMatrix,
  assembleSectorOperator,
  boundSectorEntries,
  hermitianSector,
  SectorRows,
  sectorFactors,
  sectorPlan,
} from "./hermitian-sector";

describe("sector assembly, row by row", () => {
  it("writes every row with strictly increasing columns and no stored zeros (local and Redfield rows)", () => {
    for (const approach of ["local", "redfield"] as const) {
      const plan = sectorPlan(buildGenerator(randomChain(4, 7), { approach }), true);
      const sector = hermitianSector(16, plan.charges);
      const a = assembleSectorOperator(plan.terms, sector, 1e9);
      expect(a.rowStart[a.rows]).toBe(a.columns.length);
      for (let r = 0; r < a.rows; r++) {
        for (let p = a.rowStart[r]; p < a.rowStart[r + 1]; p++) {
          expect(a.values[p]).not.toBe(0);
          if (p > a.rowStart[r]) expect(a.columns[p]).toBeGreaterThan(a.columns[p - 1]);
        }
      }
    }
  });

  it("SectorRows: short, long sparse and dense rows come out sorted, summed, without zeros", () => {
    const n = 400;
    const rand = seededRandom(5);
    const rows = new SectorRows(n, 8);
    const expected: Map<number, number>[] = [];
    // 5 entries (insertion sort), 60 of 400 (the engine's sort), 300 of 400 (a scan of the row).
    for (const m of [5, 60, 300]) {
      const acc = rows.real;
      const want = new Map<number, number>();
      const cols = Array.from({ length: n }, (_, c) => c)
        .sort(() => rand() - 0.5)
        .slice(0, m);
      for (const c of cols) {
        const v = Math.round(10 * rand()) - 5; // some exact zeros
        acc.add(c, v);
        acc.add(c, 1); // a duplicate, summed
        if (v + 1 !== 0) want.set(c, v + 1);
      }
      rows.write(acc);
      expect(acc.count).toBe(0);
      expect(acc.values.every((v) => v === 0)).toBe(true);
      expect(acc.seen.every((v) => v === 0)).toBe(true);
      expected.push(want);
    }
    rows.writeTraceRow(Int32Array.of(0, 7));
    const a = rows.toCsr();
    expected.forEach((want, r) => {
      const cols = [...a.columns.subarray(a.rowStart[r], a.rowStart[r + 1])];
      expect(cols).toEqual([...want.keys()].sort((x, y) => x - y));
      for (let p = a.rowStart[r]; p < a.rowStart[r + 1]; p++)
        expect(a.values[p]).toBe(want.get(a.columns[p]));
    });
    expect([...a.columns.subarray(a.rowStart[3], a.rowStart[4])]).toEqual([0, 7]);
  });

  it("the steady-state equations: the operator's rows, with the trace condition in place of Re (L rho)_00", () => {
    const plan = sectorPlan(buildGenerator(randomChain(4, 7), { approach: "redfield" }), true);
    const sector = hermitianSector(16, plan.charges);
    const op = assembleSectorOperator(plan.terms, sector, 1e9);
    const { matrix, rhs, traceRow } = assembleSectorMatrix(plan.terms, sector, 1e9);
    for (let r = 0; r < op.rows; r++) {
      const got = [...matrix.columns.subarray(matrix.rowStart[r], matrix.rowStart[r + 1])];
      if (r === traceRow) {
        expect(got).toEqual([...sector.diagonal]);
        expect(
          [...matrix.values.subarray(matrix.rowStart[r], matrix.rowStart[r + 1])].every((v) => v === 1),
        ).toBe(true);
        expect(rhs[r]).toBe(1);
        continue;
      }
      expect(got).toEqual([...op.columns.subarray(op.rowStart[r], op.rowStart[r + 1])]);
      expect([...matrix.values.subarray(matrix.rowStart[r], matrix.rowStart[r + 1])]).toEqual([
        ...op.values.subarray(op.rowStart[r], op.rowStart[r + 1]),
      ]);
      expect(rhs[r]).toBe(0);
    }
  });

  it("boundSectorEntries bounds the entries written, the trace row's d included", () => {
    for (const approach of ["local", "redfield"] as const) {
      const plan = sectorPlan(buildGenerator(randomChain(4, 7), { approach }), true);
      const sector = hermitianSector(16, plan.charges);
      const factors = sectorFactors(plan.terms, 16);
      const op = assembleSectorOperator(plan.terms, sector, 1e9);
      expect(boundSectorEntries(factors, sector, -1)).toBeGreaterThanOrEqual(op.columns.length);
      const { matrix, traceRow } = assembleSectorMatrix(plan.terms, sector, 1e9);
      expect(boundSectorEntries(factors, sector, traceRow)).toBeGreaterThanOrEqual(matrix.columns.length);
    }
    // No terms at all: only the trace row's d entries, which the bound counts exactly.
    const sector = hermitianSector(3, []);
    const { matrix, traceRow } = assembleSectorMatrix([], sector, 1e9);
    expect(matrix.columns.length).toBe(3);
    expect(boundSectorEntries(sectorFactors([], 3), sector, traceRow)).toBe(3);
  });
});

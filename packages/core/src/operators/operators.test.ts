import { describe, expect, it } from "vitest";
import { ComplexMatrix } from "../linalg/complex-matrix";
import { add, commutator, dagger, matmul, maxAbsDiff, scale } from "../linalg/kernels";
import { randomHermitian, randomMatrix, seededRandom } from "../testing/random";
import {
  create,
  destroy,
  embed,
  identity,
  number,
  sigmaMinus,
  sigmaPlus,
  sigmaX,
  sigmaY,
  sigmaZ,
  tensor,
} from "./builders";
import { Operator } from "./operator";
import { basisState, expect as expectation, partialTrace, thermalState } from "./states";

const ROUNDING = 1e-14;

describe("operators", () => {
  it("Pauli algebra: [sx, sy] = 2i sz, s+ = (sx + i sy)/2, s- = s+^dagger", () => {
    expect(maxAbsDiff(commutator(sigmaX(), sigmaY()), scale(sigmaZ(), 0, 2))).toBe(0);
    expect(maxAbsDiff(sigmaPlus(), add(sigmaX(), scale(sigmaY(), 0, 1), 0.5, 0.5))).toBe(0);
    expect(maxAbsDiff(sigmaMinus(), dagger(sigmaPlus()))).toBe(0);
  });

  it("truncated bosons: a^dagger a = number, [a, a^dagger] = 1 except on the top level, create = destroy^dagger", () => {
    const n = 6;
    expect(maxAbsDiff(matmul(create(n), destroy(n)), number(n))).toBeLessThan(ROUNDING);
    expect(maxAbsDiff(create(n), dagger(destroy(n)))).toBe(0);
    const c = commutator(destroy(n), create(n));
    const expected = ComplexMatrix.diagonal([1, 1, 1, 1, 1, -(n - 1)]);
    expect(maxAbsDiff(c, expected)).toBeLessThan(ROUNDING);
  });

  it("tensor and embed: dims concatenate, basis index 2*i1 + i2", () => {
    const op = embed(sigmaZ(), 0, [2, 3]);
    expect(op.dims).toEqual([2, 3]);
    expect(op.re(0, 0)).toBe(1);
    expect(op.re(3, 3)).toBe(-1);
    expect(maxAbsDiff(tensor(sigmaX(), identity(2)), embed(sigmaX(), 0, [2, 2]))).toBe(0);
    expect(() => embed(sigmaX(), 2, [2, 2])).toThrow(/site/);
    expect(() => embed(sigmaX(), 1, [2, 3])).toThrow(/op must have dimension 3/);
  });

  it("embed equals the Kronecker product with identities, entry for entry, at every site", () => {
    const dims = [2, 3, 4, 2];
    const rand = seededRandom(13);
    dims.forEach((m, site) => {
      const op = Operator.of(randomMatrix(m, m, rand));
      const factors = dims.map((d, k) => (k === site ? op : identity(d)));
      const embedded = embed(op, site, dims);
      expect(embedded.dims).toEqual(dims);
      expect(maxAbsDiff(embedded, tensor(...factors))).toBe(0);
    });
  });

  it("partial trace of a product state returns each factor", () => {
    const rand = seededRandom(9);
    const a = Operator.of(thermalState(Operator.of(randomHermitian(2, rand)), 0.7));
    const b = Operator.of(thermalState(Operator.of(randomHermitian(3, rand)), 1.3));
    const ab = tensor(a, b);
    expect(maxAbsDiff(partialTrace(ab, [0]), a)).toBeLessThan(ROUNDING);
    expect(maxAbsDiff(partialTrace(ab, [1]), b)).toBeLessThan(ROUNDING);
    expect(partialTrace(ab, []).re(0, 0)).toBeCloseTo(1, 14);
  });

  it("thermal state: Boltzmann weights, ground state at T = 0, shared weight for a degenerate ground level", () => {
    const h = scale(sigmaZ(), 0.5);
    const rho = thermalState(Operator.of(h), 0.4);
    expect(rho.re(1, 1) / rho.re(0, 0)).toBeCloseTo(Math.exp(1 / 0.4), 12);
    expect(maxAbsDiff(thermalState(Operator.of(h), 0), basisState(2, 1))).toBe(0);
    const degenerate = Operator.of(ComplexMatrix.diagonal([0, 0, 1]));
    expect(thermalState(degenerate, 0).re(0, 0)).toBe(0.5);
    expect(() => thermalState(Operator.of(h), -1)).toThrow(/temperature/);
  });

  it("expect: Tr[op rho] as a complex number; wrong dimension is an error", () => {
    expect(expectation(sigmaZ(), basisState(2, 0)).re).toBe(1);
    expect(expectation(sigmaX(), basisState(2, 0)).abs()).toBe(0);
    expect(() => expectation(sigmaZ(), basisState(3, 0))).toThrow(/dimension/);
  });
});

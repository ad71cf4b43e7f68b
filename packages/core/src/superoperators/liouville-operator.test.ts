import { describe, expect, it } from "vitest";
import { ResourceError } from "../errors/resource-error";
import { buildGenerator } from "../master-equation/build-generator";
import type { Approach } from "../master-equation/generator";
import { Operator } from "../operators/operator";
import { openSystem } from "../system/open-system";
import { flatSpectrum, ohmicSpectrum } from "../system/spectral-density";
import { randomHermitian, randomMatrix, seededRandom } from "../testing/random";
import { REPRESENTATIONS } from "./liouville-operator";
import { SparseSuperoperator } from "./sparse-superoperator";
import { vec } from "./vectorize";

/** Agreement of two representations of one Liouvillian, relative to its largest entry. */
const REPRESENTATION_AGREEMENT = 1e-13;

/** A random d-level system with a rwa bath (for local) and a Hermitian one. */
function randomSystem(d: number, rand: () => number, forLocal: boolean) {
  const h = Operator.of(randomHermitian(d, rand));
  const raise = Operator.of(randomMatrix(d, d, rand));
  return openSystem({
    hamiltonian: h,
    baths: [
      {
        name: "A",
        temperature: 0.7 + rand(),
        spectralDensity: flatSpectrum(0.05),
        couplings: [{ form: "rwa", operator: raise, frequency: 1 }],
      },
      {
        name: "B",
        temperature: 0.3 + rand(),
        spectralDensity: ohmicSpectrum(0.03, 4),
        couplings: forLocal
          ? [{ form: "rwa", operator: Operator.of(randomMatrix(d, d, rand)), frequency: 1.3 }]
          : [{ form: "hermitian", operator: Operator.of(randomHermitian(d, rand)) }],
      },
    ],
  });
}

describe("Liouville-space operators: dense, sparse and matrix-free agree", () => {
  it.each(["local", "global", "redfield"] as const)(
    "%s: entry by entry and on random Hermitian rho",
    (approach: Approach) => {
      const rand = seededRandom(2024);
      for (const d of [2, 3, 5]) {
        const system = randomSystem(d, rand, approach === "local");
        const [dense, sparse, free] = REPRESENTATIONS.map((representation) =>
          buildGenerator(system, { approach, representation }),
        );
        expect([dense, sparse, free].map((g) => g.liouvillian.representation)).toEqual(REPRESENTATIONS);
        const reference = dense.liouvillian.toDense();
        let scale = 0;
        for (const v of reference.data) scale = Math.max(scale, Math.abs(v));
        for (const g of [sparse, free]) {
          const other = g.liouvillian.toDense();
          let err = 0;
          for (let k = 0; k < reference.data.length; k++)
            err = Math.max(err, Math.abs(other.data[k] - reference.data[k]));
          expect(err / scale).toBeLessThan(REPRESENTATION_AGREEMENT);
        }
        const y = vec(randomHermitian(d, rand));
        const expected = dense.liouvillian.applyInto(new Float64Array(y.length), y);
        for (const g of [sparse, free]) {
          const got = g.liouvillian.applyInto(new Float64Array(y.length), y);
          const rhs = new Float64Array(y.length);
          g.rhs(0, y, rhs);
          for (let k = 0; k < y.length; k++) {
            expect(Math.abs(got[k] - expected[k])).toBeLessThan(REPRESENTATION_AGREEMENT * scale);
            expect(Math.abs(rhs[k] - expected[k])).toBeLessThan(REPRESENTATION_AGREEMENT * scale);
          }
        }
        // Per-bath dissipators (kept matrix-free): the norm bound bounds the exact infinity norm,
        // and their stored forms (CSR and dense) act on rho as the operator itself does.
        for (const dis of dense.bathDissipators.values()) {
          expect(dis.toDense().normBound()).toBeLessThanOrEqual(dis.normBound() * (1 + 1e-12));
          const direct = dis.applyInto(new Float64Array(y.length), y);
          const fromCsr = new SparseSuperoperator(d, dis.toCsr()).applyInto(new Float64Array(y.length), y);
          const fromDense = dis.toDense().applyInto(new Float64Array(y.length), y);
          for (let k = 0; k < y.length; k++) {
            expect(Math.abs(fromCsr[k] - direct[k])).toBeLessThan(REPRESENTATION_AGREEMENT * scale);
            expect(Math.abs(fromDense[k] - direct[k])).toBeLessThan(REPRESENTATION_AGREEMENT * scale);
          }
        }
      }
    },
  );

  it('"auto" is dense for small systems and never dense beyond AUTO_DENSE_MAX_DIMENSION', () => {
    const rand = seededRandom(5);
    expect(buildGenerator(randomSystem(3, rand, true), { approach: "local" }).representation).toBe("dense");
    expect(buildGenerator(randomSystem(20, rand, true), { approach: "local" }).representation).not.toBe(
      "dense",
    );
  });

  it("a representation that would not fit is refused before allocation, with the bytes it needs", () => {
    const system = randomSystem(12, seededRandom(9), true);
    // 16 d^4 = 331,776 bytes for d = 12.
    const call = () =>
      buildGenerator(system, { approach: "local", representation: "dense", memoryLimit: 1e5 });
    expect(call).toThrow(ResourceError);
    expect(call).toThrow(/would need 332 kB, more than the limit of 100 kB; use representation "sparse"/);
    const sparse = buildGenerator(system, { approach: "local", representation: "sparse", memoryLimit: 1e9 });
    expect(() => sparse.liouvillian.toDense(1e5)).toThrow(ResourceError);
    expect(() =>
      buildGenerator(system, { approach: "local", representation: "sparse", memoryLimit: 1e4 }),
    ).toThrow(/a sparse Liouvillian for d = 12 would need .* use representation "matrix-free"/);
  });
});

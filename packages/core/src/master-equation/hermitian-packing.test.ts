import { describe, expect, it } from "vitest";
import { ComplexMatrix } from "../linalg/complex-matrix";
import { csrDensity, toCsr } from "../linalg/csr";
import { matvecInto, maxAbsDiff } from "../linalg/kernels";
import { liouvillian } from "../superoperators/superoperator";
import { unvec, vec } from "../superoperators/vectorize";
import { randomHermitian, randomMatrix, seededRandom } from "../testing/random";
import { packedDynamics, packedIndex } from "./hermitian-packing";

const ROUNDING = 1e-13;

/** A random Lindbladian with dense H and jumps: every entry of L is nonzero. */
function denseLindbladian(d: number, rand: () => number) {
  const jumps = [0, 1].map(() => ({ operator: randomMatrix(d, d, rand), rate: rand() }));
  return liouvillian(randomHermitian(d, rand), jumps);
}

/** A chain: tridiagonal H, one lowering and one dephasing jump; a sparse L. */
function sparseLindbladian(d: number, rand: () => number) {
  const h = new ComplexMatrix(d, d);
  const lower = new ComplexMatrix(d, d);
  const number = new ComplexMatrix(d, d);
  for (let k = 0; k < d; k++) {
    h.set(k, k, rand());
    number.set(k, k, k);
    if (k + 1 < d) {
      const [re, im] = [rand(), rand()];
      h.set(k, k + 1, { re, im });
      h.set(k + 1, k, { re, im: -im });
      lower.set(k, k + 1, Math.sqrt(k + 1));
    }
  }
  return liouvillian(h, [
    { operator: lower, rate: rand() },
    { operator: number, rate: rand() },
  ]);
}

/** A Liouvillian with fewer nonzeros than this fraction counts as sparse here. */
const SPARSE_DENSITY = 0.4;

describe("packedDynamics", () => {
  const rand = seededRandom(7);

  it("packs the upper triangle column by column: (0,0), (0,1), (1,1), (0,2), ...", () => {
    expect([
      packedIndex(0, 0),
      packedIndex(0, 1),
      packedIndex(1, 1),
      packedIndex(0, 2),
      packedIndex(2, 2),
    ]).toEqual([0, 1, 2, 3, 5]);
    const d = 5;
    const packed = packedDynamics(denseLindbladian(d, rand));
    expect(packed.size).toBe(d * (d + 1));
    expect(packed.dimension).toBe(d);
    const rho = randomHermitian(d, rand);
    const y = packed.pack(rho);
    expect(y.length).toBe(packed.size);
    expect([y[2 * packedIndex(1, 3)], y[2 * packedIndex(1, 3) + 1]]).toEqual([rho.re(1, 3), rho.im(1, 3)]);
  });

  it("unpack(pack(rho)) = vec(rho) exactly for Hermitian rho", () => {
    for (const d of [1, 2, 6]) {
      const packed = packedDynamics(denseLindbladian(d, rand));
      const rho = randomHermitian(d, rand);
      const full = packed.unpack(packed.pack(rho), new Float64Array(2 * d * d));
      expect(maxAbsDiff(unvec(full), rho)).toBe(0);
      // pack reuses `out`.
      const out = new Float64Array(packed.size);
      expect(packed.pack(rho, out)).toBe(out);
    }
  });

  it.each([
    ["dense", denseLindbladian],
    ["sparse", sparseLindbladian],
  ] as const)("unpack(rhs(pack(rho))) = L vec(rho) to rounding (%s L)", (kind, make) => {
    const d = 6;
    for (let trial = 0; trial < 3; trial++) {
      const l = make(d, rand);
      const density = csrDensity(toCsr(l));
      if (kind === "sparse") expect(density).toBeLessThan(SPARSE_DENSITY);
      else expect(density).toBeGreaterThan(0.9);
      const packed = packedDynamics(l);
      const rho = randomHermitian(d, rand);
      const expected = matvecInto(new Float64Array(2 * d * d), l, vec(rho));
      const dydt = new Float64Array(packed.size).fill(Number.NaN);
      packed.rhs(0, packed.pack(rho), dydt);
      const got = packed.unpack(dydt, new Float64Array(2 * d * d));
      const scale = Math.max(...expected.map(Math.abs));
      let err = 0;
      for (let k = 0; k < got.length; k++) err = Math.max(err, Math.abs(got[k] - expected[k]));
      expect(err).toBeLessThan(ROUNDING * scale);
    }
  });
});

describe("packedDynamics: small physical rates are kept", () => {
  it("keeps a decay rate 1e-16 of the largest entry of L: d rho_ee/dt = -gamma rho_ee", () => {
    // One qubit, level spacing 1e6, decay 1e-10: the dissipative entries are 1e-16 of the
    // Hamiltonian ones and used to be dropped, so that the excited state never decayed.
    const omega = 1e6;
    const gamma = 1e-10;
    const h = ComplexMatrix.from([
      [omega / 2, 0],
      [0, -omega / 2],
    ]);
    const lower = ComplexMatrix.from([
      [0, 0],
      [1, 0],
    ]);
    const packed = packedDynamics(liouvillian(h, [{ operator: lower, rate: gamma }]));
    const excited = ComplexMatrix.from([
      [1, 0],
      [0, 0],
    ]);
    const dydt = new Float64Array(packed.size);
    packed.rhs(0, packed.pack(excited), dydt);
    // (re, im) pairs at 2 packedIndex(i, j): d rho_00/dt = -gamma, d rho_11/dt = +gamma.
    expect(Math.abs(dydt[2 * packedIndex(0, 0)] + gamma)).toBeLessThanOrEqual(ROUNDING * gamma);
    expect(Math.abs(dydt[2 * packedIndex(1, 1)] - gamma)).toBeLessThanOrEqual(ROUNDING * gamma);
    expect(packed.residualNorm(packed.pack(excited))).toBeCloseTo(Math.SQRT2 * gamma, 20);
  });
});

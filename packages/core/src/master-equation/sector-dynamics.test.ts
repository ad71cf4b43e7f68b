import { describe, expect, it } from "vitest";
import { ComplexMatrix } from "../linalg/complex-matrix";
import { vec } from "../superoperators/vectorize";
import { seededRandom } from "../testing/random";
import { randomChain } from "../testing/random-chain";
import { buildGenerator } from "./build-generator";
import { fromEigenbasis } from "./eigenbasis";
import type { Approach, Generator } from "./generator";
import type { PackedDynamics } from "./hermitian-packing";
import { evolutionDynamics, SECTOR_SUPPORT_TOLERANCE } from "./sector-dynamics";

/** Agreement of the sector's right-hand side with L applied in the full space, relative to ||L x||. */
const RHS_AGREEMENT = 1e-13;

const N = 4;
const d = 2 ** N;

/** The number of excitations of basis state k of the chain (as randomChain's charge). */
function excitations(k: number): number {
  let c = 0;
  for (let i = 0; i < N; i++) if (((k >> (N - 1 - i)) & 1) === 0) c++;
  return c;
}

/** A random density-like Hermitian matrix; with `blockDiagonal`, zero between charge values. */
function randomState(seed: number, blockDiagonal: boolean): ComplexMatrix {
  const rand = seededRandom(seed);
  const rho = new ComplexMatrix(d, d);
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      if (blockDiagonal && excitations(i) !== excitations(j)) continue;
      const re = i === j ? 1 + rand() : 0.1 * (rand() - 0.5);
      const im = i === j ? 0 : 0.1 * (rand() - 0.5);
      rho.data[2 * (i * d + j)] = re;
      rho.data[2 * (i * d + j) + 1] = im;
      rho.data[2 * (j * d + i)] = re;
      rho.data[2 * (j * d + i) + 1] = -im;
    }
  }
  let trace = 0;
  for (let i = 0; i < d; i++) trace += rho.data[2 * (i * d + i)];
  for (let k = 0; k < rho.data.length; k++) rho.data[k] /= trace;
  return rho;
}

function norm(v: Float64Array): number {
  let s = 0;
  for (const x of v) s += x * x;
  return Math.sqrt(s);
}

/**
 * On a random state x of the sector: unpack(rhs(x)) = L unpack(x) entry by entry, and
 * residualNorm(x) = ||L unpack(x)||.
 */
function expectRestrictionOfL(generator: Generator, dynamics: PackedDynamics, seed: number): void {
  const rand = seededRandom(seed);
  const x = Float64Array.from({ length: dynamics.size }, () => rand() - 0.5);
  const expected = new Float64Array(2 * d * d);
  generator.liouvillian.applyInto(expected, dynamics.unpack(x, new Float64Array(2 * d * d)));
  const dx = new Float64Array(dynamics.size);
  dynamics.rhs(0, x, dx);
  const got = dynamics.unpack(dx, new Float64Array(2 * d * d));
  const scale = norm(expected);
  for (let k = 0; k < got.length; k++)
    expect(Math.abs(got[k] - expected[k])).toBeLessThan(RHS_AGREEMENT * scale);
  expect(Math.abs(dynamics.residualNorm(x) - scale)).toBeLessThan(RHS_AGREEMENT * scale);
  expectMatrixAndFunctional(dynamics, seed + 100);
}

/** Agreement of unpackMatrix and packFunctional with unpack and a dot product on vec(rho): rounding. */
const UNPACK_AGREEMENT = 1e-14;

/**
 * On a random packed x: unpackMatrix(x) is the matrix whose vec is unpack(x), and for a random
 * complex functional c, packFunctional(c) . x = Re(c . unpack(x)).
 */
function expectMatrixAndFunctional(dynamics: PackedDynamics, seed: number): void {
  const rand = seededRandom(seed);
  const x = Float64Array.from({ length: dynamics.size }, () => rand() - 0.5);
  const v = dynamics.unpack(x, new Float64Array(2 * d * d));
  const stale = new ComplexMatrix(d, d);
  stale.data.fill(7); // every entry must be overwritten
  const rho = dynamics.unpackMatrix(x, stale);
  const scale = norm(v);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      for (const part of [0, 1]) {
        const error = Math.abs(rho.data[2 * (i * d + j) + part] - v[2 * (i + j * d) + part]);
        expect(error).toBeLessThan(UNPACK_AGREEMENT * scale);
      }
    }
  }
  const c = Float64Array.from({ length: 2 * d * d }, () => rand() - 0.5);
  let expected = 0;
  for (let k = 0; k < c.length; k += 2) expected += c[k] * v[k] - c[k + 1] * v[k + 1];
  const w = dynamics.packFunctional(c);
  expect(w.length).toBe(dynamics.size);
  let got = 0;
  for (let k = 0; k < w.length; k++) got += w[k] * x[k];
  expect(Math.abs(got - expected)).toBeLessThan(UNPACK_AGREEMENT * norm(c) * scale * d);
}

describe("evolutionDynamics: the master equation on the sector that holds rho0", () => {
  it.each(["local", "redfield", "global"] as const)(
    "%s: the sector's RHS is L restricted to the sector, and pack, unpack, residual agree",
    (approach: Approach) => {
      const generator = buildGenerator(randomChain(N, 7), { approach });
      const rho0 = randomState(1, true);
      const dynamics = evolutionDynamics(generator, rho0);
      // A random block-diagonal state has coherences between levels of different energy, so
      // global integrates the charge sector in the original basis, as the others do.
      expect(dynamics.sector).toEqual({
        charges: ["charge"],
        unknowns: 70,
        fullUnknowns: 256,
        eigenbasis: false,
      });
      expectRestrictionOfL(generator, dynamics, 2);
      const again = dynamics.pack(rho0);
      const back = dynamics.unpack(again, new Float64Array(2 * d * d));
      const original = vec(rho0);
      for (let k = 0; k < back.length; k++) expect(back[k]).toBe(original[k] + 0);
    },
  );

  it("global from a state diagonal in the eigenbasis: the energy and charge sector, in the eigenbasis", () => {
    const generator = buildGenerator(randomChain(N, 7), { approach: "global" });
    const eigen = generator.eigen;
    // rho0 = sum_k p_k |k><k| over eigenstates.
    const p = Array.from({ length: d }, (_, k) => (k + 1) / ((d * (d + 1)) / 2));
    const rho0 = fromEigenbasis(ComplexMatrix.diagonal(p), eigen);
    const dynamics = evolutionDynamics(generator, rho0);
    expect(dynamics.sector?.charges).toEqual(["energy", "charge"]);
    expect(dynamics.sector?.eigenbasis).toBe(true);
    // pack and unpack pass through the eigenbasis and back.
    const back = dynamics.unpack(dynamics.pack(rho0), new Float64Array(2 * d * d));
    const original = vec(rho0);
    for (let k = 0; k < back.length; k++) expect(Math.abs(back[k] - original[k])).toBeLessThan(1e-15);
    // A state with coherences between energies (in one charge block) is not given the cached
    // energy sector: the charge alone, in the original basis.
    const mixed = evolutionDynamics(generator, randomState(8, true));
    expect(mixed.sector?.charges).toEqual(["charge"]);
    expect(mixed.sector?.eigenbasis).toBe(false);
    expectRestrictionOfL(generator, dynamics, 3);
  });

  it("global, degenerate levels: the eigenbasis sector keeps their coherences; rho, functionals unpack", () => {
    // The uniform XX chain: two levels of two excitations share one energy, so the eigenbasis
    // sector has off-diagonal unknowns (X_ab, a != b), which the functional must carry.
    const generator = buildGenerator(randomChain(N, 7, true, true), { approach: "global" });
    const p = Array.from({ length: d }, (_, k) => (k + 1) / ((d * (d + 1)) / 2));
    const dynamics = evolutionDynamics(generator, fromEigenbasis(ComplexMatrix.diagonal(p), generator.eigen));
    expect(dynamics.sector?.eigenbasis).toBe(true);
    expect(dynamics.size).toBeGreaterThan(d); // more unknowns than the populations
    expectRestrictionOfL(generator, dynamics, 9);
  });

  it("a coherence between charge values means the whole upper triangle", () => {
    const generator = buildGenerator(randomChain(N, 7), { approach: "local" });
    const rho0 = randomState(4, false);
    const dynamics = evolutionDynamics(generator, rho0);
    expect(dynamics).toBe(generator.packed);
    expect(dynamics.sector).toBeNull();
    expectMatrixAndFunctional(dynamics, 6);
  });

  it("an off-sector part below SECTOR_SUPPORT_TOLERANCE counts as zero, one above it does not", () => {
    const generator = buildGenerator(randomChain(N, 7), { approach: "local" });
    const withPart = (size: number) => {
      const rho = randomState(5, true);
      // |0><1| joins 4 and 3 excitations.
      rho.data[2 * 1] = size;
      rho.data[2 * d] = size;
      return rho;
    };
    // ||rho0||_F is about 0.3 here: a part of 0.01 tolerance is well inside, 100 tolerances outside.
    expect(evolutionDynamics(generator, withPart(0.01 * SECTOR_SUPPORT_TOLERANCE)).sector).not.toBeNull();
    expect(evolutionDynamics(generator, withPart(100 * SECTOR_SUPPORT_TOLERANCE)).sector).toBeNull();
  });

  it("a system without a charge integrates the upper triangle, and the sector is cached", () => {
    const plain = buildGenerator(randomChain(N, 7, false), { approach: "local" });
    expect(evolutionDynamics(plain, randomState(6, true)).sector).toBeNull();
    const generator = buildGenerator(randomChain(N, 7), { approach: "local" });
    expect(evolutionDynamics(generator, randomState(6, true))).toBe(
      evolutionDynamics(generator, randomState(7, true)),
    );
  });

  it("a sector whose matrix would not fit in memoryLimit gives way to the upper triangle", () => {
    // Matrix-free: the upper triangle stores nothing of size d^4; the sector would need ~10^5 bytes.
    const generator = buildGenerator(randomChain(N, 7), {
      approach: "local",
      representation: "matrix-free",
      memoryLimit: 10_000,
    });
    const dynamics = evolutionDynamics(generator, randomState(9, true));
    expect(dynamics.sector).toBeNull();
    expect(dynamics).toBe(generator.packed);
  });
});

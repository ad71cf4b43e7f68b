import { describe, expect, it } from "vitest";
import { ComplexMatrix } from "../linalg/complex-matrix";
import { hermitianEigen } from "../linalg/hermitian-eigen";
import { add, dagger, matmul, scale } from "../linalg/kernels";
import { realCsrMatvecInto } from "../linalg/sparse/real-csr";
import { assembleSectorOperator, hermitianSector, sectorToMatrix } from "../master-equation/hermitian-sector";
import { hamiltonianTerms, type SandwichTerm } from "../superoperators/sandwich-terms";
import { randomHermitian, randomMatrix, seededRandom } from "../testing/random";
import { NoJumpPreconditioner } from "./no-jump-preconditioner";

/** Rounding-level agreement of M^-1 (M X) with X. */
const INVERSE_TOLERANCE = 1e-11;

/** Pack a Hermitian matrix into the sector's real vector (the layout of `sectorToMatrix`). */
function pack(x: ComplexMatrix, sector: ReturnType<typeof hermitianSector>): Float64Array {
  const d = sector.dimension;
  const v = new Float64Array(sector.unknowns);
  for (let j = 0; j < d; j++) {
    for (let i = 0; i <= j; i++) {
      const o = sector.offset[i * d + j];
      if (o < 0) continue;
      v[o] = x.re(i, j);
      if (i < j) v[o + 1] = x.im(i, j);
    }
  }
  return v;
}

/** The terms of X -> -i [H, X] - (1/2) {Gamma, X} (a generator without jumps). */
function noJumpTerms(h: ComplexMatrix, gamma: ComplexMatrix): SandwichTerm[] {
  return [
    ...hamiltonianTerms(h),
    { left: gamma, right: null, re: -0.5, im: 0 },
    { left: null, right: gamma, re: -0.5, im: 0 },
  ];
}

/**
 * H = V diag(E) V^dagger and Gamma = V B V^dagger with B positive and block diagonal on the
 * groups of equal E, so Gamma commutes with H and the preconditioner's K' is K exactly.
 */
function commutingPair(energies: number[], seed: number): { h: ComplexMatrix; gamma: ComplexMatrix } {
  const rand = seededRandom(seed);
  const d = energies.length;
  const v = hermitianEigen(randomHermitian(d, rand)).vectors;
  const b = new ComplexMatrix(d, d);
  let start = 0;
  while (start < d) {
    let end = start + 1;
    while (end < d && energies[end] === energies[start]) end++;
    const m = end - start;
    const a = randomMatrix(m, m, rand);
    const block = add(matmul(a, dagger(a)), ComplexMatrix.identity(m), 1, 0.1);
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) b.set(start + i, start + j, block.get(i, j));
    start = end;
  }
  const h = matmul(matmul(v, ComplexMatrix.diagonal(energies)), dagger(v));
  const gamma = matmul(matmul(v, b), dagger(v));
  return { h, gamma };
}

describe("no-jump preconditioner", () => {
  it.each([
    ["distinct levels", [-1.3, -0.2, 0.4, 0.9, 2.1]],
    ["degenerate levels", [-1, 0.5, 0.5, 0.5, 2, 2]],
  ])("inverts K X + X K^dagger exactly when Gamma commutes with H (%s)", (_, energies) => {
    const { h, gamma } = commutingPair(energies, 17);
    const d = energies.length;
    const sector = hermitianSector(d, []);
    const pre = NoJumpPreconditioner.build(noJumpTerms(h, gamma), sector);
    expect(pre).not.toBeNull();
    const x = randomHermitian(d, seededRandom(5));
    const k = add(scale(h, 0, -1), gamma, 1, -0.5);
    const mx = add(matmul(k, x), matmul(x, dagger(k)));
    const out = new Float64Array(sector.unknowns);
    pre!.applyInto(out, pack(mx, sector));
    const back = sectorToMatrix(out, sector);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        expect(Math.abs(back.re(i, j) - x.re(i, j))).toBeLessThan(INVERSE_TOLERANCE);
        expect(Math.abs(back.im(i, j) - x.im(i, j))).toBeLessThan(INVERSE_TOLERANCE);
      }
    }
  });

  it("with the sector's equations, inverts them exactly when every jump lowers the charge (one block Gauss-Seidel sweep)", () => {
    // Classes of charge q = 0, 1, 2, each one degenerate level (so Gamma, block diagonal by class,
    // commutes with H and K' = K), and two random jump operators that lower q by one: the
    // equations are block triangular, and the sweep from the highest energy down solves them
    // exactly.
    const charge = [0, 1, 1, 1, 2, 2];
    const d = charge.length;
    const rand = seededRandom(29);
    const h = ComplexMatrix.diagonal(charge.map((q) => 1.5 * q - 0.4));
    const lowering = [0.3, 0.05].map((rate) => {
      const l = randomMatrix(d, d, rand);
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) if (charge[i] !== charge[j] - 1) l.set(i, j, 0);
      return { l, rate };
    });
    // A loss 0.2 on every level besides the jumps' decay, so the equations are nonsingular (the
    // jumps alone would conserve the trace and leave the steady state in their kernel).
    let gamma = scale(ComplexMatrix.identity(d), 0.2, 0);
    for (const { l, rate } of lowering) gamma = add(gamma, matmul(dagger(l), l), 1, rate);
    const terms: SandwichTerm[] = [
      ...noJumpTerms(h, gamma),
      ...lowering.map(({ l, rate }) => ({ left: l, right: dagger(l), re: rate, im: 0 })),
    ];
    const sector = hermitianSector(d, [{ name: "charge", values: charge, tolerance: 0.5 }]);
    const matrix = assembleSectorOperator(terms, sector, 1e8);
    const x = pack(randomHermitian(d, seededRandom(31)), sector);
    const v = realCsrMatvecInto(new Float64Array(sector.unknowns), matrix, x);
    const error = (pre: NoJumpPreconditioner | null) => {
      const out = new Float64Array(sector.unknowns);
      pre!.applyInto(out, v);
      return Math.max(...out.map((o, k) => Math.abs(o - x[k])));
    };
    expect(error(NoJumpPreconditioner.build(terms, sector, { matrix, traceRow: -1 }))).toBeLessThan(
      INVERSE_TOLERANCE,
    );
    // M' alone leaves out the jumps, which here are not small.
    expect(error(NoJumpPreconditioner.build(terms, sector))).toBeGreaterThan(1e-3);
    // The trace condition must sit on a population: an off-diagonal unknown is refused.
    expect(() =>
      NoJumpPreconditioner.build(terms, sector, { matrix, traceRow: sector.offset[1 * d + 2] }),
    ).toThrow(/equations.traceRow/);
  });

  it("is refused (null) for one-sided terms that are not K X + X K^dagger", () => {
    const rand = seededRandom(3);
    const h = randomHermitian(3, rand);
    const terms: SandwichTerm[] = [
      { left: h, right: null, re: 0, im: -1 },
      { left: null, right: randomHermitian(3, rand), re: 0, im: 1 },
    ];
    expect(NoJumpPreconditioner.build(terms, hermitianSector(3, []))).toBeNull();
  });
});

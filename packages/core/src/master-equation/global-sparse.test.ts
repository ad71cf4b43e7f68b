import { describe, expect, it } from "vitest";
import { ResourceError } from "../errors/resource-error";
import { ComplexMatrix } from "../linalg/complex-matrix";
import { csrToDense } from "../linalg/csr";
import { type HermitianEigen, hermitianEigen } from "../linalg/hermitian-eigen";
import { add, dagger, matmul, scale } from "../linalg/kernels";
import { Operator } from "../operators/operator";
import { populationRates, populationsDecouple, steadyState } from "../steady-state/steady-state";
import { MatrixFreeSuperoperator } from "../superoperators/matrix-free-superoperator";
import { SparseSuperoperator } from "../superoperators/sparse-superoperator";
import { Superoperator } from "../superoperators/superoperator";
import { unvec, vec } from "../superoperators/vectorize";
import { type OpenSystem, openSystem } from "../system/open-system";
import { absorptionRate, emissionRate, flatSpectrum, ohmicSpectrum } from "../system/spectral-density";
import { randomHermitian, randomMatrix, seededRandom } from "../testing/random";
import { currentFunctional, energyFlow, heatCurrents } from "../thermodynamics/heat-current";
import { buildGenerator } from "./build-generator";
import { cleanRoundoff, fromEigenbasis, toEigenbasis } from "./eigenbasis";
import { eigenbasisTerms, type Generator } from "./generator";

// The global generator keeps its jumps sparse in the eigenbasis (CSR). These tests compare every
// path that uses them against a direct dense Davies generator written here from its definition
// (Breuer & Petruccione eqs. 3.120 and 3.140): A(w) = sum_{E_n - E_m = w} P_m S P_n, applied with
// full matrix products.

/** Agreement of two evaluations of one linear map in double precision, relative to the output's size. */
const ROUNDING_RELATIVE = 1e-12;
/** Two gaps of the test spectra within this are the same Bohr frequency (distinct ones differ by >= 0.03). */
const GAP_MATCH = 1e-6;
/** ||L rho_ss|| relative to ||L rho|| for a random density matrix rho, for a steady state from an LU solve. */
const STEADY_RESIDUAL = 1e-11;
/** Two routes to one heat current, relative to the gross flow sum_X |J_X| (each sums O(d^2) products). */
const CURRENT_ROUNDING = 1e-11;

/** Degenerate levels (0.7, 0.7 and 2.0, 2.0) and degenerate gaps (0.7 = 2.0 - 1.3 = 0.7 - 0). */
const DEGENERATE = [0, 0.7, 0.7, 1.3, 2.0, 2.0, 2.9];
/** Distinct levels and distinct gaps: every Bohr component has one entry, populations decouple. */
const GENERIC = [0, 0.53, 1.17, 1.94, 2.41, 3.38];

/** H = V diag(E) V^dagger with a random unitary V; an RWA bath (flat) and a Hermitian one (ohmic). */
function randomSystem(energies: number[], seed: number): OpenSystem {
  const rand = seededRandom(seed);
  const d = energies.length;
  const v = hermitianEigen(randomHermitian(d, rand)).vectors;
  const h0 = matmul(matmul(v, ComplexMatrix.diagonal(energies)), dagger(v));
  const h = add(h0, dagger(h0), 0.5, 0.5);
  return openSystem({
    hamiltonian: Operator.of(h),
    baths: [
      {
        name: "A",
        temperature: 1.3,
        spectralDensity: flatSpectrum(0.07),
        couplings: [{ form: "rwa", operator: Operator.of(randomMatrix(d, d, rand)) }],
      },
      {
        name: "B",
        temperature: 0.6,
        spectralDensity: ohmicSpectrum(0.05, 5),
        couplings: [{ form: "hermitian", operator: Operator.of(randomHermitian(d, rand)) }],
      },
    ],
  });
}

interface DenseJump {
  readonly l: ComplexMatrix;
  readonly rate: number;
}

/** The Davies jumps in the eigenbasis, dense, from the definition (of one bath, or all). */
function referenceJumps(system: OpenSystem, eigen: HermitianEigen, only?: string): DenseJump[] {
  const e = eigen.values;
  const d = e.length;
  const jumps: DenseJump[] = [];
  for (const bath of system.baths) {
    if (only !== undefined && bath.name !== only) continue;
    for (const c of bath.couplings) {
      const s = cleanRoundoff(toEigenbasis(c.form === "rwa" ? dagger(c.operator) : c.operator, eigen));
      const omegas: number[] = [];
      for (let m = 0; m < d; m++) {
        for (let n = 0; n < d; n++) {
          const w = e[n] - e[m];
          if (w < -GAP_MATCH || (s.re(m, n) === 0 && s.im(m, n) === 0)) continue;
          if (!omegas.some((x) => Math.abs(x - w) <= GAP_MATCH)) omegas.push(w);
        }
      }
      for (const w of omegas) {
        const a = new ComplexMatrix(d, d);
        for (let m = 0; m < d; m++) {
          for (let n = 0; n < d; n++) {
            if (Math.abs(e[n] - e[m] - w) <= GAP_MATCH) a.set(m, n, { re: s.re(m, n), im: s.im(m, n) });
          }
        }
        if (Math.abs(w) <= GAP_MATCH) {
          if (c.form === "hermitian")
            jumps.push({ l: a, rate: bath.spectralDensity.zeroFrequencyRate(bath.temperature) });
          continue;
        }
        jumps.push({ l: a, rate: emissionRate(bath.spectralDensity, w, bath.temperature) });
        jumps.push({ l: dagger(a), rate: absorptionRate(bath.spectralDensity, w, bath.temperature) });
      }
    }
  }
  return jumps;
}

/** sum_k rate_k (L rho L^dagger - (1/2) {L^dagger L, rho}), by full products. */
function referenceDissipator(jumps: readonly DenseJump[], rho: ComplexMatrix): ComplexMatrix {
  let out = new ComplexMatrix(rho.rows, rho.cols);
  for (const { l, rate } of jumps) {
    const ld = dagger(l);
    const ldl = matmul(ld, l);
    const term = add(matmul(matmul(l, rho), ld), add(matmul(ldl, rho), matmul(rho, ldl)), 1, -0.5);
    out = add(out, term, 1, rate);
  }
  return out;
}

/** -i [diag(E), rho] plus the dissipator of `jumps`. */
function referenceApply(
  jumps: readonly DenseJump[],
  energies: Float64Array,
  rho: ComplexMatrix,
): ComplexMatrix {
  const e = ComplexMatrix.diagonal(Array.from(energies));
  const commutator = add(matmul(e, rho), matmul(rho, e), 1, -1);
  const minusI = new Float64Array(commutator.data.length);
  for (let k = 0; k < minusI.length; k += 2) {
    minusI[k] = commutator.data[k + 1];
    minusI[k + 1] = -commutator.data[k];
  }
  return add(new ComplexMatrix(rho.rows, rho.cols, minusI), referenceDissipator(jumps, rho));
}

function randomDensityMatrix(d: number, seed: number): ComplexMatrix {
  const a = randomMatrix(d, d, seededRandom(seed));
  const rho = matmul(a, dagger(a));
  let tr = 0;
  for (let i = 0; i < d; i++) tr += rho.re(i, i);
  return scale(rho, 1 / tr);
}

function maxAbs(x: ArrayLike<number>): number {
  let m = 0;
  for (let k = 0; k < x.length; k++) m = Math.max(m, Math.abs(x[k]));
  return m;
}

function maxAbsDiff(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let m = 0;
  for (let k = 0; k < x.length; k++) m = Math.max(m, Math.abs(x[k] - y[k]));
  return m;
}

function apply(
  op: { applyInto(out: Float64Array, x: Float64Array): Float64Array },
  rho: ComplexMatrix,
): Float64Array {
  const x = vec(rho);
  return op.applyInto(new Float64Array(x.length), x);
}

describe.each([
  ["degenerate levels and gaps", DEGENERATE, 11],
  ["distinct levels and gaps", GENERIC, 12],
])("global generator with sparse jumps, %s", (_, energies, seed) => {
  const system = randomSystem(energies, seed);
  const g: Generator = buildGenerator(system, { approach: "global" });
  const d = g.dimension;
  const jumps = referenceJumps(system, g.eigen);

  it("stores as many jumps as the definition gives, each with the definition's nonzeros, entry by entry", () => {
    const stored = g.channels.flatMap((ch) => ch.jumps);
    expect(stored.length).toBe(jumps.length);
    // Match each stored jump to a reference jump with the same rate and matrix.
    const unmatched = [...jumps];
    for (const j of stored) {
      const dense = csrToDense(j.eigenCsr);
      const k = unmatched.findIndex(
        (r) =>
          Math.abs(r.rate - j.rate) <= ROUNDING_RELATIVE * r.rate &&
          maxAbsDiff(r.l.data, dense.data) <= ROUNDING_RELATIVE * maxAbs(r.l.data),
      );
      expect(k).toBeGreaterThanOrEqual(0);
      let nonzeros = 0;
      for (let x = 0; x < unmatched[k].l.data.length; x += 2) {
        if (unmatched[k].l.data[x] !== 0 || unmatched[k].l.data[x + 1] !== 0) nonzeros++;
      }
      expect(j.eigenCsr.columns.length).toBe(nonzeros);
      unmatched.splice(k, 1);
    }
  });

  it("the eigenbasis Liouvillian (matrix-free, sparse and dense forms) agrees with the definition on random rho", () => {
    const terms = eigenbasisTerms(g);
    const forms = [
      new MatrixFreeSuperoperator(d, terms),
      SparseSuperoperator.fromTerms(d, terms),
      Superoperator.fromTerms(d, terms),
    ];
    for (const s of [1, 2, 3]) {
      const rho = randomDensityMatrix(d, 100 * seed + s);
      const expected = vec(referenceApply(jumps, g.eigen.values, rho));
      const scaleOf = maxAbs(expected);
      for (const form of forms) {
        expect(maxAbsDiff(apply(form, rho), expected)).toBeLessThan(ROUNDING_RELATIVE * scaleOf);
      }
    }
  });

  it("the original-basis Liouvillian (made from the sparse jumps on demand) is the same map: V^dagger L(V rho V^dagger) V", () => {
    const rho = randomDensityMatrix(d, 100 * seed + 7);
    const expected = referenceApply(jumps, g.eigen.values, rho);
    const got = toEigenbasis(unvec(apply(g.liouvillian, fromEigenbasis(rho, g.eigen))), g.eigen);
    expect(maxAbsDiff(got.data, expected.data)).toBeLessThan(ROUNDING_RELATIVE * maxAbs(expected.data));
  });

  it("the steady state is annihilated by the definition's generator, and every current route agrees", () => {
    const state = steadyState(g);
    const frobenius = (m: ComplexMatrix) => Math.hypot(...m.data);
    const scaleOf = frobenius(referenceApply(jumps, g.eigen.values, randomDensityMatrix(d, 100 * seed + 9)));
    expect(frobenius(referenceApply(jumps, g.eigen.values, state.rhoEigen))).toBeLessThan(
      STEADY_RESIDUAL * scaleOf,
    );

    // Currents J_X = Tr[H_S D_X(rho)] by the definition, against: the state's own path (rate
    // equation or functional), the functional on rho, the original-basis dissipators, and the
    // current functional.
    const expected: Record<string, number> = {};
    for (const bath of ["A", "B"]) {
      const dis = referenceDissipator(referenceJumps(system, g.eigen, bath), state.rhoEigen);
      expected[bath] = 0;
      for (let i = 0; i < d; i++) expected[bath] += g.eigen.values[i] * dis.re(i, i);
    }
    const gross = Math.abs(expected.A) + Math.abs(expected.B);
    const fromState = heatCurrents(g, state);
    const fromRho = heatCurrents(g, state.rho);
    for (const bath of ["A", "B"]) {
      const original = energyFlow(g, g.bathDissipators.get(bath)!, state.rho);
      const c = currentFunctional(g, bath);
      const y = vec(state.rho);
      let functional = 0;
      for (let k = 0; k < y.length; k += 2) functional += c[k] * y[k] - c[k + 1] * y[k + 1];
      for (const got of [fromState[bath], fromRho[bath], original, functional]) {
        expect(Math.abs(got - expected[bath])).toBeLessThan(CURRENT_ROUNDING * gross);
      }
    }
    // First law: the steady-state currents add up to zero.
    expect(Math.abs(fromState.A + fromState.B)).toBeLessThan(CURRENT_ROUNDING * gross);
    expect(gross).toBeGreaterThan(0);
  });
});

describe("global generator: the rate-equation path from sparse jumps", () => {
  const system = randomSystem(GENERIC, 12);
  const g = buildGenerator(system, { approach: "global" });
  const d = g.dimension;
  const jumps = referenceJumps(system, g.eigen);

  it("distinct gaps: one entry per jump (diagonal ones for dephasing), populations decouple, and the rates are sum_k rate_k |<q|L_k|p>|^2", () => {
    for (const ch of g.channels) {
      for (const j of ch.jumps) {
        const { rowStart, columns } = j.eigenCsr;
        if (ch.omega === 0) {
          for (let i = 0; i < d; i++)
            for (let p = rowStart[i]; p < rowStart[i + 1]; p++) expect(columns[p]).toBe(i);
        } else expect(columns.length).toBe(1);
      }
    }
    expect(populationsDecouple(g)).toBe(true);
    const w = populationRates(g);
    for (let p = 0; p < d; p++) {
      for (let q = 0; q < d; q++) {
        if (p === q) continue;
        let expected = 0;
        for (const { l, rate } of jumps) expected += rate * (l.re(q, p) ** 2 + l.im(q, p) ** 2);
        expect(Math.abs(w[p][q] - expected)).toBeLessThanOrEqual(ROUNDING_RELATIVE * expected);
      }
    }
  });

  it("the rate-equation populations equal the dense solve's", () => {
    const rates = steadyState(g);
    expect(rates.method).toBe("rate-equation");
    const dense = steadyState(g, { method: "dense" });
    expect(maxAbsDiff(rates.populations, dense.populations)).toBeLessThan(STEADY_RESIDUAL);
  });

  it("degenerate levels couple populations to coherences (no rate equation)", () => {
    expect(populationsDecouple(buildGenerator(randomSystem(DEGENERATE, 11), { approach: "global" }))).toBe(
      false,
    );
  });
});

describe("global generator: memory check of the sparse jumps", () => {
  it("a memoryLimit below the jumps' CSR storage is refused with a ResourceError naming them", () => {
    const system = randomSystem(GENERIC, 12);
    expect(() => buildGenerator(system, { approach: "global", memoryLimit: 4096 })).toThrow(ResourceError);
    expect(() => buildGenerator(system, { approach: "global", memoryLimit: 4096 })).toThrow(/jump operators/);
  });

  it("the original-basis forms are refused when their dense matrices would not fit, while eigenbasis outputs work", () => {
    const system = randomSystem(GENERIC, 12);
    const d = GENERIC.length;
    const jumps = buildGenerator(system, { approach: "global" }).channels.reduce(
      (n, c) => n + c.jumps.length,
      0,
    );
    // Three dense d x d complex matrices per jump (L, L^dagger, L^dagger L): the predicted need.
    const need = jumps * 3 * 16 * d * d;
    const tight = buildGenerator(system, { approach: "global", memoryLimit: need - 1 });
    expect(() => tight.terms).toThrow(ResourceError);
    expect(() => tight.channels[0].jumps[0].operator).toThrow(/original-basis forms/);
    // Asked again, every original-basis output refuses again: no cache keeps a partial value.
    for (const output of ["terms", "liouvillian", "bathDissipators", "packed"] as const) {
      expect(() => tight[output]).toThrow(ResourceError);
      expect(() => tight[output]).toThrow(/original-basis forms/);
    }
    const state = steadyState(tight);
    const reference = steadyState(buildGenerator(system, { approach: "global" }));
    expect(maxAbsDiff(state.rho.data, reference.rho.data)).toBeLessThan(STEADY_RESIDUAL);
    expect(Object.keys(heatCurrents(tight, state))).toEqual(["A", "B"]);
    expect(buildGenerator(system, { approach: "global", memoryLimit: need }).terms.length).toBeGreaterThan(0);
  });
});

import {
  add,
  buildGenerator,
  embed,
  heatCurrents,
  hermiticityDefect,
  LiouvilleError,
  matmul,
  maxAbsDiff,
  nBose,
  ParameterError,
  ResourceError,
  scale,
  sigmaMinus,
  sigmaPlus,
  sigmaZ,
  steadyState,
  thermalState,
} from "@liouville/core";
import { relativeError } from "@liouville/core/testing";
import { describe, expect, it } from "vitest";
import { modelParameters } from "./parameters";
import { getModel } from "./registry";
import { MAX_SPIN_CHAIN_SITES, spinChain } from "./spin-chain";
import { spinChainExcitations, spinChainHamiltonian } from "./spin-chain-operators";
import { steadyReport } from "./steady-report";

/** Bit-built operators against Kronecker/matrix products: the same sums, so equal to rounding. */
const ROUNDING = 1e-15;
/** XX-chain currents at different N, and against the closed form: rounding of a direct solve. */
const CURRENT_RELATIVE = 1e-12;
/** The same from GMRES at its default tolerance (relative residual 1e-14 of the sector equations; measured 3e-12). */
const GMRES_CURRENT_RELATIVE = 1e-9;
/** Steady state against the Gibbs state, and the currents against the gross rates g ~ 0.05. */
const GIBBS_ABSOLUTE = 1e-12;

/** The Hamiltonian of the model built from `embed` and matrix products. */
function productHamiltonian(n: number, omega: number, J: number, Delta: number) {
  const dims = Array(n).fill(2);
  const site = (op: ReturnType<typeof sigmaZ>, i: number) => embed(op, i, dims);
  let h = scale(site(sigmaZ(), 0), omega / 2);
  for (let i = 1; i < n; i++) h = add(h, site(sigmaZ(), i), 1, omega / 2);
  for (let i = 0; i + 1 < n; i++) {
    const hop = add(
      matmul(site(sigmaPlus(), i), site(sigmaMinus(), i + 1)),
      matmul(site(sigmaMinus(), i), site(sigmaPlus(), i + 1)),
    );
    h = add(h, hop, 1, J);
    h = add(h, matmul(site(sigmaZ(), i), site(sigmaZ(), i + 1)), 1, Delta);
  }
  return h;
}

/**
 * Steady heat current from bath A of the XX chain (Delta = 0) under the local approach, the same
 * for every N: omega 4J^2 gamma_A gamma_B (f_A - f_B) / ((gamma_A + gamma_B)(4J^2 + gamma_A gamma_B)),
 * with damping gamma_X = g_X (1 + 2 n_X) and target occupation f_X = n_X / (1 + 2 n_X) at omega
 * (flat spectra). For N = 2 it follows from the closed linear equations of the correlations
 * <s+_i s-_j> (the XX chain is quadratic in Jordan-Wigner fermions, so they close); that it holds
 * for every N is what the test below checks, N = 2 to 8 here and 9, 10 in the slow tier.
 */
function xxLocalCurrent(p: { omega: number; J: number; gA: number; gB: number; TA: number; TB: number }) {
  const nA = nBose(p.omega, p.TA);
  const nB = nBose(p.omega, p.TB);
  const gammaA = p.gA * (1 + 2 * nA);
  const gammaB = p.gB * (1 + 2 * nB);
  const fA = nA / (1 + 2 * nA);
  const fB = nB / (1 + 2 * nB);
  const hop = 4 * p.J * p.J;
  return (p.omega * hop * gammaA * gammaB * (fA - fB)) / ((gammaA + gammaB) * (hop + gammaA * gammaB));
}

describe("spin-chain operators", () => {
  it("the bit-built Hamiltonian equals the product-built one (N = 3, Delta != 0) and is Hermitian", () => {
    for (const [J, Delta] of [
      [0.2, 0.35],
      [-0.7, -0.15],
    ]) {
      const h = spinChainHamiltonian(3, 1.3, J, Delta);
      expect(maxAbsDiff(h, productHamiltonian(3, 1.3, J, Delta))).toBeLessThanOrEqual(ROUNDING);
      expect(hermiticityDefect(h)).toBe(0);
      expect(h.dims).toEqual([2, 2, 2]);
    }
    const built = spinChain.build(modelParameters(spinChain, { n: 4, Delta: 0.3 })).hamiltonian;
    expect(maxAbsDiff(built, productHamiltonian(4, 1, 0.2, 0.3))).toBeLessThanOrEqual(ROUNDING);
  });

  it("bath A couples through s+ of the first spin, bath B through s+ of the last", () => {
    const system = spinChain.build(modelParameters(spinChain, { n: 3 }));
    const [a, b] = system.baths;
    expect([a.name, b.name]).toEqual(["A", "B"]);
    expect(maxAbsDiff(a.couplings[0].operator, embed(sigmaPlus(), 0, [2, 2, 2]))).toBe(0);
    expect(maxAbsDiff(b.couplings[0].operator, embed(sigmaPlus(), 2, [2, 2, 2]))).toBe(0);
    expect(a.couplings[0].frequency).toBe(1);
    expect(b.couplings[0].form).toBe("rwa");
  });

  it("the charge counts excitations, commutes with H, and s+ raises it by one", () => {
    const n = 4;
    const q = spinChainExcitations(n);
    // Basis index 0 is every spin up (|+>, sigma_z = +1), the last one every spin down.
    expect(q[0]).toBe(n);
    expect(q[2 ** n - 1]).toBe(0);
    expect(q.reduce((s, x) => s + x, 0)).toBe(n * 2 ** (n - 1));
    const system = spinChain.build(modelParameters(spinChain, { n, Delta: 0.4 }));
    // The open system carries it as its symmetry charge (checked there against H and the baths).
    expect(Array.from(system.charge!)).toEqual(q);
    const h = system.hamiltonian;
    const d = h.rows;
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        // [H, Q]_ij = H_ij (q_j - q_i) = 0
        if (h.re(i, j) !== 0 || h.im(i, j) !== 0) expect(q[i], `H[${i}][${j}]`).toBe(q[j]);
        for (const bath of system.baths) {
          const s = bath.couplings[0].operator;
          if (s.re(i, j) !== 0) expect(q[i] - q[j]).toBe(1);
        }
      }
    }
  });

  it("the initial state is every spin down: the ground state of H_S at the defaults", () => {
    const p = modelParameters(spinChain, { n: 3 });
    const rho = spinChain.initialState(p);
    const ground = thermalState(spinChain.build(p).hamiltonian, 0);
    expect(maxAbsDiff(rho, ground)).toBeLessThanOrEqual(ROUNDING);
    expect(rho.re(7, 7)).toBe(1);
  });
});

describe("spin-chain parameters", () => {
  it("is registered, with local as its default approach", () => {
    expect(getModel("spin-chain")).toBe(spinChain);
    expect(spinChain.approaches[0]).toBe("local");
    expect(spinChain.analytic!(modelParameters(spinChain), "local")).toBeNull();
    expect(modelParameters(spinChain)).toMatchObject({
      n: 4,
      omega: 1,
      J: 0.2,
      Delta: 0,
      gA: 0.05,
      gB: 0.05,
      TA: 2,
      TB: 0.5,
      spectrumA: "flat",
      spectrumB: "flat",
    });
  });

  it.each([
    ["n", { n: 1 }],
    ["n", { n: 2.5 }],
    ["n", { n: "four" }],
    ["omega", { omega: 0 }],
    ["J", { J: Number.NaN }],
    ["Delta", { Delta: "0x1" }],
    ["gA", { gA: -0.1 }],
    ["TB", { TB: -1 }],
    ["spectrum", { spectrum: "lorentzian" }],
    ["spectrumB", { spectrumB: "lorentzian" }],
    ["cutoffB", { cutoffB: 0 }],
  ])("a bad %s is a ParameterError naming it", (name, input) => {
    let error: unknown;
    try {
      modelParameters(spinChain, input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ParameterError);
    expect((error as ParameterError).parameter).toBe(name);
  });

  it("a chain too long for its dense operators is a ResourceError, raised before allocating", () => {
    const p = modelParameters(spinChain, { n: MAX_SPIN_CHAIN_SITES + 8 });
    expect(() => spinChain.build(p)).toThrow(ResourceError);
    expect(() => spinChain.initialState(p)).toThrow(ResourceError);
    try {
      spinChain.build(p);
    } catch (e) {
      expect(LiouvilleError.isInstance(e)).toBe(true);
      expect((e as Error).message).toMatch(`n <= ${MAX_SPIN_CHAIN_SITES}`);
    }
  });
});

/** Largest chain of the default tier (12,870 real unknowns in its excitation sector at N = 8). */
const DEFAULT_TIER_MAX_SITES = 8;

describe("spin-chain steady states", () => {
  it("local ME of the XX chain: the same current for N = 2 to 8 (ballistic), equal to the closed form", () => {
    for (const input of [
      { omega: 1, J: 0.2, gA: 0.05, gB: 0.05, TA: 2, TB: 0.5 },
      { omega: 1.3, J: 0.07, gA: 0.02, gB: 0.09, TA: 0.4, TB: 3 },
    ]) {
      const expected = xxLocalCurrent(input);
      for (let n = 2; n <= DEFAULT_TIER_MAX_SITES; n++) {
        const gen = buildGenerator(spinChain.build(modelParameters(spinChain, { ...input, n })), {
          approach: "local",
        });
        const state = steadyState(gen);
        const currents = heatCurrents(gen, state);
        const where = `N = ${n} ${JSON.stringify(input)} (${state.method})`;
        const tolerance = state.method === "gmres" ? GMRES_CURRENT_RELATIVE : CURRENT_RELATIVE;
        expect(relativeError(currents.A, expected), where).toBeLessThanOrEqual(tolerance);
        expect(relativeError(currents.B, -expected), where).toBeLessThanOrEqual(tolerance);
      }
    }
  });

  it("one temperature (TA = TB), global: the Gibbs state and no current", () => {
    for (const input of [
      { n: 3, TA: 0.8, TB: 0.8, Delta: 0.15 },
      { n: 4, TA: 1.5, TB: 1.5, gA: 0.02, gB: 0.07 },
    ]) {
      const r = steadyReport(spinChain, input, "global");
      const gibbs = thermalState(r.generator!.system.hamiltonian, input.TA);
      const where = JSON.stringify(input);
      expect(maxAbsDiff(r.state!.rho, gibbs), where).toBeLessThanOrEqual(GIBBS_ABSOLUTE);
      expect(Math.abs(r.audit.currents.A), where).toBeLessThanOrEqual(GIBBS_ABSOLUTE);
      expect(Math.abs(r.audit.currents.B), where).toBeLessThanOrEqual(GIBBS_ABSOLUTE);
    }
  });
});

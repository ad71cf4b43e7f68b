import { describe, expect, it } from "vitest";
import { ComplexMatrix } from "../linalg/complex-matrix";
import { add, matmul, maxAbsDiff } from "../linalg/kernels";
import { embed, sigmaMinus, sigmaPlus, sigmaX, sigmaZ } from "../operators/builders";
import { Operator } from "../operators/operator";
import { steadyState } from "../steady-state/steady-state";
import { openSystem } from "../system/open-system";
import { flatSpectrum, ohmicSpectrum } from "../system/spectral-density";
import fixtures from "../testing/fixtures/qutip-redfield.json";
import rwaFixtures from "../testing/fixtures/rwa-redfield.json";
import { bohrTolerance } from "./bohr-frequencies";
import { buildGenerator } from "./build-generator";
import { superToEigenbasis } from "./eigenbasis";
import { redfieldKernelEigen, secularFilter } from "./redfield";

/** H_S of the coupled qubits, eq. (3.16), built here from the operators as a test input. */
function coupledQubitHamiltonian(omega1: number, omega2: number, lambda: number) {
  const dims = [2, 2];
  const flipFlop = add(
    matmul(embed(sigmaPlus(), 0, dims), embed(sigmaMinus(), 1, dims)),
    matmul(embed(sigmaMinus(), 0, dims), embed(sigmaPlus(), 1, dims)),
  );
  return add(
    add(embed(sigmaZ(), 0, dims), embed(sigmaZ(), 1, dims), omega1 / 2, omega2 / 2),
    flipFlop,
    1,
    lambda,
  );
}

/**
 * Agreement with QuTiP's Bloch-Redfield tensor (fixtures from scripts/qutip-fixtures.py), entry
 * by entry in the product basis, relative to the largest entry: QuTiP builds the tensor with its
 * own eigensolver and loops, so only rounding should differ.
 */
const QUTIP_AGREEMENT = 1e-11;

describe("redfield against QuTiP's bloch_redfield_tensor (Hermitian sigma_x couplings, ohmic baths)", () => {
  it.each(fixtures.cases.map((c) => [JSON.stringify(c.params), c] as const))("%s", (_label, c) => {
    const p = c.params;
    const dims = [2, 2];
    const h = coupledQubitHamiltonian(p.omega1, p.omega2, p.lambda_);
    const system = openSystem({
      hamiltonian: Operator.of(h, dims),
      baths: [
        {
          name: "A",
          temperature: p.TA,
          spectralDensity: ohmicSpectrum(p.gA, p.cutoff),
          couplings: [{ form: "hermitian", operator: embed(sigmaX(), 0, dims) }],
        },
        {
          name: "B",
          temperature: p.TB,
          spectralDensity: ohmicSpectrum(p.gB, p.cutoff),
          couplings: [{ form: "hermitian", operator: embed(sigmaX(), 1, dims) }],
        },
      ],
    });
    const gen = buildGenerator(system, { approach: "redfield" });
    // Hermitian couplings too: the secular part of each bath's Redfield kernel is its Davies dissipator.
    const global = buildGenerator(system, { approach: "global" });
    const tol = bohrTolerance(global.eigen.values);
    system.baths.forEach((bath, b) => {
      const secular = secularFilter(
        redfieldKernelEigen(bath, b, global.eigen, tol),
        global.eigen.values,
        tol,
      );
      expect(
        maxAbsDiff(
          secular,
          superToEigenbasis(global.bathDissipators.get(bath.name)!.toDense(), global.eigen),
        ),
      ).toBeLessThan(1e-13);
    });
    const reference = ComplexMatrix.from(
      c.liouvillian.re.map((row, i) => row.map((re, j) => ({ re, im: c.liouvillian.im[i][j] }))),
    );
    let scale = 0;
    for (const v of reference.data) scale = Math.max(scale, Math.abs(v));
    expect(maxAbsDiff(gen.liouvillian.toDense(), reference) / scale).toBeLessThan(QUTIP_AGREEMENT);
    const rho = ComplexMatrix.from(
      c.steadyState.re.map((row, i) => row.map((re, j) => ({ re, im: c.steadyState.im[i][j] }))),
    );
    expect(maxAbsDiff(steadyState(gen).rho, rho)).toBeLessThan(1e-9);
  });
});

describe("redfield with RWA couplings against eq. (5.2) (paper-corrections item 10) transcribed independently", () => {
  // scripts/qutip-fixtures.py builds the kernel element by element from the corrected (5.2) with
  // numpy loops over alpha, beta = 1, 2 (S^1 = sigma+, S^2 = sigma-).
  it.each(rwaFixtures.cases.map((c) => [JSON.stringify(c.params), c] as const))("%s", (_label, c) => {
    const p = c.params;
    const dims = [2, 2];
    const h = coupledQubitHamiltonian(p.omega1, p.omega2, p.lambda_);
    const bath = (name: string, g: number, T: number, site: number) => ({
      name,
      temperature: T,
      spectralDensity: ohmicSpectrum(g, p.cutoff),
      couplings: [{ form: "rwa" as const, operator: embed(sigmaPlus(), site, dims) }],
    });
    const system = openSystem({
      hamiltonian: Operator.of(h, dims),
      baths: [bath("A", p.gA, p.TA, 0), bath("B", p.gB, p.TB, 1)],
    });
    const gen = buildGenerator(system, { approach: "redfield" });
    const reference = ComplexMatrix.from(
      c.liouvillian.re.map((row, i) => row.map((re, j) => ({ re, im: c.liouvillian.im[i][j] }))),
    );
    let scale = 0;
    for (const v of reference.data) scale = Math.max(scale, Math.abs(v));
    expect(maxAbsDiff(gen.liouvillian.toDense(), reference) / scale).toBeLessThan(QUTIP_AGREEMENT);
  });
});

describe("Redfield with a flat spectrum at T > 0 (no finite rate at omega = 0)", () => {
  /** Relative agreement of the Redfield steady populations with the Gibbs state of the one bath. */
  const GIBBS_AGREEMENT = 1e-12;
  const T = 0.7;
  const qubit = (coupling: ComplexMatrix) =>
    openSystem({
      hamiltonian: Operator.of(ComplexMatrix.diagonal([0.5, -0.5]), [2]),
      baths: [
        {
          name: "A",
          temperature: T,
          spectralDensity: flatSpectrum(0.01),
          couplings: [{ form: "hermitian", operator: Operator.of(coupling, [2]) }],
        },
      ],
    });

  it("sigma_x beside H = sigma_z / 2 (the spin-boson case) has no zero-frequency part: it builds and relaxes to the Gibbs state", () => {
    const state = steadyState(buildGenerator(qubit(sigmaX()), { approach: "redfield" }));
    const excited = state.rho.re(0, 0);
    const ground = state.rho.re(1, 1);
    expect(Math.abs(excited / ground / Math.exp(-1 / T) - 1)).toBeLessThan(GIBBS_AGREEMENT);
  });

  it("a coupling with a diagonal part (sigma_x + sigma_z) still needs a finite dephasing rate, and says so", () => {
    expect(() => buildGenerator(qubit(add(sigmaX(), sigmaZ())), { approach: "redfield" }).terms).toThrow(
      /free of zero-frequency \(dephasing\) parts under a flat spectrum at T > 0: the rate lim g\(w\)\(1 \+ n\(w\)\) is infinite/,
    );
  });
});

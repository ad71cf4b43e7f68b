import {
  type Approach,
  add,
  BOHR_TOLERANCE,
  basisState,
  embed,
  matmul,
  type OpenSystem,
  Operator,
  openSystem,
  ParameterError,
  scale,
  sigmaMinus,
  sigmaPlus,
  sigmaZ,
} from "@liouville/core";
import { coupledQubitsAnalytic, coupledQubitsSpectrum } from "./coupled-qubits-analytic";
import type { Model } from "./model";
import { BATH_PARAMETERS, PARAMETERS, type ParamValues, twoBaths } from "./parameters";

/**
 * Two qubits with flip-flop coupling between two baths, eqs. (3.16)-(3.18) of Fogedby (arXiv:2301.13544):
 *   H_S = (omega1/2) sigma1_z + (omega2/2) sigma2_z + lambda (sigma1+ sigma2- + sigma1- sigma2+),
 *   H_SA = sigma1+ A + sigma1- A^dagger,   H_SB = sigma2+ B + sigma2- B^dagger.
 * Bath A acts on qubit 1, bath B on qubit 2. Product basis index 2*i1 + i2 with i = 0 for |+>,
 * so the basis is (|++>, |+->, |-+>, |-->); the eigenbasis is ordered by energy,
 * E1 = -omega_m < E2 = -sqrt(dw^2 + lambda^2) < E3 < E4 = omega_m (eqs. (3.25)-(3.28)).
 *
 * Constraint: lambda < sqrt(omega1 omega2), so that omega- = E4 - E3 = E2 - E1 > 0 (after (3.33)).
 *
 * The closed forms (`analytic`) hold for the global generator whenever E2 != E3, i.e. unless
 * lambda = 0 and omega1 = omega2 together: there |+-> and |-+> are degenerate, the eigenbasis is
 * not unique, and `analytic` returns null (the qubits are then uncoupled and the currents vanish,
 * eqs. (4.6)-(4.11)). omega1 < omega2 is covered through theta = atan2(2 lambda, omega1 - omega2)
 * (docs/paper-corrections.md, "What holds as printed").
 *
 * Under `redfield` the steady state keeps a small coherence rho_23 (paper-corrections items 7-8), measured
 * by the tests in `coupled-qubits.test.ts` (TA = 2, TB = 0.5, flat spectra):
 * - it is linear in the bath coupling: |rho_23| / g = 0.7356 at g = gA = gB = 1e-4 and 1e-3 and
 *   0.7337 at g = 1e-2 (omega1 = 1.2, omega2 = 1, lambda = 0.1);
 * - it falls as 1/|E3 - E2|: for resonant qubits (|E3 - E2| = 2 lambda, g = 1e-4) the product
 *   |rho_23| |E3 - E2| stays at 2.57e-5 to 2.54e-5 from lambda = 0.025 to 0.4, i.e.
 *   |rho_23| = 0.26 g / |E3 - E2|;
 * - detuned qubits add the mixing: the drive carries alpha beta = sin(theta)/2, so |rho_23| rises
 *   from 0 at lambda = 0, peaks near lambda ~ |omega1 - omega2| / 2, then falls as 1/|E3 - E2|.
 * The Redfield currents differ from the secular ones by O((g / |E3 - E2|)^2) (tested).
 *
 * Heat-current fluctuations (`countingStatistics`, `liouville fluctuations`) are numerical only:
 * under `global` the populations form a four-state jump process with two Bohr frequencies per
 * bath, whose noise has no compact form in the paper's rates; `analytic` carries no `noise`.
 */
export const coupledQubits: Model = Object.freeze({
  id: "coupled-qubits",
  title: "Two coupled qubits between two heat baths",
  description:
    "H = (w1/2) s1z + (w2/2) s2z + lambda (s1+ s2- + s1- s2+); bath A on qubit 1, B on qubit 2; closed forms (3.46)-(3.57); heat-current noise numerical only",
  parameters: [PARAMETERS.omega1, PARAMETERS.omega2, PARAMETERS.lambda, ...BATH_PARAMETERS],
  approaches: ["global", "redfield", "local"] as const,
  validate(p: ParamValues) {
    const bound = Math.sqrt((p.omega1 as number) * (p.omega2 as number));
    if (!((p.lambda as number) < bound)) {
      throw new ParameterError("lambda", `< sqrt(omega1*omega2) = ${bound} (so that omega- > 0)`, p.lambda);
    }
    // omega- must also be resolvable as a Bohr frequency of its own, or the generator would
    // merge it with zero and drop the omega- channel.
    const { omegaMinus, energies } = coupledQubitsSpectrum(p);
    if (!(omegaMinus > BOHR_TOLERANCE * (energies[3] - energies[0]))) {
      throw new ParameterError(
        "lambda",
        `< sqrt(omega1*omega2) = ${bound} by enough that omega- = ${omegaMinus} exceeds the Bohr-frequency resolution ${BOHR_TOLERANCE} * (omega1 + omega2)`,
        p.lambda,
      );
    }
  },
  build(p: ParamValues): OpenSystem {
    const w1 = p.omega1 as number;
    const w2 = p.omega2 as number;
    const lambda = p.lambda as number;
    const dims = [2, 2];
    const s1p = embed(sigmaPlus(), 0, dims);
    const s1m = embed(sigmaMinus(), 0, dims);
    const s2p = embed(sigmaPlus(), 1, dims);
    const s2m = embed(sigmaMinus(), 1, dims);
    const flipFlop = add(matmul(s1p, s2m), matmul(s1m, s2p));
    const h = add(
      add(scale(embed(sigmaZ(), 0, dims), w1 / 2), scale(embed(sigmaZ(), 1, dims), w2 / 2)),
      flipFlop,
      1,
      lambda,
    );
    return openSystem({
      hamiltonian: Operator.of(h, dims),
      baths: twoBaths(p, { raise: s1p, frequency: w1 }, { raise: s2p, frequency: w2 }),
    });
  },
  initialState: () => basisState([2, 2], 3),
  // The closed forms describe the secular (global) generator only.
  analytic: (p: ParamValues, approach: Approach) => (approach === "global" ? coupledQubitsAnalytic(p) : null),
});

import {
  type Approach,
  add,
  buildGenerator,
  ComplexMatrix,
  embed,
  flatSpectrum,
  fromEigenbasis,
  type Generator,
  matmul,
  Operator,
  openSystem,
  scale,
  sigmaMinus,
  sigmaPlus,
  sigmaZ,
  traceParts,
} from "@liouville/core";

// Test systems for `evolve`, built from core only (integrators depend on core, not on the
// models package). The coupled qubits are the model "coupled-qubits" of models-qubits.

/** Parameters of the coupled qubits, eqs. (3.16)-(3.18) of Fogedby (arXiv:2301.13544), flat spectra. */
export interface CoupledQubitsParameters {
  readonly omega1: number;
  readonly omega2: number;
  readonly lambda: number;
  readonly gA: number;
  readonly gB: number;
  readonly TA: number;
  readonly TB: number;
}

/**
 * Two qubits with flip-flop coupling, bath A on qubit 1 and B on qubit 2 (RWA couplings), with the
 * number of excitations as the system's charge when `options.charge` is set:
 *   H_S = (omega1/2) s1z + (omega2/2) s2z + lambda (s1+ s2- + s1- s2+),   eq. (3.16);
 *   H_SA = s1+ A + s1- A^dagger,  H_SB = s2+ B + s2- B^dagger,            eqs. (3.17)-(3.18).
 */
export function coupledQubitsGenerator(
  p: CoupledQubitsParameters,
  approach: Approach,
  options: { charge?: boolean } = {},
): Generator {
  const dims = [2, 2];
  const s1p = embed(sigmaPlus(), 0, dims);
  const s2p = embed(sigmaPlus(), 1, dims);
  const flipFlop = add(matmul(s1p, embed(sigmaMinus(), 1, dims)), matmul(embed(sigmaMinus(), 0, dims), s2p));
  const zeeman = add(
    scale(embed(sigmaZ(), 0, dims), p.omega1 / 2),
    scale(embed(sigmaZ(), 1, dims), p.omega2 / 2),
  );
  const system = openSystem({
    hamiltonian: Operator.of(add(zeeman, flipFlop, 1, p.lambda), dims),
    baths: [
      {
        name: "A",
        temperature: p.TA,
        spectralDensity: flatSpectrum(p.gA),
        couplings: [{ form: "rwa", operator: s1p, frequency: p.omega1 }],
      },
      {
        name: "B",
        temperature: p.TB,
        spectralDensity: flatSpectrum(p.gB),
        couplings: [{ form: "rwa", operator: s2p, frequency: p.omega2 }],
      },
    ],
    // The number of excitations (basis state 0 of a qubit is the excited one), when asked for.
    ...(options.charge ? { charge: [2, 1, 1, 0] } : {}),
  });
  return buildGenerator(system, { approach });
}

/** |psi><psi| in the original basis for psi = sum_k c_k |E_k> (eigenbasis amplitudes, normalised here). */
export function eigenSuperposition(generator: Generator, amplitudes: readonly number[]): Operator {
  const norm = Math.hypot(...amplitudes);
  const c = amplitudes.map((a) => a / norm);
  const inEigenbasis = ComplexMatrix.fromReal(c.map((ci) => c.map((cj) => ci * cj)));
  return Operator.of(fromEigenbasis(inEigenbasis, generator.eigen), generator.system.hamiltonian.dims);
}

/** max |a_ij - conj(a_ji)| and |Tr a - 1|. */
export function stateDefects(a: ComplexMatrix): { hermiticity: number; trace: number } {
  const n = a.rows;
  let hermiticity = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      hermiticity = Math.max(hermiticity, Math.hypot(a.re(i, j) - a.re(j, i), a.im(i, j) + a.im(j, i)));
    }
  }
  const [re, im] = traceParts(a);
  return { hermiticity, trace: Math.hypot(re - 1, im) };
}

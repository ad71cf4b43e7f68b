import {
  basisState,
  embed,
  type OpenSystem,
  Operator,
  openSystem,
  ResourceError,
  sigmaPlus,
} from "@liouville/core";
import type { Model } from "./model";
import { PARAMETERS, type ParameterSpec, type ParamValues, twoBaths } from "./parameters";
import { spinChainAllDownIndex, spinChainExcitations, spinChainHamiltonian } from "./spin-chain-operators";

/**
 * Longest chain `build` makes: the open system holds H_S and the two coupling operators as dense
 * 2^n x 2^n complex matrices, 16 * 4^n bytes each (268 MB at n = 12, 1.07 GB at n = 13). Longer
 * chains are refused with a ResourceError before anything is allocated. Whether a master-equation
 * solve fits at a given n is decided by the library when the generator is built.
 */
export const MAX_SPIN_CHAIN_SITES = 12;

/** Bytes of the three dense operators (H_S and two couplings) of an n-spin chain. */
const operatorBytes = (n: number) => 3 * 16 * 4 ** n;

/** The chain length n, or a ResourceError when its dense operators would not fit. */
function chainLength(p: ParamValues): number {
  const n = p.n as number;
  if (n > MAX_SPIN_CHAIN_SITES) {
    throw new ResourceError(
      `the dense H_S and coupling operators of a ${n}-spin chain (2^${n} x 2^${n} each)`,
      operatorBytes(n),
      operatorBytes(MAX_SPIN_CHAIN_SITES),
      `use n <= ${MAX_SPIN_CHAIN_SITES}`,
    );
  }
  return n;
}

const SPIN_CHAIN_PARAMETERS: readonly ParameterSpec[] = [
  {
    name: "n",
    description: `number of spins N (2 to ${MAX_SPIN_CHAIN_SITES}); Hilbert dimension 2^N`,
    default: 4,
    kind: "integer",
    min: { value: 2, exclusive: false },
  },
  {
    name: "omega",
    description: "splitting omega of every spin (also the local frequency of both baths)",
    default: 1,
    kind: "number",
    min: { value: 0, exclusive: true },
  },
  { name: "J", description: "flip-flop (XX) coupling J between neighbours", default: 0.2, kind: "number" },
  { name: "Delta", description: "Ising (ZZ) coupling Delta between neighbours", default: 0, kind: "number" },
  { ...PARAMETERS.gA, default: 0.05 },
  { ...PARAMETERS.gB, default: 0.05 },
  PARAMETERS.TA,
  { ...PARAMETERS.TB, default: 0.5 },
  PARAMETERS.spectrumA,
  PARAMETERS.spectrumB,
  PARAMETERS.cutoffA,
  PARAMETERS.cutoffB,
];

/**
 * A chain of N spins (qubits) between two heat baths, the boundary-driven XXZ chain:
 *   H_S = sum_{i=1..N} (omega/2) sz_i + J sum_{i<N} (s+_i s-_{i+1} + s-_i s+_{i+1})
 *         + Delta sum_{i<N} sz_i sz_{i+1},
 *   H_SA = s+_1 A + s-_1 A^dagger,   H_SB = s+_N B + s-_N B^dagger   (RWA form).
 * Bath A acts on the first spin and bath B on the last, both at the local frequency omega under
 * the `local` approach (the default); `global` and `redfield` work in the eigenbasis of H_S.
 *
 * Basis: the product basis in `tensor` order, site 1 the first factor, each site in the qubit
 * basis (|+>, |->) of `@liouville/core` (|+> excited, sigma_z = +1). Basis index b holds site i
 * (1-based) in bit N - i, 0 for |+> and 1 for |->: for N = 2 the basis is (|++>, |+->, |-+>, |-->).
 *
 * Charge: the excitation number Q = sum_i (1 + sz_i)/2 (the number of |+> sites of each basis
 * state, `spinChainExcitations`) is diagonal in this basis, commutes with H_S, and the couplings
 * s+- shift it by +-1. The open system carries it as its symmetry charge, so a steady-state
 * solver can restrict itself to the block of rho with equal charge on both sides.
 *
 * Initial state (`initialState`): every spin down, |-...->, the state with Q = 0. It is the
 * ground state of H_S when omega > 2|J| + 4 max(Delta, 0) (each excitation costs omega, gains at
 * most 2|J| by hopping and 4 max(Delta, 0) from two domain walls), which holds at the defaults.
 *
 * Transport: under the local approach the steady heat current of the XX chain (Delta = 0) does
 * not depend on N: transport is ballistic, and the chain has no bulk resistance (tested against
 * the closed form of N = 2 for N = 2 to 8, and 9 and 10 in the slow tier). With Delta != 0 the
 * current depends on N. There are no closed forms in general
 * (`analytic` returns null).
 *
 * J = 0 leaves the inner spins without dissipation, so for N >= 3 the steady state is not unique
 * and the solver says so.
 */
export const spinChain: Model = Object.freeze({
  id: "spin-chain",
  title: "Chain of N spins (XXZ) between two heat baths at its ends",
  description:
    "H = sum (w/2) sz_i + J sum (s+_i s-_i+1 + s-_i s+_i+1) + Delta sum sz_i sz_i+1, N = n spins; bath A on spin 1, B on spin N (s+- couplings); charge: excitation number; the local-ME current of the XX chain (Delta = 0) does not depend on N (ballistic transport)",
  parameters: SPIN_CHAIN_PARAMETERS,
  approaches: ["local", "global", "redfield"] as const,
  validate: () => {},
  build(p: ParamValues): OpenSystem {
    const n = chainLength(p);
    const omega = p.omega as number;
    const dims = Array(n).fill(2);
    const hamiltonian = Operator.of(spinChainHamiltonian(n, omega, p.J as number, p.Delta as number), dims);
    const baths = twoBaths(
      p,
      { raise: embed(sigmaPlus(), 0, dims), frequency: omega },
      { raise: embed(sigmaPlus(), n - 1, dims), frequency: omega },
    );
    const charge = spinChainExcitations(n);
    return openSystem({ hamiltonian, baths, charge });
  },
  initialState: (p: ParamValues) => {
    const n = chainLength(p);
    return basisState(Array(n).fill(2), spinChainAllDownIndex(n));
  },
  analytic: () => null,
});

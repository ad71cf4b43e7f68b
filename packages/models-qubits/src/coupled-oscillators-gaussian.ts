import {
  type Approach,
  auditCurrents,
  BOHR_TOLERANCE,
  type ChannelCurrent,
  type ComplexMatrix,
  type GaussianSteadyState,
  gaussianHeatCurrents,
  gaussianSteadyState,
  hermitianEigen,
  type LinearJump,
  ParameterError,
  type QuadraticBosonicSystem,
  type SteadySolution,
  twoOscillatorGlobalSystem,
  twoOscillatorLocalSystem,
} from "@liouville/core";
import {
  coupledOscillatorsGlobalParameters,
  coupledOscillatorsLocalParameters,
} from "./coupled-oscillators-analytic";
import { MAX_FOCK_CUTOFF } from "./coupled-oscillators-truncation";
import type { ParamValues } from "./parameters";

/**
 * The two oscillators of eq. (4.32) of Fogedby (arXiv:2301.13544) as a quadratic bosonic system under the
 * local (eqs. (4.33)-(4.35)) or the global (normal-mode, secular) master equation. The Redfield
 * kernel is not offered here: it is solved only in a truncated Fock space (`nmax`).
 */
export function coupledOscillatorsBosonicSystem(p: ParamValues, approach: Approach): QuadraticBosonicSystem {
  if (approach === "local") return twoOscillatorLocalSystem(coupledOscillatorsLocalParameters(p));
  if (approach === "global") return twoOscillatorGlobalSystem(coupledOscillatorsGlobalParameters(p));
  throw new ParameterError(
    "approach",
    `local or global without nmax: redfield needs a truncated Fock space (pass nmax, 1 to ${MAX_FOCK_CUTOFF}); the exact Gaussian solver covers local and global`,
    approach,
  );
}

/**
 * The exact steady state of the two oscillators (no Fock truncation) through the Lyapunov
 * equation of their correlation matrix N_ij = <a_i^dagger a_j> (`gaussianSteadyState`), as a
 * `SteadySolution` with method "gaussian".
 *
 * ## Notes
 * - `energies`, `populations`, `rhoEigen` are null: the state lives in an infinite Fock space.
 * - `residual` is the Frobenius norm of the Lyapunov residual X N + N X^dagger + P.
 * - `audit.minEigenvalue` is the smallest eigenvalue of N, not of rho: a zero-mean Gaussian
 *   state with correlation matrix N is a density matrix exactly when N >= 0 (its eigenvalues are
 *   products of the geometric distributions nu^m / (1 + nu)^(m + 1) over the eigenvalues nu of
 *   N), so the sign carries the positivity verdict. It is 0 for the vacuum (all baths at T = 0).
 * - `audit.kernelDimension` is 1: the solver proves uniqueness (a strictly stable drift matrix)
 *   or throws NumericalError("non-unique-steady-state").
 * - `audit.firstLawScale` is the sum over jumps of |flux of the jump|: rounding of the currents
 *   is relative to it.
 * - `channels`: local, one per bath at its oscillator's frequency; global, one per bath and
 *   normal mode (omega_- before omega_+), the share of that mode in J_X (the jumps' shares in
 *   the transfer form of `gaussianSteadyState`, accurate at any temperature).
 * - `extras.occupations` = [<a1^dag a1>, <a2^dag a2>]; `extras.minCorrelationEigenvalue` is the
 *   smallest eigenvalue of N, whose sign decides positivity.
 */
export function coupledOscillatorsGaussian(p: ParamValues, approach: Approach): SteadySolution {
  const system = coupledOscillatorsBosonicSystem(p, approach);
  const state = gaussianSteadyState(system);
  const n = state.correlations;
  const baths = [
    { name: "A", temperature: p.TA as number },
    { name: "B", temperature: p.TB as number },
  ];
  // A Gaussian state is a density matrix exactly when N >= 0; its spectrum then reaches down to 0
  // (infinite Fock space), so the smallest eigenvalue of rho is reported as min(0, lambda_min(N)):
  // 0 for a physical state, negative when N (and so rho) is not positive.
  const minCorrelationEigenvalue = hermitianEigen(n).values[0];
  const audit = auditCurrents(state.currents, baths, {
    firstLawScale: grossGaussianFlow(system, n),
    bathScales: Object.fromEntries(
      baths.map((b) => [
        b.name,
        grossGaussianFlow({ ...system, jumps: system.jumps.filter((j) => j.bath === b.name) }, n),
      ]),
    ),
    minEigenvalue: Math.min(0, minCorrelationEigenvalue),
    kernelDimension: 1,
  });
  return {
    approach,
    method: "gaussian",
    energies: null,
    populations: null,
    rhoEigen: null,
    channels: gaussianChannels(system, state, approach, p),
    residual: state.residual,
    audit,
    generator: null,
    state: null,
    extras: { occupations: [...state.occupations], minCorrelationEigenvalue },
  };
}

/**
 * sum over jumps of |gamma <D^dag[L](H)>|: the gross energy exchanged with the baths. A thermal
 * jump counts as its lowering and raising halves, each with its own flux.
 */
function grossGaussianFlow(system: QuadraticBosonicSystem, n: ComplexMatrix): number {
  let sum = 0;
  for (const jump of system.jumps.flatMap(oneWayJumps)) {
    const flux = gaussianHeatCurrents({ ...system, jumps: [jump] }, n)[jump.bath];
    sum += Math.abs(flux);
  }
  return sum;
}

/** A thermal jump (g, n) as its lowering (g (1 + n)) and raising (g n, conj(c)) halves. */
function oneWayJumps(jump: LinearJump): LinearJump[] {
  if (jump.kind !== "thermal") return [jump];
  const g = jump.rate;
  const n = jump.occupation as number;
  const conj = jump.coefficients.map((x) => (typeof x === "number" ? x : { re: x.re, im: -x.im }));
  return [
    { bath: jump.bath, kind: "lowering", coefficients: jump.coefficients, rate: g * (1 + n) },
    { bath: jump.bath, kind: "raising", coefficients: conj, rate: g * n },
  ];
}

/**
 * Currents per channel. Local: one channel per bath, at the frequency of its oscillator. Global:
 * the jumps of one bath on one normal mode b_k (coefficients = column k of the mixing matrix)
 * form a channel at omega_k = c^T h c; jumps at equal frequency share a channel, as in the
 * generator's global channels.
 */
function gaussianChannels(
  system: QuadraticBosonicSystem,
  state: GaussianSteadyState,
  approach: Approach,
  p: ParamValues,
): ChannelCurrent[] {
  if (approach === "local") {
    return [
      { bath: "A", omega: p.omega1 as number, current: state.currents.A },
      { bath: "B", omega: p.omega2 as number, current: state.currents.B },
    ];
  }
  const groups = new Map<string, { bath: string; omega: number; jumps: number[] }>();
  const h = system.hamiltonian;
  for (const [k, jump] of system.jumps.entries()) {
    const c = jump.coefficients.map((x) => (typeof x === "number" ? x : x.re));
    // omega_k = c^T h c for a real unit column c of the mixing matrix
    const omega = c[0] * c[0] * h.re(0, 0) + 2 * c[0] * c[1] * h.re(0, 1) + c[1] * c[1] * h.re(1, 1);
    let group: { bath: string; omega: number; jumps: number[] } | undefined;
    for (const g of groups.values()) {
      if (g.bath === jump.bath && Math.abs(g.omega - omega) <= BOHR_TOLERANCE * Math.max(1, omega)) group = g;
    }
    if (!group) {
      group = { bath: jump.bath, omega, jumps: [] };
      groups.set(`${jump.bath}:${omega}`, group);
    }
    group.jumps.push(k);
  }
  return [...groups.values()]
    .sort((x, y) => (x.bath === y.bath ? x.omega - y.omega : x.bath < y.bath ? -1 : 1))
    .map((g) => ({
      bath: g.bath,
      omega: g.omega,
      current: g.jumps.reduce((sum, k) => sum + state.jumpCurrents[k], 0),
    }));
}

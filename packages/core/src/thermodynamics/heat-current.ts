import { ComplexMatrix } from "../linalg/complex-matrix";
import { matvecInto } from "../linalg/kernels";
import type { Channel, Generator } from "../master-equation/generator";
import { traceOfProduct } from "../operators/states";
import type { SteadyState } from "../steady-state/steady-state";
import type { Superoperator } from "../superoperators/superoperator";
import { unvec, vec } from "../superoperators/vectorize";

// The sign convention of the library, written once here:
//   J_X = Tr[H_S D_X(rho)]  is the heat current from bath X INTO the system,
// positive when bath X heats the system (eqs. (2.11)-(2.12) of the seed paper, q^A and q^B).
// In a steady state the currents add up to zero (first law, eq. (2.10)).

/** Heat current of each bath, J_X = Tr[H_S D_X(rho)], keyed by bath name. */
export function heatCurrents(
  generator: Generator,
  state: SteadyState | ComplexMatrix,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const bath of generator.system.baths) out[bath.name] = 0;
  if (!(state instanceof ComplexMatrix) && state.method === "rate-equation") {
    for (const ch of generator.channels)
      out[ch.bath] += channelFlux(ch, state.populations, generator.eigen.values);
    return out;
  }
  const rho = state instanceof ComplexMatrix ? state : state.rho;
  for (const [name, dissipator] of generator.bathDissipators) {
    out[name] = energyFlow(generator, dissipator, rho);
  }
  return out;
}

/** One channel's share of a bath's current (global: per Bohr frequency, eqs. (3.52)-(3.57)). */
export interface ChannelCurrent {
  readonly bath: string;
  readonly omega: number | null;
  readonly current: number;
}

/** Heat current of every channel, in the order of `generator.channels`. */
export function channelCurrents(generator: Generator, state: SteadyState | ComplexMatrix): ChannelCurrent[] {
  const rateState = !(state instanceof ComplexMatrix) && state.method === "rate-equation";
  return generator.channels.map((ch) => ({
    bath: ch.bath,
    omega: ch.omega,
    current: rateState
      ? channelFlux(ch, (state as SteadyState).populations, generator.eigen.values)
      : energyFlow(generator, ch.superoperator, state instanceof ComplexMatrix ? state : state.rho),
  }));
}

/**
 * Tr[H D(rho)] for a diagonal state in the eigenbasis, summed transition by transition:
 * sum over jumps and p != q of rate |<q|L|p>|^2 p_p (E_q - E_p). No term is a difference of
 * nearly equal numbers, so the current is accurate relative to its own size.
 */
function channelFlux(ch: Channel, populations: Float64Array, energies: Float64Array): number {
  const d = energies.length;
  let sum = 0;
  for (const j of ch.jumps) {
    if (j.rate === 0) continue;
    const m = j.eigenOperator;
    for (let p = 0; p < d; p++) {
      if (populations[p] === 0) continue;
      for (let q = 0; q < d; q++) {
        if (q === p) continue;
        const a = m.re(q, p);
        const b = m.im(q, p);
        if (a === 0 && b === 0) continue;
        sum += j.rate * (a * a + b * b) * populations[p] * (energies[q] - energies[p]);
      }
    }
  }
  return sum;
}

/**
 * The gross energy flow through the system: the sum over every jump and transition p -> q of
 * rate |<q|L|p>|^2 p_p |E_q - E_p|, with p_p the eigenbasis populations. A net current is a
 * difference of such fluxes, so rounding limits its absolute accuracy to about machine epsilon
 * times this number (e.g. a current that vanishes by detailed balance comes out as ~1e-17 of
 * it). For a generator without jumps (redfield) it falls back to sum_X |J_X|.
 */
export function grossEnergyFlow(generator: Generator, state: SteadyState): number {
  if (!generator.lindbladForm) {
    return Object.values(heatCurrents(generator, state)).reduce((s, j) => s + Math.abs(j), 0);
  }
  const e = generator.eigen.values;
  const d = e.length;
  const p = state.populations;
  let sum = 0;
  for (const ch of generator.channels) {
    for (const j of ch.jumps) {
      const m = j.eigenOperator;
      for (let a = 0; a < d; a++) {
        for (let b = 0; b < d; b++) {
          if (a === b) continue;
          const re = m.re(b, a);
          const im = m.im(b, a);
          sum += j.rate * (re * re + im * im) * p[a] * Math.abs(e[b] - e[a]);
        }
      }
    }
  }
  return sum;
}

/** Tr[H_S S(rho)] for a superoperator S. */
export function energyFlow(generator: Generator, s: Superoperator, rho: ComplexMatrix): number {
  const y = vec(rho);
  const sy = new Float64Array(y.length);
  matvecInto(sy, s, y);
  return traceOfProduct(generator.system.hamiltonian, unvec(sy))[0];
}

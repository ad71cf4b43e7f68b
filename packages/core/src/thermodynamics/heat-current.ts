import { ComplexMatrix } from "../linalg/complex-matrix";
import { type CsrMatrix, csrFromTriplets, csrToDense } from "../linalg/csr";
import { add, dagger, matmul, matmulChain } from "../linalg/kernels";
import { fromEigenbasis, toEigenbasis } from "../master-equation/eigenbasis";
import { type Channel, channelEigenTerms, type Generator, type Jump } from "../master-equation/generator";
import { traceOfProduct } from "../operators/states";
import { forEachTransition, type SteadyState } from "../steady-state/steady-state";
import type { LiouvilleOperator } from "../superoperators/liouville-operator";
import { MatrixFreeSuperoperator } from "../superoperators/matrix-free-superoperator";
import { traceFunctionalCsr } from "../superoperators/sandwich-terms";
import type { JumpOperator } from "../superoperators/superoperator";
import { unvec, vec } from "../superoperators/vectorize";
import { assertStateOf } from "./state-of-generator";

// The sign convention of the library, written once here:
//   J_X = Tr[H_S D_X(rho)]  is the heat current from bath X INTO the system,
// positive when bath X heats the system (eqs. (2.11)-(2.12) of Fogedby (arXiv:2301.13544), q^A and q^B).
// In a steady state the currents add up to zero (first law, eq. (2.10)).

/**
 * Heat current of each bath, J_X = Tr[H_S D_X(rho)], keyed by bath name. `state` is a steady
 * state of `generator` or a density matrix of its dimension (`assertStateOf`: ParameterError or
 * DimensionError otherwise).
 */
export function heatCurrents(
  generator: Generator,
  state: SteadyState | ComplexMatrix,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const bath of generator.system.baths) out[bath.name] = 0;
  for (const c of channelCurrents(generator, state)) out[c.bath] += c.current;
  return out;
}

/** One channel's share of a bath's current (global: per Bohr frequency, eqs. (3.52)-(3.57)). */
export interface ChannelCurrent {
  /** Name of the bath. */
  readonly bath: string;
  /** The channel's Bohr (global) or local frequency; null for redfield (all frequencies). */
  readonly omega: number | null;
  /** The channel's heat current into the system. */
  readonly current: number;
}

/**
 * Heat current of every channel, in the order of `generator.channels`. On the rate-equation path
 * they come from the edge decomposition (see `rateChannelCurrents`); otherwise from
 * Tr[H_S D_c(rho)], through the jumps for Lindblad channels and the superoperator for redfield.
 * `state` is checked as by `heatCurrents`.
 */
export function channelCurrents(generator: Generator, state: SteadyState | ComplexMatrix): ChannelCurrent[] {
  assertStateOf(generator, state);
  if (!(state instanceof ComplexMatrix) && state.method === "rate-equation") {
    const currents = rateChannelCurrents(generator.channels, state.populations, generator.eigen.values);
    return generator.channels.map((ch, k) => ({ bath: ch.bath, omega: ch.omega, current: currents[k] }));
  }
  if (generator.approach === "global") {
    // In the eigenbasis the jumps are sparse and H_S is diagonal.
    const rhoEigen = state instanceof ComplexMatrix ? toEigenbasis(state, generator.eigen) : state.rhoEigen;
    return generator.channels.map((ch) => ({
      bath: ch.bath,
      omega: ch.omega,
      current: csrTraceOfProduct(eigenHeatFunctional(ch.jumps, generator.eigen.values), rhoEigen),
    }));
  }
  const rho = state instanceof ComplexMatrix ? state : state.rho;
  const h = generator.system.hamiltonian;
  return generator.channels.map((ch) => ({
    bath: ch.bath,
    omega: ch.omega,
    current: csrTraceOfProduct(traceFunctionalCsr(ch.terms, h), rho),
  }));
}

/**
 * The linear functional of bath X's heat current on column-stacked states: the interleaved
 * complex vector c with J_X = Re sum_n c_n vec(rho)_n. It is vec(M^T) for M = D_X^dagger(H_S),
 * the dissipator's adjoint applied to H_S (Tr[H_S D_X(rho)] = Tr[M rho] = sum_ij M_ji rho_ij),
 * built from the dissipator's terms as sparse products (for `global` from the sparse jumps in
 * the eigenbasis, `eigenHeatFunctional`, then one d^3 change of basis): each current along a
 * trajectory then costs O(d^2).
 */
export function currentFunctional(generator: Generator, bath: string): Float64Array {
  const d = generator.dimension;
  const channels = generator.channels.filter((ch) => ch.bath === bath);
  const c = new Float64Array(2 * d * d);
  if (generator.approach !== "global") {
    // M in CSR form: c is zero but for M's nonzeros, so nothing O(d^2) runs in script.
    const { rowStart, columns, values } = traceFunctionalCsr(
      channels.flatMap((ch) => ch.terms),
      generator.system.hamiltonian,
    );
    for (let j = 0; j < d; j++) {
      for (let p = rowStart[j]; p < rowStart[j + 1]; p++) {
        c[2 * (columns[p] + j * d)] = values[2 * p];
        c[2 * (columns[p] + j * d) + 1] = values[2 * p + 1];
      }
    }
    return c;
  }
  // Global: in the eigenbasis, where the jumps are sparse and H_S is diagonal, then one change of
  // basis (Tr[M_eig V^dagger rho V] = Tr[V M_eig V^dagger rho]); the original-basis jumps would
  // cost a d^3 basis change each.
  const m = fromEigenbasis(
    csrToDense(
      eigenHeatFunctional(
        channels.flatMap((ch) => ch.jumps),
        generator.eigen.values,
      ),
    ),
    generator.eigen,
  );
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      c[2 * (i + j * d)] = m.data[2 * (j * d + i)];
      c[2 * (i + j * d) + 1] = m.data[2 * (j * d + i) + 1];
    }
  }
  return c;
}

/**
 * A total edge flux |p_p W_pq - p_q W_qp| below this fraction of the gross flux p_p W_pq + p_q W_qp
 * is rounding of the populations (GTH makes each accurate to a few ulps) and is taken as zero:
 * a cycle flux that small cannot be resolved in double precision.
 */
export const CYCLE_FLUX_ROUNDING = 1e-13;

/**
 * Channel currents of a rate-equation steady state without cancellation.
 *
 * ## Method
 * For each pair of levels p < q, with W^c_pq the rate p -> q of channel c and W = sum_c W^c, the
 * net flux of channel c from p to q is
 *
 *   F_c = [ p_p sum_{c' != c} (W^c_pq W^c'_qp - W^c_qp W^c'_pq) + W^c_qp F ] / W_qp,
 *
 * exactly, with F = p_p W_pq - p_q W_qp the total net flux of the pair (substitute
 * p_q = (p_p W_pq - F) / W_qp into p_p W^c_pq - p_q W^c_qp). The bracketed products carry the
 * imbalance between channels (for two baths on one transition it is g_A g_B (n_A - n_B) up to
 * matrix elements, cf. eqs. (3.14) and (3.53)), computed from rates alone, so a current is
 * accurate relative to its own size even when each bath nearly balances its transition (weak
 * internal coupling) and populations are 1e-30. F is a cycle flux: zero when the level graph has
 * no current-carrying cycle (the single and the coupled qubits); it is taken from the populations,
 * and a value within CYCLE_FLUX_ROUNDING of the gross pair flux counts as zero. The energy
 * current of channel c is then sum over pairs of F_c (E_q - E_p).
 */
export function rateChannelCurrents(
  channels: readonly Channel[],
  populations: Float64Array,
  energies: Float64Array,
): Float64Array {
  const d = energies.length;
  // The pairs p < q that some channel joins, each with its channels' rates (channels ascending):
  // O(transitions) memory, not a d x d table per channel.
  const slot = new Int32Array(d * d).fill(-1);
  const pairs: { channels: number[]; up: number[]; down: number[] }[] = [];
  channels.forEach((ch, c) => {
    forEachTransition(ch.jumps, (from, to, rate) => {
      const p = Math.min(from, to);
      const q = Math.max(from, to);
      let k = slot[p * d + q];
      if (k < 0) {
        k = pairs.length;
        slot[p * d + q] = k;
        pairs.push({ channels: [], up: [], down: [] });
      }
      const pair = pairs[k];
      let at = pair.channels.length - 1;
      if (at < 0 || pair.channels[at] !== c) {
        pair.channels.push(c);
        pair.up.push(0);
        pair.down.push(0);
        at++;
      }
      if (from === p) pair.up[at] += rate;
      else pair.down[at] += rate;
    });
  });
  const out = new Float64Array(channels.length);
  for (let p = 0; p < d; p++) {
    for (let q = p + 1; q < d; q++) {
      const k = slot[p * d + q];
      if (k < 0) continue;
      const { channels: on, up: wfs, down: wbs } = pairs[k];
      let up = 0;
      let down = 0;
      for (let a = 0; a < on.length; a++) {
        up += wfs[a];
        down += wbs[a];
      }
      const de = energies[q] - energies[p];
      // Rates of the pair in units of the largest (a power of two, so exactly): their products
      // below would overflow from rates of about 1e154, which high temperatures or small
      // frequencies (n ~ T / omega) reach long before the currents themselves do.
      const unit = 2 ** Math.min(1023, Math.ceil(Math.log2(Math.max(up, down))));
      up /= unit;
      down /= unit;
      let total = populations[p] * up - populations[q] * down;
      if (Math.abs(total) <= CYCLE_FLUX_ROUNDING * (populations[p] * up + populations[q] * down)) total = 0;
      for (let a = 0; a < on.length; a++) {
        const wf = wfs[a] / unit;
        const wb = wbs[a] / unit;
        let flux: number;
        if (down === 0) flux = populations[p] * wf;
        else {
          let imbalance = 0;
          for (let b = 0; b < on.length; b++) {
            if (b === a) continue;
            imbalance += wf * (wbs[b] / unit) - wb * (wfs[b] / unit);
          }
          flux = (populations[p] * imbalance + wb * total) / down;
        }
        flux *= unit;
        out[on[a]] += flux * de;
      }
    }
  }
  return out;
}

/**
 * The heat functional of Lindblad jumps given in the eigenbasis of H_S = diag(E): the Hermitian M
 * with Tr[H_S sum_k rate_k D[L_k](rho)] = Tr[M rho], M = sum_k rate_k (L_k^dagger H L_k -
 * (1/2) {L_k^dagger L_k, H}) (the adjoint dissipator applied to H_S; Breuer & Petruccione
 * eq. 3.63), entry by entry
 *   M_ab = sum_k rate_k sum_i conj(L_ia) L_ib (E_i - (E_a + E_b) / 2),
 * in CSR form from the products of nonzeros within each row of L: no d x d work per jump.
 */
export function eigenHeatFunctional(jumps: readonly Jump[], energies: Float64Array): CsrMatrix {
  const d = energies.length;
  let count = 0;
  for (const j of jumps) {
    if (j.rate === 0) continue;
    const { rowStart } = j.eigenCsr;
    for (let i = 0; i < d; i++) count += (rowStart[i + 1] - rowStart[i]) ** 2;
  }
  const ri = new Int32Array(count);
  const ci = new Int32Array(count);
  const v = new Float64Array(2 * count);
  let t = 0;
  for (const j of jumps) {
    if (j.rate === 0) continue;
    const { rowStart, columns, values } = j.eigenCsr;
    for (let i = 0; i < d; i++) {
      for (let pa = rowStart[i]; pa < rowStart[i + 1]; pa++) {
        const a = columns[pa];
        // conj(L_ia) times rate
        const xr = j.rate * values[2 * pa];
        const xi = -j.rate * values[2 * pa + 1];
        for (let pb = rowStart[i]; pb < rowStart[i + 1]; pb++) {
          const b = columns[pb];
          const w = energies[i] - 0.5 * (energies[a] + energies[b]);
          const lr = values[2 * pb];
          const li = values[2 * pb + 1];
          ri[t] = a;
          ci[t] = b;
          v[2 * t] = w * (xr * lr - xi * li);
          v[2 * t + 1] = w * (xr * li + xi * lr);
          t++;
        }
      }
    }
  }
  return csrFromTriplets(d, d, ri, ci, v, count);
}

/** Re Tr[M rho] = Re sum_ab M_ab rho_ba for a CSR M and a dense rho: O(nnz(M)). */
function csrTraceOfProduct(m: CsrMatrix, rho: ComplexMatrix): number {
  let sum = 0;
  for (let a = 0; a < m.rows; a++) {
    for (let p = m.rowStart[a]; p < m.rowStart[a + 1]; p++) {
      const b = m.columns[p];
      sum += m.values[2 * p] * rho.re(b, a) - m.values[2 * p + 1] * rho.im(b, a);
    }
  }
  return sum;
}

/**
 * Tr[H D(rho)] for Lindblad jumps, in the Heisenberg form sum_k rate_k Tr[rho (L^dag H L - 1/2 {L^dag L, H})]:
 * O(d^3) per jump, no superoperator needed.
 */
export function jumpEnergyFlow(h: ComplexMatrix, jumps: readonly JumpOperator[], rho: ComplexMatrix): number {
  let sum = 0;
  for (const j of jumps) {
    if (j.rate === 0) continue;
    const ld = dagger(j.operator);
    const ldl = matmul(ld, j.operator);
    const m = add(matmulChain(ld, h, j.operator), add(matmul(ldl, h), matmul(h, ldl)), 1, -0.5);
    sum += j.rate * traceOfProduct(m, rho)[0];
  }
  return sum;
}

/**
 * The scale against which a net current is rounding. On the rate-equation path it is the gross
 * energy flow: the sum over every jump and transition p -> q of rate |<q|L|p>|^2 p_p |E_q - E_p|
 * (a current that vanishes by detailed balance comes out as ulps of it, and it shrinks with the
 * populations at low temperature). On the dense path (a solve of L vec(rho) = 0 accurate to about
 * machine epsilon times ||L||) it is the resolution of that solve, (E_max - E_min) times
 * sum_X ||D_X||_inf, whatever the state. With `bath`, the same for that bath's channels alone.
 */
export function grossEnergyFlow(generator: Generator, state: SteadyState, bath?: string): number {
  const e = generator.eigen.values;
  const d = e.length;
  if (state.method !== "rate-equation") {
    let rates = 0;
    if (generator.approach === "global") {
      for (const b of generator.system.baths) {
        if (bath !== undefined && b.name !== bath) continue;
        const terms = generator.channels.filter((c) => c.bath === b.name).flatMap(channelEigenTerms);
        rates += new MatrixFreeSuperoperator(d, terms).normBound();
      }
    } else {
      for (const [name, dis] of generator.bathDissipators) {
        if (bath === undefined || name === bath) rates += dis.normBound();
      }
    }
    return (e[d - 1] - e[0]) * rates;
  }
  const p = state.populations;
  let sum = 0;
  for (const ch of generator.channels) {
    if (bath !== undefined && ch.bath !== bath) continue;
    forEachTransition(ch.jumps, (a, b, rate) => {
      sum += rate * p[a] * Math.abs(e[b] - e[a]);
    });
  }
  return sum;
}

/** Tr[H_S S(rho)] for a Liouville-space operator S. */
export function energyFlow(generator: Generator, s: LiouvilleOperator, rho: ComplexMatrix): number {
  const y = vec(rho);
  const sy = new Float64Array(y.length);
  s.applyInto(sy, y);
  return traceOfProduct(generator.system.hamiltonian, unvec(sy))[0];
}

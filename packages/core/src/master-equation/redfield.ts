import type { ComplexMatrix } from "../linalg/complex-matrix";
import type { HermitianEigen } from "../linalg/hermitian-eigen";
import { dagger, matmul } from "../linalg/kernels";
import type { SandwichTerm } from "../superoperators/sandwich-terms";
import { Superoperator } from "../superoperators/superoperator";
import { vecIndex } from "../superoperators/vectorize";
import type { Bath, OpenSystem } from "../system/open-system";
import { absorptionRate, emissionRate, zeroFrequencyError } from "../system/spectral-density";
import { cleanRoundoff, fromEigenbasis, toEigenbasis } from "./eigenbasis";
import { type Channel, termChannel } from "./generator";

/**
 * A term S^alpha (x) B^alpha, S^beta (x) B^beta of the interaction with the full transform
 * gamma_{alpha beta}(w) = int dt e^{i w t} <B^alpha(t) B^beta> of its bath correlation.
 */
interface CorrelatedPair {
  readonly p: ComplexMatrix; // S^alpha in the eigenbasis
  readonly q: ComplexMatrix; // S^beta in the eigenbasis
  readonly gamma: (omega: number) => number;
}

/**
 * Per-bath Bloch-Redfield kernels: the full Born-Markov kernel of eq. (5.2) of Fogedby (arXiv:2301.13544)
 * with the correction of paper-corrections item 10 (correlations at E_q - E_l and E_q' - E_l in the first
 * two terms), Lamb shift dropped. In the eigenbasis, for each correlated pair (alpha, beta):
 *
 *   R_{ab,cd} = -1/2 delta_bd sum_n P_an Q_nc gamma(E_c - E_n) + 1/2 Q_ac P_db gamma(E_c - E_a)
 *               -1/2 delta_ac sum_n P_dn Q_nb gamma(E_d - E_n) + 1/2 Q_ac P_db gamma(E_d - E_b)
 *
 * with P = S^alpha, Q = S^beta (Breuer & Petruccione Sec. 3.3.1 for one Hermitian coupling, where
 * this is the standard tensor that QuTiP's `bloch_redfield_tensor` builds). RWA coupling
 * S+ X + S- X^dagger has the pairs (S+, S-) with gamma(w) = g(w)(1 + n(w)) for w > 0 and
 * (S-, S+) with gamma(w) = g(-w) n(-w) for w < 0, eqs. (5.8)-(5.9). Hermitian coupling S X has the
 * one pair (S, S) with gamma(w) = g(w)(1 + n(w)) for w > 0, g(-w) n(-w) for w < 0.
 *
 * It keeps every non-secular term, e.g. the couplings between populations and the coherence
 * rho_23 of the coupled qubits (eqs. (4.20)-(4.31) with paper-corrections items 7 and 8). The Redfield
 * equation is NOT guaranteed to preserve positivity; check the smallest eigenvalue of its states.
 * Restricted to the terms with E_a - E_b = E_c - E_d (the secular filter) it equals the global
 * generator.
 */
export function redfieldChannels(system: OpenSystem, eigen: HermitianEigen, tolerance: number): Channel[] {
  const d = system.hamiltonian.rows;
  return system.baths.map((bath, b) =>
    termChannel(bath.name, null, [], redfieldTerms(bath, b, eigen, tolerance), d),
  );
}

/**
 * The Redfield kernel of one bath as sandwich terms in the original basis. Summing the four
 * parts of the tensor above over c and d gives, per correlated pair (P, Q),
 *
 *   R X = 1/2 [ Qt X P + Q X Pt - P Qt X - X Pt Q ],   Qt_nc = Q_nc gamma(E_c - E_n),
 *                                                      Pt_dn = P_dn gamma(E_d - E_n),
 *
 * in the eigenbasis; each operator is then moved to the original basis (V M V^dagger). This is
 * the same kernel as `redfieldKernelEigen`, held as O(d^2) numbers per term instead of d^4.
 */
export function redfieldTerms(
  bath: Bath,
  b: number,
  eigen: HermitianEigen,
  tolerance: number,
): SandwichTerm[] {
  const energies = eigen.values;
  const d = energies.length;
  const terms: SandwichTerm[] = [];
  const g = new Float64Array(d * d);
  for (const { p, q, gamma } of correlatedPairs(bath, b, eigen, tolerance)) {
    usedRates(p, q, gamma, energies, g);
    // Qt_nc = Q_nc G[c][n], Pt_dn = P_dn G[d][n]
    const qt = q.clone();
    const pt = p.clone();
    for (let r = 0; r < d; r++) {
      for (let c = 0; c < d; c++) {
        const k = 2 * (r * d + c);
        qt.data[k] *= g[c * d + r];
        qt.data[k + 1] *= g[c * d + r];
        pt.data[k] *= g[r * d + c];
        pt.data[k + 1] *= g[r * d + c];
      }
    }
    const back = (m: ComplexMatrix) => fromEigenbasis(m, eigen);
    const [pO, qO, ptO, qtO] = [p, q, pt, qt].map(back);
    terms.push(
      { left: qtO, right: pO, re: 0.5, im: 0 },
      { left: qO, right: ptO, re: 0.5, im: 0 },
      { left: back(matmul(p, qt)), right: null, re: -0.5, im: 0 },
      { left: null, right: back(matmul(pt, q)), re: -0.5, im: 0 },
    );
  }
  return terms;
}

/** The correlated pairs (P, Q, gamma) of one bath's couplings, in the eigenbasis. */
function correlatedPairs(bath: Bath, b: number, eigen: HermitianEigen, tolerance: number): CorrelatedPair[] {
  const down = (w: number) => emissionRate(bath.spectralDensity, w, bath.temperature, bath.name);
  const up = (w: number) => absorptionRate(bath.spectralDensity, w, bath.temperature, bath.name);
  const pairs: CorrelatedPair[] = [];
  bath.couplings.forEach((c, k) => {
    if (c.form === "rwa") {
      const sPlus = cleanRoundoff(toEigenbasis(c.operator, eigen));
      const sMinus = dagger(sPlus);
      pairs.push({ p: sPlus, q: sMinus, gamma: (w) => (w > tolerance ? down(w) : 0) });
      pairs.push({ p: sMinus, q: sPlus, gamma: (w) => (w < -tolerance ? up(-w) : 0) });
    } else {
      const s = cleanRoundoff(toEigenbasis(c.operator, eigen));
      const zero = bath.spectralDensity.zeroFrequencyRate(bath.temperature);
      pairs.push({
        p: s,
        q: s,
        gamma: (w) => {
          if (w > tolerance) return down(w);
          if (w < -tolerance) return up(-w);
          if (!Number.isFinite(zero))
            throw zeroFrequencyError(`baths[${b}].couplings[${k}]`, bath.spectralDensity, zero);
          return zero;
        },
      });
    }
  });
  return pairs;
}

/**
 * G[x][y] = gamma(E_x - E_y) wherever the kernel multiplies it by a nonzero element (Q_yx or
 * P_xy), 0 elsewhere: a rate that no element uses is never evaluated, so a coupling without a
 * zero-frequency part (sigma_x beside H = sigma_z / 2) never asks for the rate at omega = 0, which
 * a flat spectrum at T > 0 does not have.
 */
function usedRates(
  p: ComplexMatrix,
  q: ComplexMatrix,
  gamma: (w: number) => number,
  energies: Float64Array,
  g: Float64Array,
): void {
  const d = energies.length;
  for (let x = 0; x < d; x++) {
    for (let y = 0; y < d; y++) {
      const used = q.re(y, x) !== 0 || q.im(y, x) !== 0 || p.re(x, y) !== 0 || p.im(x, y) !== 0;
      g[x * d + y] = used ? gamma(energies[x] - energies[y]) : 0;
    }
  }
}

/** The Redfield kernel of one bath in the eigenbasis of H_S (no Hamiltonian part). */
export function redfieldKernelEigen(
  bath: Bath,
  b: number,
  eigen: HermitianEigen,
  tolerance: number,
): Superoperator {
  const energies = eigen.values;
  const d = energies.length;
  const r = new Superoperator(d);
  const n2 = d * d;
  const o = r.data;
  const pairs = correlatedPairs(bath, b, eigen, tolerance);
  // gamma evaluated once per ordered pair of levels: G[c][n] = gamma(E_c - E_n).
  const g = new Float64Array(d * d);
  const x = new Float64Array(2 * d * d); // X_ac = sum_n P_an Q_nc G[c][n]
  const y = new Float64Array(2 * d * d); // Y_db = sum_n P_dn Q_nb G[d][n]
  for (const { p, q, gamma } of pairs) {
    usedRates(p, q, gamma, energies, g);
    x.fill(0);
    y.fill(0);
    for (let a = 0; a < d; a++) {
      for (let c = 0; c < d; c++) {
        let xr = 0;
        let xi = 0;
        let yr = 0;
        let yi = 0;
        for (let n = 0; n < d; n++) {
          const pr = p.re(a, n);
          const pi = p.im(a, n);
          const qr = q.re(n, c);
          const qi = q.im(n, c);
          const prod_r = pr * qr - pi * qi;
          const prod_i = pr * qi + pi * qr;
          xr += prod_r * g[c * d + n];
          xi += prod_i * g[c * d + n];
          // Y_ac uses the same product P_an Q_nc with gamma(E_a - E_n).
          yr += prod_r * g[a * d + n];
          yi += prod_i * g[a * d + n];
        }
        x[2 * (a * d + c)] = xr;
        x[2 * (a * d + c) + 1] = xi;
        y[2 * (a * d + c)] = yr;
        y[2 * (a * d + c) + 1] = yi;
      }
    }
    for (let a = 0; a < d; a++) {
      for (let bb = 0; bb < d; bb++) {
        const row = vecIndex(a, bb, d);
        for (let c = 0; c < d; c++) {
          for (let dd = 0; dd < d; dd++) {
            const col = vecIndex(c, dd, d);
            let re = 0;
            let im = 0;
            if (bb === dd) {
              re -= 0.5 * x[2 * (a * d + c)];
              im -= 0.5 * x[2 * (a * d + c) + 1];
            }
            if (a === c) {
              re -= 0.5 * y[2 * (dd * d + bb)];
              im -= 0.5 * y[2 * (dd * d + bb) + 1];
            }
            const qr = q.re(a, c);
            const qi = q.im(a, c);
            const pr = p.re(dd, bb);
            const pi = p.im(dd, bb);
            if ((qr !== 0 || qi !== 0) && (pr !== 0 || pi !== 0)) {
              const f = 0.5 * (g[c * d + a] + g[dd * d + bb]);
              re += f * (qr * pr - qi * pi);
              im += f * (qr * pi + qi * pr);
            }
            o[2 * (row * n2 + col)] += re;
            o[2 * (row * n2 + col) + 1] += im;
          }
        }
      }
    }
  }
  return r;
}

/**
 * The secular filter: keep only the elements R_{ab,cd} of an eigenbasis kernel with
 * E_a - E_b = E_c - E_d (within `tolerance`), dropping the terms that rotate at a nonzero
 * frequency in the interaction picture. Applied to the Redfield kernel it gives the global
 * (Davies) generator's dissipator (Breuer & Petruccione Sec. 3.3.1).
 */
export function secularFilter(
  kernelEigen: Superoperator,
  energies: Float64Array,
  tolerance: number,
): Superoperator {
  const d = energies.length;
  const n2 = d * d;
  const out = kernelEigen.clone() as Superoperator;
  const filtered = new Superoperator(d, out.data);
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < d; b++) {
      for (let c = 0; c < d; c++) {
        for (let e = 0; e < d; e++) {
          const w = energies[a] - energies[b] - (energies[c] - energies[e]);
          if (Math.abs(w) <= tolerance) continue;
          const idx = 2 * (vecIndex(a, b, d) * n2 + vecIndex(c, e, d));
          filtered.data[idx] = 0;
          filtered.data[idx + 1] = 0;
        }
      }
    }
  }
  return filtered;
}

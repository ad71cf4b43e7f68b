import type { ComplexMatrix } from "../linalg/complex-matrix";
import { type CsrMatrix, csrFromTriplets } from "../linalg/csr";

/**
 * Two Bohr frequencies closer than this, relative to the spread of the spectrum, are the
 * same frequency: E4 - E2 = E3 - E1 of the coupled qubits holds exactly in theory and to rounding
 * error numerically. Relative, so that any unit of energy works the same.
 */
export const BOHR_TOLERANCE = 1e-9;

/** The part of an eigenbasis operator that lowers the energy by `omega` (or keeps it, omega = 0). */
export interface BohrComponent {
  /** Bohr frequency >= 0 (the mean of the grouped differences E_n - E_m). */
  readonly omega: number;
  /** sum over E_n - E_m = omega of |m><m| S |n><n|, in the eigenbasis, in CSR form (its few nonzeros). */
  readonly component: CsrMatrix;
}

/**
 * Energies of a Hermitian eigensolver are accurate to a few ulps of ||H||, so differences of
 * eigenvalues below this fraction of max |E| cannot be told from zero (a margin of about 10^3 over
 * the rounding).
 */
export const EIGENVALUE_RESOLUTION = 1e-12;

/**
 * Absolute grouping tolerance for an ascending spectrum: `relative` times its spread
 * E_max - E_min, or, when larger, the resolution of the eigenvalues themselves
 * (EIGENVALUE_RESOLUTION max(|E_min|, |E_max|)); 0 for H = 0 (then only equal energies group).
 * The spread, not the size of the energies, sets the scale, so adding a constant to H_S changes
 * the grouping only where rounding forces it: with H + 10^6, Bohr frequencies 1 and 1.0005 stay
 * apart.
 */
export function bohrTolerance(energies: Float64Array, relative = BOHR_TOLERANCE): number {
  if (energies.length === 0) return 0;
  const lo = energies[0];
  const hi = energies[energies.length - 1];
  return Math.max(relative * (hi - lo), EIGENVALUE_RESOLUTION * Math.max(Math.abs(lo), Math.abs(hi)));
}

/**
 * The nonzero entries (m, n) of an eigenbasis operator with E_n - E_m >= -tolerance, sorted by
 * the difference and grouped by Bohr frequency: group g is entries start[g] .. start[g+1]-1.
 */
export interface BohrGroups {
  readonly rows: Int32Array;
  readonly cols: Int32Array;
  readonly start: Int32Array;
  /** The Bohr frequency of each group (see `BohrComponent.omega`). */
  readonly omega: Float64Array;
}

/**
 * The grouping of `lowering` without the components: how many there are and how many nonzeros
 * each holds, in O(nnz) memory (what a caller needs to check that the components will fit).
 */
export function bohrGroups(sEigen: ComplexMatrix, energies: Float64Array, tolerance: number): BohrGroups {
  const d = energies.length;
  const m: number[] = [];
  const n: number[] = [];
  const w: number[] = [];
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      const gap = energies[j] - energies[i];
      if (gap < -tolerance) continue;
      if (sEigen.re(i, j) === 0 && sEigen.im(i, j) === 0) continue;
      m.push(i);
      n.push(j);
      w.push(Math.abs(gap) <= tolerance ? 0 : gap);
    }
  }
  const order = Array.from({ length: w.length }, (_, k) => k).sort((a, b) => w[a] - w[b]);
  const rows = Int32Array.from(order, (k) => m[k]);
  const cols = Int32Array.from(order, (k) => n[k]);
  const start: number[] = [];
  const omega: number[] = [];
  for (let p = 0; p < order.length; p++) {
    // Consecutive differences within the tolerance share a group (single linkage, as before).
    if (p === 0 || w[order[p]] - w[order[p - 1]] > tolerance) start.push(p);
  }
  start.push(order.length);
  for (let g = 0; g + 1 < start.length; g++) {
    const first = w[order[start[g]]];
    let sum = 0;
    for (let p = start[g]; p < start[g + 1]; p++) sum += w[order[p]];
    omega.push(first === 0 ? 0 : sum / (start[g + 1] - start[g]));
  }
  return { rows, cols, start: Int32Array.from(start), omega: Float64Array.from(omega) };
}

/**
 * Split an operator given in the eigenbasis of H_S into its Bohr-frequency components
 * S(omega) = sum_{E_n - E_m = omega} |m><m|S|n><n| for omega >= 0 (Breuer & Petruccione,
 * eq. 3.120), each in CSR form. Differences within `tolerance` are grouped, so degenerate levels
 * and degenerate Bohr frequencies fall into one component. Components that are exactly zero are
 * omitted. The raising components (omega < 0) are not returned: for the operators used here they
 * are the adjoints of lowering components of the partner operator. `groups` is the grouping when
 * the caller already has it (`bohrGroups`).
 */
export function lowering(
  sEigen: ComplexMatrix,
  energies: Float64Array,
  tolerance: number,
  groups: BohrGroups = bohrGroups(sEigen, energies, tolerance),
): BohrComponent[] {
  const d = energies.length;
  const { rows, cols, start, omega } = groups;
  const out: BohrComponent[] = [];
  for (let g = 0; g + 1 < start.length; g++) {
    const count = start[g + 1] - start[g];
    const ri = rows.subarray(start[g], start[g + 1]);
    const ci = cols.subarray(start[g], start[g + 1]);
    const v = new Float64Array(2 * count);
    for (let p = 0; p < count; p++) {
      v[2 * p] = sEigen.re(ri[p], ci[p]);
      v[2 * p + 1] = sEigen.im(ri[p], ci[p]);
    }
    out.push({ omega: omega[g], component: csrFromTriplets(d, d, ri, ci, v, count) });
  }
  return out;
}

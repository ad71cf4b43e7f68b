import { ComplexMatrix } from "../linalg/complex-matrix";

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
  /** sum over E_n - E_m = omega of |m><m| S |n><n|, in the eigenbasis. */
  readonly component: ComplexMatrix;
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
 * Split an operator given in the eigenbasis of H_S into its Bohr-frequency components
 * S(omega) = sum_{E_n - E_m = omega} |m><m|S|n><n| for omega >= 0 (Breuer & Petruccione,
 * eq. 3.120). Differences within `tolerance` are grouped, so degenerate levels and degenerate
 * Bohr frequencies fall into one component. Components that are exactly zero are omitted.
 * The raising components (omega < 0) are not returned: for the operators used here they are
 * the adjoints of lowering components of the partner operator.
 */
export function lowering(sEigen: ComplexMatrix, energies: Float64Array, tolerance: number): BohrComponent[] {
  const d = energies.length;
  const pairs: { m: number; n: number; w: number }[] = [];
  for (let m = 0; m < d; m++) {
    for (let n = 0; n < d; n++) {
      const w = energies[n] - energies[m];
      if (w < -tolerance) continue;
      if (sEigen.re(m, n) === 0 && sEigen.im(m, n) === 0) continue;
      pairs.push({ m, n, w: Math.abs(w) <= tolerance ? 0 : w });
    }
  }
  pairs.sort((a, b) => a.w - b.w);
  const groups: { m: number; n: number; w: number }[][] = [];
  for (const p of pairs) {
    const last = groups[groups.length - 1];
    if (last && p.w - last[last.length - 1].w <= tolerance) last.push(p);
    else groups.push([p]);
  }
  return groups.map((g) => {
    const component = new ComplexMatrix(d, d);
    for (const { m, n } of g) component.set(m, n, { re: sEigen.re(m, n), im: sEigen.im(m, n) });
    const omega = g[0].w === 0 ? 0 : g.reduce((s, p) => s + p.w, 0) / g.length;
    return { omega, component };
  });
}

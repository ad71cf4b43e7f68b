import { modulus } from "../linalg/kernels";
import { type OperatorFactor, operatorCsr } from "../superoperators/operator-csr";

/**
 * Entries of an operator below this fraction of its largest entry are rounding residue when a
 * charge is checked: they do not count as couplings between charge values.
 */
export const CHARGE_ELEMENT_TOLERANCE = 1e-14;

/**
 * Two charge values closer than this, relative to the largest |q|, are equal (charges are
 * usually integers: a number of excitations or quanta).
 */
export const CHARGE_VALUE_TOLERANCE = 1e-9;

/**
 * The fixed amount by which an operator shifts a charge Q = diag(q) that is diagonal in the
 * operator's basis: the value q_i - q_j shared by all its (non-negligible) entries M_ij, 0 for
 * the zero matrix, or null when the entries shift Q by different amounts. `tolerance` is the
 * absolute tolerance for comparing shifts.
 */
export function chargeShift(m: OperatorFactor, q: ArrayLike<number>, tolerance: number): number | null {
  const { rowStart, columns, values } = operatorCsr(m);
  let max = 0;
  for (let k = 0; k < values.length; k += 2) max = Math.max(max, modulus(values[k], values[k + 1]));
  const cut = CHARGE_ELEMENT_TOLERANCE * max;
  let shift: number | null = null;
  for (let i = 0; i < m.rows; i++) {
    for (let p = rowStart[i]; p < rowStart[i + 1]; p++) {
      if (modulus(values[2 * p], values[2 * p + 1]) <= cut) continue;
      const s = q[i] - q[columns[p]];
      if (shift === null) shift = s;
      else if (Math.abs(s - shift) > tolerance) return null;
    }
  }
  return shift ?? 0;
}

/** The absolute tolerance for comparing values of the charge q (see CHARGE_VALUE_TOLERANCE). */
export function chargeTolerance(q: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < q.length; i++) max = Math.max(max, Math.abs(q[i]));
  return CHARGE_VALUE_TOLERANCE * Math.max(1, max);
}

/**
 * Labels 0, 1, ... of the distinct values of q (values within `tolerance` of their neighbour in
 * sorted order share a label), in ascending order of value.
 */
export function chargeLabels(q: ArrayLike<number>, tolerance: number): Int32Array {
  const n = q.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => q[a] - q[b]);
  const labels = new Int32Array(n);
  let label = 0;
  for (let k = 0; k < n; k++) {
    if (k > 0 && q[order[k]] - q[order[k - 1]] > tolerance) label++;
    labels[order[k]] = label;
  }
  return labels;
}

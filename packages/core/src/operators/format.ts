import type { ComplexMatrix } from "../linalg/complex-matrix";

/** Matrices with more rows or columns than this are summarised by `toString`, not printed in full. */
export const PRINT_MAX_SIZE = 8;

/** Significant digits of the entries printed by `toString`. */
export const PRINT_DIGITS = 4;

/**
 * Entries (real or imaginary parts) smaller than this fraction of the largest entry print as 0:
 * rounding residue of order 1e-16 relative is not information at four digits.
 */
const PRINT_ZERO = 1e-12;

/** A real number with `PRINT_DIGITS` significant digits, without trailing zeros. */
function formatReal(x: number): string {
  if (x === 0) return "0";
  if (!Number.isFinite(x)) return String(x);
  const s = x.toPrecision(PRINT_DIGITS);
  // "1.000" -> "1", "2.500e-7" -> "2.5e-7", "1.000e+5" -> "1e+5"
  return s.replace(/(\.\d*?)0+(e|$)/, "$1$2").replace(/\.(e|$)/, "$1");
}

/** re + i im as text: "0.5", "-1i", "0.7071+0.7071i". */
export function formatComplex(re: number, im: number): string {
  if (im === 0) return formatReal(re);
  const imText = `${im === 1 ? "" : im === -1 ? "-" : formatReal(im)}i`;
  if (re === 0) return imText;
  return `${formatReal(re)}${im > 0 ? "+" : ""}${imText}`;
}

/**
 * A matrix as text: a heading, then (up to `PRINT_MAX_SIZE` rows and columns) the entries in
 * aligned columns, one bracketed row per line; larger matrices are summarised by their number of
 * nonzero entries and Frobenius norm.
 */
export function formatMatrix(heading: string, m: ComplexMatrix): string {
  const { rows, cols, data } = m;
  let largest = 0;
  let nonzero = 0;
  let squares = 0;
  for (let k = 0; k < data.length; k += 2) {
    const re = data[k];
    const im = data[k + 1];
    largest = Math.max(largest, Math.abs(re), Math.abs(im));
    if (re !== 0 || im !== 0) nonzero++;
    squares += re * re + im * im;
  }
  if (rows > PRINT_MAX_SIZE || cols > PRINT_MAX_SIZE) {
    return `${heading}: ${nonzero} nonzero entries of ${rows * cols}, Frobenius norm ${formatReal(Math.sqrt(squares))}`;
  }
  const cut = PRINT_ZERO * largest;
  const clean = (x: number) => (Math.abs(x) <= cut ? 0 : x);
  const cells: string[][] = [];
  for (let i = 0; i < rows; i++) {
    const row: string[] = [];
    for (let j = 0; j < cols; j++) {
      const k = 2 * (i * cols + j);
      row.push(formatComplex(clean(data[k]), clean(data[k + 1])));
    }
    cells.push(row);
  }
  const widths = Array.from({ length: cols }, (_, j) => Math.max(...cells.map((r) => r[j].length)));
  const lines = cells.map((r) => `[ ${r.map((c, j) => c.padStart(widths[j])).join("  ")} ]`);
  return [heading, ...lines].join("\n");
}

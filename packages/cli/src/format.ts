import { NumericalError, ParameterError } from "@liouville/core";

/** Significant digits of a number in a table. */
export const TABLE_DIGITS = 6;

/**
 * Format a number for tables: `options.digits` (default TABLE_DIGITS) significant digits without
 * trailing zeros (1.1, not 1.10000), exponent form when very small or large (6.351e-5), an
 * integer of less than 16 digits as itself (7, not 7.00000). The digits come in an object, so
 * that `values.map(num)` (which would pass the index as the second argument) does not compile.
 *
 * @param x - the number
 * @param options - `digits`: significant digits, an integer from 1 to 21 (default TABLE_DIGITS)
 * @example
 * ```ts
 * num(7); // "7"
 * num(0.10268040623028793); // "0.10268"
 * num(-1.23456789e-10); // "-1.23457e-10"
 * num(0.0885868, { digits: 2 }); // "0.089"
 * ```
 */
export function num(x: number, options: { readonly digits?: number } = {}): string {
  const digits = options.digits ?? TABLE_DIGITS;
  if (!(Number.isInteger(digits) && digits >= 1 && digits <= 21)) {
    throw new ParameterError("digits", "an integer from 1 to 21 (what toPrecision takes)", digits);
  }
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "NaN" : x > 0 ? "+Infinity" : "-Infinity";
  if (x === 0) return "0";
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const a = Math.abs(x);
  const text = a < 1e-4 || a >= 1e6 ? x.toExponential(digits - 1) : x.toPrecision(digits);
  // Drop the zeros that end the mantissa, then a point left alone: 1.10000 -> 1.1, 2.00000e-5 -> 2e-5.
  return text.replace(/(\.\d*?)0+(?=e|$)/, "$1").replace(/\.(?=e|$)/, "");
}

/** A list of numbers for a table cell: each as `num` does it, separated by commas. */
export function numList(values: readonly number[]): string {
  return values.map((x) => num(x)).join(", ");
}

/** Human names of the machine names (JSON keys) that reach text output, where splitting the words is not enough. */
const HUMAN_NAMES: Readonly<Record<string, string>> = Object.freeze({
  minCorrelationEigenvalue: "min. correlation eigenvalue",
  truncationWeight: "weight on level nmax of oscillators 1, 2",
  nmax: "Fock cutoff nmax",
  occupations: "occupations <a1^dag a1>, <a2^dag a2>",
});

/**
 * The name of a quantity in text output: a machine name (camelCase, as in the JSON) written as
 * words (`entropyProduction` -> "entropy production"), or its entry in a short list of names that
 * need more than that (`minCorrelationEigenvalue` -> "min. correlation eigenvalue").
 */
export function humanName(key: string): string {
  return HUMAN_NAMES[key] ?? key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
}

/**
 * A value of any JSON-like kind for a table cell: numbers by `num`, lists of numbers by
 * `numList`, strings as they are, null as "-", anything else as JSON.
 */
export function cell(value: unknown): string {
  if (typeof value === "number") return num(value);
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "-";
  if (Array.isArray(value) && value.every((v) => typeof v === "number")) return numList(value);
  return JSON.stringify(value);
}

/** Rows a long table shows by default; the rest are summarised in one line (`--all` shows them). */
export const SUMMARY_ROWS = 12;

/**
 * The rows of a long table to show: all of them with `all` (or when there are at most `limit`),
 * else the first `limit` after sorting by `order` (when given), with the ones left out.
 */
export function summarised<T>(
  items: readonly T[],
  all: boolean,
  order?: (a: T, b: T) => number,
  limit = SUMMARY_ROWS,
): { readonly shown: readonly T[]; readonly rest: readonly T[] } {
  if (all || items.length <= limit) return { shown: items, rest: [] };
  const sorted = order ? [...items].sort(order) : items;
  return { shown: sorted.slice(0, limit), rest: sorted.slice(limit) };
}

/** Render rows as an aligned text table with a header line. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => (r[k] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, k) => c.padEnd(widths[k]))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/**
 * JSON with non-finite numbers written as null (JSON has no Infinity or NaN): indented by
 * `indent` spaces (default 2, one document for a reader), or on one line with 0 (ndjson).
 *
 * @example
 * ```ts
 * toJson({ t: 0, r: Infinity }, 0); // '{"t":0,"r":null}'
 * ```
 */
export function toJson(value: unknown, indent = 2): string {
  return JSON.stringify(value, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v), indent);
}

/**
 * A number for a CSV cell: the shortest form that reads back to the same double, and an infinity
 * as "Infinity" or "-Infinity" (as JavaScript's Number, Python's float and R read them). NaN is
 * never written: the commands check their quantities with `assertPrintable` first.
 */
export function csvNumber(x: number): string {
  if (Number.isNaN(x)) throw new NumericalError("non-finite", "a NaN reached the CSV writer");
  return String(x);
}

/**
 * Throw NumericalError("non-finite") naming the first quantity that is NaN, or infinite without
 * being listed in `infinite` (the quantities that may be: entropy production with a bath at
 * T = 0), and the point `where` it belongs to: a command never prints a number that is not one.
 */
export function assertPrintable(
  quantities: Readonly<Record<string, number>>,
  where: string,
  infinite: readonly string[] = [],
): void {
  for (const [name, x] of Object.entries(quantities)) {
    if (Number.isFinite(x) || (!Number.isNaN(x) && infinite.includes(name))) continue;
    throw new NumericalError(
      "non-finite",
      `${name} is ${x} at ${where}; a quantity that is not a finite number is not printed`,
    );
  }
}

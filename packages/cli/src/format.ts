import { NumericalError } from "@liouville/core";

/** Format a number for tables: 6 significant digits, exponent form when very small or large. */
export function num(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "NaN" : x > 0 ? "+Infinity" : "-Infinity";
  if (x === 0) return "0";
  const a = Math.abs(x);
  return a < 1e-4 || a >= 1e6 ? x.toExponential(5) : x.toPrecision(6);
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

import {
  type Bath,
  flatSpectrum,
  type Operator,
  ohmicSpectrum,
  ParameterError,
  type SpectralDensity,
  UnknownIdError,
} from "@liouville/core";

/** A parameter value after parsing: numbers, or a choice such as a spectrum name. */
export type ParamValue = number | string;
/** Parameter values by name. */
export type ParamValues = Readonly<Record<string, ParamValue>>;

/** A model parameter: name (also the CLI flag), default, and constraint. */
export interface ParameterSpec {
  /** The name, also the CLI flag (`--name`). */
  readonly name: string;
  /** What the parameter is, in a few words. */
  readonly description: string;
  /**
   * The default. A numeric parameter may default to a string sentinel (e.g. `nmax`'s "exact":
   * no Fock truncation); the sentinel parses as itself, any other value as a number.
   */
  readonly default: ParamValue;
  /** "number" (finite), "integer", or "choice" among `choices`. */
  readonly kind: "number" | "integer" | "choice";
  /** The allowed values of a "choice" parameter. */
  readonly choices?: readonly string[];
  /** Lower bound; `exclusive` makes it strict. */
  readonly min?: { readonly value: number; readonly exclusive: boolean };
}

/** Aliases that set several parameters at once (docs/conventions.md section 3). */
export const PARAMETER_ALIASES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  spectrum: ["spectrumA", "spectrumB"],
  cutoff: ["cutoffA", "cutoffB"],
});

const positive = { value: 0, exclusive: true } as const;
const nonNegative = { value: 0, exclusive: false } as const;

/** The shared parameter vocabulary; models pick from it. */
export const PARAMETERS = Object.freeze({
  omega0: {
    name: "omega0",
    description: "qubit splitting omega0",
    default: 1,
    kind: "number",
    min: positive,
  },
  omega1: {
    name: "omega1",
    description: "splitting of qubit/oscillator 1",
    default: 1.2,
    kind: "number",
    min: positive,
  },
  omega2: {
    name: "omega2",
    description: "splitting of qubit/oscillator 2",
    default: 1,
    kind: "number",
    min: positive,
  },
  lambda: {
    name: "lambda",
    description: "internal coupling lambda (< sqrt(omega1*omega2))",
    default: 0.1,
    kind: "number",
    min: nonNegative,
  },
  gA: {
    name: "gA",
    description: "strength of bath A's spectral density",
    default: 0.01,
    kind: "number",
    min: nonNegative,
  },
  gB: {
    name: "gB",
    description: "strength of bath B's spectral density",
    default: 0.01,
    kind: "number",
    min: nonNegative,
  },
  TA: { name: "TA", description: "temperature of bath A", default: 2, kind: "number", min: nonNegative },
  TB: { name: "TB", description: "temperature of bath B", default: 1, kind: "number", min: nonNegative },
  spectrumA: {
    name: "spectrumA",
    description: "spectral density of bath A: flat g or ohmic g w exp(-w/cutoff)",
    default: "flat",
    kind: "choice",
    choices: ["flat", "ohmic"],
  },
  spectrumB: {
    name: "spectrumB",
    description: "spectral density of bath B",
    default: "flat",
    kind: "choice",
    choices: ["flat", "ohmic"],
  },
  cutoffA: {
    name: "cutoffA",
    description: "ohmic cutoff frequency of bath A",
    default: 10,
    kind: "number",
    min: positive,
  },
  cutoffB: {
    name: "cutoffB",
    description: "ohmic cutoff frequency of bath B",
    default: 10,
    kind: "number",
    min: positive,
  },
  nmax: {
    name: "nmax",
    description:
      'highest Fock occupation kept per oscillator (nmax + 1 levels); "exact" (default): no truncation, exact Gaussian solver',
    default: "exact",
    kind: "integer",
  },
} satisfies Record<string, ParameterSpec>);

/** The bath parameters every two-bath model has. */
export const BATH_PARAMETERS: readonly ParameterSpec[] = [
  PARAMETERS.gA,
  PARAMETERS.gB,
  PARAMETERS.TA,
  PARAMETERS.TB,
  PARAMETERS.spectrumA,
  PARAMETERS.spectrumB,
  PARAMETERS.cutoffA,
  PARAMETERS.cutoffB,
];

/**
 * Fill defaults, expand aliases, parse strings (from a command line) and check each value against
 * its spec. Unknown names raise UnknownIdError listing the known ones; bad values raise
 * ParameterError naming the parameter and the constraint.
 */
export function resolveParameters(
  specs: readonly ParameterSpec[],
  input: Readonly<Record<string, unknown>>,
): Record<string, ParamValue> {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const known = [
    ...byName.keys(),
    ...Object.keys(PARAMETER_ALIASES).filter((a) => PARAMETER_ALIASES[a].every((n) => byName.has(n))),
  ];
  const out: Record<string, ParamValue> = {};
  for (const s of specs) out[s.name] = s.default;
  const explicit = new Set<string>();
  // Aliases first, so that an explicit per-bath value wins over `spectrum`/`cutoff`.
  const entries = Object.entries(input).sort(
    ([a], [b]) => Number(b in PARAMETER_ALIASES) - Number(a in PARAMETER_ALIASES),
  );
  for (const [name, raw] of entries) {
    const targets = name in PARAMETER_ALIASES && known.includes(name) ? PARAMETER_ALIASES[name] : [name];
    for (const target of targets) {
      const spec = byName.get(target);
      if (!spec) throw new UnknownIdError("parameter", name, known);
      if (targets.length > 1 && explicit.has(target)) continue;
      out[target] = parseValue(spec, raw, name);
      if (targets.length === 1) explicit.add(target);
    }
  }
  return out;
}

/** Decimal notation only: "0x3" and "0b1" are not numbers a physicist means. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * The number written in `text` in decimal notation ("2", "-1.5", ".5", "3e-4"; blanks around it
 * ignored), or NaN for anything else: hexadecimal "0x3", binary "0b1", "Infinity", "1_000" and
 * the empty string are not numbers a physicist means. The one parser of numbers given as text,
 * for model parameters and every option of the command line.
 *
 * @example parseDecimal("2.5e-3") // 0.0025; parseDecimal("0x10") // NaN
 */
export function parseDecimal(text: string): number {
  const t = text.trim();
  return DECIMAL.test(t) ? Number(t) : Number.NaN;
}

function parseValue(spec: ParameterSpec, raw: unknown, name: string): ParamValue {
  // A numeric parameter's string sentinel default (e.g. nmax "exact") stays as it is.
  if (spec.kind !== "choice" && typeof spec.default === "string" && raw === spec.default) return spec.default;
  if (spec.kind === "choice") {
    const v = String(raw);
    if (!spec.choices!.includes(v)) throw new ParameterError(name, `one of ${spec.choices!.join(", ")}`, raw);
    return v;
  }
  const v = typeof raw === "number" ? raw : typeof raw === "string" ? parseDecimal(raw) : Number.NaN;
  if (!Number.isFinite(v)) throw new ParameterError(name, "a finite number", raw);
  if (spec.kind === "integer" && !Number.isInteger(v)) throw new ParameterError(name, "an integer", raw);
  if (spec.min) {
    const { value, exclusive } = spec.min;
    if (exclusive ? !(v > value) : !(v >= value))
      throw new ParameterError(name, `${exclusive ? ">" : ">="} ${value}`, raw);
  }
  return v;
}

/** The spectral density of bath X ("A" or "B") from resolved parameters. */
export function bathSpectrum(params: ParamValues, bath: "A" | "B"): SpectralDensity {
  const g = params[`g${bath}`] as number;
  return params[`spectrum${bath}`] === "ohmic"
    ? ohmicSpectrum(g, params[`cutoff${bath}`] as number)
    : flatSpectrum(g);
}

/**
 * Resolve raw parameters for a model (a `Model`, or anything with its `parameters` and
 * `validate`): defaults, aliases, parsing, then the model's own constraints.
 */
export function modelParameters(
  model: { readonly parameters: readonly ParameterSpec[]; validate(params: ParamValues): void },
  input: Readonly<Record<string, unknown>> = {},
): Record<string, ParamValue> {
  const params = resolveParameters(model.parameters, input);
  model.validate(params);
  return params;
}

/**
 * The two baths of the paper's models, A and B, at the temperatures and spectral densities of
 * `params`, each coupled in the RWA form S+ X + S- X^dagger through the raising operator given
 * (with its local frequency, used by the local approach).
 */
export function twoBaths(
  params: ParamValues,
  a: { raise: Operator; frequency: number },
  b: { raise: Operator; frequency: number },
): Bath[] {
  return (["A", "B"] as const).map((name) => {
    const c = name === "A" ? a : b;
    return {
      name,
      temperature: params[`T${name}`] as number,
      spectralDensity: bathSpectrum(params, name),
      couplings: [{ form: "rwa" as const, operator: c.raise, frequency: c.frequency }],
    };
  });
}

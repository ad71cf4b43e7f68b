import { DimensionError } from "../errors/dimension-error";
import { ParameterError } from "../errors/parameter-error";
import type { Operator } from "../operators/operator";
import { assertFiniteMatrix, assertHermitian, isComplexMatrix } from "../operators/validate";
import { chargeShift, chargeTolerance } from "./charge";
import type { SpectralDensity } from "./spectral-density";

/**
 * How a system operator couples to a bath.
 * - `rwa`: H_SX = S+ (x) X + S- (x) X^dagger with S- = (S+)^dagger and X = sum_k lambda_k b_k
 *   (eqs. (3.2)-(3.3) and (3.17)-(3.18) of Fogedby (arXiv:2301.13544), with paper-corrections item 1). `operator` is S+,
 *   the part that raises the system's energy. Only quanta of positive frequency are exchanged.
 * - `hermitian`: H_SX = S (x) X with S Hermitian and X = sum_k lambda_k (b_k + b_k^dagger).
 * `frequency` is the local transition frequency that the `local` approach uses for this
 * coupling (e.g. omega1 for a bath on qubit 1); the `global` and `redfield` approaches ignore it.
 */
export interface Coupling {
  /** Which of the two coupling forms above. */
  readonly form: "rwa" | "hermitian";
  /** The system operator: S+ for `rwa`, the Hermitian S for `hermitian`. */
  readonly operator: Operator;
  /** Local transition frequency, used by the `local` approach only. */
  readonly frequency?: number;
}

/** A heat bath: its name (e.g. "A"), temperature, spectral function and couplings. */
export interface Bath {
  /** Unique, non-empty name, the key of the bath's heat current (e.g. "A"). */
  readonly name: string;
  /** Temperature T >= 0 (k_B = 1). */
  readonly temperature: number;
  /** The bath's spectral function g(w). */
  readonly spectralDensity: SpectralDensity;
  /** The system's couplings to this bath. */
  readonly couplings: readonly Coupling[];
}

/** A system Hamiltonian H_S with named baths. Build one with `openSystem` (it validates). */
export interface OpenSystem {
  /** The system Hamiltonian H_S (Hermitian). */
  readonly hamiltonian: Operator;
  /** The baths, with unique names. */
  readonly baths: readonly Bath[];
  /**
   * Optional symmetry charge: the eigenvalues q_i of a Hermitian Q that is diagonal in the
   * system's basis (e.g. the number of excitations of each basis state), with [H_S, Q] = 0 and
   * every coupling operator shifting Q by a fixed amount. Steady-state solvers then work in the
   * block of operators |i><j| with q_i = q_j only (see `steadyState`).
   */
  readonly charge?: Float64Array;
}

/**
 * Validate and freeze an open system: H Hermitian and finite, every coupling operator of H's
 * dimension, temperatures finite and >= 0, bath names unique and non-empty, every bath with a
 * spectral density and an array of couplings. A missing or malformed field throws a
 * ParameterError (or DimensionError) naming its path, e.g. `baths[1].couplings[0].operator`.
 */
export function openSystem(spec: {
  hamiltonian: Operator;
  baths: readonly Bath[];
  charge?: ArrayLike<number>;
}): OpenSystem {
  if (typeof spec !== "object" || spec === null) {
    throw malformed("spec", "an object { hamiltonian, baths, charge? }", spec);
  }
  const h = spec.hamiltonian;
  assertOperator("hamiltonian", h);
  assertHermitian("hamiltonian", h);
  const d = h.rows;
  const names = new Set<string>();
  assertArray("baths", spec.baths, "an array of baths { name, temperature, spectralDensity, couplings }");
  spec.baths.forEach((bath, b) => {
    const where = `baths[${b}]`;
    if (typeof bath !== "object" || bath === null) {
      throw malformed(where, "a bath { name, temperature, spectralDensity, couplings }", bath);
    }
    if (typeof bath.name !== "string" || bath.name === "")
      throw new ParameterError(`${where}.name`, "a non-empty string", bath.name);
    if (names.has(bath.name)) throw new ParameterError(`${where}.name`, "unique among the baths", bath.name);
    names.add(bath.name);
    if (
      typeof bath.temperature !== "number" ||
      !(bath.temperature >= 0) ||
      !Number.isFinite(bath.temperature)
    ) {
      throw new ParameterError(`T${bath.name}`, "a finite number >= 0", bath.temperature);
    }
    assertSpectralDensity(`${where}.spectralDensity`, bath.spectralDensity);
    assertArray(`${where}.couplings`, bath.couplings, "an array of couplings { form, operator, frequency? }");
    bath.couplings.forEach((c, k) => {
      const cw = `${where}.couplings[${k}]`;
      if (typeof c !== "object" || c === null) {
        throw malformed(cw, "a coupling { form, operator, frequency? }", c);
      }
      assertOperator(`${cw}.operator`, c.operator);
      if (c.operator.rows !== d || c.operator.cols !== d) {
        throw new DimensionError(
          `${cw}.operator`,
          `${d}x${d} (the Hamiltonian's)`,
          `${c.operator.rows}x${c.operator.cols}`,
        );
      }
      assertFiniteMatrix(`${cw}.operator`, c.operator);
      if (c.form === "hermitian") assertHermitian(`${cw}.operator`, c.operator);
      else if (c.form !== "rwa") throw new ParameterError(`${cw}.form`, `"rwa" or "hermitian"`, c.form);
      if (c.frequency !== undefined && !(c.frequency > 0 && Number.isFinite(c.frequency))) {
        throw new ParameterError(`${cw}.frequency`, "a finite number > 0", c.frequency);
      }
    });
  });
  const charge = spec.charge === undefined ? undefined : checkCharge(spec.charge, h, spec.baths);
  const system: OpenSystem = Object.freeze({
    hamiltonian: h,
    ...(charge ? { charge } : {}),
    baths: Object.freeze(
      spec.baths.map((b) => Object.freeze({ ...b, couplings: Object.freeze([...b.couplings]) })),
    ),
  });
  validated.add(system);
  return system;
}

/** The systems `openSystem` returned: validated and frozen. */
const validated = new WeakSet<OpenSystem>();

/**
 * Throw the errors of `openSystem` (each naming its path) unless `system` was made by it: for
 * entry points that take a system, such as `buildGenerator`. O(1) for a system from `openSystem`.
 */
export function assertOpenSystem(system: OpenSystem): void {
  if (!validated.has(system)) openSystem(system);
}

/** The error for a field of the spec at `path` that is missing or not `what`. */
function malformed(path: string, what: string, value: unknown): ParameterError {
  return value === undefined || value === null
    ? new ParameterError(path, `missing (it must be ${what})`)
    : typeof value === "object"
      ? new ParameterError(path, `it must be ${what} (got an object of another shape)`)
      : new ParameterError(path, what, value);
}

/** Throw ParameterError naming `path` unless `m` is a matrix (a ComplexMatrix or Operator). */
function assertOperator(path: string, m: unknown): void {
  if (!isComplexMatrix(m)) throw malformed(path, "an operator (ComplexMatrix or Operator)", m);
}

function assertArray(path: string, value: unknown, what: string): void {
  if (!Array.isArray(value)) throw malformed(path, what, value);
}

/** Throw ParameterError naming `path` unless `g` has the shape of a SpectralDensity. */
function assertSpectralDensity(path: string, g: unknown): void {
  const s = g as Partial<SpectralDensity> | null;
  if (
    typeof s !== "object" ||
    s === null ||
    typeof s.value !== "function" ||
    typeof s.zeroFrequencyRate !== "function"
  ) {
    throw malformed(path, "a spectral density (flatSpectrum, ohmicSpectrum or customSpectrum)", g);
  }
}

/**
 * Verify a symmetry charge before anything uses it: finite values, one per basis state, Q commutes
 * with H (no entry of H joins different charges) and every coupling operator shifts Q by one
 * fixed amount. A charge that fails is refused, never trusted.
 */
function checkCharge(values: ArrayLike<number>, h: Operator, baths: readonly Bath[]): Float64Array {
  const d = h.rows;
  if (values.length !== d) {
    throw new DimensionError("charge", `${d} values (one per basis state)`, `${values.length}`);
  }
  const q = Float64Array.from(values as ArrayLike<number>);
  for (let i = 0; i < d; i++) {
    if (!Number.isFinite(q[i])) throw new ParameterError(`charge[${i}]`, "a finite number", q[i]);
  }
  const tol = chargeTolerance(q);
  if (chargeShift(h, q, tol) !== 0) {
    throw new ParameterError(
      "charge",
      "a charge that commutes with the Hamiltonian (H joins basis states of different charge)",
    );
  }
  baths.forEach((bath, b) => {
    bath.couplings.forEach((c, k) => {
      if (chargeShift(c.operator, q, tol) === null) {
        throw new ParameterError(
          "charge",
          `shifted by a fixed amount by every coupling operator (baths[${b}].couplings[${k}] shifts it by different amounts)`,
        );
      }
    });
  });
  return q;
}

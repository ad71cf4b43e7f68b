import { DimensionError } from "../errors/dimension-error";
import { ParameterError } from "../errors/parameter-error";
import type { Operator } from "../operators/operator";
import { assertFiniteMatrix, assertHermitian } from "../operators/validate";
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
 * dimension, temperatures finite and >= 0, bath names unique and non-empty.
 */
export function openSystem(spec: {
  hamiltonian: Operator;
  baths: readonly Bath[];
  charge?: ArrayLike<number>;
}): OpenSystem {
  const h = spec.hamiltonian;
  assertHermitian("hamiltonian", h);
  const d = h.rows;
  const names = new Set<string>();
  spec.baths.forEach((bath, b) => {
    const where = `baths[${b}]`;
    if (typeof bath.name !== "string" || bath.name === "")
      throw new ParameterError(`${where}.name`, "a non-empty string", bath.name);
    if (names.has(bath.name)) throw new ParameterError(`${where}.name`, "unique among the baths", bath.name);
    names.add(bath.name);
    if (!(bath.temperature >= 0) || !Number.isFinite(bath.temperature)) {
      throw new ParameterError(`T${bath.name}`, "a finite number >= 0", bath.temperature);
    }
    bath.couplings.forEach((c, k) => {
      const cw = `${where}.couplings[${k}]`;
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
  return Object.freeze({
    hamiltonian: h,
    ...(charge ? { charge } : {}),
    baths: Object.freeze(
      spec.baths.map((b) => Object.freeze({ ...b, couplings: Object.freeze([...b.couplings]) })),
    ),
  });
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

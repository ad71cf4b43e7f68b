import { DimensionError } from "../errors/dimension-error";
import { ParameterError } from "../errors/parameter-error";
import type { ComplexLike, ComplexMatrix } from "../linalg/complex-matrix";
import { assertHermitian } from "../operators/validate";

/**
 * A Lindblad jump operator linear in the mode operators, attached to a named bath:
 *
 *   lowering:  L = sum_i c_i a_i,
 *   raising:   L = sum_i c_i a_i^dagger,
 *
 * entering the master equation as `rate * (L rho L^dagger - 1/2 {L^dagger L, rho})`
 * (Breuer & Petruccione, The Theory of Open Quantum Systems, eq. (3.63)).
 *
 * A thermal bath X at temperature T_X acting on one mode of frequency omega is the pair
 * { lowering, rate g (1 + n) } and { raising, rate g n } with n = n(omega, T_X), as in eqs.
 * (4.34)-(4.35) of Fogedby (arXiv:2301.13544). Kind `"thermal"` states that pair as one jump,
 * with `rate` = g and `occupation` = n: the same dissipator, but the net damping g is then
 * known exactly instead of as the difference g (1 + n) - g n, which loses all of g's digits
 * once n exceeds 1 / machine epsilon (about 4.5e15) and some of them long before.
 */
export interface LinearJump {
  /** Name of the bath the jump belongs to; heat currents are reported per bath name. */
  bath: string;
  /**
   * `"lowering"`: L = sum_i c_i a_i. `"raising"`: L = sum_i c_i a_i^dagger. `"thermal"`: the
   * lowering jump with rate g (1 + n) plus the raising jump sum_i conj(c_i) a_i^dagger (its
   * adjoint) with rate g n, for g = `rate` and n = `occupation`.
   */
  kind: "lowering" | "raising" | "thermal";
  /** The coefficients c_i, one per mode (length M). */
  coefficients: ComplexLike[];
  /** The rate gamma >= 0 in front of the dissipator (units of energy, hbar = 1); g for `"thermal"`. */
  rate: number;
  /** The occupation n >= 0 of a `"thermal"` jump (finite); must be absent for the other kinds. */
  occupation?: number;
}

/**
 * M bosonic modes a_1..a_M with a number-conserving quadratic Hamiltonian
 * H = sum_ij h_ij a_i^dagger a_j (h Hermitian) and jump operators linear in the modes.
 *
 * Such a system has a Gaussian, zero-mean steady state fixed by its correlation matrix
 * N_ij = <a_i^dagger a_j> (see `gaussianSteadyState`).
 */
export interface QuadraticBosonicSystem {
  /** Number of modes M >= 1. */
  modes: number;
  /** The single-particle Hamiltonian h, a Hermitian M x M matrix. */
  hamiltonian: ComplexMatrix;
  /** Jump operators, any number, each tagged with its bath. */
  jumps: LinearJump[];
}

/** A validated jump with its coefficients unpacked into an interleaved complex vector. */
export interface ResolvedJump {
  readonly bath: string;
  readonly kind: "lowering" | "raising" | "thermal";
  readonly rate: number;
  /** n of a thermal pair; 0 for the other kinds. */
  readonly occupation: number;
  /** c_i as (re, im) pairs, length 2M. */
  readonly c: Float64Array;
}

/**
 * Check a system at the public entry point and unpack its jumps. Throws `ParameterError` or
 * `DimensionError` naming the offending field, e.g. `jumps[2].rate`.
 */
export function resolveQuadraticBosonicSystem(system: QuadraticBosonicSystem): ResolvedJump[] {
  const m = system.modes;
  if (!Number.isInteger(m) || m < 1) throw new ParameterError("modes", "an integer >= 1", m);
  const h = system.hamiltonian;
  if (h.rows !== m || h.cols !== m) {
    throw new DimensionError("hamiltonian", `${m} x ${m}`, `${h.rows} x ${h.cols}`);
  }
  assertHermitian("hamiltonian", h);
  if (!Array.isArray(system.jumps)) throw new ParameterError("jumps", "an array of LinearJump");
  return system.jumps.map((jump, j) => resolveJump(jump, j, m));
}

function resolveJump(jump: LinearJump, j: number, m: number): ResolvedJump {
  const name = `jumps[${j}]`;
  if (typeof jump.bath !== "string" || jump.bath.length === 0) {
    throw new ParameterError(`${name}.bath`, "a non-empty string", jump.bath);
  }
  if (jump.kind !== "lowering" && jump.kind !== "raising" && jump.kind !== "thermal") {
    throw new ParameterError(`${name}.kind`, '"lowering", "raising" or "thermal"', jump.kind);
  }
  if (!Number.isFinite(jump.rate) || jump.rate < 0) {
    throw new ParameterError(`${name}.rate`, "a finite number >= 0", jump.rate);
  }
  let occupation = 0;
  if (jump.kind === "thermal") {
    occupation = jump.occupation as number;
    if (!Number.isFinite(occupation) || occupation < 0) {
      throw new ParameterError(`${name}.occupation`, "a finite number >= 0 for a thermal jump", occupation);
    }
  } else if (jump.occupation !== undefined) {
    throw new ParameterError(`${name}.occupation`, `absent for a ${jump.kind} jump`, jump.occupation);
  }
  if (!Array.isArray(jump.coefficients) || jump.coefficients.length !== m) {
    throw new DimensionError(
      `${name}.coefficients`,
      `length ${m} (one per mode)`,
      Array.isArray(jump.coefficients) ? `length ${jump.coefficients.length}` : typeof jump.coefficients,
    );
  }
  const c = new Float64Array(2 * m);
  for (let i = 0; i < m; i++) {
    const v = jump.coefficients[i];
    const re = typeof v === "number" ? v : v?.re;
    const im = typeof v === "number" ? 0 : v?.im;
    if (!Number.isFinite(re) || !Number.isFinite(im)) {
      throw new ParameterError(
        `${name}.coefficients[${i}]`,
        "a finite real or complex number",
        formatComplex(v),
      );
    }
    c[2 * i] = re;
    c[2 * i + 1] = im;
  }
  return { bath: jump.bath, kind: jump.kind, rate: jump.rate, occupation, c };
}

function formatComplex(v: unknown): string {
  if (typeof v === "object" && v !== null && "re" in v && "im" in v) return `${v.re} + ${v.im}i`;
  return String(v);
}

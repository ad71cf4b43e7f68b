import { Complex } from "complex.js";
import { DimensionError } from "../errors/dimension-error";
import { ParameterError } from "../errors/parameter-error";
import type { ComplexLike, ComplexMatrix } from "../linalg/complex-matrix";
import { hermitianEigen } from "../linalg/hermitian-eigen";
import { traceParts } from "../linalg/kernels";
import { create, destroy } from "./builders";
import { traceOfProduct } from "./contractions";

export { traceOfProduct } from "./contractions";

import { formatDims, productOf } from "./dims";
import { assertMatrix, Bra, describeValue, Ket, Operator, scalarParts } from "./operator";
import { assertHermitian } from "./validate";

/**
 * The projector |k><k| onto basis state k of a space with subsystem dimensions `dims` (a density
 * matrix; `basis(dims, k)` is the ket).
 */
export function basisState(dims: readonly number[] | number, k: number): Operator {
  const ds = typeof dims === "number" ? [dims] : dims;
  const n = productOf(ds);
  if (!Number.isInteger(k) || k < 0 || k >= n)
    throw new ParameterError("k", `an integer in [0, ${n - 1}]`, k);
  const rho = new Operator(ds);
  rho.data[2 * (k * n + k)] = 1;
  return rho;
}

/**
 * The Gibbs state exp(-H/T) / Z. At T = 0 it is the uniform mixture over the ground space
 * (degenerate ground levels share the weight). Computed in the eigenbasis with the energies
 * shifted by the ground energy, so it never overflows.
 */
export function thermalState(hamiltonian: Operator, temperature: number): Operator {
  assertHermitian("hamiltonian", hamiltonian);
  if (!(temperature >= 0) || !Number.isFinite(temperature)) {
    throw new ParameterError("temperature", "finite and >= 0", temperature);
  }
  const { values, vectors } = hermitianEigen(hamiltonian);
  const n = values.length;
  const e0 = values[0];
  const scale = Math.max(1, Math.abs(e0), Math.abs(values[n - 1]));
  const weights = Array.from(values, (e) => {
    if (temperature === 0) return e - e0 <= 1e-12 * scale ? 1 : 0;
    return Math.exp(-(e - e0) / temperature);
  });
  const z = weights.reduce((a, b) => a + b, 0);
  const rho = new Operator(hamiltonian.dims);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let re = 0;
      let im = 0;
      for (let k = 0; k < n; k++) {
        const w = weights[k] / z;
        if (w === 0) continue;
        const ar = vectors.re(i, k);
        const ai = vectors.im(i, k);
        const br = vectors.re(j, k);
        const bi = -vectors.im(j, k);
        re += w * (ar * br - ai * bi);
        im += w * (ar * bi + ai * br);
      }
      rho.data[2 * (i * n + j)] = re;
      rho.data[2 * (i * n + j) + 1] = im;
    }
  }
  return rho;
}

/**
 * The expectation value of `op` in the state `rho`: Tr[op rho] for a density matrix, <psi|op|psi>
 * for a ket (not divided by <psi|psi>), as a complex.js value. Operators with dims must match the
 * state's (see `Operator`).
 */
export function expect(op: ComplexMatrix, rho: ComplexMatrix): Complex {
  assertMatrix("op", op);
  assertMatrix("rho", rho);
  if (op instanceof Operator && (rho instanceof Operator || rho instanceof Ket)) return op.expect(rho);
  if (rho instanceof Ket) return expect(op, rho.proj());
  if (op.rows !== rho.rows || !op.isSquare || !rho.isSquare) {
    throw new DimensionError("op", `${rho.rows}x${rho.rows} (the state's)`, `${op.rows}x${op.cols}`);
  }
  const [re, im] = traceOfProduct(op, rho);
  return new Complex(re, im);
}

/**
 * Partial trace keeping the subsystems listed in `keep` (returned in ascending order), tracing out
 * the rest; a ket is traced as its density matrix |psi><psi|.
 * @example partialTrace(tensor(rhoA, rhoB), [0]) // rhoA
 */
export function partialTrace(rho: Operator | Ket, keep: readonly number[]): Operator {
  if (rho instanceof Operator || rho instanceof Ket) return rho.ptrace(keep);
  throw new ParameterError("rho", "an Operator or a Ket", describeValue(rho));
}

/** Trace of a density matrix (real part). */
export function traceOf(rho: ComplexMatrix): number {
  assertMatrix("rho", rho);
  return traceParts(rho)[0];
}

/**
 * The basis ket |k> of a space with subsystem dimensions `dims` (a number for one system). `k` is
 * the flat index, or one index per subsystem: `basis([2, 3], [1, 2])` is |1> (x) |2> = flat index
 * 1 * 3 + 2. As QuTiP's `basis`.
 */
export function basis(dims: number | readonly number[], k: number | readonly number[]): Ket {
  const ds = typeof dims === "number" ? [dims] : dims;
  const n = productOf(ds);
  let flat: number;
  if (Array.isArray(k)) {
    if (k.length !== ds.length)
      throw new ParameterError(
        "k",
        `${ds.length} indices, one per subsystem of dims ${formatDims(ds)}`,
        formatDims(k),
      );
    flat = 0;
    k.forEach((digit, s) => {
      if (!Number.isInteger(digit) || digit < 0 || digit >= ds[s]) {
        throw new ParameterError(`k[${s}]`, `an integer in [0, ${ds[s] - 1}]`, digit);
      }
      flat = flat * ds[s] + digit;
    });
  } else {
    flat = k as number;
    if (!Number.isInteger(flat) || flat < 0 || flat >= n)
      throw new ParameterError("k", `an integer in [0, ${n - 1}]`, k);
  }
  const ket = new Ket(ds);
  ket.data[2 * flat] = 1;
  return ket;
}

/** The Fock state |k> of an oscillator truncated to n levels (same as `basis(n, k)`). */
export function fock(n: number, k: number): Ket {
  return basis(n, k);
}

/** The Fock density matrix |k><k| of an oscillator truncated to n levels. */
export function fockDm(n: number, k: number): Operator {
  return basisState(n, k);
}

/** How `coherent` builds the truncated coherent state. */
export type CoherentMethod = "operator" | "analytic";

/**
 * The coherent state |alpha> of an oscillator truncated to n levels.
 *
 * - "operator" (the default, as QuTiP's): D(alpha)|0> with the displacement operator
 *   D = exp(alpha a^dagger - conj(alpha) a) of the truncated a, a^dagger. It is normalised (D is
 *   unitary on the truncated space); its amplitudes differ from the closed form near the top
 *   levels, by an amount that vanishes as the population beyond n - 1 does.
 * - "analytic": the closed-form amplitudes e^{-|alpha|^2/2} alpha^k / sqrt(k!) for k < n, not
 *   renormalised, so its squared norm is the probability of finding fewer than n quanta (1 minus
 *   the truncation error).
 *
 * Either way, n must be large enough that the Poisson distribution of mean |alpha|^2 is
 * negligible beyond n - 1 for the state to be the physical one.
 */
export function coherent(n: number, alpha: ComplexLike, method: CoherentMethod = "operator"): Ket {
  const [re0, im0] = scalarParts("alpha", alpha);
  const a = new Complex(re0, im0);
  if (method === "analytic") {
    if (!Number.isInteger(n) || n < 1) throw new ParameterError("n", "a positive integer", n);
    const ket = new Ket([n]);
    let re = Math.exp(-(a.re * a.re + a.im * a.im) / 2);
    let im = 0;
    for (let k = 0; k < n; k++) {
      if (k > 0) {
        // c_k = c_{k-1} alpha / sqrt(k)
        const s = 1 / Math.sqrt(k);
        [re, im] = [(re * a.re - im * a.im) * s, (re * a.im + im * a.re) * s];
      }
      ket.data[2 * k] = re;
      ket.data[2 * k + 1] = im;
    }
    return ket;
  }
  if (method !== "operator") throw new ParameterError("method", '"operator" or "analytic"', method);
  const generator = create(n).scale(a).sub(destroy(n).scale(a.conjugate()));
  return generator.expm().mul(basis(n, 0));
}

/** The density matrix |alpha><alpha| of the truncated coherent state (see `coherent`). */
export function coherentDm(n: number, alpha: ComplexLike, method: CoherentMethod = "operator"): Operator {
  return coherent(n, alpha, method).proj();
}

/**
 * The thermal state of an oscillator with mean occupation `nbar`, truncated to n levels: the
 * populations p_k proportional to (nbar / (1 + nbar))^k, renormalised to trace 1 on the n levels
 * (as QuTiP's `thermal_dm`). Without truncation p_k = nbar^k / (1 + nbar)^{k+1}; nbar = 0 is the
 * vacuum. For a thermal state of a given Hamiltonian and temperature see `thermalState`.
 */
export function thermalDm(n: number, nbar: number): Operator {
  if (!Number.isInteger(n) || n < 1) throw new ParameterError("n", "a positive integer", n);
  if (!(nbar >= 0) || !Number.isFinite(nbar)) throw new ParameterError("nbar", "finite and >= 0", nbar);
  const ratio = nbar / (1 + nbar);
  const weights = Array.from({ length: n }, (_, k) => ratio ** k);
  const z = weights.reduce((s, w) => s + w, 0);
  const rho = new Operator([n]);
  weights.forEach((w, k) => {
    rho.data[2 * (k * n + k)] = w / z;
  });
  return rho;
}

/** The density matrix |psi><psi| of a ket (same dims; normalise the ket first with `unit()` if needed). */
export function ket2dm(psi: Ket): Operator {
  if (!(psi instanceof Ket)) throw new ParameterError("psi", "a Ket", describeValue(psi));
  return psi.proj();
}

/** The outer product |a><b| of a ket a with a bra b, or with a ket b (then its bra <b| is used). */
export function outer(a: Ket, b: Ket | Bra): Operator {
  if (!(a instanceof Ket)) throw new ParameterError("a", "a Ket", describeValue(a));
  if (b instanceof Ket) return a.mul(b.dag());
  if (b instanceof Bra) return a.mul(b);
  throw new ParameterError("b", "a Ket or a Bra", describeValue(b));
}

/** The inner product <a|b> of two kets (a conjugated), or of a bra a with a ket b. */
export function inner(a: Ket | Bra, b: Ket): Complex {
  if (!(b instanceof Ket)) throw new ParameterError("b", "a Ket", describeValue(b));
  if (a instanceof Ket) return a.overlap(b);
  if (a instanceof Bra) return a.mul(b);
  throw new ParameterError("a", "a Ket or a Bra", describeValue(a));
}

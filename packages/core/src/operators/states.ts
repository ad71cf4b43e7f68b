import { Complex } from "complex.js";
import { DimensionError } from "../errors/dimension-error";
import { ParameterError } from "../errors/parameter-error";
import type { ComplexMatrix } from "../linalg/complex-matrix";
import { hermitianEigen } from "../linalg/hermitian-eigen";
import { traceParts } from "../linalg/kernels";
import { assertSameShape, assertSquare } from "../linalg/shapes";
import { Operator, productOf } from "./operator";
import { assertHermitian } from "./validate";

/** The projector |k><k| onto basis state k of a space with subsystem dimensions `dims`. */
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

/** Tr[op rho] as a complex.js value. */
export function expect(op: ComplexMatrix, rho: ComplexMatrix): Complex {
  if (op.rows !== rho.rows || !op.isSquare || !rho.isSquare) {
    throw new DimensionError("op", `${rho.rows}x${rho.rows} (the state's)`, `${op.rows}x${op.cols}`);
  }
  const [re, im] = traceOfProduct(op, rho);
  return new Complex(re, im);
}

/**
 * Tr[a b] = sum_ij a_ij b_ji, as [re, im], without forming the product. a and b are square of
 * one size (DimensionError otherwise; an O(1) check).
 */
export function traceOfProduct(a: ComplexMatrix, b: ComplexMatrix): [number, number] {
  assertSquare("a", a);
  assertSameShape(a, b);
  const n = a.rows;
  let re = 0;
  let im = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = 2 * (i * n + j);
      const y = 2 * (j * n + i);
      re += a.data[x] * b.data[y] - a.data[x + 1] * b.data[y + 1];
      im += a.data[x] * b.data[y + 1] + a.data[x + 1] * b.data[y];
    }
  }
  return [re, im];
}

/**
 * Partial trace keeping the subsystems listed in `keep` (in ascending order), tracing out the rest.
 * @example partialTrace(tensor(rhoA, rhoB), [0]) // rhoA
 */
export function partialTrace(rho: Operator, keep: readonly number[]): Operator {
  const dims = rho.dims;
  const sorted = [...new Set(keep)].sort((a, b) => a - b);
  for (const s of sorted) {
    if (!Number.isInteger(s) || s < 0 || s >= dims.length) {
      throw new ParameterError(
        "keep",
        `subsystem indices in [0, ${dims.length - 1}]`,
        `[${keep.join(", ")}]`,
      );
    }
  }
  const keptDims = sorted.map((s) => dims[s]);
  const out = new Operator(keptDims.length ? keptDims : [1]);
  const m = out.dimension;
  const n = rho.dimension;
  const strides = dims.map((_, k) => dims.slice(k + 1).reduce((a, b) => a * b, 1));
  const digits = new Int32Array(dims.length);
  const digitsOf = (index: number, target: Int32Array) => {
    for (let k = 0; k < dims.length; k++) target[k] = Math.floor(index / strides[k]) % dims[k];
  };
  const other = new Int32Array(dims.length);
  for (let i = 0; i < n; i++) {
    digitsOf(i, digits);
    for (let j = 0; j < n; j++) {
      digitsOf(j, other);
      let traced = true;
      for (let k = 0; k < dims.length; k++) {
        if (!sorted.includes(k) && digits[k] !== other[k]) {
          traced = false;
          break;
        }
      }
      if (!traced) continue;
      let a = 0;
      let b = 0;
      for (const s of sorted) {
        a = a * dims[s] + digits[s];
        b = b * dims[s] + other[s];
      }
      out.data[2 * (a * m + b)] += rho.data[2 * (i * n + j)];
      out.data[2 * (a * m + b) + 1] += rho.data[2 * (i * n + j) + 1];
    }
  }
  return out;
}

/** Trace of a density matrix (real part). */
export function traceOf(rho: ComplexMatrix): number {
  return traceParts(rho)[0];
}

import { Complex } from "complex.js";
import { DimensionError } from "../errors/dimension-error";
import { LiouvilleError } from "../errors/liouville-error";
import { NumericalError } from "../errors/numerical-error";
import { ParameterError } from "../errors/parameter-error";
import { type ComplexLike, ComplexMatrix } from "../linalg/complex-matrix";
import { expmDense } from "../linalg/expm-dense";
import {
  addInto,
  commutatorInto,
  daggerInto,
  frobeniusNorm,
  hermiticityDefect,
  kronInto,
  matmulInto,
  maxRowSumNorm,
  scaleInto,
  traceParts,
  transposeInto,
} from "../linalg/kernels";
import { keptSubsystems, partialTraceMatrix, traceOfProduct } from "./contractions";
import { combinedDims, formatDims, productOf } from "./dims";
import { formatMatrix } from "./format";
import {
  assertFiniteMatrix,
  assertMatrix,
  describeAs,
  describeValue,
  HERMITICITY_TOLERANCE,
} from "./validate";

export { productOf } from "./dims";
export { assertMatrix, describeValue } from "./validate";

// Node's util.inspect (and so console.log) calls the method under this registered symbol; taking
// it from the global symbol registry needs no import of node:util, so browsers are unaffected.
const inspectCustom: unique symbol = Symbol.for("nodejs.util.inspect.custom") as never;

/** What a `QuantumObject` is: a square operator, a column vector (ket) or a row vector (bra). */
export type QuantumKind = "operator" | "ket" | "bra";

/**
 * The common base of `Operator`, `Ket` and `Bra`: a dense complex matrix that knows the
 * dimensions of the subsystems of its Hilbert space and never changes after construction.
 *
 * Immutability: no method modifies the object; every operation returns a new one with its own
 * storage, and `set` throws. `data` stays readable, so the allocation-free kernels of the linear
 * algebra module take these objects as they are, but writing into it breaks the contract (take
 * `toMatrix()`, a mutable copy, instead).
 */
export abstract class QuantumObject extends ComplexMatrix {
  /** Dimensions of the subsystems, first subsystem first (frozen). */
  readonly dims: readonly number[];

  /** Whether this is an operator, a ket or a bra. */
  abstract readonly kind: QuantumKind;

  protected constructor(rows: number, cols: number, dims: readonly number[], data?: Float64Array) {
    super(rows, cols, data);
    this.dims = Object.freeze([...dims]);
  }

  /** The Hilbert-space dimension (product of `dims`). */
  get dimension(): number {
    return Math.max(this.rows, this.cols);
  }

  /** Always throws: these objects are immutable. Edit `toMatrix()`, a mutable copy, instead. */
  override set(_i: number, _j: number, _value: ComplexLike): never {
    throw new LiouvilleError(
      `a${this.kind === "operator" ? "n" : ""} ${this.kind} is immutable: edit toMatrix(), a mutable copy, and wrap it again`,
    );
  }

  /** A mutable copy as a plain `ComplexMatrix` (no dims). */
  toMatrix(): ComplexMatrix {
    return new ComplexMatrix(this.rows, this.cols, this.data.slice());
  }

  /**
   * The entries as text under a heading with the kind, dims and shape: a matrix of complex numbers
   * with four significant digits (entries below 1e-12 of the largest print as 0), or a one-line
   * summary when a side exceeds `PRINT_MAX_SIZE`.
   * @example console.log(sigmaZ().toString())
   * // Operator dims [2] (2x2, Hermitian)
   * // [ 1   0 ]
   * // [ 0  -1 ]
   */
  override toString(): string {
    const name = this.kind === "operator" ? "Operator" : this.kind === "ket" ? "Ket" : "Bra";
    const tag = this.kind === "operator" && isHermitianMatrix(this) ? ", Hermitian" : "";
    return formatMatrix(`${name} dims ${formatDims(this.dims)} (${this.rows}x${this.cols}${tag})`, this);
  }

  /** What Node's `console.log` and `util.inspect` print: `toString()`. */
  [inspectCustom](): string {
    return this.toString();
  }
}

/**
 * A square operator on a (possibly composite) Hilbert space: a dense complex matrix together
 * with the dimensions of its subsystems, e.g. `dims = [2, 2]` for two qubits. The basis index of
 * a product state is row-major in the subsystem indices (for two qubits `2*i1 + i2`), matching
 * `kron(A, B)` with A on the first subsystem.
 *
 * Immutable (see `QuantumObject`), and every operation keeps the dims: `a.add(b)`, `a.sub(b)`,
 * `a.mul(b)`, `a.scale(z)`, `a.dag()`, `a.tensor(b)`, `a.ptrace(keep)`, `a.expm()`. Operands must
 * have the same dims, or one of them flat (a single subsystem of the same total dimension, as
 * `Operator.of(matrix)` makes), which then takes the other's; anything else throws a
 * DimensionError naming the operand and both dims.
 * @example
 * const h = tensor(sigmaZ(), identity(3)).scale(0.5).add(tensor(sigmaX(), destroy(3).add(create(3))));
 * h.dims; // [2, 3]
 */
export class Operator extends QuantumObject {
  /** Always "operator". */
  readonly kind = "operator" as const;

  /**
   * An operator with subsystem dimensions `dims`, zero unless `data` is given. The operator takes
   * `data` over (no copy): do not write into it afterwards. `Operator.of` copies instead.
   */
  constructor(dims: readonly number[], data?: Float64Array) {
    const n = productOf(dims);
    super(n, n, dims, data);
  }

  /**
   * A square matrix as an operator with the given subsystem dimensions (default: one system).
   * The entries are copied, so later changes to `matrix` do not reach the operator.
   */
  static of(matrix: ComplexMatrix, dims: readonly number[] = [matrix?.rows]): Operator {
    assertMatrix("matrix", matrix);
    if (!matrix.isSquare) throw new DimensionError("matrix", "square", `${matrix.rows}x${matrix.cols}`);
    if (productOf(dims) !== matrix.rows) {
      throw new DimensionError("dims", `product ${matrix.rows}`, formatDims(dims));
    }
    return new Operator(dims, matrix.data.slice());
  }

  /** A copy with its own data and the same `dims`. */
  override clone(): Operator {
    return new Operator(this.dims, this.data.slice());
  }

  /** The adjoint (conjugate transpose), same dims. */
  dag(): Operator {
    return new Operator(this.dims, daggerInto(new ComplexMatrix(this.rows, this.rows), this).data);
  }

  /** The transpose, same dims. */
  trans(): Operator {
    return new Operator(this.dims, transposeInto(new ComplexMatrix(this.rows, this.rows), this).data);
  }

  /** this + b. */
  add(b: Operator): Operator {
    return this.combine("b", b, 1);
  }

  /** this - b. */
  sub(b: Operator): Operator {
    return this.combine("b", b, -1);
  }

  /** z * this for a real or complex scalar z. */
  scale(z: ComplexLike): Operator {
    const [re, im] = scalarParts("z", z);
    return new Operator(this.dims, scaleInto(new ComplexMatrix(this.rows, this.rows), this, re, im).data);
  }

  /** The product this * b: an operator for an operator b, a ket for a ket b (this |b>). */
  mul(b: Operator): Operator;
  mul(b: Ket): Ket;
  mul(b: Operator | Ket): Operator | Ket {
    if (b instanceof Ket) {
      const dims = combinedDims("this operator", this.dims, "b", b.dims);
      return new Ket(dims, matmulInto(new ComplexMatrix(this.rows, 1), this, b).data);
    }
    const dims = this.check("b", b);
    return new Operator(dims, matmulInto(new ComplexMatrix(this.rows, this.rows), this, b).data);
  }

  /** The commutator [this, b] = this b - b this. */
  comm(b: Operator): Operator {
    const dims = this.check("b", b);
    return new Operator(dims, commutatorInto(new ComplexMatrix(this.rows, this.rows), this, b).data);
  }

  /** this^k for an integer k >= 0 (k = 0 gives the identity), by repeated squaring. */
  pow(k: number): Operator {
    if (!Number.isInteger(k) || k < 0) throw new ParameterError("k", "an integer >= 0", k);
    let result: ComplexMatrix = ComplexMatrix.identity(this.rows);
    let base: ComplexMatrix = this;
    for (let e = k; e > 0; e = Math.floor(e / 2)) {
      if (e % 2 === 1) result = matmulInto(new ComplexMatrix(this.rows, this.rows), result, base);
      if (e > 1) base = matmulInto(new ComplexMatrix(this.rows, this.rows), base, base);
    }
    return new Operator(this.dims, result.data);
  }

  /** The tensor product this (x) others[0] (x) ...; dims concatenate. */
  tensor(...others: Operator[]): Operator {
    others.forEach((o, k) => {
      assertInstance(`others[${k}]`, o, Operator, "an Operator");
    });
    return tensorOf(Operator, [this, ...others]);
  }

  /**
   * Partial trace keeping the subsystems listed in `keep` (indices into `dims`, any order,
   * returned in ascending order), tracing out the rest.
   */
  ptrace(keep: readonly number[]): Operator {
    const { matrix, dims } = partialTraceMatrix(this, this.dims, keptSubsystems(keep, this.dims));
    return new Operator(dims, matrix.data);
  }

  /** The trace as a complex.js value. */
  tr(): Complex {
    const [re, im] = traceParts(this);
    return new Complex(re, im);
  }

  /**
   * The expectation value in `state`: Tr[this rho] for a density matrix, <psi|this|psi> for a
   * ket (not divided by <psi|psi>).
   */
  expect(state: Operator | Ket): Complex {
    if (state instanceof Ket) {
      combinedDims("this operator", this.dims, "state", state.dims);
      return state.dag().mul(this.mul(state));
    }
    assertInstance("state", state, Operator, "an Operator or a Ket");
    combinedDims("this operator", this.dims, "state", state.dims);
    const [re, im] = traceOfProduct(this, state);
    return new Complex(re, im);
  }

  /**
   * The matrix exponential e^this, same dims (dense scaling and squaring, O(n^3); see
   * `expmDense`). The propagator of a Hamiltonian H over time t is `H.scale({ re: 0, im: -t }).expm()`.
   */
  expm(): Operator {
    assertFiniteMatrix("operator", this);
    const out = expmDense(this);
    for (let k = 0; k < out.data.length; k++) {
      if (!Number.isFinite(out.data[k])) {
        throw new NumericalError("non-finite", "expm overflowed: the operator's norm is too large for e^A");
      }
    }
    return new Operator(this.dims, out.data);
  }

  /** True when the operator is Hermitian within `tolerance` (relative, as `assertHermitian`). */
  isHermitian(tolerance = HERMITICITY_TOLERANCE): boolean {
    return isHermitianMatrix(this, tolerance);
  }

  /** Dims of this op b after checking b. */
  private check(name: string, b: Operator): readonly number[] {
    assertInstance(name, b, Operator, "an Operator");
    return combinedDims("this operator", this.dims, name, b.dims);
  }

  private combine(name: string, b: Operator, sign: 1 | -1): Operator {
    const dims = this.check(name, b);
    return new Operator(dims, addInto(new ComplexMatrix(this.rows, this.rows), this, b, 1, sign).data);
  }
}

/**
 * A state vector |psi> (a column, `dimension` x 1) with the dimensions of its subsystems.
 * Immutable like `Operator`; its operations keep the dims and check them the same way.
 * @example
 * const bell = basis([2, 2], [0, 0]).add(basis([2, 2], [1, 1])).unit(); // (|00> + |11>)/sqrt(2)
 * bell.proj().ptrace([0]); // I/2
 */
export class Ket extends QuantumObject {
  /** Always "ket". */
  readonly kind = "ket" as const;

  /**
   * A ket with subsystem dimensions `dims`, zero unless `data` (interleaved re, im; length 2 *
   * product(dims)) is given. The ket takes `data` over (no copy); `Ket.of` copies.
   */
  constructor(dims: readonly number[], data?: Float64Array) {
    super(productOf(dims), 1, dims, data);
  }

  /**
   * A ket from its amplitudes (numbers or complex values) or from a d x 1 matrix, copied; dims
   * default to one system.
   * @example Ket.of([1, { re: 0, im: 1 }]).unit() // (|0> + i|1>)/sqrt(2)
   */
  static of(amplitudes: readonly ComplexLike[] | ComplexMatrix, dims?: readonly number[]): Ket {
    if (amplitudes instanceof ComplexMatrix) {
      if (amplitudes.cols !== 1)
        throw new DimensionError("amplitudes", "a column (d x 1)", `${amplitudes.rows}x${amplitudes.cols}`);
      return new Ket(checkedDims(dims, amplitudes.rows), amplitudes.data.slice());
    }
    if (!Array.isArray(amplitudes) || amplitudes.length === 0) {
      throw new ParameterError("amplitudes", "a non-empty array of numbers or complex values", amplitudes);
    }
    const ket = new Ket(checkedDims(dims, amplitudes.length));
    amplitudes.forEach((z, k) => {
      [ket.data[2 * k], ket.data[2 * k + 1]] = scalarParts(`amplitudes[${k}]`, z);
    });
    return ket;
  }

  /** A copy with its own data and the same `dims`. */
  override clone(): Ket {
    return new Ket(this.dims, this.data.slice());
  }

  /** The amplitude <k|psi> of basis state k. */
  amplitude(k: number): Complex {
    if (!Number.isInteger(k) || k < 0 || k >= this.rows)
      throw new ParameterError("k", `an integer in [0, ${this.rows - 1}]`, k);
    return new Complex(this.data[2 * k], this.data[2 * k + 1]);
  }

  /** The bra <psi| (conjugate transpose), same dims. */
  dag(): Bra {
    return new Bra(this.dims, conjugated(this.data));
  }

  /** this + b. */
  add(b: Ket): Ket {
    return new Ket(vectorDims(this, "b", b, Ket), combined(this, b, 1));
  }

  /** this - b. */
  sub(b: Ket): Ket {
    return new Ket(vectorDims(this, "b", b, Ket), combined(this, b, -1));
  }

  /** z |psi> for a real or complex scalar z. */
  scale(z: ComplexLike): Ket {
    return new Ket(this.dims, scaledData("z", this, z));
  }

  /** The outer product |this><b| (an operator) for a bra b. */
  mul(b: Bra): Operator {
    const dims = vectorDims(this, "b", b, Bra);
    return new Operator(dims, matmulInto(new ComplexMatrix(this.rows, this.rows), this, b).data);
  }

  /** The inner product <this|b> (antilinear in this). */
  overlap(b: Ket): Complex {
    vectorDims(this, "b", b, Ket);
    return dotData(this.data, b.data, -1);
  }

  /** The norm sqrt(<psi|psi>). */
  norm(): number {
    return frobeniusNorm(this.data);
  }

  /** |psi> / || |psi> ||; ParameterError for the zero vector. */
  unit(): Ket {
    const n = this.norm();
    if (!(n > 0) || !Number.isFinite(n))
      throw new ParameterError("ket", "nonzero and finite to normalise", describeAs(`norm ${n}`));
    return this.scale(1 / n);
  }

  /** The projector |psi><psi| (the density matrix of a normalised ket), same dims. */
  proj(): Operator {
    return this.mul(this.dag());
  }

  /** The tensor product this (x) others[0] (x) ...; dims concatenate. */
  tensor(...others: Ket[]): Ket {
    others.forEach((o, k) => {
      assertInstance(`others[${k}]`, o, Ket, "a Ket");
    });
    return tensorOf(Ket, [this, ...others]);
  }

  /** The reduced density matrix of |psi><psi| on the subsystems `keep`. */
  ptrace(keep: readonly number[]): Operator {
    return this.proj().ptrace(keep);
  }
}

/** A dual vector <psi| (a row, 1 x `dimension`) with the dimensions of its subsystems. Immutable. */
export class Bra extends QuantumObject {
  /** Always "bra". */
  readonly kind = "bra" as const;

  /** A bra with subsystem dimensions `dims`, zero unless `data` is given (taken over, not copied). */
  constructor(dims: readonly number[], data?: Float64Array) {
    super(1, productOf(dims), dims, data);
  }

  /** A copy with its own data and the same `dims`. */
  override clone(): Bra {
    return new Bra(this.dims, this.data.slice());
  }

  /** The ket |psi> (conjugate transpose), same dims. */
  dag(): Ket {
    return new Ket(this.dims, conjugated(this.data));
  }

  /** this + b. */
  add(b: Bra): Bra {
    return new Bra(vectorDims(this, "b", b, Bra), combined(this, b, 1));
  }

  /** this - b. */
  sub(b: Bra): Bra {
    return new Bra(vectorDims(this, "b", b, Bra), combined(this, b, -1));
  }

  /** z <psi| for a real or complex scalar z. */
  scale(z: ComplexLike): Bra {
    return new Bra(this.dims, scaledData("z", this, z));
  }

  /** The inner product <this|b> for a ket b; the bra <this| b for an operator b. */
  mul(b: Ket): Complex;
  mul(b: Operator): Bra;
  mul(b: Ket | Operator): Complex | Bra {
    if (b instanceof Ket) {
      vectorDims(this, "b", b, Ket);
      return dotData(this.data, b.data, 1);
    }
    const dims = vectorDims(this, "b", b, Operator);
    return new Bra(dims, matmulInto(new ComplexMatrix(1, this.cols), this, b).data);
  }

  /** The tensor product this (x) others[0] (x) ...; dims concatenate. */
  tensor(...others: Bra[]): Bra {
    others.forEach((o, k) => {
      assertInstance(`others[${k}]`, o, Bra, "a Bra");
    });
    return tensorOf(Bra, [this, ...others]);
  }
}

function assertInstance(
  parameter: string,
  value: unknown,
  cls: abstract new (...args: never[]) => unknown,
  what: string,
): void {
  if (!(value instanceof cls)) throw new ParameterError(parameter, what, describeValue(value));
}

/** [re, im] of a scalar given as a number or a complex value; ParameterError naming `parameter` unless finite. */
export function scalarParts(parameter: string, z: ComplexLike): [number, number] {
  const [re, im] =
    typeof z === "number" ? [z, 0] : typeof z === "object" && z !== null ? [z.re, z.im] : [Number.NaN, 0];
  if (!Number.isFinite(re) || !Number.isFinite(im)) {
    throw new ParameterError(parameter, "a finite number or complex value { re, im }", describeValue(z));
  }
  return [re, im];
}

function checkedDims(dims: readonly number[] | undefined, n: number): readonly number[] {
  if (dims === undefined) return [n];
  if (productOf(dims) !== n) throw new DimensionError("dims", `product ${n}`, formatDims(dims));
  return dims;
}

/** Finite and Hermitian within `tolerance` relative to the largest row sum (as `assertHermitian`). */
function isHermitianMatrix(m: ComplexMatrix, tolerance = HERMITICITY_TOLERANCE): boolean {
  for (const x of m.data) if (!Number.isFinite(x)) return false;
  return hermiticityDefect(m) <= tolerance * Math.max(1, maxRowSumNorm(m));
}

type VectorClass = typeof Ket | typeof Bra | typeof Operator;

/** Dims of a vector operation between `a` and `b` after checking b's class and dims. */
function vectorDims(a: QuantumObject, name: string, b: unknown, cls: VectorClass): readonly number[] {
  const what = cls === Ket ? "a Ket" : cls === Bra ? "a Bra" : "an Operator";
  assertInstance(name, b, cls, what);
  return combinedDims(`this ${a.kind}`, a.dims, name, (b as QuantumObject).dims);
}

function combined(a: ComplexMatrix, b: ComplexMatrix, sign: 1 | -1): Float64Array {
  return addInto(new ComplexMatrix(a.rows, a.cols), a, b, 1, sign).data;
}

function scaledData(parameter: string, a: ComplexMatrix, z: ComplexLike): Float64Array {
  const [re, im] = scalarParts(parameter, z);
  return scaleInto(new ComplexMatrix(a.rows, a.cols), a, re, im).data;
}

function conjugated(data: Float64Array): Float64Array {
  const out = data.slice();
  for (let k = 1; k < out.length; k += 2) out[k] = -out[k];
  return out;
}

/**
 * sum_k x_k y_k over interleaved vectors of one length, with x conjugated when `xImSign` is -1
 * (<x|y> for a ket x) and as it is when 1 (a bra x).
 */
function dotData(x: Float64Array, y: Float64Array, xImSign: 1 | -1): Complex {
  let re = 0;
  let im = 0;
  for (let k = 0; k < x.length; k += 2) {
    const xr = x[k];
    const xi = xImSign * x[k + 1];
    re += xr * y[k] - xi * y[k + 1];
    im += xr * y[k + 1] + xi * y[k];
  }
  return new Complex(re, im);
}

/** The Kronecker product of objects of one class, dims concatenated. */
function tensorOf<T extends QuantumObject>(
  cls: new (dims: readonly number[], data?: Float64Array) => T,
  parts: readonly T[],
): T {
  let m: ComplexMatrix = parts[0];
  for (let k = 1; k < parts.length; k++) {
    const b = parts[k];
    m = kronInto(new ComplexMatrix(m.rows * b.rows, m.cols * b.cols), m, b);
  }
  return new cls(
    parts.flatMap((p) => p.dims),
    m === parts[0] ? m.data.slice() : m.data,
  );
}

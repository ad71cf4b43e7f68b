import { DimensionError } from "../errors/dimension-error";
import { ParameterError } from "../errors/parameter-error";
import { ComplexMatrix } from "../linalg/complex-matrix";
import { productOf } from "./dims";
import { Bra, describeValue, Ket, Operator } from "./operator";

// Single-system operators. Qubit basis: index 0 is |+> (spin up, sigma_z = +1) and index 1 is
// |-> (spin down), as in QuTiP, so sigmaZ = diag(1, -1) and sigmaPlus = |+><-| = [[0, 1], [0, 0]].

/** Pauli sigma_x. */
export function sigmaX(): Operator {
  return Operator.of(
    ComplexMatrix.fromReal([
      [0, 1],
      [1, 0],
    ]),
  );
}

/** Pauli sigma_y. */
export function sigmaY(): Operator {
  return Operator.of(
    ComplexMatrix.from([
      [0, { re: 0, im: -1 }],
      [{ re: 0, im: 1 }, 0],
    ]),
  );
}

/** Pauli sigma_z = diag(1, -1) in the basis (|+>, |->). */
export function sigmaZ(): Operator {
  return Operator.of(
    ComplexMatrix.fromReal([
      [1, 0],
      [0, -1],
    ]),
  );
}

/** sigma^+ = |+><-| = (sigma_x + i sigma_y) / 2, which raises the energy of (omega/2) sigma_z. */
export function sigmaPlus(): Operator {
  return Operator.of(
    ComplexMatrix.fromReal([
      [0, 1],
      [0, 0],
    ]),
  );
}

/** sigma^- = |-><+| = (sigma_x - i sigma_y) / 2. */
export function sigmaMinus(): Operator {
  return Operator.of(
    ComplexMatrix.fromReal([
      [0, 0],
      [1, 0],
    ]),
  );
}

/** The n x n identity. */
export function identity(n: number): Operator {
  checkLevels(n);
  return Operator.of(ComplexMatrix.identity(n));
}

/**
 * Bosonic annihilation operator truncated to n levels (occupations 0..n-1):
 * a|k> = sqrt(k)|k-1>. Same as QuTiP's `destroy(n)`.
 */
export function destroy(n: number): Operator {
  checkLevels(n);
  const a = new Operator([n]);
  for (let k = 1; k < n; k++) a.data[2 * ((k - 1) * n + k)] = Math.sqrt(k);
  return a;
}

/** Bosonic creation operator truncated to n levels: a^dagger|k> = sqrt(k+1)|k+1> for k < n-1. */
export function create(n: number): Operator {
  checkLevels(n);
  const a = new Operator([n]);
  for (let k = 1; k < n; k++) a.data[2 * (k * n + k - 1)] = Math.sqrt(k);
  return a;
}

/** Number operator diag(0, 1, ..., n-1). */
export function number(n: number): Operator {
  checkLevels(n);
  const a = new Operator([n]);
  for (let k = 0; k < n; k++) a.data[2 * (k * n + k)] = k;
  return a;
}

/**
 * Tensor product, first argument on the first subsystem; dims concatenate. Takes operators,
 * kets or bras, all of one kind, and returns that kind.
 * @example tensor(basis(2, 0), basis(2, 1)) // |0> (x) |1>, dims [2, 2]
 */
export function tensor(...ops: Operator[]): Operator;
export function tensor(...kets: Ket[]): Ket;
export function tensor(...bras: Bra[]): Bra;
export function tensor(...parts: (Operator | Ket | Bra)[]): Operator | Ket | Bra {
  if (parts.length === 0) throw new ParameterError("ops", "at least one operator, ket or bra", 0);
  const [first, ...rest] = parts;
  if (first instanceof Operator) return first.tensor(...(rest as Operator[]));
  if (first instanceof Ket) return first.tensor(...(rest as Ket[]));
  if (first instanceof Bra) return first.tensor(...(rest as Bra[]));
  throw new ParameterError("ops[0]", "an Operator, a Ket or a Bra", describeValue(first));
}

/**
 * The operator `op` acting on subsystem `site` of a composite system with subsystem dimensions
 * `dims`, identity elsewhere: I (x) ... (x) op (x) ... (x) I.
 * @example embed(sigmaMinus(), 1, [2, 2]) // sigma^-_2 on two qubits
 */
export function embed(op: Operator, site: number, dims: readonly number[]): Operator {
  if (!(op instanceof Operator)) throw new ParameterError("op", "an Operator", describeValue(op));
  const d = productOf(dims);
  if (!Number.isInteger(site) || site < 0 || site >= dims.length) {
    throw new ParameterError("site", `an integer in [0, ${dims.length - 1}]`, site);
  }
  const m = dims[site];
  if (op.dimension !== m) {
    throw new DimensionError("op", `${m} (dims[${site}])`, `${op.dimension}`);
  }
  // Entry (row, col) is op[r][c] when row and col agree on every other subsystem, r and c their
  // digits of subsystem `site` (place value `stride`): the Kronecker product without its chain of
  // intermediate products, O(d m) work.
  let stride = 1;
  for (let k = site + 1; k < dims.length; k++) stride *= dims[k];
  const out = new Operator(dims);
  for (let col = 0; col < d; col++) embedColumn(out.data, op.data, d, m, stride, col);
  return out;
}

/** Column `col` of the embedded operator (see `embed`): m entries. */
function embedColumn(
  out: Float64Array,
  op: Float64Array,
  d: number,
  m: number,
  stride: number,
  col: number,
): void {
  const c = Math.floor(col / stride) % m;
  const base = col - c * stride;
  for (let r = 0; r < m; r++) {
    const at = 2 * ((base + r * stride) * d + col);
    out[at] = op[2 * (r * m + c)];
    out[at + 1] = op[2 * (r * m + c) + 1];
  }
}

/**
 * The operator |k><j| on a space with subsystem dimensions `dims` (a number for one system), as
 * QuTiP's `projection`; j = k (the default) gives the projector onto basis state k.
 */
export function projection(dims: number | readonly number[], k: number, j: number = k): Operator {
  const ds = typeof dims === "number" ? [dims] : dims;
  const n = productOf(ds);
  for (const [name, index] of [
    ["k", k],
    ["j", j],
  ] as const) {
    if (!Number.isInteger(index) || index < 0 || index >= n) {
      throw new ParameterError(name, `an integer in [0, ${n - 1}]`, index);
    }
  }
  const p = new Operator(ds);
  p.data[2 * (k * n + j)] = 1;
  return p;
}

/** The components of a spin j: J_x, J_y, J_z and the ladder operators J_+ = J_x + i J_y, J_- = J_+^dagger. */
export interface SpinOperators {
  /** J_x = (J_+ + J_-) / 2. */
  readonly x: Operator;
  /** J_y = (J_+ - J_-) / (2i). */
  readonly y: Operator;
  /** J_z = diag(j, j - 1, ..., -j). */
  readonly z: Operator;
  /** J_+, raising m by one: J_+|j, m> = sqrt(j(j+1) - m(m+1)) |j, m+1>. */
  readonly plus: Operator;
  /** J_- = J_+^dagger. */
  readonly minus: Operator;
}

/**
 * The spin-j operators in the basis |j, m> ordered m = j, j - 1, ..., -j (index 0 is the highest
 * m), as QuTiP's `jmat`; for j = 1/2 they are sigma / 2 with `sigmaZ = diag(1, -1)`. They satisfy
 * [J_x, J_y] = i J_z (and cyclic) and J_x^2 + J_y^2 + J_z^2 = j(j + 1) I.
 * @param j the spin, a positive multiple of 1/2 (1/2, 1, 3/2, ...).
 */
export function spinOperators(j: number): SpinOperators {
  if (!(j > 0) || !Number.isInteger(2 * j)) throw new ParameterError("j", "a positive multiple of 1/2", j);
  const d = Math.round(2 * j + 1);
  const plus = new Operator([d]);
  const z = new Operator([d]);
  for (let i = 0; i < d; i++) {
    const m = j - i;
    z.data[2 * (i * d + i)] = m;
    // <m+1| J_+ |m> sits in row i - 1, column i.
    if (i > 0) plus.data[2 * ((i - 1) * d + i)] = Math.sqrt(j * (j + 1) - m * (m + 1));
  }
  const minus = plus.dag();
  return {
    x: plus.add(minus).scale(0.5),
    y: plus.sub(minus).scale({ re: 0, im: -0.5 }),
    z,
    plus,
    minus,
  };
}

/** One spin-j operator as QuTiP's `jmat(j, which)`: "x", "y", "z", "+" or "-" (see `spinOperators`). */
export function jmat(j: number, which: "x" | "y" | "z" | "+" | "-"): Operator {
  const ops = spinOperators(j);
  switch (which) {
    case "x":
      return ops.x;
    case "y":
      return ops.y;
    case "z":
      return ops.z;
    case "+":
      return ops.plus;
    case "-":
      return ops.minus;
    default:
      throw new ParameterError("which", '"x", "y", "z", "+" or "-"', which);
  }
}

function checkLevels(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new ParameterError("n", "a positive integer", n);
}

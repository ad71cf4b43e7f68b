import { DimensionError } from "../errors/dimension-error";
import { ParameterError } from "../errors/parameter-error";
import { ComplexMatrix } from "../linalg/complex-matrix";
import { kron } from "../linalg/kernels";
import { Operator } from "./operator";

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

/** Tensor product of operators, first argument on the first subsystem; dims concatenate. */
export function tensor(...ops: Operator[]): Operator {
  if (ops.length === 0) throw new ParameterError("ops", "at least one operator", 0);
  let m: ComplexMatrix = ops[0];
  for (let k = 1; k < ops.length; k++) m = kron(m, ops[k]);
  return Operator.of(
    m,
    ops.flatMap((o) => o.dims),
  );
}

/**
 * The operator `op` acting on subsystem `site` of a composite system with subsystem dimensions
 * `dims`, identity elsewhere: I (x) ... (x) op (x) ... (x) I.
 * @example embed(sigmaMinus(), 1, [2, 2]) // sigma^-_2 on two qubits
 */
export function embed(op: Operator, site: number, dims: readonly number[]): Operator {
  if (!Number.isInteger(site) || site < 0 || site >= dims.length) {
    throw new ParameterError("site", `an integer in [0, ${dims.length - 1}]`, site);
  }
  if (op.dimension !== dims[site]) {
    throw new DimensionError("op", `${dims[site]} (dims[${site}])`, `${op.dimension}`);
  }
  return tensor(...dims.map((d, k) => (k === site ? op : identity(d))));
}

function checkLevels(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new ParameterError("n", "a positive integer", n);
}

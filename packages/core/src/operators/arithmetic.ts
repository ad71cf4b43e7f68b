import { ParameterError } from "../errors/parameter-error";
import type { ComplexMatrix } from "../linalg/complex-matrix";
import {
  add as addMatrices,
  commutator as commutatorOfMatrices,
  dagger as daggerOfMatrix,
  kron as kronOfMatrices,
  matmul as matmulOfMatrices,
  scale as scaleMatrix,
  transpose as transposeOfMatrix,
} from "../linalg/kernels";
import { combinedDims } from "./dims";
import { assertMatrix, Bra, Ket, Operator } from "./operator";

// The allocating conveniences of the linear algebra kernels, as the package exports them: on plain
// matrices they are the kernels (same numbers, same cost plus an O(1) argument check), and on
// Operators (kets, bras) they keep the subsystem dims and check them, as the fluent methods do.
// Code inside the package that needs no dims imports the kernels directly.

/** Dims of a binary operation when both operands are Operators (checked), undefined otherwise. */
function pairDims(a: ComplexMatrix, b: ComplexMatrix): readonly number[] | undefined {
  return a instanceof Operator && b instanceof Operator ? combinedDims("a", a.dims, "b", b.dims) : undefined;
}

function checkPair(a: unknown, b: unknown): asserts a is ComplexMatrix {
  assertMatrix("a", a);
  assertMatrix("b", b);
}

/**
 * alpha a + beta b (alpha, beta real), a new matrix; for two Operators an Operator with their
 * dims (DimensionError when the dims differ, see `Operator`).
 */
export function add(a: Operator, b: Operator, alpha?: number, beta?: number): Operator;
export function add(a: ComplexMatrix, b: ComplexMatrix, alpha?: number, beta?: number): ComplexMatrix;
export function add(a: ComplexMatrix, b: ComplexMatrix, alpha = 1, beta = 1): ComplexMatrix {
  checkPair(a, b);
  const dims = pairDims(a, b);
  const sum = addMatrices(a, b, alpha, beta);
  return dims ? new Operator(dims, sum.data) : sum;
}

/** (re + i im) a, a new matrix; an Operator (same dims) for an Operator. */
export function scale(a: Operator, re: number, im?: number): Operator;
export function scale(a: ComplexMatrix, re: number, im?: number): ComplexMatrix;
export function scale(a: ComplexMatrix, re: number, im = 0): ComplexMatrix {
  assertMatrix("a", a);
  const out = scaleMatrix(a, re, im);
  return a instanceof Operator ? new Operator(a.dims, out.data) : out;
}

/**
 * The matrix product a b, a new matrix: an Operator for two Operators, a Ket for an Operator
 * times a Ket (dims checked as in `Operator.mul`).
 */
export function matmul(a: Operator, b: Operator): Operator;
export function matmul(a: Operator, b: Ket): Ket;
export function matmul(a: ComplexMatrix, b: ComplexMatrix): ComplexMatrix;
export function matmul(a: ComplexMatrix, b: ComplexMatrix): ComplexMatrix {
  checkPair(a, b);
  if (a instanceof Operator && (b instanceof Operator || b instanceof Ket)) return a.mul(b as Operator);
  return matmulOfMatrices(a, b);
}

/** The product of several matrices, left to right; an Operator when all are Operators. */
export function matmulChain(...ms: Operator[]): Operator;
export function matmulChain(...ms: ComplexMatrix[]): ComplexMatrix;
export function matmulChain(...ms: ComplexMatrix[]): ComplexMatrix {
  if (ms.length === 0) throw new ParameterError("ms", "at least one matrix", 0);
  ms.forEach((m, k) => {
    assertMatrix(`ms[${k}]`, m);
  });
  return ms.reduce((acc, m) => matmul(acc, m));
}

/** The conjugate transpose a^dagger, a new matrix; keeps dims (a Ket gives a Bra and back). */
export function dagger(a: Operator): Operator;
export function dagger(a: Ket): Bra;
export function dagger(a: Bra): Ket;
export function dagger(a: ComplexMatrix): ComplexMatrix;
export function dagger(a: ComplexMatrix): ComplexMatrix {
  assertMatrix("a", a);
  if (a instanceof Operator || a instanceof Ket || a instanceof Bra) return a.dag();
  return daggerOfMatrix(a);
}

/** The plain transpose a^T, a new matrix; an Operator (same dims) for an Operator. */
export function transpose(a: Operator): Operator;
export function transpose(a: ComplexMatrix): ComplexMatrix;
export function transpose(a: ComplexMatrix): ComplexMatrix {
  assertMatrix("a", a);
  return a instanceof Operator ? a.trans() : transposeOfMatrix(a);
}

/**
 * The Kronecker product a (x) b (a on the first, slower index), a new matrix; for two Operators
 * (two Kets, two Bras) one of the same kind with the dims concatenated.
 */
export function kron(a: Operator, b: Operator): Operator;
export function kron(a: Ket, b: Ket): Ket;
export function kron(a: Bra, b: Bra): Bra;
export function kron(a: ComplexMatrix, b: ComplexMatrix): ComplexMatrix;
export function kron(a: ComplexMatrix, b: ComplexMatrix): ComplexMatrix {
  checkPair(a, b);
  if (a instanceof Operator && b instanceof Operator) return a.tensor(b);
  if (a instanceof Ket && b instanceof Ket) return a.tensor(b);
  if (a instanceof Bra && b instanceof Bra) return a.tensor(b);
  return kronOfMatrices(a, b);
}

/** The commutator [a, b] = a b - b a, a new matrix; an Operator for two Operators. */
export function commutator(a: Operator, b: Operator): Operator;
export function commutator(a: ComplexMatrix, b: ComplexMatrix): ComplexMatrix;
export function commutator(a: ComplexMatrix, b: ComplexMatrix): ComplexMatrix {
  checkPair(a, b);
  if (a instanceof Operator && b instanceof Operator) return a.comm(b);
  return commutatorOfMatrices(a, b);
}

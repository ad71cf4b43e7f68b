import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { DimensionError } from "../errors/dimension-error";
import { LiouvilleError } from "../errors/liouville-error";
import { ParameterError } from "../errors/parameter-error";
import { ComplexMatrix } from "../linalg/complex-matrix";
import * as kernels from "../linalg/kernels";
import { unvec, vec } from "../superoperators/vectorize";
import { randomHermitian, seededRandom } from "../testing/random";
import { add, commutator, dagger, kron, matmul, matmulChain, scale, transpose } from "./arithmetic";
import {
  create,
  destroy,
  embed,
  identity,
  number,
  sigmaMinus,
  sigmaPlus,
  sigmaX,
  sigmaY,
  sigmaZ,
  tensor,
} from "./builders";
import { traceOfProduct } from "./contractions";
import { type Bra, Ket, Operator } from "./operator";
import {
  basis,
  coherent,
  expect as expectation,
  ket2dm,
  partialTrace,
  thermalState,
  traceOf,
} from "./states";

/** Sums and products of O(1) entries: a few ulps of rounding. */
const ROUNDING = 1e-14;

const { maxAbsDiff } = kernels;

/** Two operators on a qubit (x) qutrit, dims [2, 3], and one with the subsystems the other way round. */
const a = tensor(sigmaX(), destroy(3));
const b = tensor(sigmaZ(), create(3).add(number(3)));
const swapped = tensor(destroy(3), sigmaX()); // dims [3, 2], also 6 x 6
const psi = basis([2, 3], [0, 1])
  .add(basis([2, 3], [1, 2]).scale({ re: 0, im: 1 }))
  .unit();
const psiSwapped = basis([3, 2], [1, 0]);

/** Each operation under test, with what it must return. */
const keepsDims: [string, () => Operator | Ket | Bra, readonly number[]][] = [
  ["a.add(b)", () => a.add(b), [2, 3]],
  ["a.sub(b)", () => a.sub(b), [2, 3]],
  ["a.mul(b)", () => a.mul(b), [2, 3]],
  ["a.scale(z)", () => a.scale({ re: 0.5, im: -2 }), [2, 3]],
  ["a.dag()", () => a.dag(), [2, 3]],
  ["a.trans()", () => a.trans(), [2, 3]],
  ["a.comm(b)", () => a.comm(b), [2, 3]],
  ["a.pow(3)", () => a.pow(3), [2, 3]],
  ["a.expm()", () => a.scale(0.1).expm(), [2, 3]],
  ["a.tensor(b, sigmaY())", () => a.tensor(b, sigmaY()), [2, 3, 2, 3, 2]],
  ["a.ptrace([1])", () => a.mul(b).ptrace([1]), [3]],
  ["a.tensor(b).ptrace([3, 0])", () => a.tensor(b).ptrace([3, 0]), [2, 3]],
  ["embed(destroy(3), 1, [2, 3, 2])", () => embed(destroy(3), 1, [2, 3, 2]), [2, 3, 2]],
  ["add(a, b)", () => add(a, b, 2, -1), [2, 3]],
  ["scale(a, re, im)", () => scale(a, 1, 2), [2, 3]],
  ["matmul(a, b)", () => matmul(a, b), [2, 3]],
  ["matmulChain(a, b, a)", () => matmulChain(a, b, a), [2, 3]],
  ["dagger(a)", () => dagger(a), [2, 3]],
  ["transpose(a)", () => transpose(a), [2, 3]],
  ["commutator(a, b)", () => commutator(a, b), [2, 3]],
  ["kron(a, b)", () => kron(a, b), [2, 3, 2, 3]],
  ["a.mul(psi)", () => a.mul(psi), [2, 3]],
  ["matmul(a, psi)", () => matmul(a, psi), [2, 3]],
  ["psi.add(psi)", () => psi.add(psi), [2, 3]],
  ["psi.sub(psi)", () => psi.sub(psi), [2, 3]],
  ["psi.scale(z)", () => psi.scale({ re: 0, im: 2 }), [2, 3]],
  ["psi.dag()", () => psi.dag(), [2, 3]],
  ["psi.dag().mul(a)", () => psi.dag().mul(a), [2, 3]],
  ["psi.mul(psi.dag())", () => psi.mul(psi.dag()), [2, 3]],
  ["psi.tensor(basis(2, 1))", () => psi.tensor(basis(2, 1)), [2, 3, 2]],
  ["psi.dag().tensor(...)", () => psi.dag().tensor(basis(2, 1).dag()), [2, 3, 2]],
  ["kron(psi, psi)", () => kron(psi, psi), [2, 3, 2, 3]],
  ["psi.ptrace([0])", () => psi.ptrace([0]), [2]],
  ["partialTrace(psi, [1])", () => partialTrace(psi, [1]), [3]],
  ["tensor(ket, ket)", () => tensor(basis(2, 0), basis(3, 2)), [2, 3]],
];

describe("operators keep their subsystem dims", () => {
  it.each(keepsDims)("%s", (_, op, dims) => {
    const result = op();
    expect(result.dims).toEqual(dims);
    expect(Object.isFrozen(result.dims)).toBe(true);
  });

  it("the free functions give the kernels' numbers, with the Operator's dims and class", () => {
    const pairs: [ComplexMatrix, ComplexMatrix][] = [
      [add(a, b, 2, -1), kernels.add(a.toMatrix(), b.toMatrix(), 2, -1)],
      [scale(a, 1, 2), kernels.scale(a.toMatrix(), 1, 2)],
      [matmul(a, b), kernels.matmul(a.toMatrix(), b.toMatrix())],
      [dagger(a), kernels.dagger(a.toMatrix())],
      [transpose(a), kernels.transpose(a.toMatrix())],
      [commutator(a, b), kernels.commutator(a.toMatrix(), b.toMatrix())],
      [kron(a, b), kernels.kron(a.toMatrix(), b.toMatrix())],
    ];
    for (const [structured, plain] of pairs) {
      expect(structured).toBeInstanceOf(Operator);
      expect(structured.data).toEqual(plain.data);
    }
    // Plain matrices stay plain.
    expect(add(a.toMatrix(), b.toMatrix())).not.toBeInstanceOf(Operator);
  });

  it("fluent and free forms agree: a.mul(b).sub(b.mul(a)) is the commutator, a.dag() the kernel's dagger", () => {
    expect(maxAbsDiff(a.mul(b).sub(b.mul(a)), a.comm(b))).toBeLessThan(ROUNDING);
    expect(a.dag().data).toEqual(kernels.dagger(a).data);
    expect(psi.dag().dag().data).toEqual(psi.data);
    // <psi| a |psi> three ways.
    const viaBra = psi.dag().mul(a.mul(psi));
    const viaDm = expectation(a, psi.proj());
    const viaKet = a.expect(psi);
    expect(Math.hypot(viaBra.re - viaDm.re, viaBra.im - viaDm.im)).toBeLessThan(ROUNDING);
    expect(Math.hypot(viaKet.re - viaDm.re, viaKet.im - viaDm.im)).toBeLessThan(ROUNDING);
  });

  it("a flat operand (one subsystem of the same total dimension) takes the other's dims", () => {
    const flat = Operator.of(b.toMatrix()); // dims [6]
    expect(flat.dims).toEqual([6]);
    expect(a.add(flat).dims).toEqual([2, 3]);
    expect(flat.add(a).dims).toEqual([2, 3]);
    expect(flat.mul(psi).dims).toEqual([2, 3]);
    expect(add(flat, a).dims).toEqual([2, 3]);
  });
});

describe("mismatched dims are refused with a DimensionError naming the operand and the dims", () => {
  const mismatched: [string, () => unknown][] = [
    ["a.add(swapped)", () => a.add(swapped)],
    ["a.sub(swapped)", () => a.sub(swapped)],
    ["a.mul(swapped)", () => a.mul(swapped)],
    ["a.comm(swapped)", () => a.comm(swapped)],
    ["a.mul(ket of dims [3, 2])", () => a.mul(psiSwapped)],
    ["a.expect(ket of dims [3, 2])", () => a.expect(psiSwapped)],
    ["a.expect(operator of dims [3, 2])", () => a.expect(swapped)],
    ["psi.add(ket of dims [3, 2])", () => psi.add(psiSwapped)],
    ["psi.overlap(ket of dims [3, 2])", () => psi.overlap(psiSwapped)],
    ["psi.dag().mul(ket of dims [3, 2])", () => psi.dag().mul(psiSwapped)],
    ["psi.mul(bra of dims [3, 2])", () => psi.mul(psiSwapped.dag())],
    ["psi.dag().mul(operator of dims [3, 2])", () => psi.dag().mul(swapped)],
    ["add(a, swapped)", () => add(a, swapped)],
    ["matmul(a, swapped)", () => matmul(a, swapped)],
    ["commutator(a, swapped)", () => commutator(a, swapped)],
    ["expect(a, swapped)", () => expectation(a, swapped)],
  ];
  it.each(mismatched)("%s", (_, f) => {
    expect(f).toThrow(DimensionError);
    expect(f).toThrow(/dims \[2, 3\].*dims \[3, 2\]/);
  });

  it("different total dimensions are refused too", () => {
    expect(() => sigmaX().add(identity(3))).toThrow(DimensionError);
    expect(() => sigmaX().mul(basis(3, 0))).toThrow(/b must have dimension dims \[2\]/);
    expect(() => embed(sigmaX(), 0, [3, 2])).toThrow(DimensionError);
  });
});

describe("immutability", () => {
  it("no operation changes its operands", () => {
    const snapshots = [a, b, psi].map((o) => o.data.slice());
    for (const [, op] of keepsDims) op();
    [a, b, psi].forEach((o, k) => {
      expect(o.data).toEqual(snapshots[k]);
    });
  });

  it("set throws; toMatrix is a mutable copy that leaves the operator as it was", () => {
    const x = sigmaX();
    expect(() => x.set(0, 0, 1)).toThrow(LiouvilleError);
    expect(() => basis(2, 0).set(0, 0, 2)).toThrow(/ket is immutable/);
    const m = x.toMatrix().set(0, 0, 7);
    expect(m.re(0, 0)).toBe(7);
    expect(x.re(0, 0)).toBe(0);
  });

  it("each builder call has its own storage: writing into one result changes no other", () => {
    const builders: (() => Operator | Ket)[] = [
      sigmaX,
      sigmaY,
      sigmaZ,
      sigmaPlus,
      sigmaMinus,
      () => identity(2),
      () => destroy(2),
      () => create(2),
      () => number(2),
      () => basis(2, 0),
    ];
    for (const build of builders) {
      const first = build();
      const reference = first.data.slice();
      const second = build();
      second.data.fill(42); // the storage is reachable (for the kernels); the other result must not care
      expect(first.data).toEqual(reference);
      expect(build().data).toEqual(reference);
    }
  });

  it("Operator.of and Ket.of copy their input", () => {
    const m = ComplexMatrix.fromReal([
      [1, 2],
      [3, 4],
    ]);
    const op = Operator.of(m);
    const ket = Ket.of(ComplexMatrix.fromReal([[1], [0]]));
    m.set(0, 0, 9);
    expect(op.re(0, 0)).toBe(1);
    expect(op.clone().data).not.toBe(op.data);
    expect(ket.amplitude(0).re).toBe(1);
  });
});

describe("printing", () => {
  it("a 2x2 Pauli prints as a matrix with its dims", () => {
    expect(sigmaZ().toString()).toBe("Operator dims [2] (2x2, Hermitian)\n[ 1   0 ]\n[ 0  -1 ]");
    expect(sigmaY().toString()).toBe("Operator dims [2] (2x2, Hermitian)\n[ 0  -i ]\n[ i   0 ]");
    expect(sigmaPlus().toString()).toBe("Operator dims [2] (2x2)\n[ 0  1 ]\n[ 0  0 ]");
  });

  it("console.log prints the same text (util.inspect.custom)", () => {
    expect(inspect(sigmaX())).toBe(sigmaX().toString());
    expect(inspect({ h: sigmaX() })).toContain("[ 1  0 ]");
  });

  it("complex entries with four significant digits, rounding residue as 0, kets as a column", () => {
    const plus = basis(2, 0)
      .add(basis(2, 1).scale({ re: 0, im: 1 }))
      .unit();
    expect(plus.toString()).toBe("Ket dims [2] (2x1)\n[  0.7071 ]\n[ 0.7071i ]");
    const m = Operator.of(
      ComplexMatrix.from([
        [
          { re: 1, im: 1e-17 },
          { re: -0.123456, im: 2 },
        ],
        [12345.6, { re: 0, im: -1 }],
      ]),
    );
    expect(m.toString()).toBe("Operator dims [2] (2x2)\n[        1  -0.1235+2i ]\n[ 1.235e+4          -i ]");
  });

  it("large operators are summarised", () => {
    const big = tensor(sigmaX(), sigmaX(), sigmaX(), sigmaX());
    expect(big.toString()).toBe(
      "Operator dims [2, 2, 2, 2] (16x16, Hermitian): 16 nonzero entries of 256, Frobenius norm 4",
    );
  });
});

describe("JavaScript callers get typed errors, not TypeErrors", () => {
  const wrongs: [string, () => unknown, RegExp][] = [
    [
      "unvec(array, 2)",
      () => unvec([1, 0, 0, 0, 0, 0, 1, 0] as never, 2 as never),
      /^v must be a Float64Array/,
    ],
    ["unvec(v, 2)", () => unvec(new Float64Array(8), 2 as never), /^out must be a ComplexMatrix/],
    [
      "unvec(v, 3x3)",
      () => unvec(new Float64Array(8), new ComplexMatrix(3, 3)),
      /^out must have dimension 2x2/,
    ],
    ["vec(array)", () => vec([[1]] as never), /^x must be a ComplexMatrix/],
    ["add(array, op)", () => add([[1, 0]] as never, sigmaX()), /^a must be a ComplexMatrix/],
    ["matmul(op, null)", () => matmul(sigmaX(), null as never), /^b must be a ComplexMatrix/],
    ["a.add(2)", () => sigmaX().add(2 as never), /^b must be an Operator \(got 2\)/],
    ["a.mul(matrix)", () => sigmaX().mul(ComplexMatrix.identity(2) as never), /^b must be an Operator/],
    [
      "a.scale('x')",
      () => sigmaX().scale("x" as never),
      /^z must be a finite number or complex value \{ re, im \} \(got string x\)/,
    ],
    ["a.scale(NaN)", () => sigmaX().scale(Number.NaN), /^z must be a finite number/],
    ["a.tensor(ket)", () => sigmaX().tensor(basis(2, 0) as never), /^others\[0\] must be an Operator/],
    ["a.ptrace(1)", () => a.ptrace(1 as never), /^keep must be a list/],
    ["a.ptrace([2])", () => a.ptrace([2]), /^keep must be subsystem indices in \[0, 1\]/],
    ["a.pow(-1)", () => a.pow(-1), /^k must be an integer >= 0/],
    ["tensor()", () => tensor(), /^ops must be at least one/],
    ["tensor(1)", () => tensor(1 as never), /^ops\[0\] must be an Operator, a Ket or a Bra \(got 1\)/],
    ["Operator.of(array)", () => Operator.of([[1]] as never), /^matrix must be a ComplexMatrix/],
    [
      "Operator.of(m, [3])",
      () => Operator.of(ComplexMatrix.identity(2), [3]),
      /^dims must have dimension product 2/,
    ],
    ["new Operator([2, 0])", () => new Operator([2, 0]), /^dims must be a list of positive integers/],
    ["Ket.of([])", () => Ket.of([]), /^amplitudes must be a non-empty array/],
    ["Ket.of(['a'])", () => Ket.of(["a" as never]), /^amplitudes\[0\] must be a finite number/],
    ["zero.unit()", () => new Ket([2]).unit(), /^ket must be nonzero and finite to normalise \(got norm 0\)/],
    ["matmulChain()", () => matmulChain(), /^ms must be at least one matrix/],
    ["coherent(4, 'a')", () => coherent(4, "a" as never), /^alpha must be a finite number/],
    ["traceOf(3)", () => traceOf(3 as never), /^rho must be a ComplexMatrix \(or an Operator\) \(got 3\)/],
    [
      "traceOfProduct(array, op)",
      () => traceOfProduct([[1]] as never, sigmaX()),
      /^a must be a ComplexMatrix/,
    ],
    ["expect(array, op)", () => expectation([[1]] as never, sigmaX()), /^op must be a ComplexMatrix/],
    [
      "thermalState(string, 1)",
      () => thermalState("h" as never, 1),
      /^hamiltonian must be a ComplexMatrix \(or an Operator\) \(got string h\)/,
    ],
    [
      "partialTrace(array, [0])",
      () => partialTrace([] as never, [0]),
      /^rho must be an Operator or a Ket \(got an array of length 0\)/,
    ],
    ["ket2dm(op)", () => ket2dm(sigmaX() as never), /^psi must be a Ket \(got an object of class Operator\)/],
    [
      "embed(matrix, 0, [2])",
      () => embed(ComplexMatrix.identity(2) as never, 0, [2]),
      /^op must be an Operator/,
    ],
  ];
  it.each(wrongs)("%s", (_, f, message) => {
    let thrown: unknown;
    try {
      f();
    } catch (e) {
      thrown = e;
    }
    expect(thrown instanceof ParameterError || thrown instanceof DimensionError).toBe(true);
    expect((thrown as Error).message).toMatch(message);
  });
});

describe("operator functions", () => {
  /** expm of matrices with norm up to ~30: rounding grows with the 2^5 squarings, ~1e-13 relative. */
  const EXPM_TOLERANCE = 1e-12;

  it("expm: a spin rotation and the phases of a diagonal Hamiltonian, against their closed forms", () => {
    const theta = 1.3;
    const rotation = sigmaX()
      .scale({ re: 0, im: -theta / 2 })
      .expm();
    const closed = identity(2)
      .scale(Math.cos(theta / 2))
      .add(sigmaX().scale({ re: 0, im: -Math.sin(theta / 2) }));
    expect(maxAbsDiff(rotation, closed)).toBeLessThan(EXPM_TOLERANCE);
    const t = 2.7;
    const u = number(12).scale({ re: 0, im: -t }).expm(); // ||t N|| = 29.7
    for (let k = 0; k < 12; k++) {
      expect(Math.hypot(u.re(k, k) - Math.cos(k * t), u.im(k, k) + Math.sin(k * t))).toBeLessThan(
        EXPM_TOLERANCE,
      );
    }
  });

  it("expm agrees with the eigen-decomposition for a random Hermitian generator (unitary e^{-iH})", () => {
    const h = Operator.of(randomHermitian(6, seededRandom(11)), [2, 3]);
    const u = h.scale({ re: 0, im: -1 }).expm();
    expect(maxAbsDiff(u.mul(u.dag()), identity(6))).toBeLessThan(EXPM_TOLERANCE);
    // e^{-iH} commutes with H, and e^{-iH} e^{iH} = I.
    expect(maxAbsDiff(u.comm(h), new Operator([6]))).toBeLessThan(EXPM_TOLERANCE);
    expect(maxAbsDiff(u.mul(h.scale({ re: 0, im: 1 }).expm()), identity(6))).toBeLessThan(EXPM_TOLERANCE);
  });

  it("pow, tr, isHermitian", () => {
    expect(maxAbsDiff(sigmaX().pow(2), identity(2))).toBe(0);
    expect(maxAbsDiff(destroy(4).pow(4), new Operator([4]))).toBe(0);
    expect(maxAbsDiff(a.pow(0), identity(6))).toBe(0);
    expect(number(5).tr().re).toBe(10);
    expect(a.tensor(b).tr().im).toBe(0);
    expect(sigmaY().isHermitian()).toBe(true);
    expect(sigmaPlus().isHermitian()).toBe(false);
  });
});

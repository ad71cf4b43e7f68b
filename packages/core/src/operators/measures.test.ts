import { describe, expect, it } from "vitest";
import { DimensionError } from "../errors/dimension-error";
import { ParameterError } from "../errors/parameter-error";
import { ComplexMatrix } from "../linalg/complex-matrix";
import { add, kron, scale } from "../linalg/kernels";
import { sigmaX, sigmaY, sigmaZ } from "./builders";
import { concurrence, fidelity, purity, relativeEntropy, traceDistance, vonNeumannEntropy } from "./measures";

/** Closed forms against eigen-decompositions of small matrices: rounding only. */
const CLOSED_FORM = 1e-12;
/**
 * Quantities through square roots of eigenvalues that are zero in exact arithmetic (a pure or
 * rank-deficient state): a rounding of 1e-16 there becomes 1e-8.
 */
const ROOT_ROUNDING = 1e-7;

/** The qubit state (I + r . sigma) / 2 for a Bloch vector r (|r| <= 1). */
function bloch(x: number, y: number, z: number): ComplexMatrix {
  const m = add(add(scale(sigmaX(), x), scale(sigmaY(), y)), scale(sigmaZ(), z));
  return scale(add(ComplexMatrix.identity(2), m), 0.5);
}

/** |psi><psi| for a ket given by its complex amplitudes [re, im]. */
function pure(amplitudes: readonly [number, number][]): ComplexMatrix {
  const n = amplitudes.length;
  const m = new ComplexMatrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const [ar, ai] = amplitudes[i];
      const [br, bi] = amplitudes[j];
      m.data[2 * (i * n + j)] = ar * br + ai * bi;
      m.data[2 * (i * n + j) + 1] = ai * br - ar * bi;
    }
  }
  return m;
}

const h = Math.SQRT1_2;
const singlet = pure([
  [0, 0],
  [h, 0],
  [-h, 0],
  [0, 0],
]);

describe("information measures against closed forms", () => {
  it("purity and entropy: pure states, the maximally mixed state, a qubit of Bloch length r", () => {
    expect(Math.abs(purity(singlet) - 1)).toBeLessThan(CLOSED_FORM);
    expect(Math.abs(vonNeumannEntropy(singlet))).toBeLessThan(CLOSED_FORM);
    const mixed = scale(ComplexMatrix.identity(4), 0.25);
    expect(Math.abs(purity(mixed) - 0.25)).toBeLessThan(CLOSED_FORM);
    expect(Math.abs(vonNeumannEntropy(mixed) - Math.log(4))).toBeLessThan(CLOSED_FORM);
    expect(Math.abs(vonNeumannEntropy(mixed, 2) - 2)).toBeLessThan(CLOSED_FORM);
    const r = 0.6;
    const q = bloch(0.36, 0.48, 0); // |r| = 0.6
    const p = [(1 + r) / 2, (1 - r) / 2];
    expect(Math.abs(purity(q) - (1 + r * r) / 2)).toBeLessThan(CLOSED_FORM);
    expect(Math.abs(vonNeumannEntropy(q) + p[0] * Math.log(p[0]) + p[1] * Math.log(p[1]))).toBeLessThan(
      CLOSED_FORM,
    );
  });

  it("qubits: trace distance |r - s| / 2 and fidelity^2 = Tr(rho sigma) + 2 sqrt(det rho det sigma)", () => {
    const r = [0.3, -0.2, 0.5];
    const s = [-0.1, 0.4, 0.6];
    const a = bloch(r[0], r[1], r[2]);
    const b = bloch(s[0], s[1], s[2]);
    const dist = Math.hypot(r[0] - s[0], r[1] - s[1], r[2] - s[2]) / 2;
    expect(Math.abs(traceDistance(a, b) - dist)).toBeLessThan(CLOSED_FORM);
    const dot = r[0] * s[0] + r[1] * s[1] + r[2] * s[2];
    const det = (v: number[]) => (1 - (v[0] ** 2 + v[1] ** 2 + v[2] ** 2)) / 4;
    const f2 = (1 + dot) / 2 + 2 * Math.sqrt(det(r) * det(s));
    expect(Math.abs(fidelity(a, b) ** 2 - f2)).toBeLessThan(CLOSED_FORM);
    expect(Math.abs(fidelity(a, b) - fidelity(b, a))).toBeLessThan(CLOSED_FORM);
    expect(Math.abs(fidelity(a, a) - 1)).toBeLessThan(ROOT_ROUNDING);
    expect(traceDistance(a, a)).toBeLessThan(CLOSED_FORM);
  });

  it("relative entropy: the Kullback-Leibler divergence of commuting states, 0 for equal ones, infinite off the support", () => {
    const p = [0.5, 0.3, 0.2];
    const q = [0.2, 0.2, 0.6];
    const kl = p.reduce((s, x, i) => s + x * Math.log(x / q[i]), 0);
    const rho = ComplexMatrix.diagonal(p);
    const sigma = ComplexMatrix.diagonal(q);
    expect(Math.abs(relativeEntropy(rho, sigma) - kl)).toBeLessThan(CLOSED_FORM);
    expect(relativeEntropy(rho, rho)).toBeLessThan(CLOSED_FORM);
    expect(relativeEntropy(rho, ComplexMatrix.diagonal([0.5, 0.5, 0]))).toBe(Number.POSITIVE_INFINITY);
    // A pure qubit against the maximally mixed one: ln 2 - S(pure) = ln 2.
    expect(
      Math.abs(relativeEntropy(bloch(0, 0.6, 0.8), scale(ComplexMatrix.identity(2), 0.5)) - Math.log(2)),
    ).toBeLessThan(CLOSED_FORM);
  });

  it("concurrence: 1 for the singlet, 0 for a product state, max(0, (3p - 1)/2) for Werner states", () => {
    expect(Math.abs(concurrence(singlet) - 1)).toBeLessThan(ROOT_ROUNDING);
    expect(concurrence(kron(bloch(0.2, 0.1, 0.3), bloch(0, 0, 1)))).toBeLessThan(ROOT_ROUNDING);
    for (const p of [0.2, 1 / 3, 0.5, 0.9]) {
      const werner = add(scale(singlet, p), scale(ComplexMatrix.identity(4), (1 - p) / 4));
      expect(Math.abs(concurrence(werner) - Math.max(0, (3 * p - 1) / 2))).toBeLessThan(ROOT_ROUNDING);
    }
  });

  it("refuses non-Hermitian input and mismatched sizes with typed errors", () => {
    const notHermitian = ComplexMatrix.fromReal([
      [1, 1],
      [0, 0],
    ]);
    expect(() => purity(notHermitian)).toThrow(ParameterError);
    expect(() => traceDistance(bloch(0, 0, 1), singlet)).toThrow(DimensionError);
    expect(() => concurrence(bloch(0, 0, 1))).toThrow(DimensionError);
  });
});

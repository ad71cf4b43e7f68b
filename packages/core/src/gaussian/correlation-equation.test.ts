import { describe, expect, it } from "vitest";
import { ComplexMatrix } from "../linalg/complex-matrix";
import { add, dagger, kron, matmul, scale, traceParts } from "../linalg/kernels";
import { randomHermitian, seededRandom } from "../testing/random";
import { correlationEquation } from "./correlation-equation";
import { gaussianHeatCurrents } from "./gaussian-heat-currents";
import type { LinearJump, QuadraticBosonicSystem } from "./quadratic-bosonic-system";

/** Agreement of the moment equation with a brute-force Fock-space Lindbladian (rounding only). */
const FOCK_TOLERANCE = 1e-12;
/** Levels kept per mode: the random states live on n <= 1, and the Lindbladian reaches n <= 3. */
const LEVELS = 4;

// An independent reference: the master equation in a truncated Fock space, on states whose
// support (n <= 1 per mode) keeps every product of ladder operators exact at this cutoff.

function destroy(d: number): ComplexMatrix {
  const a = new ComplexMatrix(d, d);
  for (let n = 1; n < d; n++) a.set(n - 1, n, Math.sqrt(n));
  return a;
}

function modeOperator(op: ComplexMatrix, mode: number, modes: number): ComplexMatrix {
  let out = mode === 0 ? op : ComplexMatrix.identity(LEVELS);
  for (let k = 1; k < modes; k++) out = kron(out, k === mode ? op : ComplexMatrix.identity(LEVELS));
  return out;
}

function linearCombination(ops: ComplexMatrix[], c: readonly { re: number; im: number }[]): ComplexMatrix {
  let out = ComplexMatrix.zeros(ops[0].rows);
  ops.forEach((op, i) => {
    out = add(out, scale(op, c[i].re, c[i].im));
  });
  return out;
}

function dissipator(l: ComplexMatrix, rho: ComplexMatrix): ComplexMatrix {
  const ld = dagger(l);
  const ldl = matmul(ld, l);
  const jump = matmul(matmul(l, rho), ld);
  const anti = add(matmul(ldl, rho), matmul(rho, ldl));
  return add(jump, anti, 1, -0.5);
}

function expectation(op: ComplexMatrix, rho: ComplexMatrix): { re: number; im: number } {
  const [re, im] = traceParts(matmul(op, rho));
  return { re, im };
}

/** A random density matrix with support on the states with at most one quantum per mode. */
function randomLowState(modes: number, rand: () => number): ComplexMatrix {
  const dim = LEVELS ** modes;
  const low: number[] = [];
  for (let s = 0; s < dim; s++) {
    let t = s;
    let ok = true;
    for (let k = 0; k < modes; k++) {
      if (t % LEVELS > 1) ok = false;
      t = Math.floor(t / LEVELS);
    }
    if (ok) low.push(s);
  }
  const a = new ComplexMatrix(dim, dim);
  for (const i of low) for (const j of low) a.set(i, j, { re: 2 * rand() - 1, im: 2 * rand() - 1 });
  const rho = matmul(a, dagger(a));
  return scale(rho, 1 / traceParts(rho)[0]);
}

function randomSystem(modes: number, rand: () => number): QuadraticBosonicSystem {
  const jumps: LinearJump[] = [];
  const baths = ["A", "B", "C"];
  for (let j = 0; j < 5; j++) {
    const coefficients = Array.from({ length: modes }, () => ({ re: 2 * rand() - 1, im: 2 * rand() - 1 }));
    jumps.push({
      bath: baths[j % 3],
      kind: rand() < 0.5 ? "lowering" : "raising",
      coefficients,
      rate: rand(),
    });
  }
  return { modes, hamiltonian: randomHermitian(modes, rand), jumps };
}

function fockCheck(system: QuadraticBosonicSystem, rho: ComplexMatrix) {
  const m = system.modes;
  const a = Array.from({ length: m }, (_, i) => modeOperator(destroy(LEVELS), i, m));
  const ad = a.map((op) => dagger(op));
  let hFock = ComplexMatrix.zeros(LEVELS ** m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      const h = system.hamiltonian.get(i, j);
      hFock = add(hFock, scale(matmul(ad[i], a[j]), h.re, h.im));
    }
  }
  const perBath: Record<string, ComplexMatrix> = {};
  let lrho = add(matmul(hFock, rho), matmul(rho, hFock), 1, -1);
  lrho = scale(lrho, 0, -1);
  for (const jump of system.jumps) {
    const c = jump.coefficients.map((v) => (typeof v === "number" ? { re: v, im: 0 } : v));
    const l = linearCombination(jump.kind === "lowering" ? a : ad, c);
    const d = scale(dissipator(l, rho), jump.rate);
    perBath[jump.bath] = perBath[jump.bath] ? add(perBath[jump.bath], d) : d;
    lrho = add(lrho, d);
  }
  const n = new ComplexMatrix(m, m);
  const dndt = new ComplexMatrix(m, m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      const op = matmul(ad[i], a[j]);
      n.set(i, j, expectation(op, rho));
      dndt.set(i, j, expectation(op, lrho));
    }
  }
  const currents: Record<string, number> = {};
  for (const [bath, d] of Object.entries(perBath)) currents[bath] = expectation(hFock, d).re;
  return { n, dndt, currents };
}

describe("correlationEquation", () => {
  it("has the thermal single-mode form X = i w - g/2, P = g n", () => {
    const { drift, diffusion } = correlationEquation({
      modes: 1,
      hamiltonian: ComplexMatrix.from([[2]]),
      jumps: [
        { bath: "A", kind: "lowering", rate: 0.3, coefficients: [1] },
        { bath: "A", kind: "raising", rate: 0.1, coefficients: [1] },
      ],
    });
    expect(drift.re(0, 0)).toBeCloseTo(-0.1, 15);
    expect(drift.im(0, 0)).toBe(2);
    expect(diffusion.re(0, 0)).toBeCloseTo(0.1, 15);
    expect(diffusion.im(0, 0)).toBe(0);
  });

  it.each([2, 3])(
    "matches Tr[a_i^dag a_j L(rho)] of a Fock-space Lindbladian (%i modes, seeded)",
    (modes) => {
      const rand = seededRandom(1000 + modes);
      for (let trial = 0; trial < 3; trial++) {
        const system = randomSystem(modes, rand);
        const rho = randomLowState(modes, rand);
        const ref = fockCheck(system, rho);
        const { drift: x, diffusion: p } = correlationEquation(system);
        const predicted = add(add(matmul(x, ref.n), matmul(ref.n, dagger(x))), p);
        for (let k = 0; k < predicted.data.length; k++) {
          expect(Math.abs(predicted.data[k] - ref.dndt.data[k])).toBeLessThan(FOCK_TOLERANCE);
        }
      }
    },
  );

  it.each([2, 3])("gives heat currents equal to Tr[H D_X(rho)] in Fock space (%i modes, seeded)", (modes) => {
    const rand = seededRandom(2000 + modes);
    for (let trial = 0; trial < 3; trial++) {
      const system = randomSystem(modes, rand);
      const rho = randomLowState(modes, rand);
      const ref = fockCheck(system, rho);
      const currents = gaussianHeatCurrents(system, ref.n);
      expect(Object.keys(currents).sort()).toEqual(Object.keys(ref.currents).sort());
      for (const bath of Object.keys(ref.currents)) {
        expect(Math.abs(currents[bath] - ref.currents[bath])).toBeLessThan(FOCK_TOLERANCE);
      }
    }
  });
});

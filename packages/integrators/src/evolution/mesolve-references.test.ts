import {
  add,
  basisState,
  ComplexMatrix,
  dagger,
  destroy,
  dissipatorTerms,
  hamiltonianTerms,
  identity,
  MatrixFreeSuperoperator,
  matmul,
  Operator,
  scale,
  sigmaMinus,
  sigmaPlus,
  sigmaX,
  sigmaY,
  sigmaZ,
  tensor,
  vec,
} from "@liouville/core";
import { describe, expect, test } from "vitest";
import { exactPropagation } from "../test-support/matrix-exponential";
import fixtures from "./fixtures/qutip-mesolve.json" with { type: "json" };
import { mesolve } from "./mesolve";

// mesolve against references: the matrix exponential of a constant generator, the analytic Rabi
// solutions of a driven qubit (undamped, and damped on resonance: Torrey's solution), and QuTiP's
// mesolve on three problems stored as fixtures (scripts/qutip-mesolve-fixtures.py).

/** Integration tolerances of these tests. */
const RTOL = 1e-10;
const ATOL = 1e-12;
/** Agreement with a closed form or a matrix exponential: the global error of rk45 at RTOL over these spans. */
const CLOSED_FORM = 1e-8;
/**
 * Agreement with QuTiP, which integrates at rtol 1e-10, atol 1e-12 too (Adams, against our
 * rk45): measured largest differences between 5e-10 and 1e-9 on one problem, below 3e-10 on the others.
 */
const QUTIP_AGREEMENT = 2e-9;

const ground = basisState(2, 1); // sigma_z = -1, as QuTiP's basis(2, 1)

/**
 * A qubit exchanging quanta with a three-level oscillator, both decaying:
 * H = (wq / 2) sigma_z x 1 + wc a^dagger a + k (sigma_+ a + sigma_- a^dagger), collapse a and sigma_-.
 */
function qubitQutrit(p: { wq: number; wc: number; k: number; gc: number; gq: number }) {
  const a = tensor(identity(2), destroy(3));
  const sm = tensor(sigmaMinus(), identity(3));
  const h = add(
    add(scale(tensor(sigmaZ(), identity(3)), p.wq / 2), scale(matmul(dagger(a), a), p.wc)),
    scale(add(matmul(dagger(sm), a), matmul(sm, dagger(a))), p.k),
  );
  const collapse = [
    { operator: a, rate: p.gc },
    { operator: sm, rate: p.gq },
  ];
  return { h: Operator.of(h, [2, 3]), collapse };
}

/** The largest |difference| of two density matrices, entry by entry. */
function maxEntryDifference(a: ComplexMatrix, re: readonly number[], im: readonly number[]): number {
  let m = 0;
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.cols; j++) {
      const k = i * a.cols + j;
      m = Math.max(m, Math.abs(a.re(i, j) - re[k]), Math.abs(a.im(i, j) - im[k]));
    }
  }
  return m;
}

describe("mesolve against the matrix exponential", () => {
  test("a qubit exchanging quanta with a three-level oscillator, both decaying: rho(t) = exp(L t) rho0", () => {
    const { h, collapse } = qubitQutrit({ wq: 1, wc: 1.1, k: 0.1, gc: 0.02, gq: 0.03 });
    const rho0 = basisState([2, 3], 0);
    const times = [0, 2.5, 7, 15];
    const r = mesolve(h, rho0, times, { cOps: collapse, rtol: RTOL, atol: ATOL });
    const terms = [...hamiltonianTerms(h), ...collapse.flatMap((c) => dissipatorTerms(c.operator, c.rate))];
    const l = new MatrixFreeSuperoperator(6, terms).toDense();
    times.forEach((t, j) => {
      const exact = exactPropagation(l, rho0, t);
      const got = vec(r.states[j]);
      expect(Math.max(...exact.map((v, k) => Math.abs(v - got[k])))).toBeLessThan(CLOSED_FORM);
    });
  });
});

describe("mesolve against the Rabi solutions of a driven qubit", () => {
  // H(t) = (w0 / 2) sigma_z + Omega (cos(w t) sigma_x + sin(w t) sigma_y): in the frame rotating at
  // w it is (Delta / 2) sigma_z + Omega sigma_x, Delta = w0 - w, exactly (no rotating-wave
  // approximation), and D[sigma_-] is the same in both frames; populations do not change frame.
  const w0 = 1;
  const Omega = 0.1;
  const drive = (w: number) =>
    [
      scale(sigmaZ(), w0 / 2),
      [scale(sigmaX(), Omega), (t: number) => Math.cos(w * t)],
      [scale(sigmaY(), Omega), (t: number) => Math.sin(w * t)],
    ] as const;
  const times = Array.from({ length: 13 }, (_, k) => 2.5 * k);

  test("undamped, detuned: P_e(t) = (Omega / W)^2 sin^2(W t), W^2 = Omega^2 + Delta^2 / 4", () => {
    for (const w of [1, 0.85]) {
      const delta = w0 - w;
      const W = Math.sqrt(Omega ** 2 + delta ** 2 / 4);
      const r = mesolve(drive(w), ground, times, { eOps: { z: sigmaZ() }, rtol: RTOL, atol: ATOL });
      times.forEach((t, j) => {
        const pe = (Omega / W) ** 2 * Math.sin(W * t) ** 2;
        expect(Math.abs((1 + r.expect.z[j].re) / 2 - pe)).toBeLessThan(CLOSED_FORM);
      });
    }
  });

  test("damped on resonance (T = 0): Torrey's solution with Rabi frequency 2 Omega", () => {
    // rho_ee(t) = R^2 / (2 R^2 + g^2) [1 - e^{-3 g t / 4} (cos(l t) + 3 g / (4 l) sin(l t))],
    // R = 2 Omega, l^2 = R^2 - g^2 / 16 (Torrey, Phys. Rev. 76, 1059 (1949); Loudon, The Quantum
    // Theory of Light, Sec. 2.8).
    const gamma = 0.05;
    const R = 2 * Omega;
    const lambda = Math.sqrt(R ** 2 - gamma ** 2 / 16);
    const r = mesolve(drive(w0), ground, times, {
      cOps: [{ operator: sigmaMinus(), rate: gamma }],
      eOps: { z: sigmaZ() },
      rtol: RTOL,
      atol: ATOL,
    });
    times.forEach((t, j) => {
      const envelope = Math.exp((-3 * gamma * t) / 4);
      const pe =
        (R ** 2 / (2 * R ** 2 + gamma ** 2)) *
        (1 - envelope * (Math.cos(lambda * t) + ((3 * gamma) / (4 * lambda)) * Math.sin(lambda * t)));
      expect(Math.abs((1 + r.expect.z[j].re) / 2 - pe)).toBeLessThan(CLOSED_FORM);
    });
  });
});

describe("mesolve against QuTiP's mesolve (fixtures from scripts/qutip-mesolve-fixtures.py)", () => {
  const problems = fixtures.problems;
  const eOps = { x: sigmaX(), y: sigmaY(), z: sigmaZ() };

  function compare(
    r: { expect: Record<string, { re: number }[]>; states: ComplexMatrix[] },
    fixture: { expect: Record<string, number[]>; final: { re: number[]; im: number[] } },
  ): void {
    for (const name of ["x", "y", "z"]) {
      fixture.expect[name].forEach((v, j) => {
        expect(Math.abs(r.expect[name][j].re - v)).toBeLessThan(QUTIP_AGREEMENT);
      });
    }
    const last = r.states[r.states.length - 1];
    expect(maxEntryDifference(last, fixture.final.re, fixture.final.im)).toBeLessThan(QUTIP_AGREEMENT);
  }

  test("a detuned, driven qubit in a thermal bath (time-dependent Hamiltonian)", () => {
    const f = problems["driven-damped-qubit"];
    const p = f.parameters;
    const r = mesolve(
      [scale(sigmaZ(), p.w0 / 2), [scale(sigmaX(), p.F), (t: number) => Math.cos(p.wd * t)]],
      ground,
      f.times,
      {
        cOps: [
          { operator: sigmaMinus(), rate: p.g * (1 + p.n) },
          { operator: sigmaPlus(), rate: p.g * p.n },
        ],
        eOps,
        rtol: RTOL,
        atol: ATOL,
      },
    );
    compare(r, f);
  });

  test("a qubit and a three-level oscillator exchanging quanta, from a ket", () => {
    const f = problems["qubit-qutrit"];
    const { h, collapse } = qubitQutrit(f.parameters);
    const ket = ComplexMatrix.fromReal(Array.from({ length: 6 }, (_, k) => [k === 0 ? 1 : 0]));
    const qubitOps = Object.fromEntries(Object.entries(eOps).map(([k, op]) => [k, tensor(op, identity(3))]));
    const r = mesolve(h, ket, f.times, {
      cOps: collapse,
      eOps: qubitOps,
      rtol: RTOL,
      atol: ATOL,
    });
    expect(r.states[0].dims).toEqual([2, 3]);
    compare(r, f);
  });

  test("a time-dependent collapse operator f(t) sigma_- (QuTiP's [c, f] format)", () => {
    const f = problems["modulated-decay"];
    const p = f.parameters;
    const plus = ComplexMatrix.fromReal([
      [0.5, 0.5],
      [0.5, 0.5],
    ]);
    const r = mesolve(scale(sigmaZ(), p.w0 / 2), plus, f.times, {
      cOps: [[sigmaMinus(), (t: number) => Math.sqrt(p.r * (1 + Math.sin(t)))]],
      eOps,
      rtol: RTOL,
      atol: ATOL,
    });
    compare(r, f);
  });
});

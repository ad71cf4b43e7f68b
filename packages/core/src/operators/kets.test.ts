import { describe, expect, it } from "vitest";
import { ParameterError } from "../errors/parameter-error";
import { maxAbsDiff } from "../linalg/kernels";
import { seededRandom } from "../testing/random";
import {
  identity,
  jmat,
  number,
  projection,
  sigmaX,
  sigmaY,
  sigmaZ,
  spinOperators,
  tensor,
} from "./builders";
import { concurrence, purity, vonNeumannEntropy } from "./measures";
import { Ket, Operator } from "./operator";
import {
  basis,
  basisState,
  coherent,
  coherentDm,
  fock,
  fockDm,
  inner,
  ket2dm,
  outer,
  thermalDm,
  thermalState,
} from "./states";

/** Sums and products of O(1) entries: a few ulps of rounding. */
const ROUNDING = 1e-14;

/**
 * The displacement operator's expm (scaling and squaring with ||G||_inf ~ 2 |alpha| sqrt(n) ~ 20,
 * so 2^5 squarings) loses about 32 ulps: 1e-13 covers it with margin.
 */
const EXPM_ROUNDING = 1e-13;

/** The closed-form coherent amplitude e^{-|alpha|^2/2} alpha^k / sqrt(k!) in polar form. */
function coherentAmplitude(alpha: { re: number; im: number }, k: number): { re: number; im: number } {
  const r = Math.hypot(alpha.re, alpha.im);
  const phase = Math.atan2(alpha.im, alpha.re);
  let logFactorial = 0;
  for (let q = 2; q <= k; q++) logFactorial += Math.log(q);
  const modulus = Math.exp(-(r * r) / 2 + k * Math.log(r) - logFactorial / 2);
  return { re: modulus * Math.cos(k * phase), im: modulus * Math.sin(k * phase) };
}

describe("basis states", () => {
  it("basis(dims, digits) is the tensor product of the single-system kets, and the flat index agrees", () => {
    const k = basis([2, 3], [1, 2]);
    expect(k.dims).toEqual([2, 3]);
    expect(k.data).toEqual(tensor(basis(2, 1), basis(3, 2)).data);
    expect(k.data).toEqual(basis([2, 3], 5).data);
    expect(fock(4, 2).data).toEqual(basis(4, 2).data);
    expect(fockDm(4, 2).data).toEqual(basisState(4, 2).data);
    expect(ket2dm(k).data).toEqual(basisState([2, 3], 5).data);
  });

  it("projection(n, k, j) = |k><j| = outer(basis(k), basis(j))", () => {
    expect(projection(3, 0, 2).data).toEqual(outer(basis(3, 0), basis(3, 2)).data);
    expect(projection(3, 1).data).toEqual(basisState(3, 1).data);
    expect(outer(basis(3, 0), basis(3, 2).dag()).data).toEqual(projection(3, 0, 2).data);
  });

  it("refuses indices out of range", () => {
    expect(() => basis(2, 2)).toThrow(ParameterError);
    expect(() => basis([2, 3], [1, 3])).toThrow(/k\[1\] must be an integer in \[0, 2\]/);
    expect(() => basis([2, 3], [1])).toThrow(/k must be 2 indices/);
    expect(() => projection(2, 0, 2)).toThrow(/j must be an integer in \[0, 1\]/);
  });
});

describe("kets, bras and their products", () => {
  it("a Bell state from kets: (|00> + |11>)/sqrt(2), maximally entangled", () => {
    const bell = tensor(basis(2, 0), basis(2, 0))
      .add(tensor(basis(2, 1), basis(2, 1)))
      .unit();
    expect(bell.dims).toEqual([2, 2]);
    expect(bell.norm()).toBeCloseTo(1, 15);
    for (const [k, amplitude] of [Math.SQRT1_2, 0, 0, Math.SQRT1_2].entries()) {
      expect(Math.abs(bell.amplitude(k).re - amplitude)).toBeLessThan(ROUNDING);
    }
    const rho = ket2dm(bell);
    expect(purity(rho)).toBeCloseTo(1, 14);
    expect(concurrence(rho)).toBeCloseTo(1, 12);
    // Each qubit alone is maximally mixed: I/2, entropy ln 2.
    expect(maxAbsDiff(bell.ptrace([0]), identity(2).scale(0.5))).toBeLessThan(ROUNDING);
    expect(vonNeumannEntropy(bell.ptrace([1]))).toBeCloseTo(Math.LN2, 12);
    // <Bell| sigma_z (x) sigma_z |Bell> = 1 and <sigma_x (x) sigma_x> = 1, <sigma_y (x) sigma_y> = -1.
    expect(tensor(sigmaZ(), sigmaZ()).expect(bell).re).toBeCloseTo(1, 14);
    expect(tensor(sigmaX(), sigmaX()).expect(rho).re).toBeCloseTo(1, 14);
    expect(tensor(sigmaY(), sigmaY()).expect(bell).re).toBeCloseTo(-1, 14);
  });

  it("ket2dm of a random normalised ket has purity 1, trace 1, and <psi|psi> matches the norm", () => {
    const rand = seededRandom(5);
    const amplitudes = Array.from({ length: 6 }, () => ({ re: rand() - 0.5, im: rand() - 0.5 }));
    const raw = Ket.of(amplitudes, [2, 3]);
    const psi = raw.unit();
    const rho = ket2dm(psi);
    expect(rho.dims).toEqual([2, 3]);
    expect(purity(rho)).toBeCloseTo(1, 14);
    expect(rho.tr().re).toBeCloseTo(1, 14);
    const selfOverlap = inner(raw, raw);
    expect(selfOverlap.re).toBeCloseTo(raw.norm() ** 2, 14);
    expect(selfOverlap.im).toBe(0);
    // <a|b> = conj(<b|a>), and the bra form agrees.
    const other = Ket.of(
      amplitudes.map((z) => ({ re: z.im, im: -z.re * 0.5 })),
      [2, 3],
    );
    const ab = inner(psi, other);
    const ba = inner(other, psi);
    expect(Math.hypot(ab.re - ba.re, ab.im + ba.im)).toBeLessThan(ROUNDING);
    const viaBra = inner(psi.dag(), other);
    expect(Math.hypot(ab.re - viaBra.re, ab.im - viaBra.im)).toBeLessThan(ROUNDING);
  });
});

describe("coherent states", () => {
  const alpha = { re: 1.5, im: -0.5 };

  it("analytic: exactly the closed-form amplitudes, with squared norm P(N < n) of the Poisson distribution", () => {
    const n = 6;
    const ket = coherent(n, alpha, "analytic");
    let poisson = 0;
    for (let k = 0; k < n; k++) {
      const c = coherentAmplitude(alpha, k);
      const got = ket.amplitude(k);
      expect(Math.hypot(got.re - c.re, got.im - c.im)).toBeLessThan(ROUNDING);
      poisson += c.re * c.re + c.im * c.im;
    }
    expect(ket.norm() ** 2).toBeCloseTo(poisson, 14);
    expect(ket.norm()).toBeLessThan(1 - 1e-3); // truncation at 6 levels of mean 2.5 loses ~4 %
  });

  it("operator (D(alpha)|0>, the default): normalised; the closed form once the truncation is negligible", () => {
    // With n = 40 and |alpha|^2 = 2.5 the population beyond the truncation is
    // e^{-2.5} 2.5^40 / 40! ~ 1e-33, so only the expm's rounding separates the two.
    const n = 40;
    const ket = coherent(n, alpha);
    expect(Math.abs(ket.norm() - 1)).toBeLessThan(EXPM_ROUNDING);
    for (let k = 0; k < n; k++) {
      const c = coherentAmplitude(alpha, k);
      const got = ket.amplitude(k);
      expect(Math.hypot(got.re - c.re, got.im - c.im)).toBeLessThan(EXPM_ROUNDING);
    }
    // <n> = |alpha|^2 and <a> = alpha.
    const r2 = alpha.re ** 2 + alpha.im ** 2;
    expect(Math.abs(number(n).expect(ket).re - r2)).toBeLessThan(10 * EXPM_ROUNDING);
    expect(purity(coherentDm(n, alpha))).toBeCloseTo(1, 12);
  });

  it("operator method at a small truncation stays normalised, unlike the analytic one", () => {
    const ket = coherent(4, { re: 2, im: 0 });
    expect(Math.abs(ket.norm() - 1)).toBeLessThan(EXPM_ROUNDING);
    expect(() => coherent(4, 1, "other" as never)).toThrow(/method must be "operator" or "analytic"/);
  });
});

describe("thermal states of an oscillator", () => {
  it("populations nbar^k / (1 + nbar)^(k+1) and <n> = nbar once the truncation is negligible", () => {
    const nbar = 0.8;
    const n = 80; // (nbar / (1 + nbar))^80 = (4/9)^80 ~ 1e-28
    const rho = thermalDm(n, nbar);
    for (let k = 0; k < 10; k++) {
      expect(rho.re(k, k)).toBeCloseTo(nbar ** k / (1 + nbar) ** (k + 1), 15);
    }
    expect(number(n).expect(rho).re).toBeCloseTo(nbar, 13);
    expect(rho.tr().re).toBeCloseTo(1, 14);
  });

  it("equals the Gibbs state of omega N at T with nbar = 1/(e^{omega/T} - 1)", () => {
    const omega = 1.3;
    const temperature = 0.9;
    const nbar = 1 / Math.expm1(omega / temperature);
    const n = 12;
    const gibbs = thermalState(number(n).scale(omega), temperature);
    expect(maxAbsDiff(thermalDm(n, nbar), gibbs)).toBeLessThan(ROUNDING);
  });

  it("nbar = 0 is the vacuum; negative nbar is refused", () => {
    expect(thermalDm(3, 0).data).toEqual(fockDm(3, 0).data);
    expect(() => thermalDm(3, -1)).toThrow(/nbar must be finite and >= 0/);
  });
});

describe("spin-j operators", () => {
  const spins = [0.5, 1, 1.5, 2, 2.5, 3];

  it.each(spins)("j = %s: [Jx, Jy] = i Jz (and cyclic), J^2 = j(j+1), J+ = Jx + i Jy", (j) => {
    const { x, y, z, plus, minus } = spinOperators(j);
    const d = Math.round(2 * j + 1);
    expect(x.dims).toEqual([d]);
    const i = { re: 0, im: 1 };
    // Entries up to j ~ 3, products up to ~10: rounding well inside 10 ulps of 10.
    const tolerance = 10 * ROUNDING;
    expect(maxAbsDiff(x.comm(y), z.scale(i))).toBeLessThan(tolerance);
    expect(maxAbsDiff(y.comm(z), x.scale(i))).toBeLessThan(tolerance);
    expect(maxAbsDiff(z.comm(x), y.scale(i))).toBeLessThan(tolerance);
    const jSquared = x.pow(2).add(y.pow(2)).add(z.pow(2));
    expect(maxAbsDiff(jSquared, identity(d).scale(j * (j + 1)))).toBeLessThan(tolerance);
    expect(maxAbsDiff(plus, x.add(y.scale(i)))).toBeLessThan(tolerance);
    expect(maxAbsDiff(minus, plus.dag())).toBe(0);
    expect(x.isHermitian() && y.isHermitian()).toBe(true);
    expect(jmat(j, "z").data).toEqual(z.data);
  });

  it("j = 1/2 gives sigma / 2 in the library's basis (index 0 = spin up)", () => {
    const { x, y, z } = spinOperators(0.5);
    expect(maxAbsDiff(x, sigmaX().scale(0.5))).toBe(0);
    expect(maxAbsDiff(y, sigmaY().scale(0.5))).toBe(0);
    expect(maxAbsDiff(z, sigmaZ().scale(0.5))).toBe(0);
  });

  it("refuses j that is not a positive multiple of 1/2", () => {
    expect(() => spinOperators(0.3)).toThrow(/j must be a positive multiple of 1\/2/);
    expect(() => spinOperators(0)).toThrow(ParameterError);
    expect(() => jmat(1, "w" as never)).toThrow(/which must be/);
  });
});

describe("Operator.of still views a matrix with dims", () => {
  it("dims default to one system", () => {
    expect(Operator.of(identity(4)).dims).toEqual([4]);
    expect(Operator.of(identity(4), [2, 2]).dims).toEqual([2, 2]);
  });
});

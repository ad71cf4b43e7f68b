import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ComplexMatrix } from "../linalg/complex-matrix";
import { hermitianEigen } from "../linalg/hermitian-eigen";
import { hermitiseInPlace, matmul } from "../linalg/kernels";
import { Operator } from "../operators/operator";
import { steadyState } from "../steady-state/steady-state";
import { unvec, vec } from "../superoperators/vectorize";
import { type OpenSystem, openSystem } from "../system/open-system";
import { flatSpectrum, ohmicSpectrum } from "../system/spectral-density";
import { entropyProduction } from "../thermodynamics/entropy-production";
import { heatCurrents } from "../thermodynamics/heat-current";
import { buildGenerator } from "./build-generator";
import type { Approach, Generator } from "./generator";

// Properties of the master-equation generators on random systems (fast-check: seeded, and a
// failure shrinks to a minimal system). Spectra are generic, degenerate, near-degenerate or
// ladders (equally spaced levels: degenerate Bohr frequencies); couplings are random operators.

/** Rounding of a generator applied to a state, relative to the largest rate times ||H||. */
const ROUNDING = 1e-11;
/** The steady state's eigenvalues may fall this far below zero (rounding of the solve). */
const POSITIVITY = 1e-10;
/** Steady states of two routes (rate equation, dense LU; or an energy offset) agree to this. */
const AGREEMENT = 1e-9;
const RUNS = 15;
const SEED = 101;

type Spectrum = "generic" | "degenerate" | "near-degenerate" | "ladder";

const randomSystem = fc
  .record({
    d: fc.integer({ min: 2, max: 5 }),
    spectrum: fc.constantFrom<Spectrum>("generic", "degenerate", "near-degenerate", "ladder"),
    values: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 80, maxLength: 80 }),
    TA: fc.double({ min: 0.2, max: 4, noNaN: true }),
    TB: fc.double({ min: 0.2, max: 4, noNaN: true }),
    ohmic: fc.boolean(),
  })
  .map(({ d, spectrum, values, TA, TB, ohmic }): OpenSystem => {
    let k = 0;
    const next = () => values[k++ % values.length];
    // H = U diag(E) U^dagger with U from the Gram-Schmidt of a random complex matrix.
    const energies = Array.from({ length: d }, (_, i) => {
      if (spectrum === "ladder") return i;
      if (spectrum === "degenerate") return Math.floor(i / 2) * 1.3;
      if (spectrum === "near-degenerate") return Math.floor(i / 2) * 1.3 + (i % 2) * 1e-7;
      return 1.5 * i + 0.5 * next();
    });
    const u = unitary(d, next);
    const h = new ComplexMatrix(d, d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        let re = 0;
        let im = 0;
        for (let m = 0; m < d; m++) {
          // U_im E_m conj(U_jm)
          const ar = u.re(i, m);
          const ai = u.im(i, m);
          const br = u.re(j, m);
          const bi = -u.im(j, m);
          re += energies[m] * (ar * br - ai * bi);
          im += energies[m] * (ar * bi + ai * br);
        }
        h.data[2 * (i * d + j)] = re;
        h.data[2 * (i * d + j) + 1] = im;
      }
    }
    const coupling = () => {
      const m = new ComplexMatrix(d, d);
      for (let x = 0; x < m.data.length; x++) {
        const v = next();
        m.data[x] = (v < 0 ? -1 : 1) * (0.2 + 0.8 * Math.abs(v));
      }
      return Operator.of(m);
    };
    const spectralDensity = (g: number) => (ohmic ? ohmicSpectrum(g, 8) : flatSpectrum(g));
    return openSystem({
      hamiltonian: Operator.of(h),
      baths: [
        {
          name: "A",
          temperature: TA,
          spectralDensity: spectralDensity(0.02),
          couplings: [{ form: "rwa", operator: coupling(), frequency: 1 }],
        },
        {
          name: "B",
          temperature: TB,
          spectralDensity: spectralDensity(0.03),
          couplings: [{ form: "rwa", operator: coupling(), frequency: 1.5 }],
        },
      ],
    });
  });

function unitary(d: number, next: () => number): ComplexMatrix {
  const u = new ComplexMatrix(d, d);
  for (let x = 0; x < u.data.length; x++) u.data[x] = next() + (x % (2 * d + 2) === 0 ? 2 : 0);
  // Modified Gram-Schmidt on the columns.
  for (let c = 0; c < d; c++) {
    for (let p = 0; p < c; p++) {
      let re = 0;
      let im = 0;
      for (let i = 0; i < d; i++) {
        // <u_p, u_c>
        re += u.re(i, p) * u.re(i, c) + u.im(i, p) * u.im(i, c);
        im += u.re(i, p) * u.im(i, c) - u.im(i, p) * u.re(i, c);
      }
      for (let i = 0; i < d; i++) {
        u.data[2 * (i * d + c)] -= re * u.re(i, p) - im * u.im(i, p);
        u.data[2 * (i * d + c) + 1] -= re * u.im(i, p) + im * u.re(i, p);
      }
    }
    let norm = 0;
    for (let i = 0; i < d; i++) norm += u.re(i, c) ** 2 + u.im(i, c) ** 2;
    norm = Math.sqrt(norm);
    for (let i = 0; i < d; i++) {
      u.data[2 * (i * d + c)] /= norm;
      u.data[2 * (i * d + c) + 1] /= norm;
    }
  }
  return u;
}

/** A random density matrix from the seeded values. */
function randomState(d: number, seed: number): ComplexMatrix {
  const a = new ComplexMatrix(d, d);
  for (let x = 0; x < a.data.length; x++) a.data[x] = Math.sin(seed * 12.9898 + x * 78.233);
  // rho = A A^dagger / Tr
  const rho = new ComplexMatrix(d, d);
  let trace = 0;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let re = 0;
      let im = 0;
      for (let m = 0; m < d; m++) {
        re += a.re(i, m) * a.re(j, m) + a.im(i, m) * a.im(j, m);
        im += a.im(i, m) * a.re(j, m) - a.re(i, m) * a.im(j, m);
      }
      rho.data[2 * (i * d + j)] = re;
      rho.data[2 * (i * d + j) + 1] = im;
    }
    trace += rho.re(i, i);
  }
  for (let x = 0; x < rho.data.length; x++) rho.data[x] /= trace;
  return rho;
}

/** The scale of L: its largest absolute row sum. */
function scaleOf(generator: Generator): number {
  return generator.liouvillian.normBound();
}

function apply(generator: Generator, rho: ComplexMatrix): ComplexMatrix {
  const y = vec(rho);
  const out = new Float64Array(y.length);
  generator.liouvillian.applyInto(out, y);
  return unvec(out);
}

const approaches: Approach[] = ["local", "global", "redfield"];

describe("generators on random systems (fast-check)", () => {
  it("every approach preserves trace and Hermiticity", () => {
    fc.assert(
      fc.property(randomSystem, fc.integer({ min: 1, max: 1000 }), (system, seed) => {
        for (const approach of approaches) {
          const generator = buildGenerator(system, { approach });
          const out = apply(generator, randomState(generator.dimension, seed));
          const d = generator.dimension;
          const tol = ROUNDING * scaleOf(generator);
          let tr = 0;
          let ti = 0;
          for (let i = 0; i < d; i++) {
            tr += out.re(i, i);
            ti += out.im(i, i);
            for (let j = 0; j < d; j++) {
              expect(Math.abs(out.re(i, j) - out.re(j, i))).toBeLessThanOrEqual(tol);
              expect(Math.abs(out.im(i, j) + out.im(j, i))).toBeLessThanOrEqual(tol);
            }
          }
          expect(Math.hypot(tr, ti)).toBeLessThanOrEqual(tol);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("local and global dissipators are conditionally completely positive (Choi matrix off the maximally entangled state)", () => {
    fc.assert(
      fc.property(randomSystem, (system) => {
        for (const approach of ["local", "global"] as const) {
          const generator = buildGenerator(system, { approach });
          for (const dissipator of generator.bathDissipators.values()) {
            expect(conditionalChoiMinimum(dissipator, generator.dimension)).toBeGreaterThanOrEqual(
              -ROUNDING * dissipator.normBound(),
            );
          }
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("steady states are density matrices; the first law holds for local and global, the second law for global", () => {
    fc.assert(
      fc.property(randomSystem, (system) => {
        for (const approach of ["local", "global"] as const) {
          const generator = buildGenerator(system, { approach });
          const state = steadyState(generator);
          expect(state.minEigenvalue).toBeGreaterThanOrEqual(-POSITIVITY);
          const currents = heatCurrents(generator, state);
          const gross = Math.abs(currents.A) + Math.abs(currents.B);
          expect(Math.abs(currents.A + currents.B)).toBeLessThanOrEqual(
            AGREEMENT * Math.max(gross, scaleOf(generator)),
          );
          if (approach === "global") {
            expect(entropyProduction(currents, system.baths)).toBeGreaterThanOrEqual(
              -AGREEMENT * scaleOf(generator),
            );
          }
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("global: the rate equation and the dense solve agree where the populations decouple", () => {
    fc.assert(
      fc.property(randomSystem, (system) => {
        const generator = buildGenerator(system, { approach: "global" });
        const rates = steadyState(generator);
        if (rates.method !== "rate-equation") return;
        const dense = steadyState(generator, { method: "dense" });
        rates.populations.forEach((p, k) => {
          expect(Math.abs(p - dense.populations[k])).toBeLessThanOrEqual(AGREEMENT);
        });
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("an energy offset H + c changes nothing: the steady state and the currents of every approach", () => {
    fc.assert(
      fc.property(randomSystem, fc.double({ min: -1e3, max: 1e3, noNaN: true }), (system, offset) => {
        const d = system.hamiltonian.rows;
        const shifted = system.hamiltonian.clone();
        for (let i = 0; i < d; i++) shifted.data[2 * (i * d + i)] += offset;
        const moved = openSystem({ hamiltonian: Operator.of(shifted), baths: system.baths });
        for (const approach of ["local", "global"] as const) {
          const a = steadyState(buildGenerator(system, { approach }));
          const b = steadyState(buildGenerator(moved, { approach }));
          for (let x = 0; x < a.rho.data.length; x++) {
            expect(Math.abs(a.rho.data[x] - b.rho.data[x])).toBeLessThanOrEqual(
              AGREEMENT * (1 + Math.abs(offset)),
            );
          }
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

/**
 * The smallest eigenvalue of the Choi matrix C = sum_ij |i><j| (x) D(|i><j|) projected off the
 * maximally entangled state: >= 0 exactly when D generates a completely positive semigroup
 * (conditional complete positivity; Lindblad 1976, Gorini-Kossakowski-Sudarshan 1976).
 */
function conditionalChoiMinimum(
  dissipator: { applyInto(out: Float64Array, x: Float64Array): Float64Array },
  d: number,
): number {
  const n = d * d;
  const choi = new ComplexMatrix(n, n);
  const unit = new ComplexMatrix(d, d);
  const out = new Float64Array(2 * n);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      unit.data.fill(0);
      unit.data[2 * (i * d + j)] = 1;
      dissipator.applyInto(out, vec(unit));
      const image = unvec(out);
      // C[(i, a), (j, b)] = D(|i><j|)_{ab}
      for (let a = 0; a < d; a++) {
        for (let b = 0; b < d; b++) {
          const at = 2 * ((i * d + a) * n + (j * d + b));
          choi.data[at] = image.re(a, b);
          choi.data[at + 1] = image.im(a, b);
        }
      }
    }
  }
  // Q C Q with Q = 1 - |Omega><Omega|, |Omega> = sum_i |ii> / sqrt(d).
  const omega = new Float64Array(n);
  for (let i = 0; i < d; i++) omega[i * d + i] = 1 / Math.sqrt(d);
  const q = new ComplexMatrix(n, n);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) q.data[2 * (r * n + c)] = (r === c ? 1 : 0) - omega[r] * omega[c];
  const projected = hermitiseInPlace(matmul(q, matmul(choi, q)));
  return hermitianEigen(projected).values[0];
}

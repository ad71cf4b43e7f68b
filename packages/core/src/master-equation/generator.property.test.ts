import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ComplexMatrix } from "../linalg/complex-matrix";
import { hermitianEigen } from "../linalg/hermitian-eigen";
import { hermitiseInPlace, matmul } from "../linalg/kernels";
import { Operator } from "../operators/operator";
import { steadyState } from "../steady-state/steady-state";
import { unvec, vec } from "../superoperators/vectorize";
import { openSystem } from "../system/open-system";
import { randomDensityMatrix, seededRandom } from "../testing/random";
import { randomOpenSystem } from "../testing/random-system";
import { entropyProduction } from "../thermodynamics/entropy-production";
import { currentFunctional, heatCurrents } from "../thermodynamics/heat-current";
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
/**
 * A heat current from two routes (the trace functional; Tr[H_S D_X(rho)] through the dissipator)
 * agrees to this many times d eps ||D_X|| max|E| (largest seen over 200 random systems: 0.72).
 */
const CURRENT_ROUNDING_ULPS = 8;
const RUNS = 15;
const SEED = 101;

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
      fc.property(randomOpenSystem, fc.integer({ min: 1, max: 1000 }), (system, seed) => {
        for (const approach of approaches) {
          const generator = buildGenerator(system, { approach });
          const out = apply(generator, randomDensityMatrix(generator.dimension, seededRandom(seed)));
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
      fc.property(randomOpenSystem, (system) => {
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

  it("each bath's heat current Tr[M rho] (trace functional) equals Tr[H_S D_X(rho)] from the dissipator itself", () => {
    fc.assert(
      fc.property(randomOpenSystem, fc.integer({ min: 1, max: 1000 }), (system, seed) => {
        for (const approach of approaches) {
          // Redfield's factors are dense: traceFunctionalCsr's products have full rows (d^3
          // partial products).
          const generator = buildGenerator(system, { approach });
          const d = generator.dimension;
          const rho = randomDensityMatrix(d, seededRandom(seed));
          const currents = heatCurrents(generator, rho);
          const h = system.hamiltonian;
          const energyScale = Math.max(...Array.from(generator.eigen.values, Math.abs));
          for (const [bath, dissipator] of generator.bathDissipators) {
            // Both sides are sums of d^2 products of size ||D_X|| max|E|: rounding of a few d eps.
            const tol = CURRENT_ROUNDING_ULPS * d * Number.EPSILON * dissipator.normBound() * energyScale;
            const out = new Float64Array(2 * d * d);
            dissipator.applyInto(out, vec(rho));
            const direct = matmul(h, unvec(out));
            let trace = 0;
            for (let i = 0; i < d; i++) trace += direct.re(i, i);
            expect(Math.abs(currents[bath] - trace)).toBeLessThanOrEqual(tol);
            // The column-stacked functional used along trajectories: J = Re sum_n c_n vec(rho)_n.
            const c = currentFunctional(generator, bath);
            const v = vec(rho);
            let viaFunctional = 0;
            for (let n = 0; n < d * d; n++)
              viaFunctional += c[2 * n] * v[2 * n] - c[2 * n + 1] * v[2 * n + 1];
            expect(Math.abs(viaFunctional - trace)).toBeLessThanOrEqual(tol);
          }
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("steady states are density matrices; the first law holds for local and global, the second law for global", () => {
    fc.assert(
      fc.property(randomOpenSystem, (system) => {
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
      fc.property(randomOpenSystem, (system) => {
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
      fc.property(randomOpenSystem, fc.double({ min: -1e3, max: 1e3, noNaN: true }), (system, offset) => {
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

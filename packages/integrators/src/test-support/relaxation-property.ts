import {
  buildGenerator,
  ComplexMatrix,
  dagger,
  type Generator,
  hermitianEigen,
  matmul,
  scale,
  steadyState,
  vec,
} from "@liouville/core";
import { randomDensityMatrix, randomOpenSystem, seededRandom } from "@liouville/core/testing";
import fc from "fast-check";
import { lastValueFrom } from "rxjs";
import { expect } from "vitest";
import { evolve } from "../evolution/evolve";

// Test support (not exported from the package): evolve relaxes to steadyState, as a fast-check
// property over random open systems of dimension 2 to 4 (issue 10). The default tier runs a few
// cases, the slow tier many.

/** The relaxation tolerance on ||L vec(rho)||_2, far above the noise floor ||L|| (atol + rtol) ~ 1e-10. */
const RELAXATION_TOLERANCE = 1e-8;
/**
 * ||L rho_ss||_2 of steadyState under the full L: rounding (~1e-15) for local and for global with
 * distinct levels, up to ~2e-10 where the global sector solve merges near-degenerate levels.
 */
const STEADY_RESIDUAL = 1e-9;
/** Integrator tolerances: the noise floor of the residual is about ||L|| (ATOL + RTOL). */
const RTOL = 1e-11;
const ATOL = 1e-13;
/** Rounding of steadyState and of the singular value below: absolute, on entries of order 1. */
const ROUNDING = 1e-11;
/** sigma_min below this fraction of ||L|| is a degenerate kernel (rounding of the Gram matrix: 1e-16 ||L||^2). */
const UNIQUENESS = 1e-6;
/** The random initial state is at least this far from the steady state (the test is not vacuous). */
const MIN_INITIAL_DISTANCE = 1e-3;

/**
 * sigma_min of L on traceless operators: the second smallest singular value of L P, with P the
 * projector onto traceless operators (vec(I) spans the kernel of L P when the steady state is
 * unique). For a traceless delta, ||delta||_F <= ||L delta||_2 / sigma_min: the exact bound, for a
 * non-normal L too, that the smallest |Re lambda| (the spectral gap) gives only for a normal one.
 */
function tracelessSingularValue(generator: Generator): number {
  const d = generator.dimension;
  const n = d * d;
  const l = generator.liouvillian.toDense();
  const p = ComplexMatrix.identity(n);
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < d; b++) p.data[2 * ((a * d + a) * n + (b * d + b))] -= 1 / d;
  }
  const lp = matmul(l, p);
  const gram = matmul(dagger(lp), lp);
  const values = hermitianEigen(gram).values;
  return Math.sqrt(Math.max(values[1], 0));
}

/** The property: from a random state, evolve with a relaxation stop ends within tolerance / sigma_min of steadyState. */
export async function checkRelaxation(numRuns: number, seed: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(
      randomOpenSystem.filter((s) => s.hamiltonian.rows <= 4),
      fc.constantFrom("local" as const, "global" as const),
      fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      async (system, approach, stateSeed) => {
        const generator = buildGenerator(system, { approach });
        const sigma = tracelessSingularValue(generator);
        // A steady state that is not unique (sigma at rounding level: e.g. H = 0 with couplings
        // that share a conserved operator) has no single state to relax to.
        fc.pre(sigma > UNIQUENESS * generator.liouvillian.normBound());
        const target = steadyState(generator).rho;
        const rho0 = randomDensityMatrix(generator.dimension, seededRandom(stateSeed));
        expect(distance(rho0, target)).toBeGreaterThan(MIN_INITIAL_DISTANCE);
        const last = await lastValueFrom(
          evolve(generator, rho0, {
            method: "expm",
            relaxationTolerance: RELAXATION_TOLERANCE,
            rtol: RTOL,
            atol: ATOL,
            maxTime: 1e7,
          }),
        );
        expect(last.residual).toBeLessThan(RELAXATION_TOLERANCE);
        // rho_final - rho_ss is traceless up to the integrator's trace drift, which the
        // normalisation removes. Then ||rho_final - rho_ss||_F <= ||L (rho_final - rho_ss)|| / sigma_min
        // <= (||L rho_final|| + ||L rho_ss||) / sigma_min, with both residuals taken with the full
        // L: evolve's residual (below the tolerance) and the steady state's are measured on the
        // symmetry sector, where global merges near-degenerate levels (their 1e-7 rotation is left
        // out), so they can differ from the full ones by that much.
        let trace = 0;
        for (let i = 0; i < generator.dimension; i++) trace += last.rho.re(i, i);
        const final = scale(last.rho, 1 / trace);
        // The target itself must be a steady state: without this a wrong steadyState with a large
        // residual would widen the bound below along with the distance it bounds.
        expect(fullResidual(generator, target)).toBeLessThan(STEADY_RESIDUAL);
        const bound = (fullResidual(generator, final) + fullResidual(generator, target)) / sigma + ROUNDING;
        expect(distance(final, target)).toBeLessThanOrEqual(bound);
        // The bound is the relaxation tolerance over sigma_min, up to that sector difference.
        expect(fullResidual(generator, final)).toBeLessThan(
          RELAXATION_TOLERANCE + 2 * fullResidual(generator, target),
        );
      },
    ),
    { numRuns, seed },
  );
}

/** ||L vec(rho)||_2 with the full Liouvillian. */
function fullResidual(generator: Generator, rho: ComplexMatrix): number {
  const y = vec(rho);
  const out = new Float64Array(y.length);
  generator.liouvillian.applyInto(out, y);
  return Math.hypot(...out);
}

/** ||a - b||_F. */
function distance(a: ComplexMatrix, b: ComplexMatrix): number {
  const x = vec(a);
  const y = vec(b);
  let s = 0;
  for (let k = 0; k < x.length; k++) s += (x[k] - y[k]) ** 2;
  return Math.sqrt(s);
}

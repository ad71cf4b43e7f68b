import { ResourceError } from "../errors/resource-error";
import { ComplexMatrix } from "../linalg/complex-matrix";
import { type RealCsrMatrix, realCsrMatvecInto } from "../linalg/sparse/real-csr";
import { vec } from "../superoperators/vectorize";
import { chargeTolerance } from "../system/charge";
import { fromEigenbasis, toEigenbasis } from "./eigenbasis";
import type { Generator } from "./generator";
import type { PackedDynamics } from "./hermitian-packing";
import {
  assembleSectorOperator,
  type HermitianSector,
  hermitianSector,
  type SectorPlan,
  sectorPlan,
  sectorToMatrix,
  verifySectorTerms,
} from "./hermitian-sector";

/**
 * rho0 lies in a sector when the Frobenius norm of its entries outside the sector is at most this
 * fraction of its own (rounding residue of a basis change; a component this small changes the
 * trajectory by as little).
 */
export const SECTOR_SUPPORT_TOLERANCE = 1e-13;

/**
 * The master equation on the smallest Hermitian space this library can prove invariant that
 * holds rho0: what `evolve` integrates.
 *
 * A conserved charge Q (the system's `charge`, verified against every term as for `steadyState`)
 * makes L map each block {|i><j| : q_i - q_j = k} into itself. When rho0 lies in the block k = 0
 * (a product of Fock or spin states, a thermal state, any state diagonal in the charge), so does
 * rho(t) for every t, and only that block is integrated: its real unknowns (Re rho_ii, and
 * Re, Im rho_ij for i < j with q_i = q_j), 12,870 instead of 65,536 for an 8-spin chain. For
 * `global` the energy is conserved as well: when rho0 has no coherence between levels of
 * different energy, the block of equal energies (in the eigenbasis) is integrated. Otherwise the
 * whole packed upper triangle (`Generator.packed`), as it is also when a sector's matrix would
 * not fit in the generator's `memoryLimit` (the upper triangle of a matrix-free generator stores
 * nothing of size d^4). Entries of rho0 outside the block up to SECTOR_SUPPORT_TOLERANCE of its
 * norm count as zero. A declared charge that the generator does not conserve is refused
 * (ParameterError), as `steadyState` refuses it.
 *
 * The result's `sector` says which space was chosen; `pack`, `unpack` and `residualNorm` work in
 * the original basis whatever it is.
 */
export function evolutionDynamics(generator: Generator, rho0: ComplexMatrix): PackedDynamics {
  const d = generator.dimension;
  // Candidate plans, most restrictive first, each made only when the one before does not hold rho0
  // (the charge-only plan of `global` needs the original-basis jumps, a d^3 change of basis each).
  const plans: (() => SectorPlan | null)[] = [
    () => {
      const main = sectorPlan(generator, true);
      return main.charges.length > 0 ? main : null;
    },
    () => {
      const q = generator.system.charge;
      if (generator.approach !== "global" || !q) return null;
      // Coherences between levels of different energy: the charge alone, in the original basis.
      const charges = [{ name: "charge", values: q, tolerance: chargeTolerance(q) }];
      verifySectorTerms(generator.terms, charges);
      return { terms: generator.terms, charges, eigenbasis: false };
    },
  ];
  let cache = dynamicsCache.get(generator);
  if (!cache) {
    cache = new Map();
    dynamicsCache.set(generator, cache);
  }
  for (const makePlan of plans) {
    const plan = makePlan();
    if (!plan) continue;
    const key = plan.charges.map((c) => c.name).join(",") + (plan.eigenbasis ? " (eigenbasis)" : "");
    let dynamics = cache.get(key);
    const sector = dynamics?.hermitianSector ?? hermitianSector(d, plan.charges);
    const state = plan.eigenbasis ? toEigenbasis(rho0, generator.eigen) : rho0;
    if (!insideSector(state, sector)) continue;
    if (!dynamics) {
      let matrix: RealCsrMatrix;
      try {
        matrix = assembleSectorOperator(plan.terms, sector, generator.memoryLimit);
      } catch (e) {
        // Too large to store: the next plan, or the upper triangle (matrix-free where needed).
        if (e instanceof ResourceError) continue;
        throw e;
      }
      dynamics = { hermitianSector: sector, dynamics: sectorDynamics(generator, plan, sector, matrix) };
      cache.set(key, dynamics);
    }
    return dynamics.dynamics;
  }
  return generator.packed;
}

/** The sector dynamics of each generator, by plan, built on first use (assembly is the cost). */
const dynamicsCache = new WeakMap<
  Generator,
  Map<string, { hermitianSector: HermitianSector; dynamics: PackedDynamics }>
>();

/** Whether the entries of rho outside the sector are negligible (SECTOR_SUPPORT_TOLERANCE). */
function insideSector(rho: ComplexMatrix, sector: HermitianSector): boolean {
  const d = sector.dimension;
  const x = rho.data;
  let inside = 0;
  let outside = 0;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      const s = 2 * (i * d + j);
      const w = x[s] * x[s] + x[s + 1] * x[s + 1];
      const o = i <= j ? sector.offset[i * d + j] : sector.offset[j * d + i];
      if (o < 0) outside += w;
      else inside += w;
    }
  }
  return Math.sqrt(outside) <= SECTOR_SUPPORT_TOLERANCE * Math.sqrt(inside + outside);
}

/**
 * The largest row sum of |A| over the sector's real equations: the infinity norm of the real
 * generator, the scale of an integrator's noise floor on it.
 */
function rowSumNorm(a: RealCsrMatrix): number {
  let max = 0;
  for (let i = 0; i < a.rows; i++) {
    let sum = 0;
    for (let p = a.rowStart[i]; p < a.rowStart[i + 1]; p++) sum += Math.abs(a.values[p]);
    max = Math.max(max, sum);
  }
  return max;
}

/** The dynamics on the sector's real unknowns with their real matrix (see `evolutionDynamics`). */
function sectorDynamics(
  generator: Generator,
  plan: SectorPlan,
  sector: HermitianSector,
  matrix: RealCsrMatrix,
): PackedDynamics {
  const d = sector.dimension;
  const { offset, unknowns } = sector;
  const eigen = plan.eigenbasis ? generator.eigen : null;
  const pack = (rho: ComplexMatrix, out: Float64Array = new Float64Array(unknowns)): Float64Array => {
    const x = (eigen ? toEigenbasis(rho, eigen) : rho).data;
    for (let j = 0; j < d; j++) {
      for (let i = 0; i <= j; i++) {
        const o = offset[i * d + j];
        if (o < 0) continue;
        out[o] = x[2 * (i * d + j)];
        if (i < j) out[o + 1] = x[2 * (i * d + j) + 1];
      }
    }
    return out;
  };
  const unpack = (y: Float64Array, outVec: Float64Array): Float64Array => {
    if (eigen) {
      outVec.set(vec(fromEigenbasis(sectorToMatrix(y, sector), eigen)));
      return outVec;
    }
    outVec.fill(0);
    for (let j = 0; j < d; j++) {
      for (let i = 0; i <= j; i++) {
        const o = offset[i * d + j];
        if (o < 0) continue;
        const upper = 2 * (i + j * d);
        outVec[upper] = y[o];
        if (i === j) continue;
        const im = y[o + 1];
        const lower = 2 * (j + i * d);
        outVec[upper + 1] = im;
        outVec[lower] = y[o];
        outVec[lower + 1] = -im;
      }
    }
    return outVec;
  };
  const unpackMatrix = (y: Float64Array, out: ComplexMatrix): ComplexMatrix => {
    if (eigen) {
      out.data.set(fromEigenbasis(sectorToMatrix(y, sector), eigen).data);
      return out;
    }
    return sectorToMatrix(y, sector, out);
  };
  const packFunctional = (c: Float64Array): Float64Array => {
    // Re sum_ij C_ij rho_ij with C_ij = c[vec index of (i, j)]. In the eigenbasis rho = V X V^dagger,
    // and the coefficient of X_ab is C'_ab = sum_ij V_ia C_ij conj(V_jb) = (V^dagger C^T V)_ba.
    let coefficient = (i: number, j: number, part: 0 | 1) => c[2 * (i + j * d) + part];
    if (eigen) {
      const ct = new ComplexMatrix(d, d); // C^T: ct_ij = C_ji = c[vec index of (j, i)], row-major
      ct.data.set(c.subarray(0, 2 * d * d));
      const m = toEigenbasis(ct, eigen);
      coefficient = (a, b, part) => m.data[2 * (b * d + a) + part];
    }
    const w = new Float64Array(unknowns);
    for (let j = 0; j < d; j++) {
      for (let i = 0; i <= j; i++) {
        const o = offset[i * d + j];
        if (o < 0) continue;
        if (i === j) {
          w[o] = coefficient(i, i, 0);
          continue;
        }
        // X_ij = x + i y, X_ji = x - i y: (Re C_ij + Re C_ji) x + (Im C_ji - Im C_ij) y.
        w[o] = coefficient(i, j, 0) + coefficient(j, i, 0);
        w[o + 1] = coefficient(j, i, 1) - coefficient(i, j, 1);
      }
    }
    return w;
  };
  // Weight of each unknown in ||rho||_F^2: 1 on the diagonal, 2 for (Re, Im) rho_ij, i < j.
  const weight = new Float64Array(unknowns).fill(2);
  for (let i = 0; i < d; i++) if (offset[i * d + i] >= 0) weight[offset[i * d + i]] = 1;
  const scratch = new Float64Array(unknowns);
  return Object.freeze({
    dimension: d,
    size: unknowns,
    sector: Object.freeze({
      charges: sector.charges,
      unknowns,
      fullUnknowns: sector.fullUnknowns,
      eigenbasis: plan.eigenbasis,
    }),
    pack,
    unpack,
    unpackMatrix,
    packFunctional,
    rhs: (_t: number, y: Float64Array, dydt: Float64Array) => {
      realCsrMatvecInto(dydt, matrix, y);
    },
    residualNorm(y: Float64Array): number {
      realCsrMatvecInto(scratch, matrix, y);
      let sum = 0;
      for (let k = 0; k < unknowns; k++) sum += weight[k] * scratch[k] * scratch[k];
      return Math.sqrt(sum);
    },
    normBound: () => rowSumNorm(matrix),
    rhsFlops: 2 * matrix.values.length,
  });
}

import { ParameterError } from "../errors/parameter-error";
import { ResourceError } from "../errors/resource-error";
import { UnknownIdError } from "../errors/unknown-id-error";
import { type HermitianEigen, hermitianEigen, hermitianEigenByBlocks } from "../linalg/hermitian-eigen";
import {
  csrBytes,
  DEFAULT_MEMORY_LIMIT,
  denseBytes,
  type LiouvilleOperator,
  REPRESENTATIONS,
  type Representation,
} from "../superoperators/liouville-operator";
import { MatrixFreeSuperoperator } from "../superoperators/matrix-free-superoperator";
import { hamiltonianTerms, type SandwichTerm } from "../superoperators/sandwich-terms";
import { predictedSparseEntries, SparseSuperoperator } from "../superoperators/sparse-superoperator";
import { Superoperator } from "../superoperators/superoperator";
import { chargeLabels, chargeTolerance } from "../system/charge";
import { assertOpenSystem, type OpenSystem } from "../system/open-system";
import { BOHR_TOLERANCE, bohrTolerance } from "./bohr-frequencies";
import { APPROACHES, type Approach, type Channel, type Generator } from "./generator";
import { globalChannels } from "./global";
import { liouvillianRhs, type PackedDynamics, packedDynamics } from "./hermitian-packing";
import { localChannels } from "./local";
import { redfieldChannels } from "./redfield";

/** Options of `buildGenerator`. */
export interface GeneratorOptions {
  /** Master-equation approach. Default "global". */
  readonly approach: Approach;
  /** Relative tolerance for grouping Bohr frequencies and degenerate levels. Default BOHR_TOLERANCE (1e-9). */
  readonly bohrTolerance: number;
  /**
   * How the Liouvillian is stored: "auto" (default: dense while it is small, sparse while its
   * nonzeros fit, else matrix-free; see `chooseRepresentation`), or a fixed "dense", "sparse" or
   * "matrix-free".
   */
  readonly representation: "auto" | Representation;
  /** Bytes a stored Liouvillian may take; beyond it, ResourceError. Default DEFAULT_MEMORY_LIMIT (4 GiB). */
  readonly memoryLimit: number;
}

/** The options `buildGenerator` uses for those not given. */
export const GENERATOR_DEFAULTS: Readonly<GeneratorOptions> = Object.freeze({
  approach: "global",
  bohrTolerance: BOHR_TOLERANCE,
  representation: "auto",
  memoryLimit: DEFAULT_MEMORY_LIMIT,
});

/**
 * "auto" stores the Liouvillian densely up to this Hilbert dimension (d^2 = 256 rows, 1 MB):
 * below it a dense product is as fast as a sparse one and every entry is at hand.
 */
export const AUTO_DENSE_MAX_DIMENSION = 16;
/**
 * "auto" stores a sparse Liouvillian while its predicted size stays below this fraction of the
 * memory limit; beyond it the matrix-free form (no storage, a few products of d x d matrices per
 * application) is chosen.
 */
export const AUTO_SPARSE_MEMORY_FRACTION = 0.25;

/**
 * The representation "auto" picks for a Liouvillian with these terms: dense for
 * d <= AUTO_DENSE_MAX_DIMENSION, sparse while its predicted bytes stay below
 * AUTO_SPARSE_MEMORY_FRACTION of `memoryLimit` (and below a quarter of the nonzeros of the dense
 * matrix), matrix-free otherwise.
 */
export function chooseRepresentation(
  d: number,
  terms: readonly SandwichTerm[],
  memoryLimit: number,
): Representation {
  if (d <= AUTO_DENSE_MAX_DIMENSION && denseBytes(d) <= memoryLimit) return "dense";
  const entries = predictedSparseEntries(d, terms);
  const fits = csrBytes(entries, d * d) + 24 * entries <= AUTO_SPARSE_MEMORY_FRACTION * memoryLimit;
  return fits && entries <= 0.25 * d ** 4 ? "sparse" : "matrix-free";
}

/**
 * Build the master-equation generator of an open system: the Liouvillian
 * L = -i[H_S, .] + sum_X D_X, one dissipator per bath, the channels, and an ODE right-hand side.
 *
 * ## Storage
 * The generator is defined by its sandwich terms (`terms`); the total Liouvillian is stored as
 * `representation` says (see `GeneratorOptions.representation`). Both are built on first access,
 * so a steady state solved by symmetry sectors never materialises it. A stored form that would exceed
 * `memoryLimit` raises ResourceError (with the bytes it would need) before allocating.
 *
 * @example
 * const gen = buildGenerator(system, { approach: "global" });
 * const { rho } = steadyState(gen);
 */
export function buildGenerator(system: OpenSystem, options: Partial<GeneratorOptions> = {}): Generator {
  assertOpenSystem(system);
  const opts = resolveOptions(options);
  const d = system.hamiltonian.rows;
  let eigenCache: HermitianEigen | undefined;
  const eigen = (): HermitianEigen => {
    eigenCache ??= system.charge
      ? hermitianEigenByBlocks(
          system.hamiltonian,
          chargeLabels(system.charge, chargeTolerance(system.charge)),
        )
      : hermitianEigen(system.hamiltonian);
    return eigenCache;
  };
  let channels: Channel[];
  switch (opts.approach) {
    case "local":
      channels = localChannels(system, eigen);
      break;
    case "global": {
      const e = eigen();
      channels = globalChannels(system, e, bohrTolerance(e.values, opts.bohrTolerance), opts.memoryLimit);
      break;
    }
    case "redfield": {
      const e = eigen();
      channels = redfieldChannels(system, e, bohrTolerance(e.values, opts.bohrTolerance));
      break;
    }
  }
  // The original-basis terms are made on first use: a global generator's jumps are cheap in the
  // eigenbasis and cost a d^3 basis change each in the original one. Each cache below is set only
  // once its value is complete: a ResourceError on first use (a global jump's original-basis form
  // that does not fit) is raised again on the next use, never answered with a partial value.
  let bathTerms: Map<string, SandwichTerm[]> | undefined;
  const byBath = (): Map<string, SandwichTerm[]> => {
    if (!bathTerms) {
      const made = new Map<string, SandwichTerm[]>();
      for (const bath of system.baths) made.set(bath.name, []);
      for (const ch of channels) made.get(ch.bath)!.push(...ch.terms);
      bathTerms = made;
    }
    return bathTerms;
  };
  let terms: readonly SandwichTerm[] | undefined;
  const allTerms = (): readonly SandwichTerm[] => {
    terms ??= Object.freeze([...hamiltonianTerms(system.hamiltonian), ...[...byBath().values()].flat()]);
    return terms;
  };
  let bathDissipators: Map<string, LiouvilleOperator> | undefined;
  const dissipators = (): Map<string, LiouvilleOperator> => {
    if (!bathDissipators) {
      const made = new Map<string, LiouvilleOperator>();
      for (const [name, t] of byBath()) made.set(name, new MatrixFreeSuperoperator(d, t));
      bathDissipators = made;
    }
    return bathDissipators;
  };
  let representation: Representation | undefined;
  const chosen = (): Representation => {
    if (!representation) {
      const picked =
        opts.representation === "auto"
          ? chooseRepresentation(d, allTerms(), opts.memoryLimit)
          : opts.representation;
      checkMemory(picked, d, allTerms(), opts.memoryLimit);
      representation = picked;
    }
    return representation;
  };
  // A fixed stored representation is checked against the memory limit at once.
  if (opts.representation !== "auto" && opts.representation !== "matrix-free") chosen();
  let liouvillian: LiouvilleOperator | undefined;
  const total = (): LiouvilleOperator => {
    liouvillian ??= materialise(chosen(), d, allTerms(), opts.memoryLimit);
    return liouvillian;
  };
  let packed: PackedDynamics | undefined;
  let rhs: ((t: number, y: Float64Array, dydt: Float64Array) => void) | undefined;
  return Object.freeze({
    approach: opts.approach,
    system,
    dimension: d,
    get eigen() {
      return eigen();
    },
    bohrTolerance: opts.bohrTolerance,
    get representation() {
      return chosen();
    },
    memoryLimit: opts.memoryLimit,
    get liouvillian() {
      return total();
    },
    get terms() {
      return allTerms();
    },
    get bathDissipators() {
      return dissipators();
    },
    channels: Object.freeze(channels),
    lindbladForm: opts.approach !== "redfield",
    rhs(t: number, y: Float64Array, dydt: Float64Array) {
      rhs ??= liouvillianRhs(total());
      rhs(t, y, dydt);
    },
    get packed() {
      packed ??= packedDynamics(total());
      return packed;
    },
  });
}

function materialise(
  representation: Representation,
  d: number,
  terms: readonly SandwichTerm[],
  memoryLimit: number,
): LiouvilleOperator {
  switch (representation) {
    case "dense":
      return Superoperator.fromTerms(d, terms);
    case "sparse":
      return SparseSuperoperator.fromTerms(d, terms, memoryLimit);
    case "matrix-free":
      return new MatrixFreeSuperoperator(d, terms);
  }
}

/** Refuse a stored representation that would not fit, before anything is allocated. */
function checkMemory(
  representation: Representation,
  d: number,
  terms: readonly SandwichTerm[],
  memoryLimit: number,
): void {
  if (representation === "dense" && denseBytes(d) > memoryLimit) {
    throw new ResourceError(
      `a dense Liouvillian for d = ${d}`,
      denseBytes(d),
      memoryLimit,
      'use representation "sparse" or "matrix-free" (or "auto"), or a larger memoryLimit',
    );
  }
  if (representation === "sparse") {
    const entries = predictedSparseEntries(d, terms);
    const need = csrBytes(entries, d * d) + 24 * entries;
    if (need > memoryLimit) {
      throw new ResourceError(
        `a sparse Liouvillian for d = ${d}`,
        need,
        memoryLimit,
        'use representation "matrix-free" (or "auto"), or a larger memoryLimit',
      );
    }
  }
}

function resolveOptions(options: Partial<GeneratorOptions>): GeneratorOptions {
  const allowed = Object.keys(GENERATOR_DEFAULTS);
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) throw new UnknownIdError("generator option", key, allowed);
  }
  const merged = { ...GENERATOR_DEFAULTS, ...options };
  if (!APPROACHES.includes(merged.approach))
    throw new UnknownIdError("approach", String(merged.approach), APPROACHES);
  if (!(merged.bohrTolerance > 0) || !Number.isFinite(merged.bohrTolerance)) {
    throw new ParameterError("bohrTolerance", "a finite number > 0", merged.bohrTolerance);
  }
  if (merged.representation !== "auto" && !REPRESENTATIONS.includes(merged.representation)) {
    throw new UnknownIdError("representation", String(merged.representation), ["auto", ...REPRESENTATIONS]);
  }
  if (!(merged.memoryLimit > 0))
    throw new ParameterError("memoryLimit", "a number of bytes > 0", merged.memoryLimit);
  return merged;
}

import { ParameterError } from "../errors/parameter-error";
import { UnknownIdError } from "../errors/unknown-id-error";
import { hermitianEigen } from "../linalg/hermitian-eigen";
import { accumulateDissipator, accumulateHamiltonian, Superoperator } from "../superoperators/superoperator";
import type { OpenSystem } from "../system/open-system";
import { BOHR_TOLERANCE, bohrTolerance } from "./bohr-frequencies";
import { APPROACHES, type Approach, type Channel, type Generator, liouvillianRhs } from "./generator";
import { globalChannels } from "./global";
import { type PackedDynamics, packedDynamics } from "./hermitian-packing";
import { localChannels } from "./local";
import { redfieldChannels } from "./redfield";

/** Options of `buildGenerator`. */
export interface GeneratorOptions {
  /** Master-equation approach (DESIGN.md section 3). Default "global". */
  readonly approach: Approach;
  /** Relative tolerance for grouping Bohr frequencies and degenerate levels. Default BOHR_TOLERANCE (1e-9). */
  readonly bohrTolerance: number;
}

export const GENERATOR_DEFAULTS: Readonly<GeneratorOptions> = Object.freeze({
  approach: "global",
  bohrTolerance: BOHR_TOLERANCE,
});

/**
 * Largest Hilbert dimension for which a dense Liouvillian (d^2 x d^2 complex, 16 d^4 bytes) is
 * built: d = 64 takes 268 MB.
 */
export const MAX_DENSE_DIMENSION = 64;

/**
 * Build the master-equation generator of an open system: the Liouvillian
 * L = -i[H_S, .] + sum_X D_X, one dissipator per bath, the channels, and an ODE right-hand side.
 *
 * @example
 * const gen = buildGenerator(system, { approach: "global" });
 * const { rho } = steadyState(gen);
 */
export function buildGenerator(system: OpenSystem, options: Partial<GeneratorOptions> = {}): Generator {
  const opts = resolveOptions(options);
  const d = system.hamiltonian.rows;
  if (d > MAX_DENSE_DIMENSION) {
    throw new ParameterError(
      "dimension",
      `at most ${MAX_DENSE_DIMENSION} for a dense Liouvillian (${d} would need ${formatBytes(16 * d ** 4)})`,
      d,
    );
  }
  const eigen = hermitianEigen(system.hamiltonian);
  const tol = bohrTolerance(eigen.values, opts.bohrTolerance);
  let channels: Channel[];
  switch (opts.approach) {
    case "local":
      channels = localChannels(system, eigen);
      break;
    case "global":
      channels = globalChannels(system, eigen, tol);
      break;
    case "redfield":
      channels = redfieldChannels(system, eigen, tol);
      break;
  }
  const bathDissipators = new Map<string, Superoperator>();
  for (const bath of system.baths) bathDissipators.set(bath.name, new Superoperator(d));
  for (const ch of channels) {
    const dissipator = bathDissipators.get(ch.bath)!;
    // Lindblad channels add their jumps directly; only redfield carries a ready superoperator.
    if (ch.jumps.length > 0) for (const j of ch.jumps) accumulateDissipator(dissipator, j.operator, j.rate);
    else dissipator.addScaled(ch.superoperator);
  }
  const liouvillian = new Superoperator(d);
  accumulateHamiltonian(liouvillian, system.hamiltonian);
  for (const dis of bathDissipators.values()) liouvillian.addScaled(dis);
  let packed: PackedDynamics | undefined;
  return Object.freeze({
    approach: opts.approach,
    system,
    dimension: d,
    eigen,
    liouvillian,
    bathDissipators,
    channels: Object.freeze(channels),
    lindbladForm: opts.approach !== "redfield",
    rhs: liouvillianRhs(liouvillian),
    get packed() {
      packed ??= packedDynamics(liouvillian);
      return packed;
    },
  });
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
  return merged;
}

function formatBytes(n: number): string {
  return n >= 1e9 ? `${(n / 1e9).toFixed(1)} GB` : `${(n / 1e6).toFixed(0)} MB`;
}

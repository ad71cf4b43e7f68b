import { ResourceError } from "../errors/resource-error";
import type { ComplexMatrix } from "../linalg/complex-matrix";
import { type CsrMatrix, csrAdjoint, csrToDense } from "../linalg/csr";
import type { HermitianEigen } from "../linalg/hermitian-eigen";
import { dagger } from "../linalg/kernels";
import { csrBytes, DEFAULT_MEMORY_LIMIT } from "../superoperators/liouville-operator";
import type { OpenSystem } from "../system/open-system";
import { absorptionRate, emissionRate, zeroFrequencyError } from "../system/spectral-density";
import { type BohrGroups, bohrGroups, lowering } from "./bohr-frequencies";
import { cleanRoundoff, fromEigenbasis, toEigenbasis } from "./eigenbasis";
import { type Channel, type Jump, lindbladChannel } from "./generator";

/**
 * Channels of the global (secular, Davies) master equation in the eigenbasis of H_S
 * (Sec. II and eqs. (3.8)-(3.11), (3.34)-(3.43) of Fogedby (arXiv:2301.13544); Breuer & Petruccione Sec. 3.3).
 * For each bath X and Bohr frequency w > 0, with A(w) the component of the coupling that lowers
 * the energy by w:
 *   g_X(w)(1 + n_X(w)) D[A(w)] + g_X(w) n_X(w) D[A(w)^dagger].
 * RWA coupling S+ X + S- X^dagger: A(w) are the lowering components of S- = (S+)^dagger; its
 * zero-frequency part is dropped (an RWA bath exchanges only quanta of positive frequency).
 * Hermitian coupling S X: A(w) are the lowering components of S, plus a dephasing term
 * lim_{w->0} g(w)(1 + n(w)) D[A(0)] when S has a zero-frequency part.
 * Couplings of one bath at one Bohr frequency share a channel; each keeps its own jump operator.
 * The result satisfies detailed balance per bath, so a single bath relaxes to its Gibbs state.
 */
export function globalChannels(
  system: OpenSystem,
  eigen: HermitianEigen,
  tolerance: number,
  memoryLimit = DEFAULT_MEMORY_LIMIT,
): Channel[] {
  const d = system.hamiltonian.rows;
  const channels: Channel[] = [];
  // Each coupling in the eigenbasis and its Bohr grouping (O(nnz) memory): the memory check
  // needs the grouping, and the components are made from it only once they are known to fit.
  const grouped = system.baths.map((bath) =>
    bath.couplings.map((c) => {
      const sEigen = cleanRoundoff(toEigenbasis(c.form === "rwa" ? dagger(c.operator) : c.operator, eigen));
      return { sEigen, groups: bohrGroups(sEigen, eigen.values, tolerance) };
    }),
  );
  const jumpCount = checkJumpMemory(system, grouped, d, memoryLimit);
  system.baths.forEach((bath, b) => {
    const byOmega = new Map<number, { omega: number; jumps: Jump[] }>();
    const add = (omega: number, jump: Jump) => {
      for (const [w, entry] of byOmega) {
        if (Math.abs(w - omega) <= tolerance) {
          entry.jumps.push(jump);
          return;
        }
      }
      byOmega.set(omega, { omega, jumps: [jump] });
    };
    // The original-basis form costs a d^3 basis change per jump: made on first access only, and
    // refused when the dense forms of all jumps would not fit.
    const jump = (eigenCsr: CsrMatrix, rate: number): Jump => {
      let operator: ComplexMatrix | undefined;
      return {
        get operator() {
          if (!operator) checkOriginalBasisMemory(jumpCount, d, memoryLimit);
          operator ??= fromEigenbasis(csrToDense(eigenCsr), eigen);
          return operator;
        },
        eigenCsr,
        rate,
      };
    };
    bath.couplings.forEach((c, k) => {
      const { sEigen, groups } = grouped[b][k];
      for (const { omega, component } of lowering(sEigen, eigen.values, tolerance, groups)) {
        if (omega === 0) {
          if (c.form === "rwa") continue;
          const rate = bath.spectralDensity.zeroFrequencyRate(bath.temperature);
          if (!Number.isFinite(rate))
            throw zeroFrequencyError(`baths[${b}].couplings[${k}]`, bath.spectralDensity, rate);
          add(0, jump(component, rate));
          continue;
        }
        add(omega, jump(component, emissionRate(bath.spectralDensity, omega, bath.temperature, bath.name)));
        add(
          omega,
          jump(
            csrAdjoint(component),
            absorptionRate(bath.spectralDensity, omega, bath.temperature, bath.name),
          ),
        );
      }
    });
    for (const { omega, jumps } of [...byOmega.values()].sort((x, y) => x.omega - y.omega)) {
      channels.push(lindbladChannel(bath.name, omega, jumps, d));
    }
  });
  return channels;
}

/**
 * CSR forms held per jump L with s nonzeros in the eigenbasis: L itself, and in its dissipator's
 * terms L^dagger and L^dagger L, plus the transposes of L and L^dagger that the matrix-free
 * operator and the sector assembly cache.
 */
const JUMP_CSR_FORMS = 5;

/**
 * Refuse, before they are made, jump operators that would not fit in memory. Each Bohr component
 * with s nonzeros (in the eigenbasis) gives a jump and its adjoint, each held as JUMP_CSR_FORMS
 * CSR matrices of d rows: s entries each, and at most min(s^2, d^2) for L^dagger L. The entries
 * add up to O(nnz of the couplings), but every CSR form has d + 1 row offsets, and a spectrum
 * without degeneracies can have up to d (d - 1) / 2 Bohr frequencies, so a large truncated Fock
 * space under `global` can still need O(d^3) bytes. Returns the number of jumps.
 */
function checkJumpMemory(
  system: OpenSystem,
  grouped: readonly (readonly { groups: BohrGroups }[])[],
  d: number,
  memoryLimit: number,
): number {
  let jumps = 0;
  let need = 0;
  system.baths.forEach((bath, b) => {
    bath.couplings.forEach((c, k) => {
      const { start, omega } = grouped[b][k].groups;
      for (let g = 0; g + 1 < start.length; g++) {
        if (omega[g] === 0 && c.form === "rwa") continue;
        const s = start[g + 1] - start[g];
        const copies = omega[g] === 0 ? 1 : 2;
        jumps += copies;
        need += copies * (csrBytes(Math.min(s * s, d * d), d) + (JUMP_CSR_FORMS - 1) * csrBytes(s, d));
      }
    });
  });
  if (need > memoryLimit) {
    throw new ResourceError(
      `the global generator's ${jumps} jump operators (d = ${d})`,
      need,
      memoryLimit,
      "use the local approach, a smaller system (nmax), or a larger memoryLimit",
    );
  }
  return jumps;
}

/**
 * Dense d x d complex matrices held per jump once the original-basis forms exist: the jump, and
 * in its dissipator's terms L^dagger and L^dagger L.
 */
const ORIGINAL_BASIS_DENSE_FORMS = 3;

/**
 * Refuse the original-basis forms of a global generator's jumps (`Jump.operator`, and through them
 * `Generator.terms`, `liouvillian`, `bathDissipators` and each channel's `terms`) when their dense
 * matrices would not fit: with up to d (d - 1) / 2 Bohr frequencies they can need O(d^4) bytes,
 * while the eigenbasis forms that steadyState, evolve and heatCurrents use stay sparse.
 */
function checkOriginalBasisMemory(jumps: number, d: number, memoryLimit: number): void {
  const need = jumps * ORIGINAL_BASIS_DENSE_FORMS * 16 * d * d;
  if (need > memoryLimit) {
    throw new ResourceError(
      `the original-basis forms of the global generator's ${jumps} jump operators (d = ${d})`,
      need,
      memoryLimit,
      "work in the eigenbasis (steadyState, evolve, heatCurrents and channelEigenTerms do), use a smaller system, or a larger memoryLimit",
    );
  }
}

import { ParameterError } from "../errors/parameter-error";
import { ResourceError } from "../errors/resource-error";
import type { HermitianEigen } from "../linalg/hermitian-eigen";
import { dagger } from "../linalg/kernels";
import { DEFAULT_MEMORY_LIMIT } from "../superoperators/liouville-operator";
import type { OpenSystem } from "../system/open-system";
import { absorptionRate, emissionRate } from "../system/spectral-density";
import { lowering } from "./bohr-frequencies";
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
  checkJumpMemory(system, eigen, tolerance, memoryLimit);
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
    // The original-basis form costs a d^3 basis change per jump: made on first access only.
    const jump = (eigenOperator: ReturnType<typeof dagger>, rate: number): Jump => {
      let operator: ReturnType<typeof dagger> | undefined;
      return {
        get operator() {
          operator ??= fromEigenbasis(eigenOperator, eigen);
          return operator;
        },
        eigenOperator,
        rate,
      };
    };
    bath.couplings.forEach((c, k) => {
      const lowerOp = c.form === "rwa" ? dagger(c.operator) : c.operator;
      const sEigen = cleanRoundoff(toEigenbasis(lowerOp, eigen));
      for (const { omega, component } of lowering(sEigen, eigen.values, tolerance)) {
        if (omega === 0) {
          if (c.form === "rwa") continue;
          const rate = bath.spectralDensity.zeroFrequencyRate(bath.temperature);
          if (!Number.isFinite(rate)) {
            throw new ParameterError(
              `baths[${b}].couplings[${k}]`,
              `free of zero-frequency (dephasing) parts under a ${bath.spectralDensity.kind} spectrum at T > 0 (the rate g(0)(1 + n(0)) is infinite); use an ohmic spectrum`,
            );
          }
          add(0, jump(component, rate));
          continue;
        }
        add(omega, jump(component, emissionRate(bath.spectralDensity, omega, bath.temperature, bath.name)));
        add(
          omega,
          jump(dagger(component), absorptionRate(bath.spectralDensity, omega, bath.temperature, bath.name)),
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
 * Refuse, before they are made, jump operators that would not fit in memory: each Bohr component
 * of each coupling gives a jump and its adjoint, d x d dense matrices, and its dissipator one more
 * (L^dagger L). A spectrum without degeneracies has up to d (d - 1) / 2 Bohr frequencies, so a
 * large truncated Fock space under `global` can need O(d^4) bytes.
 */
function checkJumpMemory(
  system: OpenSystem,
  eigen: HermitianEigen,
  tolerance: number,
  memoryLimit: number,
): void {
  const d = system.hamiltonian.rows;
  const e = eigen.values;
  let jumps = 0;
  for (const bath of system.baths) {
    for (const c of bath.couplings) {
      const s = cleanRoundoff(toEigenbasis(c.form === "rwa" ? dagger(c.operator) : c.operator, eigen));
      const w: number[] = [];
      for (let m = 0; m < d; m++) {
        for (let n = 0; n < d; n++) {
          if (s.re(m, n) === 0 && s.im(m, n) === 0) continue;
          const gap = e[n] - e[m];
          if (gap >= -tolerance) w.push(Math.abs(gap) <= tolerance ? 0 : gap);
        }
      }
      w.sort((a, b) => a - b);
      let groups = 0;
      for (let k = 0; k < w.length; k++) if (k === 0 || w[k] - w[k - 1] > tolerance) groups++;
      jumps += 2 * groups;
    }
  }
  const need = jumps * 3 * 16 * d * d;
  if (need > memoryLimit) {
    throw new ResourceError(
      `the global generator's ${jumps} jump operators (d = ${d})`,
      need,
      memoryLimit,
      "use the local approach, a smaller system (nmax), or a larger memoryLimit",
    );
  }
}

import { ParameterError } from "../errors/parameter-error";
import type { HermitianEigen } from "../linalg/hermitian-eigen";
import { dagger } from "../linalg/kernels";
import type { OpenSystem } from "../system/open-system";
import { absorptionRate, emissionRate } from "../system/spectral-density";
import { lowering } from "./bohr-frequencies";
import { cleanRoundoff, fromEigenbasis, toEigenbasis } from "./eigenbasis";
import { type Channel, type Jump, lindbladChannel } from "./generator";

/**
 * Channels of the global (secular, Davies) master equation in the eigenbasis of H_S
 * (Sec. II and eqs. (3.8)-(3.11), (3.34)-(3.43) of the seed paper; Breuer & Petruccione Sec. 3.3).
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
export function globalChannels(system: OpenSystem, eigen: HermitianEigen, tolerance: number): Channel[] {
  const d = system.hamiltonian.rows;
  const channels: Channel[] = [];
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

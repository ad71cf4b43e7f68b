import { ParameterError } from "../errors/parameter-error";
import type { ComplexMatrix } from "../linalg/complex-matrix";
import { type CsrMatrix, toCsr } from "../linalg/csr";
import type { HermitianEigen } from "../linalg/hermitian-eigen";
import { dagger } from "../linalg/kernels";
import type { OpenSystem } from "../system/open-system";
import { absorptionRate, emissionRate } from "../system/spectral-density";
import { cleanRoundoff, toEigenbasis } from "./eigenbasis";
import { type Channel, type Jump, lindbladChannel } from "./generator";

/**
 * Channels of the local master equation: for each bath and RWA coupling S+ at local frequency w,
 *   g(w)(1 + n(w)) D[S-] + g(w) n(w) D[S+],
 * built from the bare coupling operators, ignoring the internal couplings of H_S
 * (eqs. (4.33)-(4.35) of Fogedby (arXiv:2301.13544) for oscillators; the same form for qubits). It is a
 * Lindblad generator, but for interacting subsystems it can violate the second law
 * (Levy & Kosloff, EPL 107, 20004 (2014)).
 */
export function localChannels(system: OpenSystem, eigen: () => HermitianEigen): Channel[] {
  const d = system.hamiltonian.rows;
  const channels: Channel[] = [];
  system.baths.forEach((bath, b) => {
    bath.couplings.forEach((c, k) => {
      const where = `baths[${b}].couplings[${k}]`;
      if (c.form !== "rwa") {
        throw new ParameterError(
          `${where}.form`,
          `"rwa" for the local approach (it needs the raising part S+)`,
          c.form,
        );
      }
      if (c.frequency === undefined) {
        throw new ParameterError(
          `${where}.frequency`,
          "given (the local transition frequency) for the local approach",
        );
      }
      const w = c.frequency;
      const raise = c.operator;
      const lower = dagger(raise);
      const jumps: Jump[] = [
        lazyJump(lower, emissionRate(bath.spectralDensity, w, bath.temperature, bath.name), eigen),
        lazyJump(raise, absorptionRate(bath.spectralDensity, w, bath.temperature, bath.name), eigen),
      ];
      channels.push(lindbladChannel(bath.name, w, jumps, d));
    });
  });
  return channels;
}

/** A jump whose eigenbasis form is computed on first access (the local approach needs no eigen). */
function lazyJump(operator: ComplexMatrix, rate: number, eigen: () => HermitianEigen): Jump {
  let cached: CsrMatrix | undefined;
  return {
    operator,
    rate,
    get eigenCsr() {
      cached ??= toCsr(cleanRoundoff(toEigenbasis(operator, eigen())));
      return cached;
    },
  };
}

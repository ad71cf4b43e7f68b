import type { Bath } from "../system/open-system";

/**
 * Entropy production rate sigma = -sum_X J_X / T_X of a steady state (k_B = 1), with J_X the heat
 * current from bath X into the system (see heat-current.ts). The second law requires sigma >= 0
 * (Spohn, J. Math. Phys. 19, 1227 (1978)); a global (Davies) generator guarantees it.
 *
 * ## Notes
 * A bath at T = 0 contributes 0 when its current is exactly 0, +Infinity when it absorbs heat
 * (J < 0), and -Infinity when it gives heat (J > 0, a violation of the second law).
 *
 * @example entropyProduction({ A: 0.1, B: -0.1 }, [{ name: "A", temperature: 2 }, { name: "B", temperature: 1 }]) // 0.05
 */
export function entropyProduction(
  currents: Readonly<Record<string, number>>,
  baths: readonly Pick<Bath, "name" | "temperature">[],
): number {
  let sigma = 0;
  for (const bath of baths) {
    const j = currents[bath.name] ?? 0;
    if (j === 0) continue;
    sigma +=
      bath.temperature === 0
        ? j < 0
          ? Number.POSITIVE_INFINITY
          : Number.NEGATIVE_INFINITY
        : -j / bath.temperature;
  }
  return sigma;
}

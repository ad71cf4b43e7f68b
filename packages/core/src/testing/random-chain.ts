import { add, matmul, scale } from "../linalg/kernels";
import { embed, sigmaMinus, sigmaPlus, sigmaZ } from "../operators/builders";
import { Operator } from "../operators/operator";
import { type OpenSystem, openSystem } from "../system/open-system";
import { flatSpectrum } from "../system/spectral-density";
import { seededRandom } from "./random";

// Test support (not exported from the package): a random spin chain with a conserved charge.

/**
 * An n-spin chain with random fields and couplings (XXZ), baths on the end spins; charge =
 * excitations. With `uniform`: the XX chain with equal fields (sigma_z / 2) and hoppings (0.25),
 * whose spectrum is degenerate inside a charge (free fermions: at n = 4 two states of two
 * excitations have the energy of the bare fields, as cos(pi/5) + cos(4 pi/5) = cos(2 pi/5) +
 * cos(3 pi/5) = 0).
 */
export function randomChain(n: number, seed: number, charge = true, uniform = false): OpenSystem {
  const draw = seededRandom(seed);
  const rand = uniform ? () => 0.5 : draw;
  const dims = Array(n).fill(2);
  let h = scale(embed(sigmaZ(), 0, dims), 0);
  for (let i = 0; i < n; i++) h = add(h, scale(embed(sigmaZ(), i, dims), 0.5 * (0.8 + 0.4 * rand())));
  for (let i = 0; i + 1 < n; i++) {
    const hop = add(
      matmul(embed(sigmaPlus(), i, dims), embed(sigmaMinus(), i + 1, dims)),
      matmul(embed(sigmaMinus(), i, dims), embed(sigmaPlus(), i + 1, dims)),
    );
    h = add(h, scale(hop, 0.1 + 0.3 * rand()));
    if (!uniform)
      h = add(h, scale(matmul(embed(sigmaZ(), i, dims), embed(sigmaZ(), i + 1, dims)), 0.2 * rand()));
  }
  const bath = (name: string, site: number, T: number) => ({
    name,
    temperature: T,
    spectralDensity: flatSpectrum(0.05),
    couplings: [{ form: "rwa" as const, operator: embed(sigmaPlus(), site, dims), frequency: 1 }],
  });
  const excitations = Array.from({ length: 2 ** n }, (_, k) => {
    // sigmaZ = diag(1, -1): basis state 0 of a qubit is the excited one.
    let c = 0;
    for (let i = 0; i < n; i++) if (((k >> (n - 1 - i)) & 1) === 0) c++;
    return c;
  });
  return openSystem({
    hamiltonian: Operator.of(h, dims),
    baths: [bath("A", 0, 2), bath("B", n - 1, 0.5)],
    ...(charge ? { charge: excitations } : {}),
  });
}

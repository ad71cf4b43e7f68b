// Two coupled oscillators between a hot and a cold bath (Sec. IV C 2 of arXiv:2301.13544 and the
// example of docs/paper-corrections.md): the local master equation sends heat from the cold bath
// into the hot one, the global one does not. Solved exactly through the covariance matrix (no
// Fock cutoff).
import { compareApproaches, getModel } from "@liouville/models-qubits";

const params = { omega1: 2, omega2: 1, lambda: 0.1, gA: 0.05, gB: 0.05, TA: 1, TB: 0.8 };
const comparison = compareApproaches(getModel("coupled-oscillators"), params);
console.log(`TA = ${params.TA} > TB = ${params.TB}, but n_A(omega1) < n_B(omega2):`);
for (const entry of comparison.approaches) {
  if (!entry.available) {
    console.log(`${entry.approach.padEnd(9)} unavailable: ${entry.reason}`);
    continue;
  }
  const { currents, entropyProduction, secondLaw } = entry.audit;
  console.log(
    `${entry.approach.padEnd(9)} J_A = ${currents.A.toExponential(4).padStart(11)}  sigma = ${entropyProduction.toExponential(3).padStart(10)}  second law: ${secondLaw}`,
  );
}

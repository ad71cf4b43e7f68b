// Build your own open system: a chain of three qubits with XX coupling, a hot bath on the first
// and a cold bath on the last (ohmic spectra), solved under the global and Redfield master
// equations with core alone.
import {
  auditSteadyState,
  buildGenerator,
  embed,
  ohmicSpectrum,
  openSystem,
  sigmaMinus,
  sigmaPlus,
  sigmaZ,
  steadyState,
} from "@liouville/core";

const dims = [2, 2, 2];
const omega = [1.0, 1.1, 0.9];
const J = 0.1;
// Operators keep their subsystem dims ([2, 2, 2]) through sums, products and scalar multiples.
let h = embed(sigmaZ(), 0, dims).scale(omega[0] / 2);
for (let i = 1; i < 3; i++) h = h.add(embed(sigmaZ(), i, dims).scale(omega[i] / 2));
for (let i = 0; i < 2; i++) {
  const plus = embed(sigmaPlus(), i, dims);
  const minus = embed(sigmaMinus(), i + 1, dims);
  const hop = plus.mul(minus).add(plus.mul(minus).dag()); // s+_i s-_{i+1} + h.c.
  h = h.add(hop.scale(J));
}
console.log(`H has dims [${h.dims.join(", ")}], Hermitian: ${h.isHermitian()}`);
const system = openSystem({
  hamiltonian: h,
  baths: [
    {
      name: "hot",
      temperature: 2,
      spectralDensity: ohmicSpectrum(0.01, 5),
      couplings: [{ form: "rwa", operator: embed(sigmaPlus(), 0, dims), frequency: omega[0] }],
    },
    {
      name: "cold",
      temperature: 0.3,
      spectralDensity: ohmicSpectrum(0.01, 5),
      couplings: [{ form: "rwa", operator: embed(sigmaPlus(), 2, dims), frequency: omega[2] }],
    },
  ],
});
for (const approach of ["local", "global", "redfield"] as const) {
  const generator = buildGenerator(system, { approach });
  const audit = auditSteadyState(generator, steadyState(generator));
  console.log(
    `${approach.padEnd(8)} J_hot ${audit.currents.hot.toExponential(6)}  J_cold ${audit.currents.cold.toExponential(6)}  sigma ${audit.entropyProduction.toExponential(3)} (${audit.secondLaw})  min eig ${audit.minEigenvalue.toExponential(2)}`,
  );
}

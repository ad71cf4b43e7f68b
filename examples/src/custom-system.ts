// Build your own open system: a chain of three qubits with XX coupling, a hot bath on the first
// and a cold bath on the last (ohmic spectra), solved under the global and Redfield master
// equations with core alone.
import {
  add,
  auditSteadyState,
  buildGenerator,
  embed,
  matmul,
  Operator,
  ohmicSpectrum,
  openSystem,
  scale,
  sigmaMinus,
  sigmaPlus,
  sigmaZ,
  steadyState,
} from "@liouville/core";

const dims = [2, 2, 2];
const omega = [1.0, 1.1, 0.9];
const J = 0.1;
let h = scale(embed(sigmaZ(), 0, dims), omega[0] / 2);
for (let i = 1; i < 3; i++) h = add(h, scale(embed(sigmaZ(), i, dims), omega[i] / 2));
for (let i = 0; i < 2; i++) {
  const hop = add(
    matmul(embed(sigmaPlus(), i, dims), embed(sigmaMinus(), i + 1, dims)),
    matmul(embed(sigmaMinus(), i, dims), embed(sigmaPlus(), i + 1, dims)),
  );
  h = add(h, hop, 1, J);
}
const system = openSystem({
  hamiltonian: Operator.of(h, dims),
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

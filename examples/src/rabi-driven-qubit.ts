// A Rabi-driven qubit damped by a thermal bath, in one call of `mesolve` (hbar = k_B = 1):
//   H(t) = (omega0 / 2) sigma_z + Omega cos(omega0 t) sigma_x,
//   bath at temperature T: rates g (1 + n) for sigma_- (emission) and g n for sigma_+ (absorption),
//   n = 1 / (e^{omega0 / T} - 1).
// Without damping the excited population follows the Rabi formula sin^2(Omega t / 2) (rotating-wave
// approximation, accurate for Omega << omega0); with damping the drive keeps doing work, and in
// the periodic steady state all of it leaves as heat: the heat current into the bath, averaged
// over drive periods, is positive (Kelvin's statement of the second law: a cycle with one bath
// cannot turn heat into work).
import { basis, sigmaMinus, sigmaPlus, sigmaX, sigmaZ } from "@liouville/core";
import { mesolve } from "@liouville/integrators";

const omega0 = 1;
const Omega = 0.05;
const drive = (t: number) => Math.cos(omega0 * t);
const hamiltonian = [sigmaZ().scale(omega0 / 2), [sigmaX().scale(Omega), drive]] as const;
const ground = basis(2, 1); // the ket |1>, sigma_z = -1
const tolerances = { rtol: 1e-9, atol: 1e-11 };

// 1. Undamped Rabi oscillation against the rotating-wave formula.
const rabiPeriod = (2 * Math.PI) / Omega;
const rabiTimes = Array.from({ length: 9 }, (_, k) => (k * rabiPeriod) / 8);
const rabi = mesolve(hamiltonian, ground, rabiTimes, { eOps: { z: sigmaZ() }, ...tolerances });
console.log("Undamped Rabi oscillation (Omega = 0.05, resonant drive)");
console.log("t         P_excited   sin^2(Omega t / 2)");
rabiTimes.forEach((t, j) => {
  const excited = (1 + rabi.expect.z[j].re) / 2;
  console.log(
    `${t.toFixed(2).padEnd(9)} ${excited.toFixed(6).padEnd(11)} ${(Math.sin((Omega * t) / 2) ** 2).toFixed(6)}`,
  );
});

// 2. Damped: the heat current into the bath, J_bath = -Tr[H(t) D(rho)], averaged over drive periods.
const g = 0.01;
const T = 0.5;
const n = 1 / Math.expm1(omega0 / T);
const bath = [
  { operator: sigmaMinus(), rate: g * (1 + n) },
  { operator: sigmaPlus(), rate: g * n },
];
const period = (2 * Math.PI) / omega0;
const perPeriod = 32;
const periods = 400;
const times = Array.from({ length: periods * perPeriod + 1 }, (_, k) => (k * period) / perPeriod);
const damped = mesolve(hamiltonian, ground, times, {
  baths: { bath },
  eOps: { z: sigmaZ() },
  states: false,
  ...tolerances,
});
console.log(`\nDamped by a bath at T = ${T} (g = ${g}): heat current into the bath, period averages`);
// The last column is the rate-equation estimate omega0 g [(1 + n) P_e - n P_g] from the average
// population: quanta emitted minus quanta absorbed, each carrying omega0.
console.log("periods    <P_excited>   <J into bath>   omega0 g [(1 + n) P_e - n P_g]");
for (const p of [0, 50, 100, 200, 399]) {
  // Trapezoidal average over one drive period [p, p + 1).
  let current = 0;
  let excited = 0;
  for (let k = 0; k <= perPeriod; k++) {
    const j = p * perPeriod + k;
    const w = k === 0 || k === perPeriod ? 0.5 : 1;
    current += (w * -damped.samples[j].currents.bath) / perPeriod;
    excited += (w * (1 + damped.expect.z[j].re)) / 2 / perPeriod;
  }
  const estimate = omega0 * g * ((1 + n) * excited - n * (1 - excited));
  console.log(
    `${String(p).padEnd(10)} ${excited.toExponential(4).padEnd(13)} ${current.toExponential(4).padEnd(15)} ${estimate.toExponential(4)}`,
  );
}
console.log("(positive in the periodic steady state: the drive's work leaves as heat into the bath)");

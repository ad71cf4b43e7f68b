// A Rabi-driven, damped qubit: H(t) = (omega/2) sigma_z + Omega cos(omega t) sigma_x, driven on
// resonance and coupled to a cold thermal bath (decay at gamma (n + 1), excitation at gamma n,
// n the Bose factor at the qubit frequency). Starting in the ground state it Rabi-oscillates at
// about Omega while the bath damps the oscillation; in the driven steady regime the work the
// drive does leaves as heat into the bath, so the bath's heat current J (positive into the
// system) is negative on average.
import { basis, sigmaMinus, sigmaPlus, sigmaX, sigmaZ } from "@liouville/core";
import { mesolve } from "@liouville/integrators";

const omega = 1;
const rabi = 0.2; // Omega, the drive amplitude
const gamma = 0.02;
const temperature = 0.3;
const n = 1 / Math.expm1(omega / temperature);

const times = Array.from({ length: 301 }, (_, k) => k * 0.5);
const result = mesolve(
  [sigmaZ().scale(omega / 2), [sigmaX().scale(rabi), (t: number) => Math.cos(omega * t)]],
  basis(2, 1), // the ground state |1> (sigma_z = -1)
  times,
  {
    baths: {
      cold: [
        { operator: sigmaMinus(), rate: gamma * (n + 1) },
        { operator: sigmaPlus(), rate: gamma * n },
      ],
    },
    eOps: { z: sigmaZ() },
    rtol: 1e-8,
    atol: 1e-10,
  },
);

console.log(
  `Bose factor n = ${n.toExponential(3)}, Rabi period 2 pi / Omega = ${((2 * Math.PI) / rabi).toFixed(2)}`,
);
console.log("t        <sigma_z>     J_cold");
for (let k = 0; k < times.length; k += 20) {
  const s = result.samples[k];
  console.log(
    `${s.t.toFixed(1).padEnd(8)} ${s.expect.z.re.toFixed(6).padStart(10)}  ${s.currents.cold.toExponential(4).padStart(12)}`,
  );
}
// The heat current averaged over the last 50 time units (several drive and Rabi periods).
const late = result.samples.filter((s) => s.t >= times[times.length - 1] - 50);
const mean = late.reduce((sum, s) => sum + s.currents.cold, 0) / late.length;
console.log(
  `mean J_cold over the last 50 time units: ${mean.toExponential(4)} (heat into the bath: ${mean < 0})`,
);

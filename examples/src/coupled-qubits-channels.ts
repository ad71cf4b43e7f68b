// Two coupled qubits (eqs. (3.16)-(3.18) of arXiv:2301.13544): the global master equation splits
// each bath's heat current into the omega+ and omega- channels of eqs. (3.52)-(3.57).
import { getModel, steadyReport } from "@liouville/models-qubits";

const r = steadyReport(getModel("coupled-qubits"), {
  omega1: 1.2,
  omega2: 1,
  lambda: 0.2,
  TA: 2,
  TB: 0.5,
  spectrum: "ohmic",
});
console.log(`energies    ${r.energies!.map((e) => e.toFixed(6)).join("  ")}`);
console.log(`populations ${r.populations!.map((p) => p.toFixed(6)).join("  ")}`);
for (const c of r.channels) {
  const closed = r.analytic!.channels!.find(
    (a) => a.bath === c.bath && Math.abs(a.omega - (c.omega ?? 0)) < 1e-9,
  );
  console.log(
    `bath ${c.bath}  omega ${c.omega!.toFixed(6)}  current ${c.current.toExponential(8)}  closed form ${closed?.current.toExponential(8)}`,
  );
}
console.log(
  `J_A = ${r.audit.currents.A.toExponential(8)}, entropy production ${r.audit.entropyProduction.toExponential(3)} (${r.audit.secondLaw})`,
);

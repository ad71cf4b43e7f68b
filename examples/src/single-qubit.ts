// A qubit between a hot and a cold bath: the steady heat current from the numerics and from
// eq. (3.14) of Fogedby, "Heat currents in qubit systems" (arXiv:2301.13544), side by side.
import { getModel, steadyReport } from "@liouville/models-qubits";

const model = getModel("single-qubit");
console.log("TA     TB    J_A (numeric)       J_A (eq. 3.14)      entropy production");
for (const [TA, TB] of [
  [2, 1],
  [1, 2],
  [0.1, 0.05],
  [100, 50],
]) {
  const r = steadyReport(model, { TA, TB, gA: 0.01, gB: 0.02 });
  const row = [TA, TB].map((t) => String(t).padEnd(6)).join(" ");
  console.log(
    `${row} ${r.audit.currents.A.toExponential(10).padEnd(19)} ${r.analytic!.currents.A.toExponential(10).padEnd(19)} ${r.audit.entropyProduction.toExponential(3)}`,
  );
}

// Time evolution as an rxjs stream: two coupled qubits under the Redfield master equation start in
// a superposition of the eigenstates |2> and |3>; the coherence rho_23 oscillates at E3 - E2 and
// decays towards its small nonzero steady value (docs/paper-corrections.md, items 7-8).
import { basis, buildGenerator, ket2dm, Operator } from "@liouville/core";
import { evolve } from "@liouville/integrators";
import { getModel, modelParameters } from "@liouville/models-qubits";
import { take } from "rxjs";

const model = getModel("coupled-qubits");
const params = modelParameters(model, { lambda: 0.3, gA: 0.02, gB: 0.02, TA: 2, TB: 0.5 });
const generator = buildGenerator(model.build(params), { approach: "redfield" });

// |psi> = (|2> + |3>)/sqrt(2) in the eigenbasis, moved to the product basis by the eigenvector
// matrix V (its columns are the eigenstates): |psi> = V (|2> + |3>)/sqrt(2), rho0 = |psi><psi|.
const v = Operator.of(generator.eigen.vectors, [2, 2]);
const psi = v.mul(
  basis([2, 2], 1)
    .add(basis([2, 2], 2))
    .unit(),
);
const rho0 = ket2dm(psi);

console.log(`E3 - E2 = ${(generator.eigen.values[2] - generator.eigen.values[1]).toFixed(6)}`);
console.log("t        Re rho_23     Im rho_23     J_A");
evolve(generator, rho0, { every: 2, tEnd: 200, elements: [[1, 2]], rtol: 1e-9, atol: 1e-11 })
  .pipe(take(12))
  .subscribe((s) => {
    const c = s.elements![0];
    console.log(
      `${s.t.toFixed(1).padEnd(8)} ${c.re.toExponential(4).padStart(12)}  ${c.im.toExponential(4).padStart(12)}  ${s.currents.A.toExponential(4)}`,
    );
  });

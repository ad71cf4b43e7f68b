// Time evolution as an rxjs stream: two coupled qubits under the Redfield master equation start in
// a superposition of the eigenstates |2> and |3>; the coherence rho_23 oscillates at E3 - E2 and
// decays towards its small nonzero steady value (docs/paper-corrections.md, items 7-8).
import { buildGenerator, Operator } from "@liouville/core";
import { evolve } from "@liouville/integrators";
import { getModel, modelParameters } from "@liouville/models-qubits";
import { take } from "rxjs";

const model = getModel("coupled-qubits");
const params = modelParameters(model, { lambda: 0.3, gA: 0.02, gB: 0.02, TA: 2, TB: 0.5 });
const generator = buildGenerator(model.build(params), { approach: "redfield" });

// |psi> = (|2> + |3>)/sqrt(2) in the eigenbasis, moved to the product basis: rho0 = V P V^dagger.
const v = generator.eigen.vectors;
const rho0 = new Operator([2, 2]);
for (let i = 0; i < 4; i++) {
  for (let j = 0; j < 4; j++) {
    let re = 0;
    let im = 0;
    for (const a of [1, 2]) {
      for (const b of [1, 2]) {
        // 0.5 V_ia conj(V_jb)
        re += 0.5 * (v.re(i, a) * v.re(j, b) + v.im(i, a) * v.im(j, b));
        im += 0.5 * (v.im(i, a) * v.re(j, b) - v.re(i, a) * v.im(j, b));
      }
    }
    rho0.set(i, j, { re, im });
  }
}

console.log(`E3 - E2 = ${(generator.eigen.values[2] - generator.eigen.values[1]).toFixed(6)}`);
console.log("t        Re rho_23     Im rho_23     J_A");
evolve(generator, rho0, { every: 2, tEnd: 200, elements: [[1, 2]], rtol: 1e-9, atol: 1e-11 })
  .pipe(take(12))
  .subscribe((s) => {
    const c = s.elements![0];
    console.log(
      `${s.t.toFixed(1).padEnd(8)} ${c.re.toExponential(4).padStart(12)}  ${c.im.toExponential(4).padStart(12)}  ${s.currents!.A.toExponential(4)}`,
    );
  });

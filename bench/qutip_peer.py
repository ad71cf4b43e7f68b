#!/usr/bin/env python3
"""QuTiP side of Liouville's benchmarks (bench/run.mjs runs it in the same invocation).

Reads one JSON job from stdin and prints one JSON result. Jobs:
  steady:  the coupled qubits' global (Davies) generator built from QuTiP's eigenstates, and the
           Bloch-Redfield tensor, each followed by qutip.steadystate; median seconds per build+solve.
  evolve:  qutip.mesolve of Liouville's Liouvillian, passed as a sparse (CSR) matrix, at the same
           rtol/atol, initial state and output times; timed like Liouville's side: one warm-up
           run, then the median of `repeats` runs (default 5); seconds and the final state.
"""
import json
import math
import sys
import time

import numpy as np
import qutip as qt


def median_time(fn, repeats):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    times.sort()
    return times[len(times) // 2]


def bose(w, T):
    return 0.0 if T == 0 else 1.0 / math.expm1(w / T)


def coupled_qubits(p):
    sz1 = qt.tensor(qt.sigmaz(), qt.qeye(2))
    sz2 = qt.tensor(qt.qeye(2), qt.sigmaz())
    sp1 = qt.tensor(qt.sigmap(), qt.qeye(2))
    sp2 = qt.tensor(qt.qeye(2), qt.sigmap())
    H = p["omega1"] / 2 * sz1 + p["omega2"] / 2 * sz2 + p["lambda"] * (sp1 * sp2.dag() + sp1.dag() * sp2)
    return H, [(sp1, p["gA"], p["TA"]), (sp2, p["gB"], p["TB"])]


def davies_c_ops(H, couplings):
    """Global ME: per bath and Bohr frequency, jumps A(w) sqrt(g(1+n)) and A(w)^dag sqrt(g n)."""
    energies, kets = H.eigenstates()
    c_ops = []
    for sp, g, T in couplings:
        sm = sp.dag()
        groups = {}
        for m in range(len(kets)):
            for n in range(len(kets)):
                w = energies[n] - energies[m]
                if w <= 1e-9:
                    continue
                el = sm.matrix_element(kets[m].dag(), kets[n])
                if abs(el) < 1e-14:
                    continue
                key = round(w, 9)
                groups.setdefault(key, 0)
                groups[key] = groups[key] + el * kets[m] * kets[n].dag()
        for w, A in groups.items():
            n = bose(w, T)
            c_ops.append(math.sqrt(g * (1 + n)) * A)
            if n > 0:
                c_ops.append(math.sqrt(g * n) * A.dag())
    return c_ops


def job_steady(job):
    p = job["params"]
    repeats = job["repeats"]

    def global_me():
        H, couplings = coupled_qubits(p)
        return qt.steadystate(H, davies_c_ops(H, couplings))

    def redfield():
        H, couplings = coupled_qubits(p)
        sx = [(sp + sp.dag(), g, T) for sp, g, T in couplings]
        a_ops = [[op, (lambda g, T: lambda w: g * (1 + bose(w, T)) if w > 0 else (g * bose(-w, T) if w < 0 else 0.0))(g, T)] for op, g, T in sx]
        R, ekets = qt.bloch_redfield_tensor(H, a_ops, use_secular=False)
        return qt.steadystate(R)

    return {"global": median_time(global_me, repeats), "redfield": median_time(redfield, repeats)}


def job_evolve(job):
    d = job["dimension"]
    import scipy.sparse as sp

    csr = job["liouvillian"]
    values = np.array(csr["values"][0::2]) + 1j * np.array(csr["values"][1::2])
    L = sp.csr_matrix((values, np.array(csr["columns"]), np.array(csr["rowStart"])), shape=(d * d, d * d))
    dims = job["dims"]
    Lq = qt.Qobj(L, dims=[[dims, dims], [dims, dims]], type="super")
    rho0 = qt.Qobj(np.array(job["rho0"]["re"]) + 1j * np.array(job["rho0"]["im"]), dims=[dims, dims])
    opts = qt.Options(rtol=job["rtol"], atol=job["atol"], nsteps=10**7, store_final_state=True)
    tlist = np.array(job["times"])
    results = []

    def run():
        results.append(qt.mesolve(Lq, rho0, tlist, [], [], options=opts))

    run()  # warm-up, as on Liouville's side
    elapsed = median_time(run, job.get("repeats", 5))
    final = results[-1].final_state.full()
    return {"seconds": elapsed, "final": {"re": final.real.tolist(), "im": final.imag.tolist()}, "method": opts.method}


job = json.load(sys.stdin)
result = {"steady": job_steady, "evolve": job_evolve}[job["kind"]](job)
result["qutip"] = qt.__version__
json.dump(result, sys.stdout)

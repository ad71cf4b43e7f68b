#!/usr/bin/env python3
"""QuTiP side of Liouville's benchmarks (bench/run.mjs runs it in the same invocation).

Reads one JSON job from stdin and prints one JSON result. Jobs:
  steady:  the coupled qubits' global (Davies) generator built from QuTiP's eigenstates, and the
           Bloch-Redfield tensor, each followed by qutip.steadystate; median seconds per build+solve.
  evolve:  qutip.mesolve of Liouville's Liouvillian, passed as a sparse (CSR) matrix, at the same
           rtol/atol, initial state and output times; timed like Liouville's side: one warm-up
           run, then the median of `repeats` runs (default 5); seconds and the final state.
  chain:   the XX(Z) spin chain with baths on its end spins, local master equation, built from
           QuTiP operators (site 1 the first tensor factor, as Liouville's basis order), then
           qutip.steadystate(L) with the direct sparse solver (use_rcm as given). Timed build +
           steady state: the first run in this fresh process (cold), then the median of a few
           more when that is cheap (warm); then (untimed) J_X = Tr[H D_X(rho)]; peak RSS.
  oscillators: the two coupled oscillators truncated at nmax (QuTiP's destroy(nmax + 1)), local
           (bare-operator dissipators) or global (Davies jumps per Bohr frequency, built in the
           eigenbasis of H_S, where they are sparse), timed and reported as `chain`.
The chain and oscillators jobs run one size per process (bench/run.mjs spawns them), so that the
cold time and the peak memory belong to that size alone.
"""
import json
import math
import resource
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


def site_op(op, i, n):
    return qt.tensor([qt.qeye(2)] * i + [op] + [qt.qeye(2)] * (n - 1 - i))


def bath_c_ops(lower, g, T, w):
    """Local RWA bath on one mode/spin at frequency w, flat g: g(1+n) D[lower] + g n D[lower^dag]."""
    n = bose(w, T)
    ops = [math.sqrt(g * (1 + n)) * lower]
    if n > 0:
        ops.append(math.sqrt(g * n) * lower.dag())
    return ops


def chain_system(job):
    n, p = job["n"], job["params"]
    sz = [site_op(qt.sigmaz(), i, n) for i in range(n)]
    sp = [site_op(qt.sigmap(), i, n) for i in range(n)]
    H = sum(p["omega"] / 2 * s for s in sz)
    for i in range(n - 1):
        H = H + p["J"] * (sp[i] * sp[i + 1].dag() + sp[i].dag() * sp[i + 1])
        if p["Delta"] != 0:
            H = H + p["Delta"] * sz[i] * sz[i + 1]
    baths = {
        "A": bath_c_ops(sp[0].dag(), p["gA"], p["TA"], p["omega"]),
        "B": bath_c_ops(sp[n - 1].dag(), p["gB"], p["TB"], p["omega"]),
    }
    return H, baths


def davies_eigenbasis(H, couplings):
    """Global ME in the eigenbasis of H (diagonal there): per bath and Bohr frequency w > 0 (grouped
    within 1e-9 of the spectrum's spread, at least 1e-12 of max |E|, entries below 1e-14 of the largest dropped, as Liouville
    does), jumps sqrt(g(1+n)) A(w) and sqrt(g n) A(w)^dag. Returns H_eig and the c_ops by bath."""
    import scipy.sparse as sps

    E, V = np.linalg.eigh(H.full())
    d = len(E)
    tol = max(1e-9 * (E[-1] - E[0]), 1e-12 * max(abs(E[0]), abs(E[-1])))
    dims = H.dims
    baths = {}
    for name, (lower, g, T) in couplings.items():
        S = V.conj().T @ lower.full() @ V
        S[abs(S) < 1e-14 * abs(S).max()] = 0
        m, k = np.nonzero(S)
        w = E[k] - E[m]
        keep = w > tol
        m, k, w = m[keep], k[keep], w[keep]
        order = np.argsort(w, kind="stable")
        m, k, w = m[order], k[order], w[order]
        starts = np.concatenate(([0], 1 + np.nonzero(np.diff(w) > tol)[0], [len(w)]))
        ops = []
        for a, b in zip(starts[:-1], starts[1:]):
            wg = w[a:b].mean()
            A = qt.Qobj(sps.csr_matrix((S[m[a:b], k[a:b]], (m[a:b], k[a:b])), shape=(d, d)), dims=dims)
            n = bose(wg, T)
            ops.append(math.sqrt(g * (1 + n)) * A)
            if n > 0:
                ops.append(math.sqrt(g * n) * A.dag())
        baths[name] = ops
    return qt.Qobj(np.diag(E), dims=dims), baths


def oscillators_system(job):
    nmax, p = job["nmax"], job["params"]
    a1 = qt.tensor(qt.destroy(nmax + 1), qt.qeye(nmax + 1))
    a2 = qt.tensor(qt.qeye(nmax + 1), qt.destroy(nmax + 1))
    H = p["omega1"] * a1.dag() * a1 + p["omega2"] * a2.dag() * a2 + p["lambda"] * (a1 * a2.dag() + a1.dag() * a2)
    if job["approach"] == "local":
        return H, {
            "A": bath_c_ops(a1, p["gA"], p["TA"], p["omega1"]),
            "B": bath_c_ops(a2, p["gB"], p["TB"], p["omega2"]),
        }
    return davies_eigenbasis(H, {"A": (a1, p["gA"], p["TA"]), "B": (a2, p["gB"], p["TB"])})


def steady(build, use_rcm):
    """Build H and the collapse operators, liouvillian, steadystate (direct sparse LU)."""
    H, baths = build()
    L = qt.liouvillian(H, [c for ops in baths.values() for c in ops])
    return H, baths, qt.steadystate(L, method="direct", use_rcm=use_rcm)


def currents_of(H, baths, rho):
    """J_X = Tr[H D_X(rho)] = Tr[D_X^dagger(H) rho], D_X^dagger(H) = sum over bath X's collapse
    operators c of c^dag H c - {H, c^dag c}/2, in scipy's sparse arithmetic. Not with Qobj products:
    QuTiP 4 drops entries below 1e-12 from every product (settings.auto_tidyup), which moved J_A
    of the oscillators at nmax = 20 by 2e-7 relative."""
    import scipy.sparse as sps

    h = sps.csr_matrix(H.data)
    r = rho.full()
    out = {}
    for name, ops in baths.items():
        total = 0.0
        for c in ops:
            c = sps.csr_matrix(c.data)
            cd = c.conj().T.tocsr()
            cdc = cd @ c
            m = cd @ h @ c - 0.5 * (h @ cdc + cdc @ h)
            total += float(np.real(m.multiply(r.T).sum()))
        out[name] = total
    return out


# The warm-timing rule of run.mjs's warmTime: warm-up runs for WARM_UP_SECONDS (at most
# WARM_UP_MAX_RUNS), then the median of up to WARM_RUNS measured runs.
WARM_UP_SECONDS = 1.0
WARM_UP_MAX_RUNS = 100
WARM_RUNS = 9


def cold_and_warm(fn, warm_budget):
    """First run in this process (cold); then, when the cold run is under a third of the budget,
    warm-up runs for WARM_UP_SECONDS (at most WARM_UP_MAX_RUNS) and the median of up to WARM_RUNS
    more, as many as fit in a third of the budget (the rule of run.mjs's warmTime)."""
    t0 = time.perf_counter()
    out = fn()
    cold = time.perf_counter() - t0
    warm = None
    if cold * 3 <= warm_budget:
        start = time.perf_counter()
        k = 0
        while k < WARM_UP_MAX_RUNS and (k == 0 or time.perf_counter() - start < WARM_UP_SECONDS):
            fn()
            k += 1
        runs = max(1, min(WARM_RUNS, int(warm_budget / max(3 * cold, 1e-9))))
        warm = median_time(fn, runs)
    return out, cold, warm


def limit_memory(job):
    limit = job.get("memoryLimitBytes")
    if limit:
        resource.setrlimit(resource.RLIMIT_AS, (int(limit), int(limit)))


def job_sized(build, job):
    limit_memory(job)
    use_rcm = bool(job.get("useRcm", False))
    try:
        (H, baths, rho), cold, warm = cold_and_warm(lambda: steady(lambda: build(job), use_rcm), job.get("warmBudget", 5.0))
        currents = currents_of(H, baths, rho)
        # ||L vec(rho)||_2 of QuTiP's own solution (untimed), the quantity Liouville reports; left
        # out when the job says so (the end-to-end timing, which times the whole process).
        residual = None
        if job.get("residual", True):
            L = qt.liouvillian(H, [c for ops in baths.values() for c in ops])
            residual = float(np.linalg.norm(L.data @ qt.operator_to_vector(rho).full().ravel()))
    except MemoryError:
        return {"error": "out of memory (RLIMIT_AS %.1f GB)" % (job["memoryLimitBytes"] / 1e9), "maxRssKiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}
    return {
        "cold": cold,
        "warm": warm,
        "currents": currents,
        "solver": "direct" + (" + rcm" if use_rcm else ""),
        "residual": residual,
        "maxRssKiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }


def job_sized_evolve(job):
    """mesolve from the initial state to the output times, cold and warm; J_A at the end. The chain
    starts with every spin down; the oscillators in the vacuum (global: the ground state of the
    eigenbasis the system is built in, the vacuum for an RWA coupling)."""
    limit_memory(job)

    def run():
        if job["kind"] == "chain-evolve":
            H, baths = chain_system(job)
            start = qt.tensor([qt.basis(2, 1)] * job["n"])
        else:
            H, baths = oscillators_system(job)
            start = qt.Qobj(np.eye(H.shape[0], 1), dims=[H.dims[0], [1] * len(H.dims[0])])
        c_ops = [c for ops in baths.values() for c in ops]
        opts = qt.Options(rtol=job["rtol"], atol=job["atol"], nsteps=10**7, store_final_state=True)
        result = qt.mesolve(H, qt.ket2dm(start), np.array(job["times"], dtype=float), c_ops, [], options=opts)
        return H, baths, result.final_state

    try:
        (H, baths, final), cold, warm = cold_and_warm(run, job.get("warmBudget", 5.0))
        currents = currents_of(H, baths, final)
    except MemoryError:
        return {"error": "out of memory (RLIMIT_AS %.1f GB)" % (job["memoryLimitBytes"] / 1e9), "maxRssKiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}
    return {"cold": cold, "warm": warm, "currents": currents, "maxRssKiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}


job = json.load(sys.stdin)
result = {
    "steady": job_steady,
    "evolve": job_evolve,
    "chain": lambda j: job_sized(chain_system, j),
    "oscillators": lambda j: job_sized(oscillators_system, j),
    "chain-evolve": job_sized_evolve,
    "oscillators-evolve": job_sized_evolve,
    "version": lambda j: {},
}[job["kind"]](job)
result["qutip"] = qt.__version__
json.dump(result, sys.stdout)

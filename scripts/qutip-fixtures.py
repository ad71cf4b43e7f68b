#!/usr/bin/env python3
"""Reference data from QuTiP (an independent implementation) for Liouville's tests.

Run with Debian's python3-qutip:  /usr/bin/python3 scripts/qutip-fixtures.py
Writes packages/core/src/testing/fixtures/qutip-redfield.json: for two coupled qubits with
Hermitian couplings sigma_x (x) X to two ohmic baths, QuTiP's Bloch-Redfield tensor (no secular
approximation, Lamb shift dropped, as QuTiP always does) moved to the product basis, and its
steady state. Units hbar = k_B = 1; spectra S(w) = g(w)(1 + n(w)) for w > 0 and g(-w) n(-w) for w < 0.
"""
import json
import math
import os

import numpy as np
import qutip as qt


def bose(w, T):
    return 0.0 if T == 0 else 1.0 / math.expm1(w / T)


def spectrum(g, cutoff, T):
    def ohmic(w):
        return g * w * math.exp(-w / cutoff)

    def S(w):
        if w > 0:
            return ohmic(w) * (1 + bose(w, T))
        if w < 0:
            return ohmic(-w) * bose(-w, T)
        return g * T  # limit of g(w)(1 + n(w)) as w -> 0 for an ohmic spectrum
    return S


def case(omega1, omega2, lam, gA, gB, TA, TB, cutoff):
    sz1 = qt.tensor(qt.sigmaz(), qt.qeye(2))
    sz2 = qt.tensor(qt.qeye(2), qt.sigmaz())
    sp1 = qt.tensor(qt.sigmap(), qt.qeye(2))
    sp2 = qt.tensor(qt.qeye(2), qt.sigmap())
    H = omega1 / 2 * sz1 + omega2 / 2 * sz2 + lam * (sp1 * sp2.dag() + sp1.dag() * sp2)
    sx1 = sp1 + sp1.dag()
    sx2 = sp2 + sp2.dag()
    a_ops = [[sx1, spectrum(gA, cutoff, TA)], [sx2, spectrum(gB, cutoff, TB)]]
    R, ekets = qt.bloch_redfield_tensor(H, a_ops, use_secular=False)
    # Move R from QuTiP's eigenbasis to the product basis: vec(V X V^dag) = (conj(V) (x) V) vec(X).
    V = np.column_stack([k.full().ravel() for k in ekets])
    W = np.kron(V.conj(), V)
    R_prod = W @ R.full() @ W.conj().T
    rho = qt.steadystate(qt.Qobj(R_prod, dims=[[[2, 2], [2, 2]], [[2, 2], [2, 2]]], type="super"))
    return {
        "params": dict(omega1=omega1, omega2=omega2, lambda_=lam, gA=gA, gB=gB, TA=TA, TB=TB, cutoff=cutoff),
        "liouvillian": {"re": R_prod.real.tolist(), "im": R_prod.imag.tolist()},
        "steadyState": {"re": rho.full().real.tolist(), "im": rho.full().imag.tolist()},
    }


def rwa_redfield_case(omega1, omega2, lam, gA, gB, TA, TB, cutoff):
    """The Born-Markov kernel of Fogedby's (arXiv:2301.13544) eq. (5.2), corrected as in paper-corrections item 10, for the
    RWA couplings S+ X + S- X^dagger (S^1 = sigma+, S^2 = sigma-, D^12(w) = g(w)(1 + n(w)) for w > 0,
    D^21(w) = g(-w) n(-w) for w < 0), written here directly from the formula with numpy loops:
    an implementation independent of Liouville's and of QuTiP's (QuTiP has no RWA Redfield)."""
    sz1 = qt.tensor(qt.sigmaz(), qt.qeye(2))
    sz2 = qt.tensor(qt.qeye(2), qt.sigmaz())
    sp1 = qt.tensor(qt.sigmap(), qt.qeye(2))
    sp2 = qt.tensor(qt.qeye(2), qt.sigmap())
    H = omega1 / 2 * sz1 + omega2 / 2 * sz2 + lam * (sp1 * sp2.dag() + sp1.dag() * sp2)
    E, V = np.linalg.eigh(H.full())
    d = len(E)
    K = np.zeros((d * d, d * d), dtype=complex)
    for sp, g, T in [(sp1, gA, TA), (sp2, gB, TB)]:
        S = {1: V.conj().T @ sp.full() @ V, 2: V.conj().T @ sp.dag().full() @ V}

        def D(alpha, beta, w):
            ohmic = lambda x: g * x * math.exp(-x / cutoff)
            if (alpha, beta) == (1, 2) and w > 1e-12:
                return ohmic(w) * (1 + bose(w, T))
            if (alpha, beta) == (2, 1) and w < -1e-12:
                return ohmic(-w) * bose(-w, T)
            return 0.0

        for p in range(d):
            for pp in range(d):
                for q in range(d):
                    for qq in range(d):
                        val = 0.0
                        for a in (1, 2):
                            for b in (1, 2):
                                if pp == qq:
                                    val -= 0.5 * sum(S[a][p, l] * S[b][l, q] * D(a, b, E[q] - E[l]) for l in range(d))
                                if p == q:
                                    val -= 0.5 * sum(S[a][qq, l] * S[b][l, pp] * D(a, b, E[qq] - E[l]) for l in range(d))
                                val += 0.5 * S[b][p, q] * S[a][qq, pp] * (D(a, b, E[qq] - E[pp]) + D(a, b, E[q] - E[p]))
                        # column stacking: vec index of (p, pp) is p + pp d
                        K[p + pp * d, q + qq * d] += val
    for p in range(d):
        for pp in range(d):
            K[p + pp * d, p + pp * d] += -1j * (E[p] - E[pp])
    W = np.kron(V.conj(), V)
    L = W @ K @ W.conj().T
    return {
        "params": dict(omega1=omega1, omega2=omega2, lambda_=lam, gA=gA, gB=gB, TA=TA, TB=TB, cutoff=cutoff),
        "liouvillian": {"re": L.real.tolist(), "im": L.imag.tolist()},
    }


rwa_cases = [
    rwa_redfield_case(1.2, 1.0, 0.1, 0.01, 0.02, 2.0, 0.5, 3.0),
    rwa_redfield_case(1.0, 1.5, 0.4, 0.05, 0.03, 0.4, 1.5, 2.0),
]
rwa_out = os.path.join(os.path.dirname(__file__), "..", "packages", "core", "src", "testing", "fixtures", "rwa-redfield.json")
with open(rwa_out, "w") as f:
    json.dump({"cases": rwa_cases}, f)
print(f"wrote {rwa_out}")

cases = [
    case(1.2, 1.0, 0.1, 0.01, 0.02, 2.0, 0.5, 3.0),
    case(1.0, 1.5, 0.3, 0.05, 0.05, 0.3, 1.0, 2.0),
    case(1.0, 1.0, 0.2, 0.02, 0.01, 1.0, 1.0, 5.0),
]
out = os.path.join(os.path.dirname(__file__), "..", "packages", "core", "src", "testing", "fixtures", "qutip-redfield.json")
with open(out, "w") as f:
    json.dump({"qutip": qt.__version__, "cases": cases}, f)
print(f"wrote {out} with QuTiP {qt.__version__}")

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


cases = [
    case(1.2, 1.0, 0.1, 0.01, 0.02, 2.0, 0.5, 3.0),
    case(1.0, 1.5, 0.3, 0.05, 0.05, 0.3, 1.0, 2.0),
    case(1.0, 1.0, 0.2, 0.02, 0.01, 1.0, 1.0, 5.0),
]
out = os.path.join(os.path.dirname(__file__), "..", "packages", "core", "src", "testing", "fixtures", "qutip-redfield.json")
with open(out, "w") as f:
    json.dump({"qutip": qt.__version__, "cases": cases}, f)
print(f"wrote {out} with QuTiP {qt.__version__}")

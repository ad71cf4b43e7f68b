#!/usr/bin/env python3
"""Fixtures for the mesolve tests: QuTiP's mesolve on three reference problems.

1. driven-damped-qubit: H(t) = (w0 / 2) sigma_z + F cos(wd t) sigma_x (detuned drive), a thermal
   bath with collapse operators sqrt(g (1 + n)) sigma_- and sqrt(g n) sigma_+, from the ground state.
2. qubit-qutrit: a qubit (dims 2) exchanging quanta with a three-level oscillator (dims 3),
   H = (wq / 2) sigma_z x 1 + wc 1 x a^dagger a + k (sigma_+ x a + sigma_- x a^dagger), with decay of
   both, from the ket |e> x |0>.
3. modulated-decay: H = (w0 / 2) sigma_z with the time-dependent collapse operator
   f(t) sigma_-, f(t) = sqrt(r (1 + sin t)) (QuTiP's [c, f] format: rate f^2), from |+>.

Each problem stores its parameters, the output times, the expectation values of sigma_x, sigma_y,
sigma_z (of the qubit) and the final density matrix (row-major, re and im).

Run with Debian's python3-qutip (4.7): /usr/bin/python3 scripts/qutip-mesolve-fixtures.py
It writes packages/integrators/src/evolution/fixtures/qutip-mesolve.json.
"""
import json
import math
import os

import numpy as np
import qutip as qt

OPTIONS = qt.Options(atol=1e-12, rtol=1e-10, nsteps=1_000_000)


def rho_json(rho):
    m = rho.full()
    return {"re": np.real(m).ravel().tolist(), "im": np.imag(m).ravel().tolist()}


def driven_damped_qubit():
    p = {"w0": 1.0, "F": 0.2, "wd": 0.9, "g": 0.05, "n": 0.3}
    h = [p["w0"] / 2 * qt.sigmaz(), [p["F"] * qt.sigmax(), lambda t, args: math.cos(p["wd"] * t)]]
    c = [math.sqrt(p["g"] * (1 + p["n"])) * qt.sigmam(), math.sqrt(p["g"] * p["n"]) * qt.sigmap()]
    times = np.linspace(0, 20, 41)
    rho0 = qt.ket2dm(qt.basis(2, 1))
    e_ops = [qt.sigmax(), qt.sigmay(), qt.sigmaz()]
    r = qt.mesolve(h, rho0, times, c, e_ops, options=OPTIONS)
    final = qt.mesolve(h, rho0, times, c, [], options=OPTIONS).states[-1]
    return p, times, r.expect, final


def qubit_qutrit():
    p = {"wq": 1.0, "wc": 1.1, "k": 0.1, "gc": 0.02, "gq": 0.03}
    a = qt.tensor(qt.qeye(2), qt.destroy(3))
    sm = qt.tensor(qt.sigmam(), qt.qeye(3))
    h = p["wq"] / 2 * qt.tensor(qt.sigmaz(), qt.qeye(3)) + p["wc"] * a.dag() * a + p["k"] * (sm.dag() * a + sm * a.dag())
    c = [math.sqrt(p["gc"]) * a, math.sqrt(p["gq"]) * sm]
    times = np.linspace(0, 30, 31)
    psi0 = qt.tensor(qt.basis(2, 0), qt.basis(3, 0))
    e_ops = [qt.tensor(op, qt.qeye(3)) for op in (qt.sigmax(), qt.sigmay(), qt.sigmaz())]
    r = qt.mesolve(h, psi0, times, c, e_ops, options=OPTIONS)
    final = qt.mesolve(h, psi0, times, c, [], options=OPTIONS).states[-1]
    return p, times, r.expect, final


def modulated_decay():
    p = {"w0": 1.0, "r": 0.1}
    h = p["w0"] / 2 * qt.sigmaz()
    c = [[qt.sigmam(), lambda t, args: math.sqrt(p["r"] * (1 + math.sin(t)))]]
    times = np.linspace(0, 10, 21)
    rho0 = qt.ket2dm((qt.basis(2, 0) + qt.basis(2, 1)).unit())
    e_ops = [qt.sigmax(), qt.sigmay(), qt.sigmaz()]
    r = qt.mesolve(h, rho0, times, c, e_ops, options=OPTIONS)
    final = qt.mesolve(h, rho0, times, c, [], options=OPTIONS).states[-1]
    return p, times, r.expect, final


def main():
    out = {
        "generator": f"scripts/qutip-mesolve-fixtures.py with QuTiP {qt.__version__} (rtol 1e-10, atol 1e-12)",
        "problems": {},
    }
    for name, fn in [
        ("driven-damped-qubit", driven_damped_qubit),
        ("qubit-qutrit", qubit_qutrit),
        ("modulated-decay", modulated_decay),
    ]:
        p, times, expect, final = fn()
        out["problems"][name] = {
            "parameters": p,
            "times": times.tolist(),
            "expect": {k: np.real(v).tolist() for k, v in zip(("x", "y", "z"), expect)},
            "final": rho_json(final),
        }
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "packages", "integrators", "src", "evolution", "fixtures", "qutip-mesolve.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print("wrote", os.path.relpath(path))


if __name__ == "__main__":
    main()

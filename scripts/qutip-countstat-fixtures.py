#!/usr/bin/env python3
"""Fixtures for the counting-statistics tests: QuTiP's countstat_current_noise on reference systems.

QuTiP's zero-frequency noise of a jump superoperator J (rho -> c rho c^dagger) is
    S = Tr[J rho] - 2 Tr[J Q L^+ Q J rho],
the variance rate of the number of jumps it counts (weight 1 per jump). Liouville counts the heat
into the system, eps = -omega per emission into a bath; for a bath at T = 0 (emissions only) and
omega = 1 the two are the same quantity: Liouville's mean current is -I and its noise is S.

Run with Debian's python3-qutip (4.7): /usr/bin/python3 scripts/qutip-countstat-fixtures.py
It writes packages/models-qubits/src/fixtures/qutip-countstat.json.
"""
import json
import math
import os

import qutip as qt


def bose(w, t):
    return 0.0 if t == 0 else 1.0 / math.expm1(w / t)


def chain(n, omega, j, ga, gb, ta, tb):
    """XX chain with local baths on the end spins (the spin-chain model, local approach)."""
    def site(op, k):
        return qt.tensor([op if i == k else qt.qeye(2) for i in range(n)])
    h = sum(omega / 2 * site(qt.sigmaz(), k) for k in range(n))
    for k in range(n - 1):
        h += j * (site(qt.sigmap(), k) * site(qt.sigmam(), k + 1) + site(qt.sigmam(), k) * site(qt.sigmap(), k + 1))
    na, nb = bose(omega, ta), bose(omega, tb)
    c_a = [math.sqrt(ga * (1 + na)) * site(qt.sigmam(), 0), math.sqrt(ga * na) * site(qt.sigmap(), 0)]
    c_b = [math.sqrt(gb * (1 + nb)) * site(qt.sigmam(), n - 1), math.sqrt(gb * nb) * site(qt.sigmap(), n - 1)]
    return h, c_a, c_b


def coupled_qubits(omega1, omega2, lam, ga, gb, ta, tb):
    """The coupled qubits, local approach (bath A on qubit 1 at omega1, B on qubit 2 at omega2)."""
    sm1, sm2 = qt.tensor(qt.sigmam(), qt.qeye(2)), qt.tensor(qt.qeye(2), qt.sigmam())
    h = omega1 / 2 * qt.tensor(qt.sigmaz(), qt.qeye(2)) + omega2 / 2 * qt.tensor(qt.qeye(2), qt.sigmaz())
    h += lam * (sm1.dag() * sm2 + sm1 * sm2.dag())
    na, nb = bose(omega1, ta), bose(omega2, tb)
    c_a = [math.sqrt(ga * (1 + na)) * sm1, math.sqrt(ga * na) * sm1.dag()]
    c_b = [math.sqrt(gb * (1 + nb)) * sm2, math.sqrt(gb * nb) * sm2.dag()]
    return h, c_a, c_b


def noise_of_emissions_into_b(h, c_a, c_b):
    c_ops = [c for c in c_a + c_b if c.norm() > 0]
    lindblad = qt.liouvillian(h, c_ops)
    rho = qt.steadystate(lindblad)
    emission = qt.sprepost(c_b[0], c_b[0].dag())
    current, noise = qt.countstat_current_noise(lindblad, [], rhoss=rho, J_ops=[emission])
    return float(current[0]), float(noise[0, 0, 0])


CASES = [
    {
        "model": "single-qubit",
        "params": {"omega0": 1, "gA": 0.02, "gB": 0.05, "TA": 2, "TB": 0},
        "system": lambda p: chain(1, p["omega0"], 0, p["gA"], p["gB"], p["TA"], p["TB"]),
    },
    {
        "model": "spin-chain",
        "approach": "local",
        "params": {"n": 3, "omega": 1, "J": 0.2, "Delta": 0, "gA": 0.05, "gB": 0.05, "TA": 2, "TB": 0},
        "system": lambda p: chain(p["n"], p["omega"], p["J"], p["gA"], p["gB"], p["TA"], p["TB"]),
    },
    {
        "model": "coupled-qubits",
        "approach": "local",
        "params": {"omega1": 1.2, "omega2": 1, "lambda": 0.1, "gA": 0.03, "gB": 0.02, "TA": 1.5, "TB": 0},
        "system": lambda p: coupled_qubits(p["omega1"], p["omega2"], p["lambda"], p["gA"], p["gB"], p["TA"], p["TB"]),
    },
]


def main():
    out = []
    for case in CASES:
        current, noise = noise_of_emissions_into_b(*case["system"](case["params"]))
        out.append({
            "model": case["model"],
            "approach": case.get("approach", "global"),
            "params": case["params"],
            "bath": "B",
            "qutipCurrent": current,
            "qutipNoise": noise,
        })
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "packages", "models-qubits", "src", "fixtures", "qutip-countstat.json")
    with open(path, "w") as f:
        json.dump({"generator": f"QuTiP {qt.__version__} countstat_current_noise (scripts/qutip-countstat-fixtures.py)", "cases": out}, f, indent=2)
        f.write("\n")
    print(f"wrote {os.path.normpath(path)}")


if __name__ == "__main__":
    main()

import {
  basisState,
  ComplexMatrix,
  DimensionError,
  heatCurrents,
  identity,
  ParameterError,
  scale,
  sigmaMinus,
  sigmaX,
  sigmaZ,
  tensor,
  traceDistance,
} from "@liouville/core";
import { lastValueFrom, take, toArray } from "rxjs";
import { describe, expect, test } from "vitest";
import { coupledQubitsGenerator } from "../test-support/evolve-test-systems";
import { evolve } from "./evolve";
import { mesolve, mesolveStream } from "./mesolve";

/** Tolerances of the integration (rtol, atol) and the agreement they allow with closed forms. */
const RTOL = 1e-10;
const ATOL = 1e-12;
const CLOSED_FORM = 1e-8;

const excited = basisState(2, 0); // sigma_z = +1
const ground = basisState(2, 1);
const times = [0, 0.5, 1.3, 2, 4.5];

describe("mesolve: one call for the Lindblad master equation", () => {
  test("spontaneous decay: <sigma_z>(t) = 2 e^{-gamma t} - 1 (collapse operator sqrt(gamma) sigma-)", () => {
    const gamma = 0.3;
    const r = mesolve(scale(sigmaZ(), 0.7), excited, times, {
      cOps: [scale(sigmaMinus(), Math.sqrt(gamma))],
      eOps: { z: sigmaZ() },
      rtol: RTOL,
      atol: ATOL,
    });
    times.forEach((t, j) => {
      expect(Math.abs(r.expect.z[j].re - (2 * Math.exp(-gamma * t) - 1))).toBeLessThan(CLOSED_FORM);
    });
    expect(r.states).toHaveLength(times.length);
    expect(r.states[0].dims).toEqual([2]);
  });

  test("a time-dependent Hamiltonian f(t) sigma_x (QuTiP list format): P_e(t) = sin^2(F(t)), F = int f", () => {
    const r = mesolve([scale(sigmaZ(), 0), [sigmaX(), Math.cos]], ground, times, {
      eOps: { z: sigmaZ() },
      rtol: RTOL,
      atol: ATOL,
    });
    times.forEach((t, j) => {
      const pe = Math.sin(Math.sin(t)) ** 2;
      expect(Math.abs(r.expect.z[j].re - (2 * pe - 1))).toBeLessThan(CLOSED_FORM);
    });
  });

  test("time-dependent rates: {operator, rate(t)} and QuTiP's [c, f(t)] (rate f^2) decay as exp(-int rate)", () => {
    const rate = (t: number) => 0.2 * (1 + Math.sin(t));
    const integral = (t: number) => 0.2 * (t + 1 - Math.cos(t));
    const a = mesolve(scale(sigmaZ(), 0.5), excited, times, {
      cOps: [{ operator: sigmaMinus(), rate }],
      eOps: { z: sigmaZ() },
      rtol: RTOL,
      atol: ATOL,
    });
    const b = mesolve(scale(sigmaZ(), 0.5), excited, times, {
      cOps: [[sigmaMinus(), (t: number) => Math.sqrt(rate(t))]],
      eOps: { z: sigmaZ() },
      rtol: RTOL,
      atol: ATOL,
    });
    times.forEach((t, j) => {
      const z = 2 * Math.exp(-integral(t)) - 1;
      expect(Math.abs(a.expect.z[j].re - z)).toBeLessThan(CLOSED_FORM);
      expect(Math.abs(b.expect.z[j].re - z)).toBeLessThan(CLOSED_FORM);
    });
  });

  test("a ket and its density matrix give the same evolution", () => {
    const ket = ComplexMatrix.from([[0.6], [{ re: 0, im: 0.8 }]]);
    const dm = ComplexMatrix.from([
      [0.36, { re: 0, im: -0.48 }],
      [{ re: 0, im: 0.48 }, 0.64],
    ]);
    const options = { cOps: [scale(sigmaMinus(), 0.4)], rtol: RTOL, atol: ATOL };
    const fromKet = mesolve(sigmaZ(), ket, times, options);
    const fromDm = mesolve(sigmaZ(), dm, times, options);
    fromKet.states.forEach((s, j) => {
      expect(traceDistance(s, fromDm.states[j])).toBeLessThan(1e-14);
    });
  });

  test("the coupled qubits' local generator as H and collapse operators per bath: evolve's states and heat currents", () => {
    const generator = coupledQubitsGenerator(
      { omega1: 1.2, omega2: 1, lambda: 0.2, gA: 0.05, gB: 0.03, TA: 2, TB: 0.5 },
      "local",
    );
    const baths = Object.fromEntries(
      generator.system.baths.map((b) => [
        b.name,
        generator.channels
          .filter((c) => c.bath === b.name)
          .flatMap((c) => c.jumps.map((j) => ({ operator: j.operator, rate: j.rate }))),
      ]),
    );
    const rho0 = basisState([2, 2], 3);
    const out = [0, 3, 10];
    const r = mesolve(generator.system.hamiltonian, rho0, out, { baths, rtol: RTOL, atol: ATOL });
    expect(r.states[0].dims).toEqual([2, 2]);
    const samples: { rho: ComplexMatrix }[] = [];
    evolve(generator, rho0, { times: out, rtol: RTOL, atol: ATOL }).subscribe((s) => samples.push(s));
    out.forEach((_, j) => {
      expect(traceDistance(r.states[j], samples[j].rho)).toBeLessThan(CLOSED_FORM);
      const want = heatCurrents(generator, r.states[j]);
      for (const name of ["A", "B"]) {
        expect(Math.abs(r.samples[j].currents[name] - want[name])).toBeLessThan(1e-12);
      }
    });
  });

  test("mesolveStream emits the same samples lazily and stops on unsubscribe", async () => {
    const options = { cOps: [scale(sigmaMinus(), 0.5)], eOps: { z: sigmaZ() }, rtol: RTOL, atol: ATOL };
    const all = mesolve(sigmaZ(), excited, times, options);
    const streamed = await lastValueFrom(mesolveStream(sigmaZ(), excited, times, options).pipe(toArray()));
    expect(streamed.map((s) => s.expect.z.re)).toEqual(all.expect.z.map((v) => v.re));
    const two = await lastValueFrom(
      mesolveStream(sigmaZ(), excited, times, options).pipe(take(2), toArray()),
    );
    expect(two.map((s) => s.t)).toEqual(times.slice(0, 2));
  });

  test("expm for a constant generator agrees with rk45; it is refused for a time-dependent one", () => {
    const options = { cOps: [scale(sigmaMinus(), 0.5)], eOps: { z: sigmaZ() }, rtol: RTOL, atol: ATOL };
    const a = mesolve(sigmaZ(), excited, times, { ...options, method: "expm" });
    const b = mesolve(sigmaZ(), excited, times, options);
    a.expect.z.forEach((v, j) => {
      expect(Math.abs(v.re - b.expect.z[j].re)).toBeLessThan(CLOSED_FORM);
    });
    expect(() => mesolve([sigmaZ(), [sigmaX(), Math.cos]], excited, times, { method: "expm" })).toThrow(
      ParameterError,
    );
  });

  test("bad input: typed errors naming the parameter", () => {
    const notHermitian = ComplexMatrix.fromReal([
      [0, 1],
      [0, 0],
    ]);
    expect(() => mesolve(notHermitian, excited, times)).toThrow(/hamiltonian\[0\]/);
    expect(() => mesolve(sigmaZ(), basisState(3, 0), times)).toThrow(DimensionError);
    expect(() => mesolve(sigmaZ(), excited, times, { cOps: [{ operator: sigmaMinus(), rate: -1 }] })).toThrow(
      /cOps\[0\]\.rate/,
    );
    expect(() => mesolve(sigmaZ(), excited, [1, 0.5])).toThrow(/times\[1\]/);
    expect(() => mesolve(sigmaZ(), excited, times, { eOps: { big: basisState(3, 0) } })).toThrow(
      DimensionError,
    );
    // Subsystem structure, not only the size: a [2, 3] problem refuses [3, 2] operands.
    const h23 = tensor(sigmaZ(), identity(3));
    const swapped = tensor(identity(3), sigmaZ());
    expect(() => mesolve(h23, basisState([3, 2], 1), times)).toThrow(/rho0/);
    expect(() => mesolve(h23, basisState([2, 3], 1), times, { eOps: { z: swapped } })).toThrow(/eOps\.z/);
    expect(() => mesolve(h23, basisState([2, 3], 1), times, { eOps: { z: swapped } })).toThrow(
      DimensionError,
    );
    expect(() => mesolve(h23, basisState([2, 3], 1), times, { cOps: [swapped] })).toThrow(/cOps\[0\]/);
  });
});

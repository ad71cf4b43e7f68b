import { describe, expect, it } from "vitest";
import { DimensionError } from "../errors/dimension-error";
import { ParameterError } from "../errors/parameter-error";
import { ComplexMatrix } from "../linalg/complex-matrix";
import { buildGenerator } from "../master-equation/build-generator";
import { embed, sigmaPlus, sigmaX, sigmaZ } from "../operators/builders";
import { Operator } from "../operators/operator";
import { liouvillian } from "../superoperators/superoperator";
import { openSystem } from "./open-system";
import { flatSpectrum, ohmicSpectrum } from "./spectral-density";

const bath = (operator: Operator, extra: object = {}) => ({
  name: "A",
  temperature: 1,
  spectralDensity: flatSpectrum(0.1),
  couplings: [{ form: "rwa" as const, operator, frequency: 1 }],
  ...extra,
});

describe("public entry points reject bad systems", () => {
  const nonHermitian = Operator.of(
    ComplexMatrix.fromReal([
      [1, 2],
      [0, -1],
    ]),
  );
  it("a non-Hermitian Hamiltonian", () => {
    expect(() => openSystem({ hamiltonian: nonHermitian, baths: [] })).toThrow(ParameterError);
    expect(() => openSystem({ hamiltonian: nonHermitian, baths: [] })).toThrow(/hamiltonian: Hermitian/);
    expect(() => liouvillian(nonHermitian)).toThrow(/hamiltonian/);
  });

  it("mismatched dimensions of couplings and jump operators", () => {
    expect(() => openSystem({ hamiltonian: sigmaZ(), baths: [bath(embed(sigmaPlus(), 0, [2, 2]))] })).toThrow(
      DimensionError,
    );
    expect(() => liouvillian(sigmaZ(), [{ operator: embed(sigmaPlus(), 0, [2, 2]), rate: 1 }])).toThrow(
      /jumps\[0\]\.operator must have dimension 2x2/,
    );
  });

  it("negative temperature and rates, NaN entries, duplicate bath names", () => {
    expect(() =>
      openSystem({ hamiltonian: sigmaZ(), baths: [bath(sigmaPlus(), { temperature: -1 })] }),
    ).toThrow(/TA must be/);
    expect(() => liouvillian(sigmaZ(), [{ operator: sigmaPlus(), rate: -1 }])).toThrow(/jumps\[0\]\.rate/);
    const nan = Operator.of(
      ComplexMatrix.fromReal([
        [Number.NaN, 0],
        [0, 1],
      ]),
    );
    expect(() => openSystem({ hamiltonian: nan, baths: [] })).toThrow(/finite/);
    expect(() =>
      openSystem({ hamiltonian: sigmaZ(), baths: [bath(sigmaPlus()), bath(sigmaPlus())] }),
    ).toThrow(/unique/);
    expect(() => flatSpectrum(-0.1)).toThrow(/strength/);
    expect(() => ohmicSpectrum(0.1, 0)).toThrow(/cutoff/);
  });

  it("a dephasing (zero-frequency) coupling under a flat spectrum at T > 0 is refused, not infinite", () => {
    const sys = openSystem({
      hamiltonian: sigmaZ(),
      baths: [
        {
          name: "A",
          temperature: 1,
          spectralDensity: flatSpectrum(0.1),
          couplings: [{ form: "hermitian", operator: sigmaZ() }],
        },
      ],
    });
    expect(() => buildGenerator(sys)).toThrow(/ohmic/);
    const ohmic = openSystem({
      hamiltonian: sigmaZ(),
      baths: [
        {
          name: "A",
          temperature: 1,
          spectralDensity: ohmicSpectrum(0.1, 5),
          couplings: [{ form: "hermitian", operator: sigmaX() }],
        },
      ],
    });
    expect(buildGenerator(ohmic).channels.length).toBeGreaterThan(0);
  });

  it("unknown generator options and approaches list the allowed ones", () => {
    const sys = openSystem({ hamiltonian: sigmaZ(), baths: [bath(sigmaPlus())] });
    // @ts-expect-error testing a wrong key on purpose
    expect(() => buildGenerator(sys, { approch: "global" })).toThrow(/known: approach, bohrTolerance/);
    // @ts-expect-error testing a wrong value on purpose
    expect(() => buildGenerator(sys, { approach: "secular" })).toThrow(/known: local, global, redfield/);
  });
});

describe("a malformed spec gets a ParameterError naming the path (issue 10, item 7)", () => {
  const good = () => ({
    name: "A",
    temperature: 1,
    spectralDensity: flatSpectrum(0.1),
    couplings: [{ form: "rwa" as const, operator: Operator.of(sigmaPlus()), frequency: 1 }],
  });
  const withBath = (second: object) => ({
    hamiltonian: sigmaZ(),
    baths: [good(), { ...good(), name: "B", ...second }],
  });
  it.each([
    ["no spec", undefined, "spec: missing (it must be an object { hamiltonian, baths, charge? })"],
    [
      "no hamiltonian",
      { baths: [] },
      "hamiltonian: missing (it must be an operator (ComplexMatrix or Operator))",
    ],
    [
      "no baths",
      { hamiltonian: sigmaZ() },
      "baths: missing (it must be an array of baths { name, temperature, spectralDensity, couplings })",
    ],
    [
      "a null bath",
      { hamiltonian: sigmaZ(), baths: [good(), null] },
      "baths[1]: missing (it must be a bath { name, temperature, spectralDensity, couplings })",
    ],
    [
      "no couplings",
      withBath({ couplings: undefined }),
      "baths[1].couplings: missing (it must be an array of couplings { form, operator, frequency? })",
    ],
    [
      "no operator",
      withBath({ couplings: [{ form: "rwa" }] }),
      "baths[1].couplings[0].operator: missing (it must be an operator (ComplexMatrix or Operator))",
    ],
    [
      "an operator that is not a matrix",
      withBath({
        couplings: [
          {
            form: "rwa",
            operator: [
              [0, 1],
              [0, 0],
            ],
          },
        ],
      }),
      "baths[1].couplings[0].operator: it must be an operator (ComplexMatrix or Operator) (got an object of another shape)",
    ],
    [
      "no spectralDensity",
      withBath({ spectralDensity: undefined }),
      "baths[1].spectralDensity: missing (it must be a spectral density (flatSpectrum, ohmicSpectrum or customSpectrum))",
    ],
    [
      "a number for spectralDensity",
      withBath({ spectralDensity: 0.1 }),
      "baths[1].spectralDensity must be a spectral density (flatSpectrum, ohmicSpectrum or customSpectrum) (got 0.1)",
    ],
    ["a string temperature", withBath({ temperature: "1" }), 'TB must be a finite number >= 0 (got "1")'],
  ])("%s (openSystem, and buildGenerator given the raw spec)", (_name, spec, message) => {
    let error: unknown;
    try {
      openSystem(spec as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ParameterError);
    expect((error as Error).message).toBe(message);
    if (spec !== undefined) expect(() => buildGenerator(spec as never)).toThrow(message);
  });
});

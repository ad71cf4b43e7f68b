import fc from "fast-check";
import { ComplexMatrix } from "../linalg/complex-matrix";
import { Operator } from "../operators/operator";
import { type OpenSystem, openSystem } from "../system/open-system";
import { flatSpectrum, ohmicSpectrum } from "../system/spectral-density";

// Test support (not exported from the package; tests import it as "@liouville/core/testing"):
// random open systems for property-based tests (fast-check: seeded, shrinking to a minimal case).

/** How the energies of `randomOpenSystem` are laid out. */
export type RandomSpectrum = "generic" | "degenerate" | "near-degenerate" | "ladder";

/**
 * A fast-check arbitrary of two-bath open systems of dimension 2 to 5: H = U diag(E) U^dagger with a
 * random unitary U and a generic, degenerate, near-degenerate (splitting 1e-7) or ladder spectrum
 * E, RWA couplings with random operators (entries of modulus 0.2 to 1), flat or ohmic baths
 * (strengths 0.02 and 0.03) at temperatures 0.2 to 4.
 */
export const randomOpenSystem = fc
  .record({
    d: fc.integer({ min: 2, max: 5 }),
    spectrum: fc.constantFrom<RandomSpectrum>("generic", "degenerate", "near-degenerate", "ladder"),
    values: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 80, maxLength: 80 }),
    TA: fc.double({ min: 0.2, max: 4, noNaN: true }),
    TB: fc.double({ min: 0.2, max: 4, noNaN: true }),
    ohmic: fc.boolean(),
  })
  .map(({ d, spectrum, values, TA, TB, ohmic }): OpenSystem => {
    let k = 0;
    const next = () => values[k++ % values.length];
    // H = U diag(E) U^dagger with U from the Gram-Schmidt of a random complex matrix.
    const energies = Array.from({ length: d }, (_, i) => {
      if (spectrum === "ladder") return i;
      if (spectrum === "degenerate") return Math.floor(i / 2) * 1.3;
      if (spectrum === "near-degenerate") return Math.floor(i / 2) * 1.3 + (i % 2) * 1e-7;
      return 1.5 * i + 0.5 * next();
    });
    const u = unitary(d, next);
    const h = new ComplexMatrix(d, d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        let re = 0;
        let im = 0;
        for (let m = 0; m < d; m++) {
          // U_im E_m conj(U_jm)
          const ar = u.re(i, m);
          const ai = u.im(i, m);
          const br = u.re(j, m);
          const bi = -u.im(j, m);
          re += energies[m] * (ar * br - ai * bi);
          im += energies[m] * (ar * bi + ai * br);
        }
        h.data[2 * (i * d + j)] = re;
        h.data[2 * (i * d + j) + 1] = im;
      }
    }
    const coupling = () => {
      const m = new ComplexMatrix(d, d);
      for (let x = 0; x < m.data.length; x++) {
        const v = next();
        m.data[x] = (v < 0 ? -1 : 1) * (0.2 + 0.8 * Math.abs(v));
      }
      return Operator.of(m);
    };
    const spectralDensity = (g: number) => (ohmic ? ohmicSpectrum(g, 8) : flatSpectrum(g));
    return openSystem({
      hamiltonian: Operator.of(h),
      baths: [
        {
          name: "A",
          temperature: TA,
          spectralDensity: spectralDensity(0.02),
          couplings: [{ form: "rwa", operator: coupling(), frequency: 1 }],
        },
        {
          name: "B",
          temperature: TB,
          spectralDensity: spectralDensity(0.03),
          couplings: [{ form: "rwa", operator: coupling(), frequency: 1.5 }],
        },
      ],
    });
  });

function unitary(d: number, next: () => number): ComplexMatrix {
  const u = new ComplexMatrix(d, d);
  for (let x = 0; x < u.data.length; x++) u.data[x] = next() + (x % (2 * d + 2) === 0 ? 2 : 0);
  // Modified Gram-Schmidt on the columns.
  for (let c = 0; c < d; c++) {
    for (let p = 0; p < c; p++) {
      let re = 0;
      let im = 0;
      for (let i = 0; i < d; i++) {
        // <u_p, u_c>
        re += u.re(i, p) * u.re(i, c) + u.im(i, p) * u.im(i, c);
        im += u.re(i, p) * u.im(i, c) - u.im(i, p) * u.re(i, c);
      }
      for (let i = 0; i < d; i++) {
        u.data[2 * (i * d + c)] -= re * u.re(i, p) - im * u.im(i, p);
        u.data[2 * (i * d + c) + 1] -= re * u.im(i, p) + im * u.re(i, p);
      }
    }
    let norm = 0;
    for (let i = 0; i < d; i++) norm += u.re(i, c) ** 2 + u.im(i, c) ** 2;
    norm = Math.sqrt(norm);
    for (let i = 0; i < d; i++) {
      u.data[2 * (i * d + c)] /= norm;
      u.data[2 * (i * d + c) + 1] /= norm;
    }
  }
  return u;
}

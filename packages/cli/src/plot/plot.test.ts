import { getModel, modelParameters } from "@liouville/models-qubits";
import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { drawnBox, inside } from "../test-support/plot-files";
import { cgfSpec } from "./cgf";
import { evolveSpec } from "./evolve";
import { violationBands } from "./layers";
import { RESVG_FONTS, renderSvg } from "./render";
import { subtitle } from "./style";
import { type SweepPlotRow, sweepSpec } from "./sweep";
import { textWidth } from "./text-width";

describe("violationBands", () => {
  it("runs of violated points become bands reaching halfway to the neighbours", () => {
    const xs = [0, 1, 2, 3, 4];
    expect(violationBands(xs, [false, true, true, false, true])).toEqual([
      { x0: 0.5, x1: 2.5 },
      { x0: 3.5, x1: 4 },
    ]);
    expect(violationBands(xs, [true, false, false, false, false])).toEqual([{ x0: 0, x1: 0.5 }]);
    expect(
      violationBands(
        xs,
        xs.map(() => false),
      ),
    ).toEqual([]);
    // A descending axis (--vary TB=4:0:5) gives the same bands, edges swapped.
    expect(violationBands([4, 3, 2, 1, 0], [false, true, false, false, false])).toEqual([
      { x0: 3.5, x1: 2.5 },
    ]);
  });
});

describe("subtitle", () => {
  it("states the fixed parameters and the approach, not the varied ones nor a flat bath's cutoff", () => {
    const params = modelParameters(getModel("coupled-qubits"), { TB: 0.5, spectrumB: "ohmic" });
    const text = subtitle(params, { approach: "global", varied: ["TA"] }).join("\n");
    expect(text).toMatch(/TB = 0\.5/);
    expect(text).toMatch(/omega1 = 1\.2/);
    expect(text).toMatch(/approach global/);
    expect(text).toMatch(/cutoffB = 10/);
    expect(text).not.toMatch(/TA =/);
    expect(text).not.toMatch(/cutoffA/);
    expect(text).toMatch(/hbar = k_B = 1/);
  });
});

describe("textWidth, Vega's layout width of a text", () => {
  // Vega lays out axes, legends and titles by these widths; the real glyphs must not be wider
  // (the layout would overflow) nor much narrower (gaps). The band is where the table's
  // rounding up and its class averages put the estimate for ordinary labels.
  const TOO_WIDE = 1.2;
  it.each([
    "heat current J_X into the system",
    "TA: temperature of bath A (energy)",
    "closed form, Fogedby eqs. (3.46)-(3.57)",
    "omega1 = 1.2, omega2 = 1, lambda = 0.1, gA = 0.01",
    "sigma < 0: second law violated",
    "WWW mmm iii 000",
    "coupled-oscillators: relaxation to the steady state (local master equation)",
  ])("%s: at least the rendered width, at most TOO_WIDE times it, regular and bold", (text) => {
    const size = 12;
    for (const bold of [false, true]) {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="40"><text x="0" y="20" font-family="DejaVu Sans" font-size="${size}" font-weight="${bold ? "bold" : "normal"}">${text.replace(/</g, "&lt;")}</text></svg>`;
      const rendered = new Resvg(svg, { font: RESVG_FONTS }).getBBox()!.width;
      expect(textWidth(text, size, bold)).toBeGreaterThanOrEqual(rendered);
      expect(textWidth(text, size, bold)).toBeLessThanOrEqual(TOO_WIDE * rendered);
    }
  });
});

/** A two-parameter sweep of the coupled qubits from their closed forms (as `sweep` would give). */
function qubitGrid(tas: readonly number[], lambdas: readonly number[]): SweepPlotRow[] {
  const model = getModel("coupled-qubits");
  return tas.flatMap((TA) =>
    lambdas.map((lambda) => {
      const analytic = model.analytic!(modelParameters(model, { TA, lambda: lambda || 1e-3 }), "global")!;
      const j = analytic.currents;
      return {
        values: [TA, lambda],
        currents: j,
        entropyProduction: -(j.A / TA + j.B / 1),
        secondLaw: "ok",
        closedForm: j,
      };
    }),
  );
}

const evenly = (from: number, to: number, count: number) =>
  Array.from({ length: count }, (_, k) => from + ((to - from) * k) / (count - 1));

describe("the two-parameter sweep plot", () => {
  const model = getModel("coupled-qubits");
  const input = (lambdas: readonly number[]) => ({
    model: model.id,
    approach: "global",
    params: modelParameters(model, {}),
    specs: model.parameters,
    varied: ["TA", "lambda"],
    baths: ["A", "B"],
    rows: qubitGrid(evenly(0.5, 4, 8), lambdas),
    closedFormSource: "eqs. (3.46)-(3.57)",
  });

  it.each([
    ["4 values of lambda (sweep --help's example): a legend entry each", evenly(0, 0.6, 4)],
    ["25 values: a colour gradient", evenly(0, 0.6, 25)],
  ])("%s; every legend inside the image, by Vega's bounds and by resvg's glyphs", async (_, lambdas) => {
    const plot = await renderSvg(sweepSpec(input(lambdas)));
    expect(plot.legends.length).toBeGreaterThan(0);
    for (const legend of plot.legends) expect(inside(legend, plot), JSON.stringify(legend)).toBe(true);
    expect(inside(drawnBox(plot.svg), plot)).toBe(true);
    // One colour per value of lambda, none reused: the solid line marks' strokes are all
    // distinct (the dashed ones are the closed forms, all dark).
    const strokes = [...plot.svg.matchAll(/aria-roledescription="line mark"([^>]*)>/g)]
      .map((m) => m[1])
      .filter((attributes) => !attributes.includes("stroke-dasharray"))
      .map((attributes) => /stroke="([^"]+)"/.exec(attributes)![1]);
    expect(strokes).toHaveLength(2 * lambdas.length); // one line per bath and value
    expect(new Set(strokes).size).toBe(lambdas.length); // the two baths' panels share the colours
  });
});

describe("every plot kind fits its image (resvg's glyphs against the SVG's size)", () => {
  const model = getModel("coupled-oscillators");
  const params = modelParameters(model, { nmax: 6 });
  const times = evenly(0, 200, 201);
  const relax = (from: number, to: number) => times.map((t) => to + (from - to) * Math.exp(-t / 50));
  it.each([
    [
      "evolve's default panels for the longest model name (its title is wider than the panels)",
      evolveSpec({
        model: model.id,
        approach: "local",
        params,
        times,
        panels: [
          {
            kind: "populations",
            curves: Array.from({ length: 10 }, (_, k) => ({
              name: `p${k + 1}`,
              values: relax(k === 0 ? 1 : 0, 0.1),
              steady: 0.1,
            })),
            note: "(the lowest 10 of 49)",
          },
          {
            kind: "currents",
            curves: ["A", "B"].map((b, k) => ({
              name: `J_${b}`,
              values: relax(0.01 * (1 - 2 * k), 0),
              steady: 0,
            })),
          },
        ],
      }),
    ],
    [
      "the counting statistics",
      cgfSpec({
        model: "single-qubit",
        approach: "global",
        params: modelParameters(getModel("single-qubit"), {}),
        curves: [
          {
            bath: "A",
            s: evenly(-2, 2, 9),
            theta: evenly(-2, 2, 9).map((s) => s * s),
            closedForm: evenly(-2, 2, 9).map((s) => s * s),
          },
        ],
        closedFormLabel: "closed form, Fogedby eqs. (3.12)-(3.15)",
      }),
    ],
  ])("%s", async (_, spec) => {
    const plot = await renderSvg(spec);
    for (const legend of plot.legends) expect(inside(legend, plot)).toBe(true);
    expect(inside(drawnBox(plot.svg), plot)).toBe(true);
  });
});

import type { ParamValues } from "@liouville/models-qubits";
import type { TopLevelSpec } from "vega-lite";
import { curveLayers, PANEL_SIZE_DEFAULTS, topLevel, zeroRule } from "./layers";
import { subtitle } from "./style";

/** theta(s) of one bath at the points of --cgf, and its closed form where the model has one. */
export interface CgfCurve {
  readonly bath: string;
  readonly s: readonly number[];
  readonly theta: readonly number[];
  /** The model's closed form theta_X(s) at the same s. */
  readonly closedForm?: readonly number[];
}

/** What the plot of `fluctuations --cgf --plot` shows. */
export interface CgfPlotInput {
  readonly model: string;
  readonly approach: string;
  readonly params: ParamValues;
  readonly curves: readonly CgfCurve[];
  /** Legend text of the closed form (e.g. "closed form, Fogedby eqs. (3.12)-(3.15)"). */
  readonly closedFormLabel: string;
}

/** Axis title of the counting field (it multiplies a heat, an energy). */
const S_TITLE = "counting field s (1 / energy)";
/** Axis title of the scaled cumulant generating function (a rate). */
const THETA_TITLE = [
  "scaled cumulant generating function",
  "theta_X(s) = lim (1/t) ln <exp(s Q_X)> (1 / time)",
];

/**
 * theta_X(s) of each bath, the closed forms dashed over them where every curve has one. theta(0)
 * = 0, and its slope there is the mean current; the y = 0 rule shows both.
 */
export function cgfSpec(input: CgfPlotInput): TopLevelSpec {
  const points = (pick: (c: CgfCurve) => readonly number[] | undefined) =>
    input.curves.flatMap((c) =>
      c.s.map((x, k) => ({ x, y: pick(c)?.[k] ?? Number.NaN, curve: `theta_${c.bath}` })),
    );
  const closed = input.curves.every((c) => c.closedForm !== undefined);
  return topLevel(
    `${input.model}: counting statistics of the heat (${input.approach} master equation)`,
    subtitle(input.params, { approach: input.approach }),
    {
      ...PANEL_SIZE_DEFAULTS,
      layer: [
        zeroRule(),
        ...curveLayers({
          xTitle: S_TITLE,
          yTitle: THETA_TITLE,
          curves: points((c) => c.theta),
          names: input.curves.map((c) => `theta_${c.bath}`),
          markers: true,
          legendTitle: "bath",
          ...(closed
            ? {
                reference: {
                  label: input.closedFormLabel,
                  computedLabel: `computed (${input.approach})`,
                  points: points((c) => c.closedForm),
                },
              }
            : {}),
        }),
      ],
    },
  );
}

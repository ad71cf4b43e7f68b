// The plots of the `liouville` command: one spec builder per plot kind (sweep, evolve, cgf), the
// shared style and layers, and the rendering to SVG or PNG (Vega-Lite, Vega, resvg).

export { type CgfCurve, type CgfPlotInput, cgfSpec } from "./cgf";
export {
  EVOLVE_PLOT_KINDS,
  type EvolvePanel,
  type EvolvePlotInput,
  type EvolvePlotKind,
  evolveSpec,
} from "./evolve";
export { checkPlotPath, plotFormat, writePlot } from "./file";
export { MAX_CATEGORIES } from "./style";
export { closedFormLabel, type SweepPlotInput, sweepSpec } from "./sweep";

// The plots of the `liouville` command: one spec builder per plot kind (sweep, evolve, cgf), the
// shared style and layers, and the rendering to SVG or PNG (Vega-Lite, Vega, resvg).
export { checkPlotPath, plotFormat, writePlot } from "./file";
export { type SweepPlotInput, sweepSpec } from "./sweep";

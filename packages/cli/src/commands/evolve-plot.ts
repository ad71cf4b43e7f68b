import { auditSteadyState, type Generator, steadyState } from "@liouville/core";
import type { EvolutionSample } from "@liouville/integrators";
import type { ParamValues } from "@liouville/models-qubits";
import type { TopLevelSpec } from "vega-lite";
import { UsageError } from "../args";
import {
  EVOLVE_PLOT_KINDS,
  type EvolvePanel,
  type EvolvePlotKind,
  evolveSpec,
  MAX_CATEGORIES,
} from "../plot";

// The wiring of `evolve --plot`: which curves --plot-what asks for, what each sample adds to
// them, and the steady state they approach. The drawing is the plot module's evolveSpec.

/** The panels drawn when --plot-what is not given. */
export const DEFAULT_PLOT_WHAT = "populations,currents";

/** What --plot-what asks for: the panels, and the eigenbasis coherences as zero-based pairs. */
export interface PlotSelection {
  readonly kinds: readonly EvolvePlotKind[];
  /** Coherences |rho_ij| (i < j, zero-based) of the coherences panel. */
  readonly pairs: readonly (readonly [number, number])[];
  /** Levels drawn in the populations panel (the lowest, at most MAX_CATEGORIES). */
  readonly levels: number;
}

/**
 * Parse `--plot-what` (comma-separated: populations, currents, coherences, or rhoIJ for the
 * coherence between energy levels I and J, 1-based, I != J; rho_I_J for levels above 9) for a
 * system of dimension d.
 * "coherences" alone means every pair, allowed while they are at most MAX_CATEGORIES curves.
 */
export function parsePlotWhat(text: string, d: number): PlotSelection {
  const kinds = new Set<EvolvePlotKind>();
  const pairs: [number, number][] = [];
  let allPairs = false;
  for (const item of text.split(",").map((s) => s.trim())) {
    const rho = /^rho(\d)(\d)$/.exec(item) ?? /^rho_(\d+)_(\d+)$/.exec(item);
    if ((EVOLVE_PLOT_KINDS as readonly string[]).includes(item)) {
      kinds.add(item as EvolvePlotKind);
      if (item === "coherences") allPairs = true;
    } else if (rho) {
      const [i, j] = [Number(rho[1]), Number(rho[2])];
      if (!(i >= 1 && j >= 1 && i <= d && j <= d && i !== j)) {
        throw new UsageError(
          `--plot-what ${item}: the levels of a coherence rhoIJ must differ and lie in 1..${d} (d = ${d})`,
        );
      }
      const pair: [number, number] = [Math.min(i, j) - 1, Math.max(i, j) - 1];
      if (!pairs.some((p) => p[0] === pair[0] && p[1] === pair[1])) pairs.push(pair);
      kinds.add("coherences");
    } else {
      throw new UsageError(
        `--plot-what: each item is one of ${EVOLVE_PLOT_KINDS.join(", ")}, rhoIJ or rho_I_J for levels I != J in 1..${d} (got ${JSON.stringify(item)})`,
      );
    }
  }
  if (allPairs) {
    const count = (d * (d - 1)) / 2;
    if (count > MAX_CATEGORIES) {
      throw new UsageError(
        `--plot-what coherences: d = ${d} has ${count} pairs of levels, more than ${MAX_CATEGORIES} curves; name the ones to draw, e.g. rho12,rho23`,
      );
    }
    pairs.length = 0;
    for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) pairs.push([i, j]);
  }
  if (pairs.length > MAX_CATEGORIES) {
    throw new UsageError(`--plot-what: at most ${MAX_CATEGORIES} coherences (got ${pairs.length})`);
  }
  return {
    kinds: EVOLVE_PLOT_KINDS.filter((k) => kinds.has(k)),
    pairs,
    levels: Math.min(d, MAX_CATEGORIES),
  };
}

/** The samples of a run kept for its plot, as `push` receives them. */
export class PlotRecorder {
  readonly times: number[] = [];
  private readonly populations: number[][];
  private readonly currents: number[][];
  private readonly coherences: number[][];

  constructor(
    readonly selection: PlotSelection,
    private readonly baths: readonly string[],
  ) {
    this.populations = Array.from({ length: selection.levels }, () => []);
    this.currents = baths.map(() => []);
    this.coherences = selection.pairs.map(() => []);
  }

  /** How many samples are kept. */
  get length(): number {
    return this.times.length;
  }

  /** Keep what the selected panels need of one sample (its `elements` are the selected pairs). */
  push(sample: EvolutionSample): void {
    this.times.push(sample.t);
    for (const [k, p] of this.populations.entries()) p.push(sample.populations![k]);
    for (const [k, b] of this.baths.entries()) this.currents[k].push(sample.currents![b]);
    for (const [k, c] of this.coherences.entries()) {
      const z = sample.elements![k];
      c.push(Math.hypot(z.re, z.im));
    }
  }

  /** The plot of the kept samples, each curve with the steady value of `generator` as asymptote. */
  spec(model: string, generator: Generator, params: ParamValues): TopLevelSpec {
    const state = steadyState(generator);
    const steadyCurrents = auditSteadyState(generator, state).currents;
    const d = generator.dimension;
    const panels: Record<EvolvePlotKind, () => EvolvePanel> = {
      populations: () => ({
        kind: "populations",
        curves: this.populations.map((values, k) => ({
          name: `p${k + 1}`,
          values,
          steady: state.populations[k],
        })),
        ...(this.selection.levels < d ? { note: `(the lowest ${this.selection.levels} of ${d})` } : {}),
      }),
      currents: () => ({
        kind: "currents",
        curves: this.baths.map((b, k) => ({
          name: `J_${b}`,
          values: this.currents[k],
          steady: steadyCurrents[b],
        })),
      }),
      coherences: () => ({
        kind: "coherences",
        curves: this.selection.pairs.map(([i, j], k) => ({
          name: j < 9 ? `|rho_${i + 1}${j + 1}|` : `|rho_${i + 1},${j + 1}|`,
          values: this.coherences[k],
          steady: Math.hypot(state.rhoEigen.re(i, j), state.rhoEigen.im(i, j)),
        })),
      }),
    };
    return evolveSpec({
      model,
      approach: generator.approach,
      params,
      times: this.times,
      panels: this.selection.kinds.map((kind) => panels[kind]()),
    });
  }
}

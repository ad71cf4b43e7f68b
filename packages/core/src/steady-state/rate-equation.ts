import { NumericalError } from "../errors/numerical-error";

/**
 * Stationary distribution of a continuous-time Markov chain given by its transition rates
 * `rates[i][j]` (from state i to state j, i != j, all >= 0; the diagonal is ignored).
 *
 * ## Method
 * The closed communicating classes are found first (Tarjan's strongly connected components on
 * the graph of positive rates). Exactly one closed class is required (otherwise the stationary
 * distribution is not unique); transient states get probability zero, and the closed class is
 * solved by the Grassmann-Taksar-Heyman state reduction (W. K. Grassmann, M. I. Taksar,
 * D. P. Heyman, Oper. Res. 33, 1107 (1985)), which adds only non-negative numbers: every
 * probability is accurate to a few ulps relative to its own size, even at 1e-300, where a
 * linear solve would return noise.
 *
 * @example stationaryDistribution([[0, 1], [2, 0]]) // [2/3, 1/3]
 */
export function stationaryDistribution(rates: readonly ArrayLike<number>[]): Float64Array {
  const n = rates.length;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const r = rates[i][j];
      if (i !== j && !(r >= 0 && Number.isFinite(r))) {
        throw new NumericalError(
          "non-finite",
          `transition rate ${i} -> ${j} must be finite and >= 0 (got ${r})`,
        );
      }
    }
  }
  const closed = closedClasses(rates);
  if (closed.length !== 1) {
    throw new NumericalError(
      "non-unique-steady-state",
      `the rate equation has ${closed.length} closed classes of states (${closed.map((c) => `{${c.join(",")}}`).join(" ")}): the steady state is not unique`,
    );
  }
  const states = closed[0].sort((a, b) => a - b);
  const m = states.length;
  const r = states.map((i) => Float64Array.from(states, (j) => (i === j ? 0 : rates[i][j])));
  const out = new Float64Array(m);
  for (let k = m - 1; k >= 1; k--) {
    let s = 0;
    for (let j = 0; j < k; j++) s += r[k][j];
    out[k] = s; // total rate out of k into the states that remain
    for (let i = 0; i < k; i++) {
      const rik = r[i][k];
      if (rik === 0) continue;
      const f = rik / s;
      for (let j = 0; j < k; j++) if (j !== i) r[i][j] += f * r[k][j];
    }
  }
  const p = new Float64Array(m);
  p[0] = 1;
  let total = 1;
  for (let k = 1; k < m; k++) {
    let s = 0;
    for (let i = 0; i < k; i++) s += p[i] * r[i][k];
    p[k] = s / out[k];
    total += p[k];
  }
  const result = new Float64Array(n);
  states.forEach((state, k) => {
    result[state] = p[k] / total;
  });
  return result;
}

/** The closed communicating classes (no rate leaves them) of the chain, by Tarjan's algorithm. */
function closedClasses(rates: readonly ArrayLike<number>[]): number[][] {
  const n = rates.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const component = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;
  const visit = (v: number) => {
    index[v] = low[v] = counter++;
    stack.push(v);
    onStack[v] = 1;
    for (let w = 0; w < n; w++) {
      if (w === v || !(rates[v][w] > 0)) continue;
      if (index[w] < 0) {
        visit(w);
        low[v] = Math.min(low[v], low[w]);
      } else if (onStack[w]) low[v] = Math.min(low[v], index[w]);
    }
    if (low[v] === index[v]) {
      const comp: number[] = [];
      let w: number;
      do {
        w = stack.pop()!;
        onStack[w] = 0;
        component[w] = components.length;
        comp.push(w);
      } while (w !== v);
      components.push(comp);
    }
  };
  for (let v = 0; v < n; v++) if (index[v] < 0) visit(v);
  return components.filter((comp) =>
    comp.every((v) => {
      for (let w = 0; w < n; w++)
        if (w !== v && rates[v][w] > 0 && component[w] !== component[v]) return false;
      return true;
    }),
  );
}

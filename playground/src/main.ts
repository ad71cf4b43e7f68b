import { type Approach, SECOND_LAW_TOLERANCE } from "@liouville/core";
import { listModels, type Model, type ParameterSpec } from "@liouville/models-qubits";
import { LiveChart, type SeriesSpec } from "./chart";
import {
  PARAMETER_UNITS,
  PLAYGROUND_DEFAULTS,
  PLAYGROUND_EVOLVE_OPTIONS,
  PLAYGROUND_MAX_NMAX,
  PLAYGROUND_MAX_SPINS,
  type PlaygroundReply,
  type RunRequest,
  type SteadySummary,
  type StreamSample,
} from "./protocol";

// The page: a form generated from the chosen model's parameter table, a worker that solves and
// streams, two live charts, the steady state's thermodynamics, and a hidden JSON element with the
// numbers at full precision (read by the browser test).

/** Typing settles for this long before a new run starts. */
const INPUT_DEBOUNCE_MS = 350;
/** Populations drawn at most (the lowest levels); larger systems list how many are left out. */
const MAX_POPULATION_LINES = 8;
/** Colours of the baths' currents (A hot, B cold by default) and of the populations. */
const BATH_COLORS: Readonly<Record<string, string>> = { A: "#d62728", B: "#1f77b4" };
const POPULATION_COLORS = [
  "#4e79a7",
  "#f28e2b",
  "#59a14f",
  "#e15759",
  "#76b7b2",
  "#b07aa1",
  "#edc948",
  "#9c755f",
];

/** What the page has computed so far for the current run: the hidden JSON's content. */
interface PageState {
  run: number;
  model: string;
  approach: Approach;
  params: Record<string, string>;
  status: "solving" | "streaming" | "relaxed" | "error";
  steady: SteadySummary | null;
  samples: number;
  /** Messages of samples received: more than one shows the stream arrived while it ran. */
  batches: number;
  last: StreamSample | null;
  error: string | null;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const modelSelect = $<HTMLSelectElement>("model");
const approachSelect = $<HTMLSelectElement>("approach");
const fields = $<HTMLDivElement>("parameters");
const description = $<HTMLParagraphElement>("model-description");
const statusLine = $<HTMLParagraphElement>("status");
const steadyBox = $<HTMLDivElement>("steady");
const stateJson = $<HTMLScriptElement>("playground-state");
const currentsLegend = $<HTMLDivElement>("currents-legend");
const populationsLegend = $<HTMLDivElement>("populations-legend");

const TIME_LABEL = "time t (1/energy, hbar = 1)";
const currentsChart = new LiveChart($<HTMLCanvasElement>("currents-chart"), [], {
  x: TIME_LABEL,
  y: "J (energy / time)",
});
const populationsChart = new LiveChart($<HTMLCanvasElement>("populations-chart"), [], {
  x: TIME_LABEL,
  y: "population of energy level",
});

const models = listModels();
const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
let state: PageState | null = null;
let baths: string[] = [];
let debounce: ReturnType<typeof setTimeout> | undefined;

for (const m of models) modelSelect.add(new Option(`${m.title} (${m.id})`, m.id));
modelSelect.value = "coupled-qubits";
modelSelect.addEventListener("change", () => {
  renderModel(currentModel());
  startRun();
});
approachSelect.addEventListener("change", startRun);
fields.addEventListener("input", () => {
  clearTimeout(debounce);
  debounce = setTimeout(startRun, INPUT_DEBOUNCE_MS);
});
fields.addEventListener("change", () => {
  clearTimeout(debounce);
  startRun();
});
worker.addEventListener("message", (event: MessageEvent<PlaygroundReply>) => receive(event.data));
renderModel(currentModel());
startRun();

function currentModel(): Model {
  return models.find((m) => m.id === modelSelect.value)!;
}

/** The form of a model: approaches, then one labelled input per parameter with its unit. */
function renderModel(model: Model): void {
  description.textContent = model.description;
  approachSelect.replaceChildren(...model.approaches.map((a) => new Option(a, a)));
  const defaults = PLAYGROUND_DEFAULTS[model.id] ?? {};
  fields.replaceChildren(...model.parameters.map((spec) => parameterField(spec, defaults[spec.name])));
}

function parameterField(spec: ParameterSpec, pageDefault: string | undefined): HTMLElement {
  const label = document.createElement("label");
  label.className = "field";
  const name = document.createElement("span");
  name.className = "name";
  name.textContent = spec.name;
  const unit = PARAMETER_UNITS[spec.name];
  const unitSpan = document.createElement("span");
  unitSpan.className = "unit";
  unitSpan.textContent = unit ? `[${unit}]` : "";
  const value = pageDefault ?? String(spec.default);
  let input: HTMLInputElement | HTMLSelectElement;
  if (spec.kind === "choice" || spec.name === "nmax") {
    // nmax: the evolution needs a Fock cutoff, so the page offers small ones only.
    const choices =
      spec.kind === "choice"
        ? spec.choices!
        : Array.from({ length: PLAYGROUND_MAX_NMAX }, (_, k) => String(k + 1));
    input = document.createElement("select");
    for (const c of choices) input.add(new Option(c, c));
    input.value = value;
  } else {
    input = document.createElement("input");
    input.type = "number";
    input.step = spec.kind === "integer" ? "1" : "any";
    if (spec.min) input.min = String(spec.min.value);
    if (spec.name === "n") input.max = String(PLAYGROUND_MAX_SPINS);
    input.value = value;
    input.required = true;
  }
  input.name = spec.name;
  input.id = `param-${spec.name}`;
  label.htmlFor = input.id;
  label.title = spec.description;
  const text = document.createElement("span");
  text.className = "description";
  text.textContent =
    spec.name === "n" ? `${spec.description}; here at most ${PLAYGROUND_MAX_SPINS}` : spec.description;
  label.append(name, input, unitSpan, text);
  return label;
}

function formParameters(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const el of fields.querySelectorAll<HTMLInputElement | HTMLSelectElement>("input, select")) {
    out[el.name] = el.value;
  }
  return out;
}

/** Cancel the running stream (the worker unsubscribes it) and start a new run with the form's values. */
function startRun(): void {
  const model = currentModel();
  const params = formParameters();
  if (model.id === "spin-chain" && Number(params.n) > PLAYGROUND_MAX_SPINS) {
    showError(`n: at most ${PLAYGROUND_MAX_SPINS} spins in the playground (the CLI goes further)`);
    worker.postMessage({ type: "cancel" });
    return;
  }
  // Leaving a field unchanged (a blur fires "change") does not restart a finished or running run.
  if (
    state &&
    state.status !== "error" &&
    state.model === model.id &&
    state.approach === approachSelect.value &&
    JSON.stringify(state.params) === JSON.stringify(params)
  ) {
    return;
  }
  const request: RunRequest = {
    type: "run",
    run: (state?.run ?? 0) + 1,
    model: model.id,
    approach: approachSelect.value as Approach,
    params,
  };
  state = { ...request, status: "solving", steady: null, samples: 0, batches: 0, last: null, error: null };
  baths = [];
  currentsChart.reset([]);
  populationsChart.reset([]);
  currentsLegend.replaceChildren();
  populationsLegend.replaceChildren();
  steadyBox.replaceChildren(paragraph("Solving the steady state…"));
  setStatus("Solving the steady state…");
  worker.postMessage(request);
}

function receive(reply: PlaygroundReply): void {
  if (!state || reply.run !== state.run) return; // a reply of a cancelled run
  switch (reply.type) {
    case "steady":
      state.steady = reply.steady;
      state.status = "streaming";
      showSteady(reply.steady);
      setStatus("Integrating the master equation from the ground state…");
      break;
    case "samples":
      for (const s of reply.samples) addSample(s);
      state.samples += reply.samples.length;
      state.batches += 1;
      state.last = reply.samples[reply.samples.length - 1];
      setStatus(
        `Streaming: t = ${fmt(state.last.t)}, ||L rho|| = ${fmt(state.last.residual)} (stops below ${PLAYGROUND_EVOLVE_OPTIONS.relaxationTolerance}), ${state.samples} samples`,
      );
      break;
    case "relaxed":
      state.status = "relaxed";
      setStatus(
        state.last
          ? `Relaxed at t = ${fmt(state.last.t)}: ||L rho|| = ${fmt(state.last.residual)} < ${PLAYGROUND_EVOLVE_OPTIONS.relaxationTolerance} after ${state.samples} samples (one per step of the ${PLAYGROUND_EVOLVE_OPTIONS.method} integrator).`
          : "Relaxed.",
      );
      showLastSample(state.last);
      break;
    case "error":
      showError(reply.stage === "steady" ? reply.message : `The stream stopped: ${reply.message}`);
      return;
  }
  publish();
}

/** The first sample fixes the series (baths and levels); later ones extend the lines. */
function addSample(s: StreamSample): void {
  if (baths.length === 0) {
    baths = Object.keys(s.currents);
    const currentSeries = baths.map((b, k) => ({
      name: `J_${b}`,
      color: BATH_COLORS[b] ?? POPULATION_COLORS[k],
    }));
    currentsChart.reset(currentSeries);
    const levels = Math.min(s.populations.length, MAX_POPULATION_LINES);
    const populationSeries = Array.from({ length: levels }, (_, k) => ({
      name: `p${k + 1}`,
      color: POPULATION_COLORS[k],
    }));
    populationsChart.reset(populationSeries);
    renderLegend(currentsLegend, currentSeries, "dashed: steady state");
    renderLegend(
      populationsLegend,
      populationSeries,
      s.populations.length > levels
        ? `levels ${levels + 1} to ${s.populations.length} not drawn; dashed: steady state`
        : "levels by energy, lowest first; dashed: steady state",
    );
    const steady = state?.steady;
    if (steady) {
      currentsChart.setAsymptotes(baths.map((b) => steady.currents[b] ?? null));
      populationsChart.setAsymptotes(populationSeries.map((_, k) => steady.populations?.[k] ?? null));
    }
  }
  currentsChart.append(
    s.t,
    baths.map((b) => s.currents[b]),
  );
  populationsChart.append(s.t, s.populations.slice(0, MAX_POPULATION_LINES));
}

function renderLegend(box: HTMLElement, series: readonly SeriesSpec[], note: string): void {
  const items = series.map((s) => {
    const item = document.createElement("span");
    item.className = "legend-item";
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = s.color;
    item.append(swatch, s.name);
    return item;
  });
  const noteSpan = document.createElement("span");
  noteSpan.className = "legend-note";
  noteSpan.textContent = note;
  box.replaceChildren(...items, noteSpan);
}

/** The steady currents per bath, the entropy production and the second-law verdict in words. */
function showSteady(s: SteadySummary): void {
  const table = document.createElement("table");
  const closed = s.analyticCurrents;
  table.append(
    row("th", ["bath", "T", "steady J (into system)", ...(closed ? ["closed form"] : [])]),
    ...Object.entries(s.currents).map(([b, j]) =>
      row("td", [b, fmt(s.params[`T${b}`] as number), fmt(j), ...(closed ? [fmt(closed[b])] : [])], {
        "data-bath": b,
        "data-current": String(j),
      }),
    ),
  );
  const verdict = paragraph(secondLawSentence(s));
  verdict.className = s.secondLaw === "ok" ? "verdict ok" : "verdict violated";
  verdict.id = "verdict";
  verdict.dataset.secondLaw = s.secondLaw;
  const parts: HTMLElement[] = [table, verdict, paragraph(heatFlowSentence(s))];
  if (s.positivity === "violated") {
    const p = paragraph(
      "Warning: the steady rho has a negative eigenvalue: it is not a state (possible under Redfield).",
    );
    p.className = "verdict violated";
    parts.push(p);
  }
  parts.push(
    paragraph(`Solver: ${s.method}. Currents in energy per unit time; times in 1/energy (hbar = k_B = 1).`),
  );
  steadyBox.replaceChildren(...parts);
}

function secondLawSentence(s: SteadySummary): string {
  const sigma = s.entropyProduction === null ? "+∞" : fmt(s.entropyProduction);
  return s.secondLaw === "ok"
    ? `The second law holds: the entropy production σ = −Σ J_X / T_X = ${sigma} is not negative.`
    : `The second law is violated: the entropy production σ = −Σ J_X / T_X = ${sigma} is negative, so this master equation is not thermodynamically consistent at these parameters${approachSelect.value === "local" ? " (a known failing of the local approach; try global)" : ""}.`;
}

function heatFlowSentence(s: SteadySummary): string {
  const entries = Object.entries(s.currents);
  if (entries.length !== 2) return "";
  const [[a, ja], [b]] = entries;
  // The audit's rounding scale: below it a current counts as zero.
  if (Math.abs(ja) <= SECOND_LAW_TOLERANCE * s.firstLawScale) {
    return "No net heat flows through the system: the currents are zero to rounding.";
  }
  const [from, to] = ja > 0 ? [a, b] : [b, a];
  return `Heat flows from bath ${from} (T = ${fmt(s.params[`T${from}`] as number)}) through the system into bath ${to} (T = ${fmt(s.params[`T${to}`] as number)}) at the rate |J| = ${fmt(Math.abs(ja))}.`;
}

function showLastSample(last: StreamSample | null): void {
  if (!last || !state?.steady) return;
  const steady = state.steady;
  const text = Object.entries(last.currents)
    .map(([b, j]) => `J_${b}(t) = ${fmt(j)} (steady ${fmt(steady.currents[b])})`)
    .join(", ");
  steadyBox.append(paragraph(`Last streamed sample, t = ${fmt(last.t)}: ${text}.`));
}

function showError(message: string): void {
  if (state) {
    state.status = "error";
    state.error = message;
  }
  const p = paragraph(message);
  p.className = "verdict violated";
  p.id = "error";
  if (state?.steady) steadyBox.append(p);
  else steadyBox.replaceChildren(p);
  setStatus("Stopped: see the message below.");
  publish();
}

function setStatus(text: string): void {
  statusLine.textContent = text;
}

/** The hidden JSON element with the full-precision numbers, and the status on <body>. */
function publish(): void {
  stateJson.textContent = JSON.stringify(state);
  document.body.dataset.status = state?.status ?? "";
  document.body.dataset.run = String(state?.run ?? 0);
}

function row(
  cell: "th" | "td",
  cells: readonly string[],
  data: Record<string, string> = {},
): HTMLTableRowElement {
  const tr = document.createElement("tr");
  for (const c of cells) {
    const el = document.createElement(cell);
    el.textContent = c;
    tr.append(el);
  }
  for (const [k, v] of Object.entries(data)) tr.setAttribute(k, v);
  return tr;
}

function paragraph(text: string): HTMLParagraphElement {
  const p = document.createElement("p");
  p.textContent = text;
  return p;
}

/** Six significant digits; exponent form for very small and very large values. */
function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-4 || a >= 1e6) ? v.toExponential(5) : String(Number(v.toPrecision(6)));
}

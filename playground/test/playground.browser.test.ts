import type { Server } from "node:http";
import { buildGenerator } from "@liouville/core";
import { type EvolutionSample, evolve } from "@liouville/integrators";
import { getModel, modelParameters, steadyReport } from "@liouville/models-qubits";
import { type Browser, chromium, type Page } from "playwright-core";
import { lastValueFrom, reduce } from "rxjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPlayground, OUT_DIR } from "../scripts/build.mjs";
import { serveDirectory } from "../scripts/serve.mjs";
import { PLAYGROUND_EVOLVE_OPTIONS, type SteadySummary, type StreamSample } from "../src/protocol";

// The playground in headless Chromium (Debian's /usr/bin/chromium, never a downloaded browser):
// built, served from a static server, a parameter changed, the relaxation stream awaited, and
// the numbers the page shows compared with the same packages run here in Node.

/** Debian's Chromium; `.ci/run` installs it with apt-get when missing. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/**
 * Flags for a closed network: without them Chromium waits on connections to Google's services
 * (component updates, sync, QUIC probes) and hangs.
 */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
/**
 * Browser and Node run the same sources, so the numbers agree to rounding (measured: the steady
 * currents bit for bit, the last sample's currents and populations to 2e-14). 1e-9 relative lets no
 * wrong number through: changing TA from 2 to 3 moves the currents ~30 %.
 */
const RELATIVE_AGREEMENT = 1e-9;
/**
 * The times of the stream agree less well: the integrator's step sizes come from its error
 * estimate (a difference of nearly equal numbers) through Math.pow, whose last bits may differ
 * between Node 20's V8 (11.3) and Chromium's, and the step-size controller amplifies that
 * (measured: the last of 202 samples, at t = 573.13311, apart by 2.3e-9 relative). The test
 * checks that this is far below the gap to the sample before, so the right sample is compared.
 */
const SAMPLE_TIME_AGREEMENT = 1e-6;
/** Longest wait for a run to relax in the page (it takes about a second on an idle machine). */
const RUN_TIMEOUT_MS = 60_000;

/** With PLAYGROUND_SCREENSHOTS=<directory>, save a full-page screenshot there (to look at, not to commit). */
async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.PLAYGROUND_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

/** The page's hidden JSON (see main.ts). */
interface PageState {
  run: number;
  model: string;
  approach: "local" | "global" | "redfield";
  params: Record<string, string>;
  status: string;
  steady: SteadySummary | null;
  samples: number;
  batches: number;
  last: StreamSample | null;
  error: string | null;
}

function expectClose(actual: number, expected: number, what: string, tolerance = RELATIVE_AGREEMENT): void {
  const scale = Math.max(Math.abs(expected), Number.MIN_VALUE);
  expect(
    Math.abs(actual - expected) / scale,
    `${what}: page ${actual}, Node ${expected}`,
  ).toBeLessThanOrEqual(tolerance);
}

/**
 * Wait until the page's run with these settings has relaxed (or failed: the test then shows the
 * page's message). Runs with other settings (started while the fields were being filled) are
 * cancelled by the page and never match.
 */
async function relaxedState(
  page: Page,
  expected: Partial<Pick<PageState, "approach" | "params">>,
): Promise<PageState> {
  await page.waitForFunction(
    (want) => {
      const s = JSON.parse(document.getElementById("playground-state")?.textContent ?? "null");
      if (!s || !["relaxed", "error"].includes(s.status)) return false;
      if (want.approach && s.approach !== want.approach) return false;
      return Object.entries(want.params ?? {}).every(([k, v]) => s.params[k] === v);
    },
    expected,
    { timeout: RUN_TIMEOUT_MS },
  );
  const state = JSON.parse((await page.textContent("#playground-state"))!) as PageState;
  expect(state.error).toBeNull();
  expect(state.status).toBe("relaxed");
  return state;
}

/** The same run in Node: the steady report and the relaxation stream's sample count and last sample. */
async function nodeRun(model: string, approach: PageState["approach"], params: Record<string, string>) {
  const m = getModel(model);
  const report = steadyReport(m, params, approach);
  const resolved = modelParameters(m, params);
  const generator = buildGenerator(m.build(resolved), { approach });
  const { count, last, previous } = await lastValueFrom(
    evolve(generator, m.initialState(resolved), PLAYGROUND_EVOLVE_OPTIONS).pipe(
      reduce((acc, s) => ({ count: acc.count + 1, last: s, previous: acc.last }), {
        count: 0,
        last: null as EvolutionSample | null,
        previous: null as EvolutionSample | null,
      }),
    ),
  );
  return { report, count, last: last!, previous: previous! };
}

describe("the playground in headless Chromium", () => {
  let browser: Browser;
  let server: Server;
  let url: string;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await buildPlayground();
    ({ server, url } = await serveDirectory(OUT_DIR, 0));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    page.on("pageerror", (e) => pageErrors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") pageErrors.push(m.text());
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it("streams the relaxation after TA changes and shows Node's steady currents, verdict and last sample", async () => {
    await page.goto(url);
    // The default run starts by itself; change TA while it is being solved or streamed, so that
    // the page must cancel it (a stale sample would change the count compared below).
    await page.waitForFunction(() => document.body.dataset.run === "1");
    expect(await page.inputValue("#param-TA")).toBe("2"); // the model's default
    await page.fill("#param-TA", "3");
    await page.press("#param-TA", "Tab"); // "change": a new run at once, without the typing delay
    const state = await relaxedState(page, { params: { TA: "3" } });
    expect(state.run).toBeGreaterThan(1);
    expect(state.model).toBe("coupled-qubits");

    const node = await nodeRun(state.model, state.approach, state.params);
    const steady = state.steady!;
    expect(steady.params.TA).toBe(3);
    for (const bath of ["A", "B"]) {
      expectClose(steady.currents[bath], node.report.audit.currents[bath], `steady J_${bath}`);
      // The table cell's data attribute carries the same full-precision number.
      const cell = await page.getAttribute(`#steady tr[data-bath="${bath}"]`, "data-current");
      expect(Number(cell)).toBe(steady.currents[bath]);
    }
    expectClose(steady.entropyProduction!, node.report.audit.entropyProduction, "entropy production");
    expect(steady.secondLaw).toBe(node.report.audit.secondLaw);
    expect(node.report.audit.secondLaw).toBe("ok"); // the global master equation obeys it
    expect(await page.getAttribute("#verdict", "data-second-law")).toBe("ok");
    expect(await page.textContent("#verdict")).toContain("The second law holds");

    // The stream: the same samples (this short run may fit in one slice of the worker; the
    // spin-chain test below checks delivery in several batches).
    expect(state.samples).toBe(node.count);
    expect(state.batches).toBeGreaterThanOrEqual(1);
    const last = state.last!;
    expectClose(last.t, node.last.t, "time of the last sample", SAMPLE_TIME_AGREEMENT);
    expect(node.last.t - node.previous.t).toBeGreaterThan(100 * SAMPLE_TIME_AGREEMENT * node.last.t);
    expect(last.residual).toBeLessThan(PLAYGROUND_EVOLVE_OPTIONS.relaxationTolerance);
    for (const bath of ["A", "B"])
      expectClose(last.currents[bath], node.last.currents![bath], `last J_${bath}`);
    last.populations.forEach((p, k) => {
      expectClose(p, node.last.populations![k], `last p${k + 1}`);
    });
    // Relaxed: the last sample's currents approach the steady ones.
    expect(Math.abs(last.currents.A - steady.currents.A)).toBeLessThan(1e-3 * Math.abs(steady.currents.A));

    await screenshot(page, "coupled-qubits-TA-3");
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it("says in words when the second law fails (local master equation, detuned qubits)", async () => {
    // Qubit 1 at omega1 = 2 in bath A at TA = 1 is less excited than qubit 2 at omega2 = 1 in
    // bath B at TB = 0.8 (1/(e^2 + 1) = 0.12 < 1/(e^1.25 + 1) = 0.22): the local master equation
    // carries heat from the colder bath into the hotter one, sigma < 0.
    const params = { omega1: "2", omega2: "1", TA: "1", TB: "0.8" };
    await page.selectOption("#approach", "local");
    for (const [name, value] of Object.entries(params)) await page.fill(`#param-${name}`, value);
    await page.press("#param-TB", "Tab");
    const state = await relaxedState(page, { approach: "local", params });
    const node = await nodeRun(state.model, state.approach, state.params);
    expect(node.report.audit.secondLaw).toBe("violated");
    expect(state.steady!.secondLaw).toBe("violated");
    expectClose(state.steady!.currents.A, node.report.audit.currents.A, "steady J_A (local)");
    expect(await page.getAttribute("#verdict", "data-second-law")).toBe("violated");
    expect(await page.textContent("#verdict")).toContain("The second law is violated");
    await screenshot(page, "local-violation");
  }, 120_000);

  it("shows a bad parameter as a message naming it, and recovers", async () => {
    await page.fill("#param-TB", "-1");
    await page.press("#param-TB", "Tab");
    await page.waitForFunction(() => document.body.dataset.status === "error");
    expect(await page.textContent("#error")).toMatch(/TB.*>= 0/);
    await screenshot(page, "bad-parameter");
    await page.fill("#param-TB", "0.8");
    await page.press("#param-TB", "Tab");
    const state = await relaxedState(page, { params: { TB: "0.8" } });
    expect(state.steady!.secondLaw).toBe("violated"); // the local example above, again
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it("streams a longer relaxation (the 4-spin chain) in several batches, each drawn as it arrives", async () => {
    // About 1,400 adaptive steps, a quarter of a second of work in Node: far more than one of
    // the worker's slices (SCHEDULED_SLICE_MS), so the page must receive it in pieces.
    await page.selectOption("#model", "spin-chain");
    await page.selectOption("#approach", "local");
    await page.fill("#param-n", "4");
    await page.press("#param-n", "Tab");
    const state = await relaxedState(page, { approach: "local", params: { n: "4" } });
    expect(state.model).toBe("spin-chain");
    const node = await nodeRun(state.model, state.approach, state.params);
    expect(state.samples).toBe(node.count);
    expect(node.count).toBeGreaterThan(1000);
    expect(state.batches).toBeGreaterThan(1);
    for (const bath of ["A", "B"])
      expectClose(state.last!.currents[bath], node.last.currents![bath], `last J_${bath} (chain)`);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});

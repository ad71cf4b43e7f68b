// Liouville's benchmarks, run side by side with QuTiP (Debian's python3-qutip) in one invocation.
// Usage: pnpm bench   (builds first; writes bench/RESULTS.md and prints it)
//        node bench/run.mjs --only chain,oscillators [--max-n 6] [--max-nmax 8]
//          (the named sections only: steady, evolve, chain, oscillators, chain-evolve,
//          oscillators-evolve, relax, end-to-end; prints,
//          writes nothing)
// Timings are medians over repeats unless a column says cold; ratios are QuTiP time / Liouville
// time (> 1: faster). The scaling sections run every size in a fresh child process on each side
// (`--child` below, qutip_peer.py), so that cold times and peak memory belong to one size.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import * as core from "../packages/core/dist/index.js";
import { evolve, getIntegrator, integrate } from "../packages/integrators/dist/index.js";
import {
  fockTopLevelWeights,
  getModel,
  modelParameters,
  steadyReport,
} from "../packages/models-qubits/dist/index.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const PYTHON = "/usr/bin/python3";

/**
 * Warm timing: warm-up runs until WARM_UP_SECONDS have passed or WARM_UP_MAX_RUNS have run (the
 * JIT needs tens of runs of a millisecond-long solve before its hot code is optimised), then the
 * median of up to WARM_RUNS measured runs.
 */
const WARM_UP_SECONDS = 1;
/** Most warm-up runs of a warm timing. */
const WARM_UP_MAX_RUNS = 100;
/** Most measured runs of a warm timing. */
const WARM_RUNS = 9;
/** Most steps of the relaxation replay (childRelaxJob); defined here, before the child runs. */
const REPLAY_MAX_STEPS = 1_000_000;

const args = process.argv.slice(2);
const option = (name) => {
  const k = args.indexOf(name);
  return k >= 0 ? args[k + 1] : undefined;
};

if (args[0] === "--child") {
  // One size of a scaling section, in this fresh process: print one JSON result and stop.
  const job = JSON.parse(args[1]);
  const run = { "chain-evolve": childEvolveJob, "oscillators-evolve": childEvolveJob, relax: childRelaxJob };
  process.stdout.write(JSON.stringify((run[job.kind] ?? childJob)(job)));
  process.exit(0);
}

function peer(job) {
  const r = spawnSync(PYTHON, [`${here}qutip_peer.py`], {
    input: JSON.stringify(job),
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0) throw new Error(`QuTiP peer failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** Install Debian's python3-qutip when it is missing (as root, through apt-get), else say how. */
function ensureQutip() {
  const probe = () => spawnSync(PYTHON, ["-c", "import qutip"], { encoding: "utf8" }).status === 0;
  if (probe()) return;
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  if (root) {
    console.error("QuTiP is missing: apt-get install -y python3-qutip ...");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    spawnSync("apt-get", ["update"], { stdio: "inherit", env });
    spawnSync("apt-get", ["install", "-y", "python3-qutip"], { stdio: "inherit", env });
    if (probe()) return;
  }
  throw new Error(
    `the benchmarks need QuTiP for ${PYTHON}: install Debian's python3-qutip (apt-get install python3-qutip)`,
  );
}

function median(fn, repeats) {
  const times = [];
  for (let k = 0; k < repeats; k++) {
    const t0 = performance.now();
    fn();
    times.push((performance.now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/**
 * The warm time of `fn` in a process where it has run once (taking `cold` seconds): warm-up runs
 * until WARM_UP_SECONDS have passed or WARM_UP_MAX_RUNS have run, then the median of up to
 * WARM_RUNS more, as many as fit in a third of `budget` seconds; null when the cold run alone
 * exceeds a third of the budget. The QuTiP side (qutip_peer.py, cold_and_warm) follows the same rule.
 */
function warmTime(fn, cold, budget) {
  if (cold * 3 > budget) return null;
  const start = performance.now();
  for (
    let k = 0;
    k < WARM_UP_MAX_RUNS && (k === 0 || performance.now() - start < WARM_UP_SECONDS * 1000);
    k++
  ) {
    fn();
  }
  const runs = Math.max(1, Math.min(WARM_RUNS, Math.floor(budget / (3 * cold))));
  return median(fn, runs);
}

const fmt = (s) =>
  s < 1e-3 ? `${(s * 1e6).toFixed(1)} µs` : s < 1 ? `${(s * 1e3).toFixed(2)} ms` : `${s.toFixed(2)} s`;
const lines = [];
const say = (s = "") => {
  lines.push(s);
  console.log(s);
};

// --- Steady state of the coupled qubits: build the generator and solve ---------------------------
function sectionSteady() {
  const p = modelParameters(cq, params);
  const REPEATS = 200;
  const ours = {};
  for (const approach of ["global", "redfield"]) {
    const fn = () => core.steadyState(core.buildGenerator(cq.build(p), { approach }));
    for (let k = 0; k < 20; k++) fn(); // warm-up (JIT)
    ours[approach] = median(fn, REPEATS);
  }
  const q = peer({ kind: "steady", params: p, repeats: 50 });

  // --- CLI end to end, start-up included ------------------------------------------------------------
  const cliTimes = [];
  for (let k = 0; k < 5; k++) {
    const t0 = performance.now();
    const r = spawnSync(
      process.execPath,
      [`${here}../packages/cli/dist/bin.js`, "steady", "coupled-qubits", "--json"],
      { encoding: "utf8" },
    );
    if (r.status !== 0) throw new Error(r.stderr);
    cliTimes.push((performance.now() - t0) / 1000);
  }
  cliTimes.sort((a, b) => a - b);

  say();
  say("## Steady state of the coupled qubits (build the generator + solve)");
  say();
  say("| approach | Liouville | QuTiP | ratio |");
  say("| --- | --- | --- | --- |");
  for (const a of ["global", "redfield"])
    say(`| ${a} | ${fmt(ours[a])} | ${fmt(q[a])} | ${(q[a] / ours[a]).toFixed(1)} |`);
  say();
  say(
    `QuTiP side: global = Davies jumps from \`H.eigenstates()\` + \`steadystate\`; redfield = \`bloch_redfield_tensor\` (sigma_x couplings) + \`steadystate\`.`,
  );
  say(
    `\`liouville steady coupled-qubits --json\` end to end, Node start-up included: median ${fmt(cliTimes[2])} over 5 runs.`,
  );
}

// --- Time evolution: RK45 and DOP853 vs QuTiP mesolve at the same rtol/atol and time span --------
function chain(n, approach) {
  const dims = Array(n).fill(2);
  let h = core.scale(core.embed(core.sigmaZ(), 0, dims), 0.5);
  for (let i = 1; i < n; i++)
    h = core.add(h, core.scale(core.embed(core.sigmaZ(), i, dims), 0.5 * (1 + 0.1 * i)));
  for (let i = 0; i + 1 < n; i++) {
    const hop = core.add(
      core.matmul(core.embed(core.sigmaPlus(), i, dims), core.embed(core.sigmaMinus(), i + 1, dims)),
      core.matmul(core.embed(core.sigmaMinus(), i, dims), core.embed(core.sigmaPlus(), i + 1, dims)),
    );
    h = core.add(h, hop, 1, 0.2);
  }
  const bath = (name, site, T) => ({
    name,
    temperature: T,
    spectralDensity: core.flatSpectrum(0.05),
    couplings: [
      { form: "rwa", operator: core.embed(core.sigmaPlus(), site, dims), frequency: 1 + 0.1 * site },
    ],
  });
  const system = core.openSystem({
    hamiltonian: core.Operator.of(h, dims),
    baths: [bath("A", 0, 2), bath("B", n - 1, 0.5)],
  });
  return { generator: core.buildGenerator(system, { approach }), dims };
}

function sectionEvolve() {
  const evolveCases = [
    {
      name: "coupled qubits (d = 4), global",
      make: () => ({
        generator: core.buildGenerator(cq.build(modelParameters(cq, { ...params, gA: 0.05, gB: 0.05 })), {
          approach: "global",
        }),
        dims: [2, 2],
      }),
    },
    {
      name: "coupled qubits (d = 4), redfield",
      make: () => ({
        generator: core.buildGenerator(cq.build(modelParameters(cq, { ...params, gA: 0.05, gB: 0.05 })), {
          approach: "redfield",
        }),
        dims: [2, 2],
      }),
    },
    { name: "5-qubit XX chain (d = 32), local", make: () => chain(5, "local") },
  ];
  const RTOL = 1e-8;
  const ATOL = 1e-10;
  const T_END = 100;
  /** Timed runs per side, after one warm-up run: the median is reported. */
  const EVOLVE_REPEATS = 5;

  /**
   * |+><+| on every qubit, |+> = (|0> + |1>) / sqrt(2): a product state with coherence between
   * the energy eigenstates, so that the integrators must resolve the coherent oscillation (a
   * diagonal start in the eigenbasis would only relax).
   */
  function plusOnEveryQubit(dims) {
    const plus = core.Operator.of(core.scale(core.add(core.identity(2), core.sigmaX()), 0.5), [2]);
    return core.tensor(...dims.map(() => plus));
  }
  const times = Array.from({ length: 101 }, (_, k) => (k * T_END) / 100);
  say();
  /** Liouville's integrators in the evolution table, one row each per system. */
  const EVOLVE_METHODS = ["rk45", "dop853", "expm"];
  say(
    `## Time evolution: \`rk45\`, \`dop853\` and \`expm\` vs QuTiP \`mesolve\` (rtol ${RTOL}, atol ${ATOL}, t from 0 to ${T_END}, 101 output times, from |+> on every qubit)`,
  );
  say();
  say(
    "| system | method | Liouville | steps | RHS evals | steps/s | RHS evals/s | QuTiP mesolve | ratio | max abs diff of final rho |",
  );
  say("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const c of evolveCases) {
    const { generator, dims } = c.make();
    const d = generator.dimension;
    const rho0 = plusOnEveryQubit(dims);
    // As evolve does: integrate the packed upper triangle of rho (Generator.packed).
    const packed = generator.packed;
    const y0 = packed.pack(rho0);
    /** Solve with integrator `id` to every output time; return the median time, stats, final vec(rho). */
    const measure = (id) => {
      const factory = getIntegrator(id);
      let stats;
      let last;
      const run = () => {
        const stepper = factory.create(
          { size: packed.size, rhs: packed.rhs, linear: true, rhsFlops: packed.rhsFlops },
          0,
          y0,
          {
            rtol: RTOL,
            atol: ATOL,
          },
        );
        const out = new Float64Array(y0.length);
        for (const t of times.slice(1)) {
          while (stepper.t < t) stepper.step(T_END);
          stepper.interpolate(t, out);
        }
        stats = stepper.stats;
        last = packed.unpack(out, new Float64Array(2 * d * d));
      };
      run(); // warm-up (JIT)
      const seconds = median(run, EVOLVE_REPEATS);
      return { seconds, stats, last };
    };
    const ours = EVOLVE_METHODS.map((id) => ({ id, ...measure(id) }));
    const csr = generator.liouvillian.toCsr();
    const qr = peer({
      kind: "evolve",
      dimension: d,
      dims,
      liouvillian: {
        rowStart: Array.from(csr.rowStart),
        columns: Array.from(csr.columns),
        values: Array.from(csr.values),
      },
      rho0: { re: rho0.realParts(), im: rho0.imagParts() },
      rtol: RTOL,
      atol: ATOL,
      times,
      repeats: EVOLVE_REPEATS,
    });
    const ref = core.ComplexMatrix.from(
      qr.final.re.map((row, i) => row.map((re, j) => ({ re, im: qr.final.im[i][j] }))),
    );
    for (const { id, seconds, stats, last } of ours) {
      say(
        `| ${c.name} | ${id} | ${fmt(seconds)} | ${stats.steps} | ${stats.rhsEvaluations} | ${(stats.steps / seconds).toExponential(2)} | ${(stats.rhsEvaluations / seconds).toExponential(2)} | ${fmt(qr.seconds)} | ${(qr.seconds / seconds).toFixed(1)} | ${core.maxAbsDiff(core.unvec(last), ref).toExponential(1)} |`,
      );
    }
  }
  say();
  say(
    `Both sides are timed the same way: one warm-up run, then the median of ${EVOLVE_REPEATS} runs. QuTiP side: \`mesolve\` of the same Liouvillian (passed as a sparse matrix), default integrator (zvode, Adams), same initial state, rtol, atol and output times; its time includes its own per-call setup. Liouville side: the packed upper triangle of rho (d (d + 1) doubles, \`Generator.packed\`), as \`evolve\` integrates it. Each system's QuTiP run is shared by its \`rk45\`, \`dop853\` and \`expm\` rows. \`expm\` (Krylov; subspace dimension m from its cost model, \`krylovDimension\`: the whole state up to 30 unknowns, else 8 to 30 from the size of the state, the flops of a product and rtol; fewer when Arnoldi ends early on an invariant subspace) counts one RHS evaluation per product with L; its steps are not comparable with the Runge-Kutta ones. \`dop853\` (Dormand-Prince 8(5,3)) costs 12 RHS evaluations per step plus 3 for each step that serves an output time. The initial state |+> on every qubit has coherences between the energy eigenstates, so the coherent oscillation is resolved, not only the relaxation. Last column: largest |difference| of the final density matrices of the two sides.`,
  );
}

// --- Scaling: one size per fresh process on each side ----------------------------------------------

/** The XX chain of the scaling section (the spin-chain model's parameters; local approach). */
const CHAIN_PARAMS = Object.freeze({ omega: 1, J: 0.2, Delta: 0, gA: 0.05, gB: 0.05, TA: 2, TB: 0.5 });
/** The oscillators' physical parameters at the model's defaults (the QuTiP side builds from them). */
const OSCILLATOR_PARAMS = Object.freeze(
  Object.fromEntries(
    ["omega1", "omega2", "lambda", "gA", "gB", "TA", "TB"].map((k) => [
      k,
      modelParameters(getModel("coupled-oscillators"), {})[k],
    ]),
  ),
);
/** Budget for the warm repeats of one size, on each side: none when the cold run alone exceeds a third. */
const WARM_BUDGET_SECONDS = 6;
/** A QuTiP run longer than this is stopped and reported as skipped. */
const PEER_TIMEOUT_SECONDS = 120;
/** A QuTiP size whose extrapolated time exceeds this multiple of the timeout is not started. */
const PEER_SKIP_FACTOR = 4;
/** Our side's own timeout per size (a size we refuse returns at once). */
const OURS_TIMEOUT_SECONDS = 900;

/**
 * One size of a scaling section in this (fresh) process: build the open system and the generator
 * and solve the steady state, timed (the first run cold, then a warm median while cheap); then,
 * untimed, the currents. A size the library refuses (a LiouvilleError: resource limit, parameter
 * bound) comes back as `refused` with its message.
 */
function childJob(job) {
  const startup = performance.now() / 1000;
  const model = getModel(job.kind === "chain" ? "spin-chain" : "coupled-oscillators");
  const solve = () => {
    const p = modelParameters(model, job.kind === "chain" ? { ...job.params, n: job.n } : { nmax: job.nmax });
    const generator = core.buildGenerator(model.build(p), { approach: job.approach });
    return { generator, state: core.steadyState(generator) };
  };
  try {
    const t0 = performance.now();
    const { generator, state } = solve();
    const cold = (performance.now() - t0) / 1000;
    const warm = warmTime(solve, cold, job.warmBudget);
    const currents = core.heatCurrents(generator, state);
    const topWeight =
      job.kind === "oscillators" ? Math.max(...fockTopLevelWeights(state.rho, job.nmax)) : null;
    return {
      startup,
      cold,
      warm,
      currents,
      method: state.method,
      residual: state.residual,
      topWeight,
      maxRssKiB: process.resourceUsage().maxRSS,
    };
  } catch (e) {
    if (core.LiouvilleError.isInstance(e)) return { refused: `${e.name}: ${e.message}` };
    return { error: String(e?.stack ?? e).split("\n")[0] };
  }
}

/**
 * One size of an evolution section in this (fresh) process: build the model's generator (the
 * spin chain, or the oscillators' Fock model) and stream `evolve` from its initial state (every
 * spin down; the vacuum) to the output times, timed cold and warm as `childJob` does; then,
 * untimed, the same integration through `integrate` on the same packed state for the work
 * counters (the same steps as `evolve` takes).
 */
function childEvolveJob(job) {
  const chain = job.kind === "chain-evolve";
  const model = getModel(chain ? "spin-chain" : "coupled-oscillators");
  const p = modelParameters(model, chain ? { ...job.params, n: job.n } : { nmax: job.nmax });
  // States and heat currents, as mesolve returns states (no eigenbasis populations).
  const options = {
    times: job.times,
    rtol: job.rtol,
    atol: job.atol,
    method: job.method,
    populations: false,
  };
  let generator;
  const run = () => {
    generator = core.buildGenerator(model.build(p), { approach: job.approach ?? "local" });
    let last;
    evolve(generator, model.initialState(p), options).subscribe((s) => {
      last = s;
    });
    return last;
  };
  try {
    const t0 = performance.now();
    const last = run();
    const cold = (performance.now() - t0) / 1000;
    const warm = warmTime(run, cold, job.warmBudget);
    const rho0 = model.initialState(p);
    const packed = core.evolutionDynamics(generator, rho0);
    const problem = { size: packed.size, rhs: packed.rhs, linear: true, rhsFlops: packed.rhsFlops };
    const { stats } = integrate(problem, 0, packed.pack(rho0), job.times.slice(1), {
      method: job.method,
      rtol: job.rtol,
      atol: job.atol,
    });
    return {
      cold,
      warm,
      currents: last.currents,
      steps: stats.steps,
      rhsEvaluations: stats.rhsEvaluations,
      unknowns: packed.size,
      maxRssKiB: process.resourceUsage().maxRSS,
    };
  } catch (e) {
    if (core.LiouvilleError.isInstance(e)) return { refused: `${e.name}: ${e.message}` };
    return { error: String(e?.stack ?? e).split("\n")[0] };
  }
}

/**
 * Relax the chain of `job.n` spins from every spin down until ||L rho|| < job.tolerance with
 * `job.method`, at the loosest of the tolerance pairs `job.ladder` [rtol, atol] that gets there:
 * `evolve` with `relaxationTolerance` fails fast when its residual stalls at the integrator's
 * noise floor (then the next pair is tried). The winning run is replayed step by step to count the
 * products with L (the RHS evaluations, plus one residual per step as evolve computes it); the
 * replay stops at REPLAY_MAX_STEPS.
 */
function childRelaxJob(job) {
  const model = getModel("spin-chain");
  const p = modelParameters(model, { ...job.params, n: job.n });
  const generator = core.buildGenerator(model.build(p), { approach: "local" });
  const rho0 = model.initialState(p);
  const tried = [];
  for (const [rtol, atol] of job.ladder) {
    const t0 = performance.now();
    let last;
    let failure;
    evolve(generator, rho0, {
      method: job.method,
      rtol,
      atol,
      relaxationTolerance: job.tolerance,
      populations: false,
      currents: false,
    }).subscribe({
      next: (s) => {
        last = s;
      },
      error: (e) => {
        failure = e;
      },
    });
    if (failure && !(failure instanceof core.NumericalError)) throw failure;
    const seconds = (performance.now() - t0) / 1000;
    if (!(last?.residual < job.tolerance)) {
      tried.push({ rtol, atol, seconds, stalled: true });
      continue;
    }
    const dynamics = core.evolutionDynamics(generator, rho0);
    let products = 0;
    const problem = {
      size: dynamics.size,
      rhs: (t, y, dydt) => {
        products++;
        dynamics.rhs(t, y, dydt);
      },
      linear: true,
      rhsFlops: dynamics.rhsFlops,
    };
    const factory = getIntegrator(job.method);
    const stepper = factory.create(problem, 0, dynamics.pack(rho0), { ...factory.defaults, rtol, atol });
    // The replay follows the run that relaxed, so it ends; the cap only guards against a change
    // in the stepper between the two.
    let steps = 0;
    products++; // evolve's residual of the initial sample
    while (steps < REPLAY_MAX_STEPS) {
      stepper.step();
      steps++;
      products++;
      if (dynamics.residualNorm(stepper.y) < job.tolerance) break;
    }
    tried.push({ rtol, atol, seconds, stalled: false, t: stepper.t, steps, products });
    break;
  }
  return { tried, unknowns: core.evolutionDynamics(generator, rho0).size };
}

/**
 * A cold time is one process's first run, which varies by up to 1.5x between processes on this
 * kind of machine (the JIT's timing on our side, caches and allocation on both). Where the first
 * process's cold run is under COLD_REPEAT_SECONDS, COLD_REPEATS - 1 more fresh processes (without
 * warm runs) are timed and the median cold time is reported, on both sides alike.
 */
const COLD_REPEATS = 5;
/** Cold runs shorter than this are repeated in fresh processes (see COLD_REPEATS). */
const COLD_REPEAT_SECONDS = 1;

/**
 * `first` (one fresh process's result) with its cold time replaced by the median over it and
 * COLD_REPEATS - 1 more fresh processes from `again()` when it is under COLD_REPEAT_SECONDS; the
 * single times are kept in `colds`.
 */
function withColdMedian(first, again) {
  if (!(first.cold < COLD_REPEAT_SECONDS)) return first;
  const colds = [first.cold];
  for (let k = 1; k < COLD_REPEATS; k++) {
    const r = again();
    if (r.cold === undefined) return first; // a later process failed: keep the single run
    colds.push(r.cold);
  }
  const sorted = [...colds].sort((a, b) => a - b);
  return { ...first, cold: sorted[(sorted.length - 1) >> 1], colds };
}

/** Run `job` on our side in fresh Node processes (cold time: see withColdMedian). */
function oursInChild(job) {
  return withColdMedian(oursInChildOnce(job, WARM_BUDGET_SECONDS), () => oursInChildOnce(job, 0));
}

/** Run `job` on our side in one fresh Node process, with `warmBudget` seconds for warm runs. */
function oursInChildOnce(job, warmBudget) {
  const r = spawnSync(
    process.execPath,
    [`${here}run.mjs`, "--child", JSON.stringify({ ...job, warmBudget })],
    {
      encoding: "utf8",
      maxBuffer: 1 << 28,
      timeout: OURS_TIMEOUT_SECONDS * 1000,
      killSignal: "SIGKILL",
    },
  );
  if (r.error?.code === "ETIMEDOUT" || r.signal === "SIGKILL")
    return { error: `timed out after ${OURS_TIMEOUT_SECONDS} s` };
  if (r.status !== 0)
    return { error: `exit ${r.status ?? r.signal}: ${r.stderr.trim().split("\n").slice(-1)[0]}` };
  return JSON.parse(r.stdout);
}

/**
 * Run `job` on QuTiP's side in a fresh Python process, unless the sizes before it (`history`,
 * {size, seconds}) extrapolate beyond PEER_SKIP_FACTOR times the timeout; stop it at the timeout.
 * Its address space is capped at three quarters of the machine's memory (MemoryError, not the
 * OOM killer).
 */
function peerInChild(job, history) {
  const estimate = extrapolate(history);
  if (estimate > PEER_SKIP_FACTOR * PEER_TIMEOUT_SECONDS) {
    return { skipped: `skipped (estimated ${fmt(estimate)} > 2 min)` };
  }
  const first = peerInChildOnce(job, WARM_BUDGET_SECONDS);
  if (first.cold === undefined) return first;
  history.push({ size: job.n ?? job.nmax, seconds: first.cold });
  return withColdMedian(first, () => peerInChildOnce(job, 0));
}

/** Run `job` on QuTiP's side in one fresh Python process, with `warmBudget` seconds for warm runs. */
function peerInChildOnce(job, warmBudget) {
  const r = spawnSync(PYTHON, [`${here}qutip_peer.py`], {
    input: JSON.stringify({
      ...job,
      warmBudget,
      memoryLimitBytes: Math.floor(0.75 * os.totalmem()),
    }),
    encoding: "utf8",
    maxBuffer: 1 << 28,
    timeout: PEER_TIMEOUT_SECONDS * 1000,
    killSignal: "SIGKILL",
  });
  if (r.error?.code === "ETIMEDOUT" || r.signal === "SIGKILL") {
    return { skipped: `skipped (estimated > 2 min: stopped at ${PEER_TIMEOUT_SECONDS} s)`, timedOut: true };
  }
  if (r.status !== 0) return { error: `exit ${r.status}: ${r.stderr.trim().split("\n").slice(-1)[0]}` };
  return JSON.parse(r.stdout);
}

/** Next cold time from the last two (growth factor kept), or 16x the last one; 0 with no history. */
function extrapolate(history) {
  if (history.length === 0) return 0;
  const last = history[history.length - 1].seconds;
  if (history.length === 1) return 16 * last;
  const prev = history[history.length - 2].seconds;
  return last * Math.max(1, last / prev);
}

/** Both QuTiP variants (direct sparse LU without and with RCM ordering); the faster one wins. */
function peerBest(job, histories) {
  const runs = [false, true].map((useRcm) => peerInChild({ ...job, useRcm }, histories[useRcm ? 1 : 0]));
  const done = runs.filter((r) => r.cold !== undefined);
  if (done.length === 0) return { ...(runs.find((r) => r.error) ?? runs[0]), variants: runs };
  const speed = (r) => r.warm ?? r.cold;
  const best = done.reduce((a, b) => (speed(b) < speed(a) ? b : a));
  const other = done.find((r) => r !== best);
  return { ...best, variants: runs, other };
}

const mb = (kib) => (kib === undefined ? "" : `${(kib / 1024).toFixed(0)} MB`);
const relDiff = (a, b) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
const ratio = (q, o) =>
  q !== undefined && q !== null && o ? (q / o >= 1 ? (q / o).toFixed(1) : (q / o).toPrecision(2)) : "";
const orBlank = (x, f) => (x === undefined || x === null ? "" : f(x));

/** One table row, ours vs QuTiP: times, ratios, memory, current, agreement. */
function scalingCells(ours, q) {
  const oursCells = ours.refused
    ? [`refused: ${ours.refused}`, "", "", ""]
    : ours.error
      ? [`failed: ${ours.error}`, "", "", ""]
      : [fmt(ours.cold), orBlank(ours.warm, fmt), ours.method, mb(ours.maxRssKiB)];
  const qCells =
    q.cold === undefined
      ? [q.skipped ?? `failed: ${q.error}`, "", "", ""]
      : [
          fmt(q.cold),
          orBlank(q.warm, fmt),
          `${q.solver}${q.other ? ` (other: ${fmt(q.other.warm ?? q.other.cold)})` : ""}`,
          mb(q.maxRssKiB),
        ];
  return [
    ...oursCells,
    ...qCells,
    ...comparisonCells(ours, q, ours.cold !== undefined && q.cold !== undefined),
  ];
}

/** Ratio cold, ratio warm, our J_A and its relative difference from QuTiP's (blank unless `both`). */
function comparisonCells(ours, q, both) {
  return [
    both ? ratio(q.cold, ours.cold) : "",
    both ? ratio(q.warm, ours.warm) : "",
    orBlank(ours.currents?.A, (x) => x.toExponential(6)),
    both ? relDiff(ours.currents.A, q.currents.A).toExponential(1) : "",
  ];
}

const SCALING_COLUMNS =
  "Liouville cold | Liouville warm | method | Liouville peak RSS | QuTiP cold | QuTiP warm | QuTiP solver | QuTiP peak RSS | ratio cold | ratio warm | J_A (Liouville) | rel. diff. J_A";

function sectionChain() {
  const maxN = Number(option("--max-n") ?? 10);
  say();
  say(
    `## Steady state of the XX spin chain, N = 2 to ${maxN} (local ME; omega = ${CHAIN_PARAMS.omega}, J = ${CHAIN_PARAMS.J}, g = ${CHAIN_PARAMS.gA}, TA = ${CHAIN_PARAMS.TA}, TB = ${CHAIN_PARAMS.TB}; build + steady state)`,
  );
  say();
  say(`| N | d | ${SCALING_COLUMNS} |`);
  say(`|${" --- |".repeat(2 + SCALING_COLUMNS.split("|").length)}`);
  const histories = [[], []];
  for (let n = 2; n <= maxN; n++) {
    const ours = oursInChild({ kind: "chain", n, params: CHAIN_PARAMS, approach: "local" });
    const q = peerBest({ kind: "chain", n, params: CHAIN_PARAMS }, histories);
    say(`| ${n} | ${2 ** n} | ${scalingCells(ours, q).join(" | ")} |`);
  }
  say();
  say(
    `Each size runs in a fresh process on each side. Cold: the first build + steady state in that process (module loading and, for QuTiP, \`import qutip\` not included), the median over ${COLD_REPEATS} fresh processes when the first one's is under ${COLD_REPEAT_SECONDS} s (one process's cold time varies by up to 1.5x); warm: after warm-up runs for ${WARM_UP_SECONDS} s (at most ${WARM_UP_MAX_RUNS} runs; the JIT compiles the hot code, as a sweep or a long-lived process sees it), the median of up to ${WARM_RUNS} further runs, when the cold run is under ${WARM_BUDGET_SECONDS / 3} s (the same rule on both sides). Liouville side: the \`spin-chain\` model, \`buildGenerator\` (local) + \`steadyState\` (default policy; its method is shown), then \`heatCurrents\` (untimed). QuTiP side: H and the collapse operators from \`tensor\`/\`sigmaz\`/\`sigmap\` in the same basis order, \`liouvillian(H, c_ops)\`, \`steadystate(L)\` with the direct sparse solver, without and with \`use_rcm=True\` (the faster is shown; the other in parentheses), then (untimed) J_X = Tr[D_X^dagger(H) rho], D_X^dagger(H) = sum over bath X's collapse operators c of c^dagger H c - {H, c^dagger c}/2, in scipy's sparse arithmetic (QuTiP 4's Qobj products drop entries below 1e-12, \`settings.auto_tidyup\`, which moved the oscillators' J_A at nmax = 20 by 2e-7). Peak RSS: \`process.resourceUsage().maxRSS\` and \`ru_maxrss\` of the child. QuTiP runs are stopped at ${PEER_TIMEOUT_SECONDS} s, and not started when the previous sizes extrapolate beyond ${PEER_SKIP_FACTOR * PEER_TIMEOUT_SECONDS} s. Rel. diff.: |J_A - J_A^QuTiP| / max(|J_A|, |J_A^QuTiP|). The local-ME current of the XX chain does not depend on N.`,
  );
}

function sectionOscillators() {
  const maxNmax = Number(option("--max-nmax") ?? 20);
  const co = getModel("coupled-oscillators");
  const physical = OSCILLATOR_PARAMS;
  say();
  say(
    `## Steady state of the coupled oscillators, Fock cutoff nmax (default parameters: ${Object.entries(
      physical,
    )
      .map(([k, v]) => `${k} = ${v}`)
      .join(", ")}; build + steady state)`,
  );
  say();
  say(
    `| approach | nmax | d | ${SCALING_COLUMNS} | rel. diff. J_A vs exact Gaussian | top-level weight | residual (Liouville) | residual (QuTiP) |`,
  );
  say(`|${" --- |".repeat(7 + SCALING_COLUMNS.split("|").length)}`);
  const exacts = [];
  for (const approach of ["local", "global"]) {
    const exact = steadyReport(co, {}, approach).audit.currents.A;
    const histories = [[], []];
    for (const nmax of [4, 8, 12, 16, 20].filter((m) => m <= maxNmax)) {
      const ours = oursInChild({ kind: "oscillators", nmax, approach });
      const q = peerBest({ kind: "oscillators", nmax, approach, params: physical }, histories);
      say(
        `| ${approach} | ${nmax} | ${(nmax + 1) ** 2} | ${scalingCells(ours, q).join(" | ")} | ${orBlank(ours.currents?.A, (x) => relDiff(x, exact).toExponential(1))} | ${orBlank(ours.topWeight, (x) => x.toExponential(1))} | ${orBlank(ours.residual, (x) => x.toExponential(1))} | ${orBlank(q.residual, (x) => x.toExponential(1))} |`,
      );
    }
    exacts.push(`${approach} ${exact.toExponential(6)}`);
  }
  say();
  say(`Exact Gaussian J_A (no truncation): ${exacts.join(", ")}.`);
  say();
  say(
    `Timed and run as the chain above. Liouville side: the \`coupled-oscillators\` model with \`nmax\` (its truncated Fock model; \`buildGenerator\` + \`steadyState\`, no truncation check; then \`heatCurrents\`, untimed). QuTiP side: \`destroy(nmax + 1)\` on each mode; local: collapse operators sqrt(g(1 + n)) a and sqrt(g n) a^dagger at the bare frequencies; global: Davies jumps per bath and Bohr frequency, built in the eigenbasis of H_S (\`numpy.linalg.eigh\`, where they are sparse) with the grouping tolerance of Liouville (1e-9 of the spectrum's spread, at least 1e-12 of max |E|, entries below 1e-14 of the largest dropped), then \`liouvillian\` + \`steadystate\` there. Exact Gaussian: the model's default path (no \`nmax\`), the untruncated model; the difference shrinks with the weight on the top Fock level (the larger of the two modes). Residual: ||L vec(rho)||_2 of each side's own solution (QuTiP's computed untimed from its \`liouvillian\`), in units of rho per unit time; where the currents differ, the smaller residual marks the more accurate state.`,
  );
}

/** The XX chain's time evolution beside QuTiP's mesolve, each size in fresh processes. */
/** Rows of an evolution section: each size (and approach) beside QuTiP's mesolve, rk45 and expm. */
function evolveRows(cases, times, rtol, atol) {
  say(
    "| size | approach | method | Liouville cold | Liouville warm | unknowns | steps | RHS evals | Liouville peak RSS | QuTiP cold | QuTiP warm | QuTiP peak RSS | ratio cold | ratio warm | J_A(50) (Liouville) | rel. diff. J_A(50) |",
  );
  say(`|${" --- |".repeat(16)}`);
  const histories = new Map();
  for (const c of cases) {
    const job = { ...c.job, times, rtol, atol };
    if (!histories.has(c.history)) histories.set(c.history, []);
    const q = peerInChild(job, histories.get(c.history));
    for (const method of ["rk45", "expm"]) {
      const ours = oursInChild({ ...job, method });
      const failed = ours.refused ? `refused: ${ours.refused}` : ours.error ? `failed: ${ours.error}` : null;
      const oursCells = failed
        ? [failed, "", "", "", "", ""]
        : [
            fmt(ours.cold),
            orBlank(ours.warm, fmt),
            ours.unknowns,
            ours.steps,
            ours.rhsEvaluations,
            mb(ours.maxRssKiB),
          ];
      const qCells =
        q.cold === undefined
          ? [q.skipped ?? `failed: ${q.error}`, "", ""]
          : [fmt(q.cold), orBlank(q.warm, fmt), mb(q.maxRssKiB)];
      const both = !failed && q.cold !== undefined;
      say(
        `| ${c.label} | ${c.job.approach ?? "local"} | ${method} | ${[
          ...oursCells,
          ...qCells,
          ...comparisonCells(ours, q, both),
        ].join(" | ")} |`,
      );
    }
  }
}

const EVOLVE_TIMES = Array.from({ length: 51 }, (_, k) => k);
const RTOL_EVOLVE = 1e-6;
const ATOL_EVOLVE = 1e-8;
/** The method note under an evolution section: `model`, `sector` and `peer` name what differs. */
const evolveNote = ({ model, sector, peer }) =>
  `Each size and method runs in a fresh process on each side; cold and warm as in the steady-state sections. Liouville side: ${model}, \`buildGenerator\` (default representation) and \`evolve\` with \`times\` and \`populations: false\` (each sample carries rho and the heat currents, as mesolve returns the states); the integration runs on the real unknowns of ${sector} that holds the initial state (\`evolutionDynamics\`; column "unknowns", against 2 d^2 doubles for vec(rho) without symmetry); steps and RHS evaluations from the same integration through \`integrate\` (untimed). QuTiP side: H and the collapse operators as in ${peer}, \`mesolve(H, rho0, tlist, c_ops)\` (its default Adams integrator, nsteps raised) on the whole space, with the same rtol, atol and times, returning the states; then J_A at t = 50 from its final state (untimed). QuTiP runs stop at ${PEER_TIMEOUT_SECONDS} s.`;

function sectionChainEvolve() {
  const maxN = Number(option("--max-n") ?? 10);
  say();
  say(
    `## Time evolution of the XX spin chain, N = 2 to ${maxN} (local ME, parameters as above; from every spin down to t = 50, 51 output times, rtol ${RTOL_EVOLVE.toExponential()}, atol ${ATOL_EVOLVE.toExponential()}; build included)`,
  );
  say();
  const cases = [];
  for (let n = 2; n <= maxN; n++) {
    cases.push({
      label: `N = ${n}`,
      history: "chain",
      job: { kind: "chain-evolve", n, params: CHAIN_PARAMS },
    });
  }
  evolveRows(cases, EVOLVE_TIMES, RTOL_EVOLVE, ATOL_EVOLVE);
  say();
  say(
    evolveNote({
      model: "the `spin-chain` model (local)",
      sector: "the excitation-number sector",
      peer: "the steady-state section",
    }),
  );
}

function sectionOscillatorsEvolve() {
  const maxNmax = Number(option("--max-nmax") ?? 20);
  say();
  say(
    `## Time evolution of the coupled oscillators, Fock cutoff nmax = 4 to ${maxNmax} (default parameters as above; from the vacuum to t = 50, 51 output times, rtol ${RTOL_EVOLVE.toExponential()}, atol ${ATOL_EVOLVE.toExponential()}; build included)`,
  );
  say();
  const cases = [];
  for (const approach of ["local", "global"]) {
    for (let nmax = 4; nmax <= maxNmax; nmax += 4) {
      cases.push({
        label: `nmax = ${nmax}`,
        history: approach,
        job: { kind: "oscillators-evolve", nmax, approach, params: OSCILLATOR_PARAMS },
      });
    }
  }
  evolveRows(cases, EVOLVE_TIMES, RTOL_EVOLVE, ATOL_EVOLVE);
  say();
  say(
    evolveNote({
      model: "the `coupled-oscillators` model with `nmax`",
      sector: "the total-quanta sector (global: the energy sector, in the eigenbasis)",
      peer: "the oscillators' steady-state section (global: in the eigenbasis, from its ground state)",
    }),
  );
}

/** Relaxation of the chain to a residual of 1e-10: products with L, expm against rk45. */
function sectionRelax() {
  const n = Number(option("--relax-n") ?? 8);
  const tolerance = 1e-10;
  const ladder = [
    [1e-8, 1e-10],
    [1e-10, 1e-12],
    [1e-12, 1e-14],
  ];
  say();
  say(
    `## Relaxation of the XX chain (N = ${n}, local ME, from every spin down) until ||L rho|| < ${tolerance.toExponential()}: products with L`,
  );
  say();
  say("| method | rtol, atol | relaxed | t | steps | products with L | seconds | stalled at (rtol, atol) |");
  say(`|${" --- |".repeat(8)}`);
  const rows = {};
  for (const method of ["expm", "rk45"]) {
    const r = oursInChild({ kind: "relax", n, params: CHAIN_PARAMS, method, tolerance, ladder });
    if (r.error) {
      say(`| ${method} | | failed: ${r.error} | | | | | |`);
      continue;
    }
    const win = r.tried.find((x) => !x.stalled);
    const stalled = r.tried.filter((x) => x.stalled).map((x) => `${x.rtol}, ${x.atol} (${fmt(x.seconds)})`);
    rows[method] = win;
    say(
      win
        ? `| ${method} | ${win.rtol}, ${win.atol} | yes | ${win.t.toFixed(1)} | ${win.steps} | ${win.products} | ${fmt(win.seconds)} | ${stalled.join("; ")} |`
        : `| ${method} | | no | | | | | ${stalled.join("; ")} |`,
    );
  }
  say();
  if (rows.expm && rows.rk45) {
    say(
      `rk45 needs ${(rows.rk45.products / rows.expm.products).toFixed(1)}x as many products with L as expm (${rows.rk45.products} against ${rows.expm.products}), and ${(rows.rk45.seconds / rows.expm.seconds).toFixed(1)}x the time.`,
    );
  }
  say(
    `Each method tries the tolerance pairs from the loosest and keeps the first that relaxes: \`evolve\` with \`relaxationTolerance\` fails fast when the residual stalls at the integrator's noise floor (the time it took is shown). The products with L count the RHS evaluations (for expm, the Krylov products) and the one residual per accepted step that \`evolve\` computes, replayed with the same stepper; seconds are evolve's own, on the sector of the initial state.`,
  );
}

// --- End to end: one command per fresh process, start-up included -----------------------------

/** Fresh processes per side and case in the end-to-end section (the median is shown). */
const E2E_RUNS = 5;
const CLI = `${here}../packages/cli/dist/bin.js`;

/**
 * Wall seconds of one process from spawn to exit. Throws when it cannot start, exits non-zero, or
 * (`failed`) its output reports a failure.
 */
function processSeconds(command, args, input, failed = () => null) {
  const t0 = performance.now();
  const r = spawnSync(command, args, { input, encoding: "utf8", maxBuffer: 1 << 28 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.error) throw new Error(`${command}: ${r.error.message}`);
  if (r.status !== 0)
    throw new Error(`${args.slice(0, 3).join(" ")}: ${r.stderr.trim().split("\n").slice(-1)[0]}`);
  const reason = failed(r.stdout);
  if (reason) throw new Error(reason);
  return seconds;
}

/** The median wall time of E2E_RUNS runs of each side, interleaved (ours, QuTiP's, ours, ...). */
function endToEnd(cliArgs, peerJob) {
  const ours = [];
  const theirs = [];
  const input = JSON.stringify({
    ...peerJob,
    warmBudget: 0,
    residual: false,
    memoryLimitBytes: Math.floor(0.75 * os.totalmem()),
  });
  // The peer reports a failure it caught (out of memory) in its JSON, with exit status 0.
  const peerFailed = (stdout) => {
    const r = JSON.parse(stdout);
    return r.error ? `QuTiP: ${r.error}` : r.cold === undefined ? "QuTiP: no result" : null;
  };
  for (let k = 0; k < E2E_RUNS; k++) {
    ours.push(processSeconds(process.execPath, [CLI, ...cliArgs]));
    theirs.push(processSeconds(PYTHON, [`${here}qutip_peer.py`], input, peerFailed));
  }
  const median = (v) => [...v].sort((a, b) => a - b)[(v.length - 1) >> 1];
  return { ours: median(ours), theirs: median(theirs) };
}

/**
 * The small cases of the scaling sections as a user meets them: one `liouville` command against
 * one Python process that imports QuTiP and does the same job, each timed from spawn to exit.
 */
function sectionEndToEnd() {
  const chainFlags = (n) => [
    "spin-chain",
    "--n",
    String(n),
    ...Object.entries(CHAIN_PARAMS).flatMap(([k, v]) => [`--${k}`, String(v)]),
    "--approach",
    "local",
  ];
  const oscillatorFlags = (nmax) => [
    "coupled-oscillators",
    "--nmax",
    String(nmax),
    "--approach",
    "local",
    "--allow-truncation",
  ];
  const evolveFlags = (method) => [
    "--t-end",
    "50",
    "--every",
    "1",
    "--rtol",
    String(RTOL_EVOLVE),
    "--atol",
    String(ATOL_EVOLVE),
    "--method",
    method,
    "--format",
    "ndjson",
  ];
  const evolveJob = { times: EVOLVE_TIMES, rtol: RTOL_EVOLVE, atol: ATOL_EVOLVE };
  const cases = [];
  for (let n = 2; n <= 6; n++) {
    cases.push({
      label: `chain N = ${n}, steady state`,
      cli: ["steady", ...chainFlags(n), "--json"],
      peer: { kind: "chain", n, params: CHAIN_PARAMS, useRcm: false },
    });
  }
  for (const nmax of [4, 8]) {
    cases.push({
      label: `oscillators nmax = ${nmax} (local), steady state`,
      cli: ["steady", ...oscillatorFlags(nmax), "--json"],
      peer: { kind: "oscillators", nmax, approach: "local", params: OSCILLATOR_PARAMS, useRcm: false },
    });
  }
  for (let n = 2; n <= 6; n++) {
    for (const method of ["rk45", "expm"]) {
      cases.push({
        label: `chain N = ${n}, evolve to t = 50, ${method}`,
        cli: ["evolve", ...chainFlags(n), ...evolveFlags(method)],
        peer: { kind: "chain-evolve", n, params: CHAIN_PARAMS, ...evolveJob },
      });
    }
  }
  for (const nmax of [4, 8]) {
    for (const method of ["rk45", "expm"]) {
      cases.push({
        label: `oscillators nmax = ${nmax} (local), evolve to t = 50, ${method}`,
        cli: ["evolve", ...oscillatorFlags(nmax), ...evolveFlags(method)],
        peer: {
          kind: "oscillators-evolve",
          nmax,
          approach: "local",
          params: OSCILLATOR_PARAMS,
          ...evolveJob,
        },
      });
    }
  }
  say();
  say("## End to end: one command in a fresh process, as a CLI user meets it");
  say();
  say("| case | `liouville` command | QuTiP script | ratio |");
  say(`|${" --- |".repeat(4)}`);
  for (const c of cases) {
    try {
      const { ours, theirs } = endToEnd(c.cli, c.peer);
      say(`| ${c.label} | ${fmt(ours)} | ${fmt(theirs)} | ${ratio(theirs, ours)} |`);
    } catch (e) {
      say(`| ${c.label} | failed: ${e.message} | | |`);
    }
  }
  say();
  say(
    `Wall time from spawn to exit, the median of ${E2E_RUNS} fresh processes per side, run alternately. Liouville side: \`node packages/cli/dist/bin.js steady|evolve <model> ...\` with the parameters of the sections above (\`--json\`; evolve: \`--t-end 50 --every 1\`, the same rtol and atol, \`--format ndjson\`), which also prints the populations in the energy eigenbasis, the audit (steady) and the residual of every sample (evolve). QuTiP side: \`python3 bench/qutip_peer.py\` on the job of the same section (Python start-up, \`import qutip\`, the build and one solve or \`mesolve\`, the currents, a JSON line; steady: the direct solver without RCM and no residual; evolve: its default Adams integrator for both of our methods). The in-process cold columns above leave out start-up and imports on both sides; this table is what a user waits for when they run one command.`,
  );
}

// --- Main: after every declaration above (the sections read module-level constants) -------------
const SECTIONS = [
  "steady",
  "evolve",
  "chain",
  "oscillators",
  "chain-evolve",
  "oscillators-evolve",
  "relax",
  "end-to-end",
];
const only = option("--only")?.split(",");
for (const name of only ?? []) {
  if (!SECTIONS.includes(name)) throw new Error(`unknown section ${name}; known: ${SECTIONS.join(", ")}`);
}
const selected = (name) => !only || only.includes(name);

ensureQutip();
const { qutip: qutipVersion } = peer({ kind: "version" });
say("# Benchmark results");
say();
say(
  `Machine: ${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; QuTiP ${qutipVersion} (Debian python3-qutip).`,
);
say(
  `Generated by \`pnpm bench\` (bench/run.mjs) on ${new Date().toISOString().slice(0, 10)}. Ratio = QuTiP time / Liouville time.`,
);

const cq = getModel("coupled-qubits");
const params = { omega1: 1.2, omega2: 1, lambda: 0.1, gA: 0.01, gB: 0.01, TA: 2, TB: 0.5 };
if (selected("steady")) sectionSteady();
if (selected("evolve")) sectionEvolve();
if (selected("chain")) sectionChain();
if (selected("oscillators")) sectionOscillators();
if (selected("chain-evolve")) sectionChainEvolve();
if (selected("oscillators-evolve")) sectionOscillatorsEvolve();
if (selected("relax")) sectionRelax();
if (selected("end-to-end")) sectionEndToEnd();
if (only) console.error("(--only: bench/RESULTS.md not written)");
else writeFileSync(`${here}RESULTS.md`, `${lines.join("\n")}\n`);

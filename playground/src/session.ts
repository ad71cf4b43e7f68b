import { buildGenerator } from "@liouville/core";
import { type EvolutionSample, evolve } from "@liouville/integrators";
import { getModel, modelParameters, type SteadyReport, steadyReport } from "@liouville/models-qubits";
import { asyncScheduler, type Subscription } from "rxjs";
import {
  PLAYGROUND_EVOLVE_OPTIONS,
  type PlaygroundReply,
  type RunRequest,
  type SteadySummary,
  type StreamSample,
} from "./protocol";

/** The part of a steady report the page shows. */
export function summarizeSteady(report: SteadyReport): SteadySummary {
  const sigma = report.audit.entropyProduction;
  return {
    params: report.params,
    currents: report.audit.currents,
    entropyProduction: Number.isFinite(sigma) ? sigma : null,
    firstLawScale: report.audit.firstLawScale,
    secondLaw: report.audit.secondLaw,
    positivity: report.audit.positivity,
    populations: report.populations,
    analyticCurrents: report.analytic?.currents ?? null,
    method: report.method,
  };
}

/** A sample without rho (which stays in the worker). */
export function streamSample(s: EvolutionSample): StreamSample {
  return { t: s.t, populations: s.populations!, currents: s.currents!, residual: s.residual! };
}

/**
 * Solve the steady state of the requested model (as `liouville steady` does: `steadyReport`), post it,
 * then stream the relaxation from the model's initial state (`evolve` on rxjs's asyncScheduler,
 * so that the worker reads its messages between slices of work) and post its samples in batches,
 * one per slice. Returns the subscription: unsubscribing stops the integration at once.
 * Errors (bad parameters, a solver that refuses) are posted with the stage they stopped, not thrown.
 */
export function startRun(request: RunRequest, post: (reply: PlaygroundReply) => void): Subscription | null {
  const { run } = request;
  const fail = (stage: "steady" | "stream", error: unknown) =>
    post({ type: "error", run, stage, message: error instanceof Error ? error.message : String(error) });
  let generator: ReturnType<typeof buildGenerator>;
  let rho0: ReturnType<ReturnType<typeof getModel>["initialState"]>;
  try {
    const model = getModel(request.model);
    post({
      type: "steady",
      run,
      steady: summarizeSteady(steadyReport(model, request.params, request.approach)),
    });
    const params = modelParameters(model, request.params);
    model.checkEvolution?.(params, request.approach);
    generator = buildGenerator(model.build(params), { approach: request.approach });
    rho0 = model.initialState(params);
  } catch (error) {
    fail("steady", error);
    return null;
  }
  let pending: StreamSample[] = [];
  let flushScheduled = false;
  const flush = () => {
    flushScheduled = false;
    if (pending.length === 0) return;
    post({ type: "samples", run, samples: pending });
    pending = [];
  };
  let stream: ReturnType<typeof evolve>;
  try {
    stream = evolve(generator, rho0, { ...PLAYGROUND_EVOLVE_OPTIONS, scheduler: asyncScheduler });
  } catch (error) {
    fail("stream", error);
    return null;
  }
  return stream.subscribe({
    next: (sample) => {
      pending.push(streamSample(sample));
      if (!flushScheduled) {
        flushScheduled = true;
        // After the current slice of work: one message per slice, not per sample.
        setTimeout(flush, 0);
      }
    },
    complete: () => {
      flush();
      post({ type: "relaxed", run });
    },
    error: (error) => {
      flush();
      fail("stream", error);
    },
  });
}

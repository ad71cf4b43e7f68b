import { buildGenerator } from "@liouville/core";
import { evolve } from "@liouville/integrators";
import { getModel, modelParameters, steadyReport } from "@liouville/models-qubits";
import { lastValueFrom } from "rxjs";
import { describe, expect, it } from "vitest";
import { PLAYGROUND_EVOLVE_OPTIONS, type PlaygroundReply, type RunRequest } from "./protocol";
import { startRun } from "./session";

// The worker's computation, in Node: the replies a run posts, their numbers against the library
// called directly, cancellation, and errors as messages.

const request = (params: Record<string, string>, run = 1): RunRequest => ({
  type: "run",
  run,
  model: "single-qubit",
  approach: "global",
  params,
});

/** Run to the end (relaxed or error) and collect the replies. */
function collect(req: RunRequest): Promise<PlaygroundReply[]> {
  return new Promise((resolve) => {
    const replies: PlaygroundReply[] = [];
    startRun(req, (reply) => {
      replies.push(reply);
      if (reply.type === "relaxed" || reply.type === "error") resolve(replies);
    });
  });
}

describe("startRun (the playground's worker)", () => {
  it("posts the steady state, then the whole relaxation stream in batches, then relaxed", async () => {
    const params = { TA: "3", TB: "0.5" };
    const replies = await collect(request(params));
    expect(replies[0].type).toBe("steady");
    expect(replies.at(-1)!.type).toBe("relaxed");
    const model = getModel("single-qubit");
    const report = steadyReport(model, params, "global");
    const steady = replies[0].type === "steady" ? replies[0].steady : null;
    expect(steady!.currents).toEqual(report.audit.currents);
    expect(steady!.secondLaw).toBe("ok");
    expect(steady!.entropyProduction).toBe(report.audit.entropyProduction);
    expect(steady!.analyticCurrents).toEqual(report.analytic!.currents);

    const samples = replies.flatMap((r) => (r.type === "samples" ? r.samples : []));
    const resolved = modelParameters(model, params);
    const direct = await lastValueFrom(
      evolve(buildGenerator(model.build(resolved), { approach: "global" }), model.initialState(resolved), {
        ...PLAYGROUND_EVOLVE_OPTIONS,
      }),
    );
    const last = samples.at(-1)!;
    expect(last.t).toBe(direct.t);
    expect(last.currents).toEqual(direct.currents);
    expect(last.populations).toEqual(direct.populations);
    expect(last.residual).toBeLessThan(PLAYGROUND_EVOLVE_OPTIONS.relaxationTolerance);
    expect(samples[0].t).toBe(0);
    expect(samples.every((s, k) => k === 0 || s.t > samples[k - 1].t)).toBe(true);
  });

  it("stops posting once unsubscribed (the page's cancellation)", async () => {
    const replies: PlaygroundReply[] = [];
    const subscription = startRun(request({}), (reply) => replies.push(reply));
    expect(replies.map((r) => r.type)).toEqual(["steady"]); // the steady state is solved at once
    subscription!.unsubscribe();
    // Longer than the whole run takes (the test above relaxes in well under a second).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(replies.some((r) => r.type === "relaxed" || r.type === "error")).toBe(false);
    expect(replies.filter((r) => r.type === "samples").length).toBeLessThanOrEqual(1);
  });

  it("posts a bad parameter as an error message naming it", async () => {
    const replies = await collect(request({ TA: "-1" }));
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ type: "error", stage: "steady" });
    expect(replies[0].type === "error" && replies[0].message).toMatch(/TA/);
  });
});

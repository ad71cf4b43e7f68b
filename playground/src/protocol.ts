import type { Approach } from "@liouville/core";
import type { EvolveOptions } from "@liouville/integrators";

// The messages between the page and its worker, and the settings of a run. No DOM here: the
// worker, the page and the Node test import it alike.

/**
 * Options of the relaxation stream: one sample per accepted step until ||L rho||_2 < 1e-9,
 * the settings `liouville evolve` uses by default (its EVOLVE_CLI_DEFAULTS): an explicit
 * integrator's state carries noise of the order of atol + rtol |y|, so ||L rho|| levels off near
 * there, and the relaxation tolerance must sit above that floor.
 */
export const PLAYGROUND_EVOLVE_OPTIONS = Object.freeze({
  method: "rk45",
  steps: true,
  relaxationTolerance: 1e-9,
  rtol: 1e-10,
  atol: 1e-12,
} satisfies Partial<EvolveOptions>);

/**
 * The page keeps the systems small, so that a run takes seconds in a browser: at most this many
 * spins in the chain (Hilbert dimension 2^4 = 16), and ...
 */
export const PLAYGROUND_MAX_SPINS = 4;
/** ... at most this Fock cutoff per oscillator ((nmax + 1)^2 = 36 levels). */
export const PLAYGROUND_MAX_NMAX = 5;

/**
 * Defaults of the page that differ from the model's own: the oscillators' evolution needs a Fock
 * cutoff (the model's default "exact" solves the steady state only), and a cold pair fits in
 * nmax = 5: at TA = 0.4, TB = 0.2 the thermal occupations n(omega1, TA) = 0.05 and n(omega2, TB) =
 * 0.007 leave less than the model's TRUNCATION_TOLERANCE (1e-6) on the top level.
 */
export const PLAYGROUND_DEFAULTS: Readonly<Record<string, Readonly<Record<string, string>>>> = Object.freeze({
  "coupled-oscillators": Object.freeze({ nmax: "5", TA: "0.4", TB: "0.2" }),
});

/** Units of the parameters (hbar = k_B = 1), by name; a parameter not listed is a count or a choice. */
export const PARAMETER_UNITS: Readonly<Record<string, string>> = Object.freeze({
  omega0: "energy",
  omega1: "energy",
  omega2: "energy",
  omega: "energy",
  lambda: "energy",
  J: "energy",
  Delta: "energy",
  gA: "rate; 1 if ohmic",
  gB: "rate; 1 if ohmic",
  TA: "energy",
  TB: "energy",
  cutoffA: "energy",
  cutoffB: "energy",
});

/** The page asks the worker to solve and stream one model at one parameter set. */
export interface RunRequest {
  readonly type: "run";
  /** Increases with every request; replies carry it, so stale ones are dropped. */
  readonly run: number;
  readonly model: string;
  readonly approach: Approach;
  /** Parameter values as typed (parsed by the model's `resolveParameters`). */
  readonly params: Readonly<Record<string, string>>;
}

/** The page asks the worker to stop the current stream. */
export interface CancelRequest {
  readonly type: "cancel";
}

/** Everything the page can ask. */
export type PlaygroundRequest = RunRequest | CancelRequest;

/** The steady state's thermodynamics, as `liouville steady` reports them (full precision). */
export interface SteadySummary {
  /** The resolved parameters (defaults filled in). */
  readonly params: Readonly<Record<string, number | string>>;
  /** Heat current J_X into the system, by bath. */
  readonly currents: Readonly<Record<string, number>>;
  /** sigma = -sum_X J_X / T_X (null when infinite: heat into a bath at T = 0). */
  readonly entropyProduction: number | null;
  /** The gross energy flow G exchanged with all baths: the scale of the currents' rounding. */
  readonly firstLawScale: number;
  /** The second-law verdict of the audit. */
  readonly secondLaw: "ok" | "violated";
  /** Whether rho is a state (Redfield can break it). */
  readonly positivity: "ok" | "violated";
  /** Steady populations of the energy eigenstates (null on the oscillators' Gaussian path). */
  readonly populations: readonly number[] | null;
  /** The paper's closed-form currents, where the model has them for this approach. */
  readonly analyticCurrents: Readonly<Record<string, number>> | null;
  /** Which solver found the state. */
  readonly method: string;
}

/** One sample of the relaxation stream, reduced to what the page draws. */
export interface StreamSample {
  readonly t: number;
  readonly populations: readonly number[];
  readonly currents: Readonly<Record<string, number>>;
  readonly residual: number;
}

/** What the worker sends back. */
export type PlaygroundReply =
  | { readonly type: "steady"; readonly run: number; readonly steady: SteadySummary }
  | { readonly type: "samples"; readonly run: number; readonly samples: readonly StreamSample[] }
  | { readonly type: "relaxed"; readonly run: number }
  | {
      readonly type: "error";
      readonly run: number;
      readonly stage: "steady" | "stream";
      readonly message: string;
    };

import type { SweepProgress } from "@/domain/backtest";
import type { ServiceContext } from "../context";
import { type BacktestOptions, startSweep, type SweepView } from "./backtest";
import type { SweepRequest } from "./backtest-schema";

export type SweepEvent = ({ kind: "progress" } & SweepProgress) | { kind: "result"; result: SweepView };

type Settled = { ok: true; value: SweepView } | { ok: false; error: unknown };

/**
 * A sweep as a stream for a progress bar: progress events while it runs, then one result event,
 * then the end (or the sweep's error). What can be refused before computing (the input, the
 * market, the limits, the caller's slot) is refused here, before the stream begins. A consumer
 * slower than the sweep sees only the latest progress, never a backlog; one that leaves early,
 * or whose signal aborts, stops the sweep. The run, not the stream, holds the caller's slot, so
 * a stream that is never read cannot keep it.
 */
export async function streamSweep(
  ctx: ServiceContext,
  request: SweepRequest,
  options: Omit<BacktestOptions, "onProgress"> = {},
): Promise<AsyncGenerator<SweepEvent, void, undefined>> {
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const sweep = await startSweep(ctx, request, { ...options, signal });
  // Written by the callbacks, read by the stream (an object, so TypeScript does not narrow it away).
  const state: { latest: SweepProgress | null; settled: Settled | null; wake: (() => void) | null } = {
    latest: null,
    settled: null,
    wake: null,
  };
  const notify = () => {
    state.wake?.();
    state.wake = null;
  };
  void sweep
    .run((progress) => {
      state.latest = progress;
      notify();
    })
    .then(
      (value) => {
        state.settled = { ok: true, value };
        notify();
      },
      (error: unknown) => {
        state.settled = { ok: false, error };
        notify();
      },
    );
  return events(state, stop);
}

async function* events(
  state: { latest: SweepProgress | null; settled: Settled | null; wake: (() => void) | null },
  stop: AbortController,
): AsyncGenerator<SweepEvent, void, undefined> {
  try {
    for (;;) {
      const { latest: progress, settled: outcome } = state;
      if (progress) {
        state.latest = null;
        yield { kind: "progress", ...progress };
      } else if (outcome) {
        if (!outcome.ok) throw outcome.error;
        yield { kind: "result", result: outcome.value };
        return;
      } else {
        await new Promise<void>((resolve) => {
          state.wake = resolve;
        });
      }
    }
  } finally {
    if (!state.settled) stop.abort(new Error("the sweep's stream was closed"));
  }
}

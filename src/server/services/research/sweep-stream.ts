import type { SweepProgress } from "@/domain/backtest";
import type { ServiceContext } from "../context";
import { type BacktestOptions, runSweep, type SweepView } from "./backtest";
import type { SweepRequest } from "./backtest-schema";

export type SweepEvent = ({ kind: "progress" } & SweepProgress) | { kind: "result"; result: SweepView };

type Settled = { ok: true; value: SweepView } | { ok: false; error: unknown };

/**
 * A sweep as a stream for a progress bar: progress events while it runs, then one result event,
 * then the end (or the sweep's error). A consumer slower than the sweep sees only the latest
 * progress, never a backlog; one that leaves early (or whose signal aborts) stops the sweep.
 */
export async function* sweepEvents(
  ctx: ServiceContext,
  request: SweepRequest,
  options: Omit<BacktestOptions, "onProgress"> = {},
): AsyncGenerator<SweepEvent, void, undefined> {
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  // Written by the callbacks, read by the loop (an object, so TypeScript does not narrow it away).
  const state: { latest: SweepProgress | null; settled: Settled | null } = { latest: null, settled: null };
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  const onProgress = (progress: SweepProgress) => {
    state.latest = progress;
    notify();
  };
  void runSweep(ctx, request, { ...options, signal, onProgress }).then(
    (value) => {
      state.settled = { ok: true, value };
      notify();
    },
    (error: unknown) => {
      state.settled = { ok: false, error };
      notify();
    },
  );
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
          wake = resolve;
        });
      }
    }
  } finally {
    if (!state.settled) stop.abort(new Error("the sweep's stream was closed"));
  }
}

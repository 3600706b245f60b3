import { type BacktestJob, type OutcomeOf, runJob } from "@/domain/backtest/job";
import { type BacktestRunner, backtestTimeout, type RunOptions } from "./types";

/**
 * Runs a backtest on the calling thread, which it blocks until done: for tests, scripts and
 * BACKTEST_WORKERS=0. The deadline is cooperative: the domain calls the checkpoint every few
 * thousand candles and after every sweep combination, and it throws once time is up.
 * `clock` is injectable so a test can run out of time without waiting.
 */
export function createInThreadRunner(clock: () => number = Date.now): BacktestRunner {
  return {
    kind: "in-thread",
    async run<J extends BacktestJob>(job: J, options: RunOptions): Promise<OutcomeOf<J>> {
      const endsAtMs = clock() + options.timeoutMs;
      const checkpoint = () => {
        options.signal?.throwIfAborted();
        if (clock() > endsAtMs) throw backtestTimeout();
      };
      checkpoint();
      return runJob(job, { checkpoint, onProgress: options.onProgress });
    },
    close: async () => {},
  };
}

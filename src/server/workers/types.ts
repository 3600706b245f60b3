import { BACKTEST_TIMEOUT_MS, type SweepProgress } from "@/domain/backtest";
import type { BacktestJob, OutcomeOf } from "@/domain/backtest/job";
import { DomainError } from "@/domain/errors";

export interface RunOptions {
  /** Milliseconds from now after which the job is stopped with BACKTEST_TIMEOUT (waiting included). */
  timeoutMs: number;
  onProgress?: (progress: SweepProgress) => void;
  /** Aborted when the caller has gone: a waiting job is dropped, a running one stopped. */
  signal?: AbortSignal;
}

/**
 * Where backtests compute: a pool of worker threads (backtest-pool.ts), so a long run never
 * blocks the thread that serves orders and streams, or this thread (in-thread.ts) for tests and
 * scripts. Services receive one through ServiceContext and never know which.
 */
export interface BacktestRunner {
  readonly kind: "worker-threads" | "in-thread";
  run<J extends BacktestJob>(job: J, options: RunOptions): Promise<OutcomeOf<J>>;
  /** Stops every worker and refuses what is waiting; for tests and shutdown. */
  close(): Promise<void>;
}

export function backtestTimeout(): DomainError {
  return new DomainError("BACKTEST_TIMEOUT", undefined, { timeoutMs: String(BACKTEST_TIMEOUT_MS) });
}

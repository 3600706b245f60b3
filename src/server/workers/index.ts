import type { Env } from "@/env";
import { createBacktestPool } from "./backtest-pool";
import { createInThreadRunner } from "./in-thread";
import type { BacktestRunner } from "./types";
import { findWorkerScript } from "./worker-script";

export type { BacktestRunner, RunOptions } from "./types";
export { createInThreadRunner } from "./in-thread";

/** Each worker's heap: the largest sweep the limits allow runs within it (scripts/measure-backtest-stall.ts); a runaway job fails alone. */
const WORKER_MEMORY_MB = 512;

type RunnerEnv = Pick<Env, "NODE_ENV" | "BACKTEST_WORKERS" | "BACKTEST_QUEUE_MAX" | "BACKTEST_QUEUE_WAIT_MS">;

/**
 * The instance's backtest runner: the worker pool, or the in-thread runner when the environment
 * asks for no worker (BACKTEST_WORKERS=0) or no worker file can be found here (then `warn` says so).
 */
interface RunnerLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export function createBacktestRunner(env: RunnerEnv, log: RunnerLog): BacktestRunner {
  if (env.BACKTEST_WORKERS === 0) return createInThreadRunner();
  const script = findWorkerScript({
    moduleUrl: import.meta.url,
    cwd: process.cwd(),
    isProduction: env.NODE_ENV === "production",
  });
  if (!script) {
    log.warn(
      { cwd: process.cwd() },
      "no backtest worker found (run `npm run build:server`); backtests run on the request's thread",
    );
    return createInThreadRunner();
  }
  return createBacktestPool({
    script,
    size: env.BACKTEST_WORKERS,
    queueMax: env.BACKTEST_QUEUE_MAX,
    queueWaitMs: env.BACKTEST_QUEUE_WAIT_MS,
    memoryMb: WORKER_MEMORY_MB,
    onWorkerReady: (worker) => log.info({ ...worker, script: script.kind, file: script.file }, "backtest worker started"),
    onWorkerFailure: (error) => log.warn({ err: error }, "a backtest worker failed; it is replaced"),
  });
}

/**
 * Backtests off the event loop: a small pool of worker threads, each running one job at a time
 * (backtest-worker.ts). Measured on our machines, a run blocks its thread for 0.5–15 s; here it
 * blocks a worker, and the main thread only packs the series (tens of milliseconds for 200,000
 * candles, the buffers transferred, not copied) and receives a bounded outcome.
 * Bounded everywhere:
 * - `size` workers, started on demand (a process that never backtests starts none); idle workers
 *   do not keep the process alive.
 * - `queueMax` jobs wait for a busy worker; one more is refused with BACKTEST_BUSY (503, Retry-After).
 *   A job that waited `queueWaitMs` without starting is refused the same way, never run late.
 * - Each job's deadline (its timeoutMs, waiting included) is enforced by terminating its worker:
 *   the job answers BACKTEST_TIMEOUT and a fresh worker replaces the old one.
 * - A caller that goes away (its signal aborts) frees its place in the queue or its worker.
 * - `memoryMb` caps each worker's heap; a job that exceeds it fails alone, its worker replaced.
 */
import type { Worker } from "node:worker_threads";
import type { BacktestJob, OutcomeOf } from "@/domain/backtest/job";
import { decodeFailure, encodeJob, type WorkerReply } from "@/domain/backtest/wire";
import { DomainError } from "@/domain/errors";
import { type BacktestRunner, backtestTimeout, type RunOptions } from "./types";
import { startWorker, type WorkerScript } from "./worker-script";

export interface PoolOptions {
  script: WorkerScript;
  size: number;
  queueMax: number;
  queueWaitMs: number;
  memoryMb: number;
  /** Told of each worker that has started (its thread id, how long it took), for the log. */
  onWorkerReady?: (worker: { threadId: number; startMs: number }) => void;
  /** Told of a worker that failed to start or died; the job it held has already been answered. */
  onWorkerFailure?: (error: Error) => void;
}

/** What a refused caller is told to wait: about one short run. */
const BUSY_RETRY_AFTER_S = "5";

interface Job {
  job: BacktestJob;
  options: RunOptions;
  deadlineAtMs: number;
  resolve(outcome: unknown): void;
  reject(error: unknown): void;
  /** Ends its wait in the queue (it got a worker). */
  start(): void;
  /** Clears the job's timers and listeners; called once, when it is answered. */
  release(): void;
}

interface Slot {
  worker: Worker;
  state: "starting" | "idle" | "busy";
  current: Job | null;
  deadline: ReturnType<typeof setTimeout> | null;
  spawnedAtMs: number;
}

function busy(reason: "queue" | "wait"): DomainError {
  return new DomainError("BACKTEST_BUSY", undefined, { retryAfterSeconds: BUSY_RETRY_AFTER_S, reason });
}

export function createBacktestPool(options: PoolOptions): BacktestRunner {
  const slots = new Set<Slot>();
  const waiting: Job[] = [];
  let isClosed = false;

  function answer(job: Job, settle: () => void): void {
    job.release();
    settle();
  }

  function remove(slot: Slot, error: Error | null): void {
    if (!slots.delete(slot)) return;
    if (slot.deadline) clearTimeout(slot.deadline);
    const held = slot.current;
    slot.current = null;
    // Its listeners are gone with it: whatever it still says is not heard.
    slot.worker.removeAllListeners();
    slot.worker.on("error", () => {});
    void slot.worker.terminate();
    if (held && error) answer(held, () => held.reject(error));
  }

  function onReply(slot: Slot, reply: WorkerReply): void {
    const job = slot.current;
    switch (reply.type) {
      case "ready":
        slot.state = "idle";
        slot.worker.unref();
        options.onWorkerReady?.({ threadId: slot.worker.threadId, startMs: Math.round(performance.now() - slot.spawnedAtMs) });
        pump();
        return;
      case "progress":
        job?.options.onProgress?.({ done: reply.done, total: reply.total });
        return;
      case "done":
      case "failed": {
        if (slot.deadline) clearTimeout(slot.deadline);
        slot.deadline = null;
        slot.current = null;
        slot.state = "idle";
        slot.worker.unref();
        if (job) {
          if (reply.type === "done") answer(job, () => job.resolve(reply.outcome));
          else answer(job, () => job.reject(decodeFailure(reply.failure)));
        }
        pump();
        return;
      }
    }
  }

  function onFailure(slot: Slot, error: Error): void {
    const wasStarting = slot.state === "starting";
    remove(slot, error);
    options.onWorkerFailure?.(error);
    // A worker that cannot start will not start for the next job either: refuse what waits now
    // rather than start thread after thread; the next request tries again.
    if (wasStarting) for (const job of waiting.splice(0)) answer(job, () => job.reject(error));
    pump();
  }

  function spawn(): void {
    let worker: Worker;
    try {
      worker = startWorker(options.script, { maxOldGenerationSizeMb: options.memoryMb });
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      options.onWorkerFailure?.(failure);
      for (const job of waiting.splice(0)) answer(job, () => job.reject(failure));
      return;
    }
    const slot: Slot = { worker, state: "starting", current: null, deadline: null, spawnedAtMs: performance.now() };
    slots.add(slot);
    slot.worker.on("message", (reply: WorkerReply) => onReply(slot, reply));
    slot.worker.on("error", (error) => onFailure(slot, error));
    slot.worker.on("exit", (code) => onFailure(slot, new Error(`backtest worker exited with code ${code}`)));
  }

  /** Stops the slot's worker (a deadline, an abort), answers its job with `error`, and starts a replacement. */
  function stop(slot: Slot, error: Error): void {
    remove(slot, error);
    if (!isClosed) spawn();
    pump();
  }

  /** False when the job's time ran out while it waited: answered, and the slot is still free. */
  function dispatch(slot: Slot, job: Job): boolean {
    job.start();
    const remainingMs = job.deadlineAtMs - Date.now();
    if (remainingMs <= 0) {
      answer(job, () => job.reject(backtestTimeout()));
      return false;
    }
    slot.state = "busy";
    slot.current = job;
    slot.worker.ref();
    slot.deadline = setTimeout(() => stop(slot, backtestTimeout()), remainingMs);
    const { message, transfer } = encodeJob(job.job);
    slot.worker.postMessage(message, transfer);
    return true;
  }

  function pump(): void {
    if (isClosed) return;
    for (const slot of slots) {
      while (slot.state === "idle") {
        const job = waiting.shift();
        if (!job) return;
        dispatch(slot, job);
      }
    }
    const starting = [...slots].filter((s) => s.state === "starting").length;
    const wanted = Math.min(waiting.length - starting, options.size - slots.size);
    for (let i = 0; i < wanted; i++) spawn();
  }

  function enqueue(job: BacktestJob, runOptions: RunOptions): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const { signal } = runOptions;
      if (isClosed) return reject(new Error("the backtest pool is closed"));
      if (signal?.aborted) return reject(signal.reason);
      // Jobs a free (or not yet started) worker will take do not wait; queueMax bounds the rest.
      const busyWorkers = [...slots].filter((slot) => slot.state === "busy").length;
      if (waiting.length - (options.size - busyWorkers) >= options.queueMax) return reject(busy("queue"));
      const entry: Job = {
        job,
        options: runOptions,
        deadlineAtMs: Date.now() + runOptions.timeoutMs,
        resolve,
        reject,
        start: () => clearTimeout(waitTimer),
        release: () => {
          clearTimeout(waitTimer);
          signal?.removeEventListener("abort", onAbort);
        },
      };
      const leaveQueue = () => {
        const index = waiting.indexOf(entry);
        if (index >= 0) waiting.splice(index, 1);
        return index >= 0;
      };
      const waitTimer = setTimeout(() => {
        if (leaveQueue()) answer(entry, () => reject(busy("wait")));
      }, options.queueWaitMs);
      const onAbort = () => {
        if (leaveQueue()) return answer(entry, () => reject(signal?.reason));
        for (const slot of slots) if (slot.current === entry) stop(slot, signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      waiting.push(entry);
      pump();
    });
  }

  return {
    kind: "worker-threads",
    run<J extends BacktestJob>(job: J, runOptions: RunOptions): Promise<OutcomeOf<J>> {
      // The worker ran runJob on this very job; what it posted back is that job's outcome.
      return enqueue(job, runOptions) as Promise<OutcomeOf<J>>;
    },
    async close() {
      isClosed = true;
      const closed = new Error("the backtest pool is closed");
      for (const job of waiting.splice(0)) answer(job, () => job.reject(closed));
      for (const slot of [...slots]) remove(slot, closed);
    },
  };
}

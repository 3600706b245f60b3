import type { Worker } from "node:worker_threads";
import { findWorkerScript, startWorker } from "../workers/worker-script";
import type { FromImportWorker, KlineImportJob } from "./kline-import-messages";

/** The import's own heap: it streams, so this is ample for any file (a year of 1m candles peaks far below). */
const WORKER_MEMORY_MB = 256;
/** After an abort the worker rolls back and ends; past this it is terminated (the transaction dies with its connection). */
const ABORT_GRACE_MS = 5_000;

/** The worker's last word: one of what it may answer after its progress. */
export type WorkerImportOutcome = Exclude<FromImportWorker, { type: "started" } | { type: "progress" }>;

export interface WorkerImportCallbacks {
  onStarted(entry: string | null, totalBytes: number): void;
  onProgress(bytesRead: number, rows: number): void;
}

/** Whether this process can run the import in a worker (a worker file is found), for the upload to choose. */
export function canImportInWorker(isProduction: boolean): boolean {
  return (
    findWorkerScript({ moduleUrl: import.meta.url, cwd: process.cwd(), isProduction, worker: "kline-import-worker" }) !== null
  );
}

/**
 * One kline file imported by a thread of its own (kline-import-worker.ts), so the server's event
 * loop keeps serving orders meanwhile. Resolves with the worker's last word; aborting asks the
 * worker to roll back, and terminates it if it does not end within ABORT_GRACE_MS.
 */
export function importInWorker(
  job: Omit<KlineImportJob, "type">,
  callbacks: WorkerImportCallbacks,
  options: { isProduction: boolean; signal: AbortSignal },
): Promise<WorkerImportOutcome> {
  const script = findWorkerScript({
    moduleUrl: import.meta.url,
    cwd: process.cwd(),
    isProduction: options.isProduction,
    worker: "kline-import-worker",
  });
  if (!script) return Promise.reject(new Error("no kline import worker found (run `npm run build:server`)"));
  const worker: Worker = startWorker(script, { maxOldGenerationSizeMb: WORKER_MEMORY_MB });
  return new Promise<WorkerImportOutcome>((resolve, reject) => {
    let outcome: WorkerImportOutcome | null = null;
    let killTimer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = () => {
      worker.postMessage({ type: "abort" });
      killTimer = setTimeout(() => void worker.terminate(), ABORT_GRACE_MS);
    };
    options.signal.addEventListener("abort", onAbort, { once: true });
    worker.on("message", (message: FromImportWorker) => {
      if (message.type === "started") callbacks.onStarted(message.entry, message.totalBytes);
      else if (message.type === "progress") callbacks.onProgress(message.bytesRead, message.rows);
      else {
        outcome = message;
        void worker.terminate();
      }
    });
    worker.once("error", (error) => {
      outcome ??= { type: "failed", code: "INTERNAL", message: error.message, isDomain: false };
    });
    worker.once("exit", () => {
      clearTimeout(killTimer);
      options.signal.removeEventListener("abort", onAbort);
      if (outcome) resolve(outcome);
      else reject(new Error(options.signal.aborted ? "the import was stopped" : "the import worker ended without an answer"));
    });
    worker.postMessage({ type: "start", ...job } satisfies KlineImportJob);
  });
}

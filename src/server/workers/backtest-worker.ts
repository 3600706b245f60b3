/**
 * The backtest worker thread: it only runs the pure domain. Each message is one job; it answers
 * with progress, then the outcome or the failure as data (domain/backtest/wire.ts). No database,
 * no clock: the pool that started it enforces the deadline by terminating it.
 */
import { parentPort } from "node:worker_threads";
import { runJob } from "@/domain/backtest/job";
import { decodeJob, encodeFailure, type JobMessage, type WorkerReply } from "@/domain/backtest/wire";

const port = parentPort;
if (!port) throw new Error("backtest-worker runs as a worker thread only");
const reply = (message: WorkerReply) => port.postMessage(message);

port.on("message", (message: JobMessage) => {
  try {
    const outcome = runJob(decodeJob(message), { onProgress: (progress) => reply({ type: "progress", ...progress }) });
    reply({ type: "done", outcome });
  } catch (error) {
    reply({ type: "failed", failure: encodeFailure(error) });
  }
});
reply({ type: "ready" });

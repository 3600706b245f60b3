/**
 * The kline import of an admin upload, in a thread of its own: parsing a year of candles is
 * seconds of CPU, and on the server's own thread it would make every order wait behind it
 * (BENCHMARKS.md, "Import beside order entry"). Postgres only: the thread opens its own
 * one-connection pool to the same database; the import itself is the CLI's (one transaction).
 */
import { setPriority } from "node:os";
import { parentPort } from "node:worker_threads";
import { isDomainError } from "@/domain/errors";
import { KlineFileError } from "@/domain/klines/issues";
import { openPg } from "../db/drivers";
import { openKlineFile } from "../files/kline-files";
import { importKlines } from "../services/research/import-klines";
import type { FromImportWorker, KlineImportJob, ToImportWorker } from "./kline-import-messages";

/** 10 of 19: well behind the server, still far from idle-only. */
const IMPORT_NICENESS = 10;

// Below the server's own threads in the scheduler's eyes (Linux: per thread): on a busy machine
// the orders come first and the import takes what is left. Raising niceness needs no privilege.
try {
  setPriority(0, IMPORT_NICENESS);
} catch {
  // Not every platform lets a thread lower itself; the import then simply competes evenly.
}

const port = parentPort;
if (!port) throw new Error("kline-import-worker runs as a worker thread only");
const reply = (message: FromImportWorker) => port.postMessage(message);
const abort = new AbortController();

async function run(job: KlineImportJob): Promise<void> {
  const database = await openPg({ url: job.databaseUrl, poolSize: 1, onError: () => undefined });
  try {
    const file = await openKlineFile(job.filePath);
    try {
      reply({ type: "started", entry: file.entry, totalBytes: file.totalBytes });
      const report = await importKlines(database.db, file.chunks, {
        market: job.market,
        interval: job.interval,
        fileName: job.fileName,
        source: job.source,
        skipBad: job.skipBad,
        priceRounding: job.priceRounding,
        signal: abort.signal,
        onProgress: (progress) => reply({ type: "progress", ...progress }),
      });
      reply({ type: "done", report });
    } finally {
      file.close();
    }
  } finally {
    await database.close();
  }
}

port.on("message", (message: ToImportWorker) => {
  if (message.type === "abort") return abort.abort();
  run(message).catch((error: unknown) => {
    if (error instanceof KlineFileError) return reply({ type: "refused", code: error.code, message: error.message });
    if (isDomainError(error)) return reply({ type: "failed", code: error.code, message: error.message, isDomain: true });
    reply({ type: "failed", code: "INTERNAL", message: error instanceof Error ? error.message : String(error), isDomain: false });
  });
});

import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { z } from "zod";
import { CANDLE_INTERVALS } from "@/domain/candles";
import { DomainError, isDomainError } from "@/domain/errors";
import type { UploadLine } from "@/domain/klines/import-report";
import { KlineFileError } from "@/domain/klines/issues";
import { MAX_SOURCE_CHARS } from "@/domain/klines/source-label";
import { getEnv } from "@/env";
import { INTERNAL_MESSAGE } from "../api/errors";
import type { AuthUser } from "../api/context";
import { openKlineFile } from "../files/kline-files";
import { credentialCacheFor } from "../auth/instance-credentials";
import { resolveUser } from "../api/resolve-user";
import { logger } from "../logger";
import { getServices } from "../runtime";
import { requireMarket } from "../services/markets/market-data";
import { importKlines } from "../services/research/import-klines";
import type { ServiceContext } from "../services/context";
import { isCrossSiteCookieMutation } from "./cross-site";
import { type CallerSources, jsonError, requestIdOf, resolveCaller } from "./request-guards";
import { canImportInWorker, importInWorker, type WorkerImportOutcome } from "../uploads/import-in-worker";
import { saveUpload, type UploadedFile } from "./upload-file";

/** Where the admin page sends a kline file; a Next route handler (src/app/api/admin/kline-imports). */
export const KLINE_UPLOAD_PATH = "/api/admin/kline-imports";
/** Progress lines per second at most: enough for a smooth bar, few enough to cost nothing. */
const PROGRESS_EVERY_MS = 200;
/** What a refused-while-busy upload is told to wait: a year of 1m candles imports in well under this. */
const BUSY_RETRY_AFTER_SEC = 30;

const flag = z.enum(["true", "false"]).transform((v) => v === "true");
const uploadQuery = z.strictObject({
  market: z.string().min(1).max(25),
  interval: z.enum(CANDLE_INTERVALS),
  /** The file's own name: the report names it, and Binance's names give the default source label. */
  name: z.string().min(1).max(200),
  skipBad: flag.default(false),
  round: flag.default(false),
  source: z.string().min(1).max(MAX_SOURCE_CHARS).optional(),
});
type UploadQuery = z.infer<typeof uploadQuery>;

export interface KlineUploadOptions extends CallerSources {
  maxBytes: () => number;
  /**
   * The Postgres URL a worker thread imports into, or null to import on this thread (PGlite is
   * this process's alone; no worker file was built). See uploads/import-in-worker.ts.
   */
  workerDatabaseUrl: () => string | null;
}

function domainErrorResponse(requestId: string, error: DomainError, headers?: Record<string, string>): Response {
  const trpcError = new TRPCError({ code: error.status, message: error.message, cause: error });
  const status = getHTTPStatusCodeFromError(trpcError);
  const code = trpcError.code;
  return jsonError("rest", requestId, { status, code, message: error.message, domainCode: error.code, headers });
}

/** Administration is for an admin at the website, as the admin procedures require. */
function refusal(requestId: string, user: AuthUser | null): Response | null {
  if (!user) return domainErrorResponse(requestId, new DomainError("UNAUTHENTICATED"));
  if (user.role !== "admin" || user.via.kind !== "session") return domainErrorResponse(requestId, new DomainError("FORBIDDEN"));
  return null;
}

/**
 * The admin page's kline upload: the body is the file itself (CSV, zip or JSON, as the CLI takes
 * it), the query says where it goes. The file is stored in a temp folder within
 * KLINE_UPLOAD_MAX_BYTES, then imported by the same code as `bourse import klines` (one
 * transaction, no market lock) while the answer streams progress as newline-delimited JSON
 * (UploadLine). One upload imports at a time per instance. Closing the page aborts the import,
 * which then writes nothing; running it again is safe (imports are idempotent).
 */
export function createKlineUploadHandler(options: KlineUploadOptions) {
  let isImporting = false;
  return async function handleKlineUpload(request: Request): Promise<Response> {
    const requestId = requestIdOf(request);
    if (request.method !== "POST") {
      return jsonError("rest", requestId, { status: 405, code: "METHOD_NOT_SUPPORTED", message: "Upload with POST." });
    }
    if (isCrossSiteCookieMutation(request)) return domainErrorResponse(requestId, new DomainError("FORBIDDEN"));
    const caller = await resolveCaller("rest", options, request.headers, requestId);
    if (caller instanceof Response) return caller;
    const refused = refusal(requestId, caller.user);
    if (refused) return refused;
    const parsed = uploadQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) {
      const message = `The query is not valid: ${z.prettifyError(parsed.error).replaceAll("\n", " ")}`;
      return jsonError("rest", requestId, { status: 400, code: "BAD_REQUEST", message });
    }
    const maxBytes = options.maxBytes();
    const tooLarge = () =>
      jsonError("rest", requestId, {
        status: 413,
        code: "PAYLOAD_TOO_LARGE",
        message: `The file is larger than ${maxBytes} bytes.`,
      });
    if (Number(request.headers.get("content-length") ?? "0") > maxBytes) return tooLarge();
    if (!request.body)
      return jsonError("rest", requestId, { status: 400, code: "BAD_REQUEST", message: "The body is the file; it is empty." });
    if (isImporting) {
      return domainErrorResponse(requestId, new DomainError("KLINE_UPLOAD_BUSY"), {
        "retry-after": String(BUSY_RETRY_AFTER_SEC),
      });
    }
    isImporting = true;
    let handedOver = false;
    try {
      await requireMarket(caller.services.db, parsed.data.market);
      const saved = await saveUpload(request.body, parsed.data.name, maxBytes);
      if (saved === "too-large") return tooLarge();
      handedOver = true;
      const job = {
        services: caller.services,
        saved,
        query: parsed.data,
        requestId,
        signal: request.signal,
        workerDatabaseUrl: options.workerDatabaseUrl(),
      };
      const body = importStream(job, () => {
        isImporting = false;
      });
      return new Response(body, {
        headers: {
          "content-type": "application/x-ndjson; charset=utf-8",
          "cache-control": "no-store",
          "x-request-id": requestId,
        },
      });
    } catch (error) {
      if (isDomainError(error)) return domainErrorResponse(requestId, error);
      logger.error({ requestId, err: error }, "kline upload failed before its import");
      return jsonError("rest", requestId, { status: 500, code: "INTERNAL_SERVER_ERROR", message: INTERNAL_MESSAGE });
    } finally {
      if (!handedOver) isImporting = false;
    }
  };
}

interface ImportJob {
  services: ServiceContext;
  saved: UploadedFile;
  query: UploadQuery;
  requestId: string;
  signal: AbortSignal;
  workerDatabaseUrl: string | null;
}

/** The import, run as the answer's body is read; `finished` runs once, whatever happens. */
function importStream(job: ImportJob, finished: () => void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const abort = new AbortController();
  const stop = () => abort.abort();
  job.signal.addEventListener("abort", stop, { once: true });
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: UploadLine) => {
        if (!abort.signal.aborted) controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      };
      try {
        await (job.workerDatabaseUrl === null
          ? runImport(job, abort.signal, send)
          : runImportInWorker(job, job.workerDatabaseUrl, abort.signal, send));
      } finally {
        job.signal.removeEventListener("abort", stop);
        await job.saved.remove().catch((error: unknown) => logger.warn({ err: error }, "kline upload temp file not removed"));
        finished();
        if (!abort.signal.aborted) controller.close();
      }
    },
    cancel: stop,
  });
}

/** What the import is asked, the same on either thread. */
function importSettings(query: UploadQuery) {
  return {
    market: query.market,
    interval: query.interval,
    fileName: query.name,
    source: query.source,
    skipBad: query.skipBad,
    priceRounding: query.round ? ("nearest-tick" as const) : ("reject" as const),
  };
}

/** The `started` line, then `progress` lines at most every PROGRESS_EVERY_MS. */
function progressLines(job: ImportJob, send: (line: UploadLine) => void, thread: "worker" | "server") {
  let totalBytes = 0;
  let lastSentMs = 0;
  return {
    started(entry: string | null, bytes: number) {
      totalBytes = bytes;
      send({ type: "started", fileName: job.query.name, entry, totalBytes, thread });
    },
    progress(bytesRead: number, rows: number) {
      const now = performance.now();
      if (now - lastSentMs < PROGRESS_EVERY_MS) return;
      lastSentMs = now;
      send({ type: "progress", bytesRead, totalBytes, rows });
    },
  };
}

/** The last line, whichever thread imported; anything unexpected is logged and said in one fixed sentence. */
function sendOutcome(job: ImportJob, outcome: WorkerImportOutcome, send: (line: UploadLine) => void, thread: string): void {
  if (outcome.type === "done") {
    logger.info({ requestId: job.requestId, ...summary(outcome.report), thread }, "kline upload imported");
    send({ type: "report", report: outcome.report });
  } else if (outcome.type === "refused") send(outcome);
  else if (outcome.isDomain) send({ type: "error", code: outcome.code, message: outcome.message });
  else {
    logger.error({ requestId: job.requestId, err: outcome.message, thread }, "kline upload import failed");
    send({ type: "error", code: "INTERNAL", message: INTERNAL_MESSAGE });
  }
}

/** A thrown error as the outcome the worker would have posted. */
function outcomeOf(error: unknown): WorkerImportOutcome {
  if (error instanceof KlineFileError) return { type: "refused", code: error.code, message: error.message };
  if (isDomainError(error)) return { type: "failed", code: error.code, message: error.message, isDomain: true };
  return { type: "failed", code: "INTERNAL", message: error instanceof Error ? error.message : String(error), isDomain: false };
}

/** The import on the server's thread: the embedded PGlite belongs to it. */
async function runImport(job: ImportJob, signal: AbortSignal, send: (line: UploadLine) => void): Promise<void> {
  const lines = progressLines(job, send, "server");
  let file: Awaited<ReturnType<typeof openKlineFile>> | null = null;
  let outcome: WorkerImportOutcome;
  try {
    file = await openKlineFile(job.saved.path);
    lines.started(file.entry, file.totalBytes);
    const report = await importKlines(job.services.db, file.chunks, {
      ...importSettings(job.query),
      signal,
      onProgress: ({ bytesRead, rows }) => lines.progress(bytesRead, rows),
    });
    outcome = { type: "done", report };
  } catch (error) {
    outcome = outcomeOf(error);
  } finally {
    file?.close();
  }
  if (signal.aborted) logger.info({ requestId: job.requestId }, "kline upload abandoned by its client: nothing written");
  else sendOutcome(job, outcome, send, "server");
}

/** The same import in a worker thread (Postgres), its answers turned into the same lines. */
async function runImportInWorker(
  job: ImportJob,
  databaseUrl: string,
  signal: AbortSignal,
  send: (line: UploadLine) => void,
): Promise<void> {
  const lines = progressLines(job, send, "worker");
  let outcome: WorkerImportOutcome;
  try {
    outcome = await importInWorker(
      { databaseUrl, filePath: job.saved.path, ...importSettings(job.query) },
      { onStarted: lines.started, onProgress: lines.progress },
      { isProduction: getEnv().NODE_ENV === "production", signal },
    );
  } catch (error) {
    outcome = outcomeOf(error);
  }
  if (signal.aborted) logger.info({ requestId: job.requestId }, "kline upload abandoned by its client: nothing written");
  else sendOutcome(job, outcome, send, "worker");
}

function summary(report: { market: string; status: string; rows: number; inserted: number; bad: number; elapsedMs: number }) {
  const { market, status, rows, inserted, bad, elapsedMs } = report;
  return { market, status, rows, inserted, bad, elapsedMs: Math.round(elapsedMs) };
}

export const handleKlineUpload = createKlineUploadHandler({
  getServices,
  resolveUser: (db, headers, services) => resolveUser(db, headers, undefined, credentialCacheFor(services)),
  maxBytes: () => getEnv().KLINE_UPLOAD_MAX_BYTES,
  workerDatabaseUrl: () => {
    const env = getEnv();
    const isPg = env.DATABASE_URL !== undefined && env.DATABASE_DRIVER === "pg";
    return isPg && canImportInWorker(env.NODE_ENV === "production") ? (env.DATABASE_URL ?? null) : null;
  },
});

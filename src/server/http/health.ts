import { getCache } from "../cache";
import { getDatabase } from "../db";
import { logger } from "../logger";
import { instanceKlineStatuses } from "../services/research/live-klines/live-klines";
import type { KlineStreamStatus } from "../services/research/live-klines/stream-status";

const CHECK_TIMEOUT_MS = 2_000;

type PartStatus = "ok" | "down";
export interface Health {
  status: "ok" | "degraded" | "down";
  db: PartStatus;
  cache: PartStatus | "memory";
  /**
   * This instance's live kline streams (KLINE_STREAMS), when any: informative only, never a
   * reason for 503 (an exchange's stream being down does not stop anyone trading here).
   */
  klines?: KlineStreamStatus[];
}

function within<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  return Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timed out")), timeoutMs))]);
}

/**
 * The database is essential (503 without it); the cache is not, since every read falls back to
 * Postgres, so a cache outage only degrades.
 */
export async function checkHealth(): Promise<Health> {
  const db = await within(
    getDatabase().then((d) => d.ping()),
    CHECK_TIMEOUT_MS,
  ).then(
    () => "ok" as const,
    (error: unknown) => {
      logger.warn({ err: error }, "health: database unreachable");
      return "down" as const;
    },
  );
  const cache = getCache();
  const cacheStatus =
    cache.kind === "memory" ? "memory" : (await within(cache.ping(), CHECK_TIMEOUT_MS).catch(() => false)) ? "ok" : "down";
  const status = db === "down" ? "down" : cacheStatus === "down" ? "degraded" : "ok";
  const klines = instanceKlineStatuses();
  return { status, db, cache: cacheStatus, ...(klines.length > 0 ? { klines } : {}) };
}

/**
 * Readiness as a load balancer reads it: 503 only when the database is unreachable, because that
 * is the one outage this instance cannot serve through. A cache outage is reported in the body
 * (`degraded`) and answered 200: pulling every instance during a Redis blip would turn a harmless
 * outage into a full one.
 */
export function readinessStatus(health: Health): 200 | 503 {
  return health.db === "down" ? 503 : 200;
}

export async function readinessResponse(): Promise<Response> {
  const health = await checkHealth();
  return Response.json(health, { status: readinessStatus(health), headers: { "cache-control": "no-store" } });
}

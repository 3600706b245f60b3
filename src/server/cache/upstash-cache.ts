import { Redis } from "@upstash/redis";
import { type ErrorReporter, ignoreError, withTimeout } from "./resilience";
import { type Cache, CACHE_KEY_PREFIX } from "./types";

export interface UpstashCacheOptions {
  /** Each call is one HTTPS request; this bounds it, retry included. */
  timeoutMs?: number;
  onError?: ErrorReporter;
}

const MAX_KEYS_PER_DEL = 500;

/** Upstash over its REST API: no connection to keep, so nothing to reconnect and nothing to close. */
export function createUpstashCache(
  url: string,
  token: string,
  { timeoutMs = 500, onError = ignoreError }: UpstashCacheOptions = {},
): Cache {
  const redis = new Redis({
    url,
    token,
    // Values are our own JSON strings; hand them back untouched.
    automaticDeserialization: false,
    enableTelemetry: false,
    // One command per request, so each has its own deadline and one failure cannot fail a batch.
    enableAutoPipelining: false,
    // One quick retry for a dropped socket; the deadline below still bounds the whole call.
    retry: { retries: 1, backoff: () => 50 },
    // A function, so every request gets a fresh deadline (and an abort rejects, not resolves).
    signal: () => AbortSignal.timeout(timeoutMs),
  });

  function run<T>(what: string, command: () => Promise<T>): Promise<T> {
    return withTimeout(command(), timeoutMs, `Upstash ${what}`);
  }

  return {
    kind: "upstash",
    reportError: onError,
    get(key) {
      return run("GET", () => redis.get<string>(CACHE_KEY_PREFIX + key));
    },
    async set(key, value, ttlMs) {
      if (!(ttlMs > 0)) {
        await run("DEL", () => redis.del(CACHE_KEY_PREFIX + key));
        return;
      }
      await run("SET", () => redis.set(CACHE_KEY_PREFIX + key, value, { px: Math.ceil(ttlMs) }));
    },
    async del(keys) {
      for (let start = 0; start < keys.length; start += MAX_KEYS_PER_DEL) {
        const batch = keys.slice(start, start + MAX_KEYS_PER_DEL).map((key) => CACHE_KEY_PREFIX + key);
        await run("DEL", () => redis.del(...batch));
      }
    },
    ping() {
      return run("PING", () => redis.ping()).then(
        (reply) => reply === "PONG",
        () => false,
      );
    },
    async close() {},
  };
}

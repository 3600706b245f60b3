import { type Env, getEnv } from "@/env";
import { logger } from "../logger";
import { createMemoryCache } from "./memory-cache";
import { createRedisCache } from "./redis-cache";
import type { ErrorReporter } from "./resilience";
import type { Cache } from "./types";
import { createUpstashCache } from "./upstash-cache";
import { processSlot } from "../process-slot";

export { cached, invalidate } from "./cached";
export type { CachedOptions, InvalidateOptions } from "./cached";
export { decodeJson, encodeJson } from "./json-codec";
export type { Cache } from "./types";

export interface CreateCacheOptions {
  onError?: ErrorReporter;
}

/** REDIS_URL → ioredis; else Upstash URL and token → Upstash REST; else in memory. */
export function createCache(env: Env, { onError = logCacheError }: CreateCacheOptions = {}): Cache {
  if (env.REDIS_URL) return createRedisCache(env.REDIS_URL, { onError });
  const { UPSTASH_REDIS_REST_URL: upstashUrl, UPSTASH_REDIS_REST_TOKEN: upstashToken } = env;
  if (upstashUrl && upstashToken) return createUpstashCache(upstashUrl, upstashToken, { onError });
  // Half a configuration is a typo; several instances silently caching apart would hide it.
  if (upstashUrl || upstashToken) {
    throw new Error("UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN must be set together");
  }
  return createMemoryCache({ onError });
}

// One per process, so that Next.js dev reloads and separately bundled routes share one connection.
const processCache = processSlot<Cache>("Cache");

export function getCache(): Cache {
  return processCache.ensure(() => createCache(getEnv()));
}

/** For tests and shutdown: closes the process's cache; the next getCache() opens a new one. */
export async function closeCache(): Promise<void> {
  await processCache.take()?.close();
}

function logCacheError(error: Error): void {
  logger.warn({ err: error }, "cache degraded");
}

import { type ErrorReporter, ignoreError } from "./resilience";
import type { Cache } from "./types";

export interface MemoryCacheOptions {
  /** Past this many entries the least recently used one is dropped. */
  maxEntries?: number;
  /** Injected by tests; Date.now in production. */
  now?: () => number;
  onError?: ErrorReporter;
}

interface Entry {
  value: string;
  expiresAtMs: number;
}

/**
 * The cache for a single instance (embedded PGlite, tests). Expiry is checked on read, so no
 * timer is ever left running; a Map keeps insertion order, which gives LRU for free when every
 * read re-inserts the entry it returns.
 */
export function createMemoryCache({
  maxEntries = 10_000,
  now = Date.now,
  onError = ignoreError,
}: MemoryCacheOptions = {}): Cache {
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
  }
  const entries = new Map<string, Entry>();

  function evictOverflow(): void {
    for (const key of entries.keys()) {
      if (entries.size <= maxEntries) return;
      entries.delete(key);
    }
  }

  return {
    kind: "memory",
    reportError: onError,
    async get(key) {
      const entry = entries.get(key);
      if (!entry) return null;
      entries.delete(key);
      if (entry.expiresAtMs <= now()) return null;
      entries.set(key, entry);
      return entry.value;
    },
    async set(key, value, ttlMs) {
      entries.delete(key);
      if (!(ttlMs > 0)) return;
      entries.set(key, { value, expiresAtMs: now() + ttlMs });
      evictOverflow();
    },
    async del(keys) {
      for (const key of keys) entries.delete(key);
    },
    async ping() {
      return true;
    },
    async close() {
      entries.clear();
    },
  };
}

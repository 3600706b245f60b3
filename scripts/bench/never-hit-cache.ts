import type { Cache } from "../../src/server/cache/types";

/**
 * A cache that never holds anything, so every read goes to the database: the "uncached" side of
 * the reads comparison runs exactly the served code path minus the hits. One per request, because
 * cached() shares a load between concurrent callers of the same cache, which would still spare
 * the database work that an uncached server does.
 */
export function createNeverHitCache(): Cache {
  return {
    kind: "memory",
    get: async () => null,
    set: async () => {},
    del: async () => {},
    ping: async () => true,
    close: async () => {},
  };
}

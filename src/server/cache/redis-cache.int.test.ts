import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cached } from "./cached";
import { createRedisCache } from "./redis-cache";
import { findTestService, type TcpProxy, startTcpProxy, uniqueName } from "../../../tests/test-services";
import type { Cache } from "./types";

const redis = await findTestService("redis");
const TIMEOUT_MS = 150;
// Slack for timers and the event loop on a busy machine; the bound we check is timeout + this.
const SLACK_MS = 75;
// Nothing listens here (the brief's "wrong port").
const DEAD_URL = "redis://127.0.0.1:6390";

async function elapsedMs(work: () => Promise<unknown>): Promise<number> {
  const startedMs = performance.now();
  await work().catch(() => {});
  return performance.now() - startedMs;
}

/** Every Cache method, each timed on its own; all must settle (resolve or reject) in time. */
async function timeEveryMethod(cache: Cache): Promise<Record<string, number>> {
  return {
    get: await elapsedMs(() => cache.get("k")),
    set: await elapsedMs(() => cache.set("k", "v", 1_000)),
    del: await elapsedMs(() => cache.del(["k"])),
    ping: await elapsedMs(() => cache.ping()),
  };
}

describe("redis cache without a Redis (no service needed)", () => {
  it("settles every method within the timeout on a port where nothing listens", async () => {
    const errors: Error[] = [];
    const cache = createRedisCache(DEAD_URL, { commandTimeoutMs: TIMEOUT_MS, onError: (e) => errors.push(e) });
    // First call races the very first connection attempt, later ones find Redis already lost.
    const first = await timeEveryMethod(cache);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const later = await timeEveryMethod(cache);
    await cache.close();
    for (const ms of [...Object.values(first), ...Object.values(later)]) expect(ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
    expect(errors.length).toBeGreaterThan(0);
  });

  it("cached() still returns the loaded value in well under 1 s", async () => {
    const cache = createRedisCache(DEAD_URL, { commandTimeoutMs: TIMEOUT_MS, onError: () => {} });
    const startedMs = performance.now();
    const value = await cached(cache, "markets", 60_000, async () => ({ seq: 1n }), { timeoutMs: 200 });
    const tookMs = performance.now() - startedMs;
    await cache.close();
    expect(value).toEqual({ seq: 1n });
    expect(tookMs).toBeLessThan(1_000);
  });

  it("settles within the timeout against an address that never answers the connect", async () => {
    // 10.255.255.1 is unroutable: SYNs vanish (or the network says unreachable at once).
    const cache = createRedisCache("redis://10.255.255.1:6379", { commandTimeoutMs: TIMEOUT_MS, onError: () => {} });
    const times = await timeEveryMethod(cache);
    await cache.close();
    for (const ms of Object.values(times)) expect(ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
  });
});

describe.skipIf(!redis.isAvailable)(redis.label("redis cache (integration)"), () => {
  const prefix = uniqueName("cache_test");
  let cache: Cache;
  let raw: Redis;
  let proxy: TcpProxy;

  beforeAll(async () => {
    cache = createRedisCache(redis.url, { commandTimeoutMs: TIMEOUT_MS, onError: () => {} });
    raw = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await raw.connect();
    proxy = await startTcpProxy(redis.url);
  });

  afterAll(async () => {
    await raw?.del(`bourse:${prefix}:a`, `bourse:${prefix}:b`, `bourse:${prefix}:ttl`).catch(() => 0);
    raw?.disconnect();
    await cache?.close();
    await proxy?.stop();
  });

  it("sets, gets and deletes under the bourse: prefix", async () => {
    await cache.set(`${prefix}:a`, "1", 60_000);
    await cache.set(`${prefix}:b`, "2", 60_000);
    expect(await cache.get(`${prefix}:a`)).toBe("1");
    expect(await raw.get(`bourse:${prefix}:a`)).toBe("1");
    expect(await raw.pttl(`bourse:${prefix}:a`)).toBeGreaterThan(59_000);
    await cache.del([`${prefix}:a`, `${prefix}:b`]);
    expect(await cache.get(`${prefix}:a`)).toBeNull();
    expect(await cache.get(`${prefix}:b`)).toBeNull();
    expect(await cache.ping()).toBe(true);
  });

  it("expires entries after their TTL", async () => {
    await cache.set(`${prefix}:ttl`, "x", 50);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await cache.get(`${prefix}:ttl`)).toBeNull();
  });

  it("caches bigint values through cached()", async () => {
    let loads = 0;
    const load = async () => {
      loads += 1;
      return { volume: 98_765_432_109_876_543_210n };
    };
    expect(await cached(cache, `${prefix}:a`, 60_000, load)).toEqual({ volume: 98_765_432_109_876_543_210n });
    await expect.poll(() => raw.get(`bourse:${prefix}:a`)).not.toBeNull();
    expect(await cached(cache, `${prefix}:a`, 60_000, load)).toEqual({ volume: 98_765_432_109_876_543_210n });
    expect(loads).toBe(1);
  });

  it("settles within the timeout when a connected Redis stops answering, and recovers", async () => {
    const viaProxy = createRedisCache(proxy.urlThrough(redis.url), { commandTimeoutMs: TIMEOUT_MS, onError: () => {} });
    try {
      expect(await viaProxy.ping()).toBe(true);
      proxy.freeze();
      const frozen = await timeEveryMethod(viaProxy);
      for (const ms of Object.values(frozen)) expect(ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
      const value = await cached(viaProxy, `${prefix}:b`, 60_000, async () => "loaded", { timeoutMs: 200 });
      expect(value).toBe("loaded");
      proxy.thaw();
      // Redis "restarts": every connection is cut, then it accepts again.
      await proxy.stop();
      const down = await timeEveryMethod(viaProxy);
      for (const ms of Object.values(down)) expect(ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
      await proxy.start();
      await expect.poll(() => viaProxy.ping(), { timeout: 10_000, interval: 100 }).toBe(true);
    } finally {
      proxy.thaw();
      await viaProxy.close();
    }
  });
});

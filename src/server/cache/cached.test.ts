import { describe, expect, it, vi } from "vitest";
import { cached, invalidate } from "./cached";
import { createMemoryCache } from "./memory-cache";
import type { Cache } from "./types";

function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/** A cache whose every call hangs forever, as Redis does behind a dropped network. */
function hangingCache(reportError: (error: Error) => void): Cache {
  const never = () => new Promise<never>(() => {});
  return { kind: "redis", reportError, get: never, set: never, del: never, ping: never, close: async () => {} };
}

describe("cached", () => {
  it("single flight: 10 concurrent callers of one key share one load", async () => {
    const cache = createMemoryCache();
    const gate = deferred<string>();
    const load = vi.fn(() => gate.promise);
    const callers = Array.from({ length: 10 }, () => cached(cache, "markets", 60_000, load));
    gate.resolve("value");
    expect(await Promise.all(callers)).toEqual(Array(10).fill("value"));
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("serves the next caller from the cache", async () => {
    const cache = createMemoryCache();
    const load = vi.fn(async () => ({ last: "12.50" }));
    await cached(cache, "ticker", 60_000, load);
    await vi.waitFor(async () => expect(await cache.get("ticker")).not.toBeNull());
    expect(await cached(cache, "ticker", 60_000, load)).toEqual({ last: "12.50" });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("shares a failed load with the waiting callers, then tries again", async () => {
    const cache = createMemoryCache();
    const load = vi.fn().mockRejectedValueOnce(new Error("db down")).mockResolvedValueOnce("ok");
    const callers = Array.from({ length: 3 }, () => cached<string>(cache, "k", 60_000, load));
    for (const caller of callers) await expect(caller).rejects.toThrow("db down");
    expect(await cached<string>(cache, "k", 60_000, load)).toBe("ok");
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("keeps different caches apart", async () => {
    const load = vi.fn(async () => 1);
    await Promise.all([cached(createMemoryCache(), "k", 1_000, load), cached(createMemoryCache(), "k", 1_000, load)]);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("falls back to the source when the cache never answers, within the timeout", async () => {
    const errors: Error[] = [];
    const cache = hangingCache((error) => errors.push(error));
    const startedMs = performance.now();
    const value = await cached(cache, "k", 60_000, async () => "from source", { timeoutMs: 50 });
    const elapsedMs = performance.now() - startedMs;
    expect(value).toBe("from source");
    expect(elapsedMs).toBeGreaterThanOrEqual(45);
    expect(elapsedMs).toBeLessThan(150);
    expect(errors[0]?.message).toContain("timed out after 50ms");
    // The hanging write-back is reported too, but never waited for.
    await vi.waitFor(() => expect(errors.some((error) => error.message.includes("cache write"))).toBe(true));
  });

  it("falls back to the source when the cache fails", async () => {
    const errors: Error[] = [];
    const failing: Cache = {
      ...createMemoryCache(),
      reportError: (error) => errors.push(error),
      get: async () => {
        throw new Error("ECONNREFUSED");
      },
    };
    expect(await cached(failing, "k", 1_000, async () => 5)).toBe(5);
    expect(errors[0]?.message).toContain("ECONNREFUSED");
  });

  it("treats an entry it cannot decode as a miss and replaces it", async () => {
    const cache = createMemoryCache();
    await cache.set("k", "{not json", 60_000);
    expect(await cached(cache, "k", 60_000, async () => [1, 2])).toEqual([1, 2]);
    await vi.waitFor(async () => expect(await cache.get("k")).toBe("[1,2]"));
  });

  it("round-trips bigints through the cache by default", async () => {
    const cache = createMemoryCache();
    const book = { seq: 10n, bids: [{ price: 6_500_000n, quantity: 12_345_678_901_234_567_890n }] };
    const load = vi.fn(async () => book);
    expect(await cached(cache, "book", 60_000, load)).toEqual(book);
    await vi.waitFor(async () => expect(await cache.get("book")).toContain("$bigint"));
    const fromCache = await cached(cache, "book", 60_000, load);
    expect(fromCache).toEqual(book);
    expect(typeof fromCache.bids[0]?.quantity).toBe("bigint");
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("uses a custom codec when given one", async () => {
    const cache = createMemoryCache();
    const codec = { encode: (value: number) => `n=${value}`, decode: (text: string) => Number(text.slice(2)) };
    await cached(cache, "k", 60_000, async () => 7, codec);
    await vi.waitFor(async () => expect(await cache.get("k")).toBe("n=7"));
    expect(await cached(cache, "k", 60_000, async () => 0, codec)).toBe(7);
  });

  it("refuses a TTL that is not positive", () => {
    expect(() => cached(createMemoryCache(), "k", 0, async () => 1)).toThrow(RangeError);
  });
});

describe("invalidate", () => {
  it("removes the keys", async () => {
    const cache = createMemoryCache();
    await cache.set("a", "1", 60_000);
    await cache.set("b", "2", 60_000);
    await invalidate(cache, ["a", "b"]);
    expect(await cache.get("a")).toBeNull();
    expect(await cache.get("b")).toBeNull();
  });

  it("never throws, and never waits past its timeout, on a cache that hangs", async () => {
    const errors: Error[] = [];
    const startedMs = performance.now();
    await expect(
      invalidate(
        hangingCache((error) => errors.push(error)),
        ["a"],
        { timeoutMs: 30 },
      ),
    ).resolves.toBeUndefined();
    expect(performance.now() - startedMs).toBeLessThan(130);
    expect(errors).toHaveLength(1);
  });

  it("never throws on a cache that fails", async () => {
    const onError = vi.fn();
    const failing: Cache = {
      ...createMemoryCache(),
      del: () => {
        throw new Error("boom");
      },
    };
    await expect(invalidate(failing, ["a"], { onError })).resolves.toBeUndefined();
    expect(onError).toHaveBeenCalledOnce();
  });

  it("stops a load that started before the commit from writing its stale value", async () => {
    const cache = createMemoryCache();
    const gate = deferred<string>();
    const stale = cached(cache, "ticker", 60_000, () => gate.promise);
    await invalidate(cache, ["ticker"]);
    // A caller after the commit does not join the old flight.
    expect(await cached(cache, "ticker", 60_000, async () => "fresh")).toBe("fresh");
    await vi.waitFor(async () => expect(await cache.get("ticker")).toBe('"fresh"'));
    // The old load finishes last; its value goes to its callers but not into the cache.
    gate.resolve("stale");
    expect(await stale).toBe("stale");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await cache.get("ticker")).toBe('"fresh"');
  });
});

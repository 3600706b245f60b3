import { afterEach, describe, expect, it, vi } from "vitest";
import { createMemoryCache } from "./memory-cache";

function clock(startMs = 1_000) {
  let nowMs = startMs;
  return { now: () => nowMs, advance: (ms: number) => (nowMs += ms) };
}

describe("memory cache", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("returns what was set until its TTL is over, then null", async () => {
    const time = clock();
    const cache = createMemoryCache({ now: time.now });
    await cache.set("a", "1", 100);
    expect(await cache.get("a")).toBe("1");
    time.advance(99);
    expect(await cache.get("a")).toBe("1");
    time.advance(1);
    expect(await cache.get("a")).toBeNull();
  });

  it("treats a TTL that is already over as a delete", async () => {
    const cache = createMemoryCache();
    await cache.set("a", "1", 1_000);
    await cache.set("a", "2", 0);
    expect(await cache.get("a")).toBeNull();
  });

  it("evicts the least recently used entry past maxEntries", async () => {
    const cache = createMemoryCache({ maxEntries: 3 });
    await cache.set("a", "1", 60_000);
    await cache.set("b", "2", 60_000);
    await cache.set("c", "3", 60_000);
    // Reading "a" makes "b" the oldest.
    expect(await cache.get("a")).toBe("1");
    await cache.set("d", "4", 60_000);
    expect(await cache.get("b")).toBeNull();
    expect(await cache.get("a")).toBe("1");
    expect(await cache.get("c")).toBe("3");
    expect(await cache.get("d")).toBe("4");
  });

  it("never holds more than maxEntries", async () => {
    const cache = createMemoryCache({ maxEntries: 10 });
    for (let i = 0; i < 1_000; i += 1) await cache.set(`k${i}`, String(i), 60_000);
    let present = 0;
    for (let i = 0; i < 1_000; i += 1) if ((await cache.get(`k${i}`)) !== null) present += 1;
    expect(present).toBe(10);
    expect(await cache.get("k999")).toBe("999");
  });

  it("deletes several keys at once", async () => {
    const cache = createMemoryCache();
    await cache.set("a", "1", 60_000);
    await cache.set("b", "2", 60_000);
    await cache.del(["a", "b", "missing"]);
    expect(await cache.get("a")).toBeNull();
    expect(await cache.get("b")).toBeNull();
  });

  it("leaves no timer running: expiry is lazy", async () => {
    vi.useFakeTimers();
    const cache = createMemoryCache();
    await cache.set("a", "1", 10);
    await cache.get("a");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("pings true and forgets everything on close", async () => {
    const cache = createMemoryCache();
    await cache.set("a", "1", 60_000);
    expect(await cache.ping()).toBe(true);
    await cache.close();
    expect(await cache.get("a")).toBeNull();
  });

  it("refuses a maxEntries below 1", () => {
    expect(() => createMemoryCache({ maxEntries: 0 })).toThrow(RangeError);
  });
});

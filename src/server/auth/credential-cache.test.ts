import { describe, expect, it } from "vitest";
import { createMemoryBus } from "../bus/memory-bus";
import type { EventBus } from "../bus/types";
import { apiKeyTopic, type CachedKey, createCredentialCache, sessionDigest, userAuthTopic } from "./credential-cache";

const KEY: CachedKey = { keyId: "k1", userId: "u1", role: "trader", scopes: ["read"] };
const USER = { role: "trader", tokenVersion: 3 } as const;

function setup(options: { ttlMs?: number; maxEntries?: number; bus?: EventBus } = {}) {
  let nowMs = 1_000;
  const bus = options.bus ?? createMemoryBus();
  const cache = createCredentialCache({ bus, ttlMs: options.ttlMs ?? 10_000, maxEntries: options.maxEntries, now: () => nowMs });
  return { bus, cache, advance: (ms: number) => (nowMs += ms) };
}

describe("credential cache", () => {
  it("keeps a resolution for the TTL, then asks again", () => {
    const { cache, advance } = setup();
    cache.rememberKey("h1", KEY, cache.generation());
    cache.rememberUser("u1", USER, cache.generation());
    advance(9_999);
    expect(cache.key("h1")).toEqual(KEY);
    expect(cache.user("u1")).toEqual(USER);
    advance(1);
    expect(cache.key("h1")).toBeUndefined();
    expect(cache.user("u1")).toBeUndefined();
  });

  it("a revocation heard on the bus drops the key (named by id, never by hash) and the user", async () => {
    const { bus, cache } = setup();
    cache.rememberKey("h1", KEY, cache.generation());
    cache.rememberKey("h2", { ...KEY, keyId: "k2" }, cache.generation());
    cache.rememberUser("u1", USER, cache.generation());
    await bus.publish({ topics: [apiKeyTopic("k1")], seq: "0" });
    expect(cache.key("h1")).toBeUndefined();
    expect(cache.key("h2")).toBeDefined();
    await bus.publish({ topics: [userAuthTopic("u1")], seq: "0" });
    expect(cache.user("u1")).toBeUndefined();
    // "Anything may have changed" (a signal whose topics did not fit) empties it.
    await bus.publish({ topics: ["*"], seq: "9" });
    expect(cache.key("h2")).toBeUndefined();
  });

  it("market signals leave it alone", async () => {
    const { bus, cache } = setup();
    cache.rememberKey("h1", KEY, cache.generation());
    await bus.publish({ topics: ["market:AAA-USD", "user:u1"], seq: "42" });
    expect(cache.key("h1")).toEqual(KEY);
  });

  it("a lookup that overlapped a revocation is not remembered", async () => {
    const { bus, cache } = setup();
    const before = cache.generation();
    // ... the database answers "active" while the key is being revoked elsewhere ...
    await bus.publish({ topics: [apiKeyTopic("k1")], seq: "0" });
    cache.rememberKey("h1", KEY, before);
    expect(cache.key("h1")).toBeUndefined();
  });

  it("off while the bus does not listen, and empty when it comes back", () => {
    let isListening = true;
    const bus = Object.assign(createMemoryBus(), { isListening: () => isListening });
    const { cache } = setup({ bus });
    cache.rememberKey("h1", KEY, cache.generation());
    isListening = false;
    expect(cache.isUsable()).toBe(false);
    expect(cache.key("h1")).toBeUndefined();
    cache.rememberKey("h1", KEY, cache.generation());
    isListening = true;
    expect(cache.key("h1")).toBeUndefined();
    cache.rememberKey("h1", KEY, cache.generation());
    expect(cache.key("h1")).toEqual(KEY);
  });

  it("bounded: past maxEntries the oldest goes", () => {
    const { cache } = setup({ maxEntries: 2 });
    for (const n of [1, 2, 3]) cache.rememberKey(`h${n}`, { ...KEY, keyId: `k${n}` }, cache.generation());
    expect([1, 2, 3].map((n) => cache.key(`h${n}`)?.keyId)).toEqual([undefined, "k2", "k3"]);
  });

  it("session claims live until the token expires (at most minutes), per secret", async () => {
    const { cache, advance } = setup();
    const claims = { userId: "u1", tokenVersion: 3, expiresAtMs: 61_000 };
    const [one, two] = [sessionDigest("cookie=a", "secret-1"), sessionDigest("cookie=a", "secret-2")];
    expect(one).not.toBe(two);
    cache.rememberSession(one, claims);
    expect(cache.session(one)).toEqual(claims);
    expect(cache.session(two)).toBeUndefined();
    advance(60_000);
    expect(cache.session(one)).toBeUndefined();
  });

  it("TTL 0 turns it off", () => {
    const { cache } = setup({ ttlMs: 0 });
    cache.rememberKey("h1", KEY, cache.generation());
    expect(cache.key("h1")).toBeUndefined();
  });

  it("records last use at most once a minute per key", () => {
    const { cache, advance } = setup();
    expect(cache.shouldTouch("k1")).toBe(true);
    expect(cache.shouldTouch("k1")).toBe(false);
    advance(60_000);
    expect(cache.shouldTouch("k1")).toBe(true);
  });
});

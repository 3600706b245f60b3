import { afterEach, describe, expect, it } from "vitest";
import { type Env, getEnv } from "@/env";
import { closeCache, createCache, getCache } from "./index";

function envWith(overrides: Partial<Env>): Env {
  return {
    ...getEnv(),
    REDIS_URL: undefined,
    UPSTASH_REDIS_REST_URL: undefined,
    UPSTASH_REDIS_REST_TOKEN: undefined,
    ...overrides,
  };
}

describe("createCache", () => {
  afterEach(async () => {
    await closeCache();
  });

  it("is in memory when nothing is configured", () => {
    expect(createCache(envWith({})).kind).toBe("memory");
  });

  it("prefers Redis, then Upstash", async () => {
    const upstash = { UPSTASH_REDIS_REST_URL: "https://fake.upstash.io", UPSTASH_REDIS_REST_TOKEN: "t" };
    expect(createCache(envWith(upstash)).kind).toBe("upstash");
    // Nothing listens on port 1: the cache is built, never used, closed at once.
    const redis = createCache(envWith({ ...upstash, REDIS_URL: "redis://127.0.0.1:1" }), { onError: () => {} });
    expect(redis.kind).toBe("redis");
    await redis.close();
  });

  it("refuses half an Upstash configuration", () => {
    expect(() => createCache(envWith({ UPSTASH_REDIS_REST_URL: "https://fake.upstash.io" }))).toThrow("together");
  });

  it("keeps one cache per process", () => {
    expect(getCache()).toBe(getCache());
  });
});

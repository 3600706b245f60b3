import { describe, expect, it } from "vitest";
import { DomainError } from "../../domain/errors";
import { enforceLimit, rateLimitHeaders } from "./enforce";
import { createLimiter } from "./limiter";
import { memoryLimiterStore } from "./rate-limits";

describe("[LIMITS] in-memory limiter", () => {
  it("allows the policy's points in a window, then refuses with the wait", async () => {
    const limiter = createLimiter("t", { points: 2, durationSec: 30 }, memoryLimiterStore("unit"), "closed");
    expect(await limiter.consume("k")).toMatchObject({ kind: "allowed", limit: 2, remaining: 1 });
    expect(await limiter.consume("k")).toMatchObject({ kind: "allowed", remaining: 0 });
    const refused = await limiter.consume("k");
    expect(refused).toMatchObject({ kind: "limited", limit: 2 });
    expect(refused.kind === "limited" && refused.retryAfterSec).toBeGreaterThan(25);
    expect(await limiter.consume("other")).toMatchObject({ kind: "allowed" });
    await limiter.reset("k");
    expect(await limiter.consume("k")).toMatchObject({ kind: "allowed", remaining: 1 });
  });

  it("enforceLimit sets the RateLimit headers, and Retry-After with RATE_LIMITED when refused", async () => {
    const limiter = createLimiter("t", { points: 1, durationSec: 10 }, memoryLimiterStore("unit2"), "closed");
    const headers = new Headers();
    await enforceLimit(limiter, "k", headers);
    expect(Object.fromEntries(headers)).toMatchObject({ "ratelimit-limit": "1", "ratelimit-remaining": "0" });
    const refusal = await enforceLimit(limiter, "k", headers).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ code: "RATE_LIMITED", status: "TOO_MANY_REQUESTS" });
    expect(Number(headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("remembers a key it refused until its window ends (orders and reads only), and says for how long", async () => {
    const orders = createLimiter("o", { points: 1, durationSec: 30 }, memoryLimiterStore("unit3"), "memory");
    expect(orders.refusedFor("k")).toBe(0);
    await orders.consume("k");
    expect(orders.refusedFor("k")).toBe(0);
    expect((await orders.consume("k")).kind).toBe("limited");
    expect(orders.refusedFor("k")).toBeGreaterThan(25);
    expect(orders.refusedFor("other")).toBe(0);
    const login = createLimiter("l", { points: 1, durationSec: 30 }, memoryLimiterStore("unit4"), "closed");
    await login.consume("k");
    expect((await login.consume("k")).kind).toBe("limited");
    expect(login.refusedFor("k")).toBe(0);
  });

  it("never tells a client to retry in 0 seconds", () => {
    expect(rateLimitHeaders({ kind: "unavailable", retryAfterSec: 5 })).toEqual({ "Retry-After": "5" });
    expect(rateLimitHeaders({ kind: "allowed", limit: 3, remaining: 2, resetSec: 1 })["RateLimit-Reset"]).toBe("1");
  });
});

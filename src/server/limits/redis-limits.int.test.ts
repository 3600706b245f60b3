import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findTestService, startTcpProxy, type TcpProxy, type TestService, uniqueName } from "../../../tests/test-services";
import { createLimiter } from "./limiter";
import { redisLimiterStore } from "./rate-limits";

const redis: TestService = await findTestService("redis");
const opened: { connection: { close(): void } }[] = [];
let proxy: TcpProxy | undefined;

function store(url: string, prefix: string) {
  const created = redisLimiterStore(url, prefix);
  opened.push(created);
  return created;
}

beforeAll(async () => {
  if (redis.isAvailable) proxy = await startTcpProxy(redis.url);
});
afterAll(async () => {
  for (const s of opened) s.connection.close();
  await proxy?.stop();
});

describe.skipIf(!redis.isAvailable)(redis.label("[LIMITS] Redis-backed limits"), () => {
  it("two instances share one count, and a reset (a sign-in's) reaches both", async () => {
    const prefix = uniqueName("rl");
    const policy = { points: 3, durationSec: 30 };
    const a = createLimiter("login-email", policy, store(redis.url, prefix), "closed");
    const b = createLimiter("login-email", policy, store(redis.url, prefix), "closed");
    expect((await a.consume("user")).kind).toBe("allowed");
    expect((await b.consume("user")).kind).toBe("allowed");
    expect((await a.consume("user")).kind).toBe("allowed");
    expect(await b.consume("user")).toMatchObject({ kind: "limited", limit: 3 });
    await a.reset("user");
    expect((await b.consume("user")).kind).toBe("allowed");
  });

  it("when Redis is down, reads and orders fall back to per-instance memory, sign-in fails closed", async () => {
    if (!proxy) throw new Error("proxy missing");
    const through = store(proxy.urlThrough(redis.url), uniqueName("rl"));
    const policy = { points: 2, durationSec: 30 };
    const orders = createLimiter("orders", policy, through, "memory");
    const login = createLimiter("login-email", policy, through, "closed");
    expect((await login.consume("a@b.c")).kind).toBe("allowed");
    await proxy.stop();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    expect(await login.consume("a@b.c")).toMatchObject({ kind: "unavailable" });
    expect(await orders.consume("user")).toMatchObject({ kind: "allowed" });
    expect(await orders.consume("user")).toMatchObject({ kind: "allowed" });
    // The memory insurance still limits: the third call in the window is refused.
    expect(await orders.consume("user")).toMatchObject({ kind: "limited" });
    expect(performance.now() - started).toBeLessThan(2_000);
    await proxy.start();
  });

  it("a key over its order limit is refused from memory until its window ends, without asking Redis", async () => {
    if (!proxy) throw new Error("proxy missing");
    const through = store(proxy.urlThrough(redis.url), uniqueName("rl"));
    const orders = createLimiter("orders", { points: 2, durationSec: 30 }, through, "memory");
    for (let i = 0; i < 2; i++) expect((await orders.consume("flooder")).kind).toBe("allowed");
    expect(await orders.consume("flooder")).toMatchObject({ kind: "limited" });
    // With Redis out of reach, the memory insurance would start a fresh count and allow; the
    // in-memory block answers first, so the flooder stays refused.
    await proxy.stop();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const refusal = await orders.consume("flooder");
    expect(refusal).toMatchObject({ kind: "limited" });
    expect(refusal.kind === "limited" && refusal.retryAfterSec).toBeGreaterThan(20);
    expect((await orders.consume("someone else")).kind).toBe("allowed");
    await proxy.start();
  });

  it("a frozen Redis costs a bounded wait, then the failure policy applies", async () => {
    if (!proxy) throw new Error("proxy missing");
    const through = store(proxy.urlThrough(redis.url), uniqueName("rl"));
    const login = createLimiter("login-ip", { points: 5, durationSec: 30 }, through, "closed");
    expect((await login.consume("ip")).kind).toBe("allowed");
    proxy.freeze();
    const started = performance.now();
    expect(await login.consume("ip")).toMatchObject({ kind: "unavailable" });
    expect(performance.now() - started).toBeLessThan(1_500);
    proxy.thaw();
  });
});

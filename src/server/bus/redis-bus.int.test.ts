import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findTestService, type TcpProxy, startTcpProxy, uniqueName } from "../../../tests/test-services";
import { createRedisBus, type RedisBusOptions, type RedisEventBus } from "./redis-bus";
import type { EventSignal } from "./types";

const redis = await findTestService("redis");
const PUBLISH_TIMEOUT_MS = 250;
const SLACK_MS = 100;
const LISTEN_WAIT_MS = 10_000;

function collect(bus: RedisEventBus): EventSignal[] {
  const received: EventSignal[] = [];
  bus.subscribe((signal) => received.push(signal));
  return received;
}

describe("redis bus without a Redis (no service needed)", () => {
  it("publish resolves within its timeout and reports the failure", async () => {
    const errors: Error[] = [];
    const bus = createRedisBus("redis://127.0.0.1:6390", {
      channel: uniqueName("bourse:events_test"),
      publishTimeoutMs: PUBLISH_TIMEOUT_MS,
      onError: (error) => errors.push(error),
    });
    try {
      for (let i = 0; i < 3; i += 1) {
        const startedMs = performance.now();
        await expect(bus.publish({ topics: ["market:BTC-EUR"], seq: String(i + 1) })).resolves.toBeUndefined();
        expect(performance.now() - startedMs).toBeLessThan(PUBLISH_TIMEOUT_MS + SLACK_MS);
      }
      expect(errors.some((error) => error.message.includes("not published"))).toBe(true);
      expect(bus.isListening()).toBe(false);
    } finally {
      await bus.close();
    }
  });
});

describe.skipIf(!redis.isAvailable)(redis.label("redis bus (integration)"), () => {
  const channel = uniqueName("bourse:events_test");
  const buses: RedisEventBus[] = [];
  let proxy: TcpProxy;

  function openBus(url = redis.url, options: RedisBusOptions = {}): RedisEventBus {
    const bus = createRedisBus(url, { channel, publishTimeoutMs: PUBLISH_TIMEOUT_MS, onError: () => {}, ...options });
    buses.push(bus);
    return bus;
  }

  beforeAll(async () => {
    proxy = await startTcpProxy(redis.url);
  });

  afterAll(async () => {
    await Promise.all(buses.map((bus) => bus.close()));
    await proxy?.stop();
  });

  it("delivers a signal across two instances, the publisher included", async () => {
    const instanceA = openBus();
    const instanceB = openBus();
    const receivedA = collect(instanceA);
    const receivedB = collect(instanceB);
    expect(await instanceA.waitUntilListening(LISTEN_WAIT_MS)).toBe(true);
    expect(await instanceB.waitUntilListening(LISTEN_WAIT_MS)).toBe(true);
    await instanceA.publish({ topics: ["market:BTC-EUR", "user:1"], seq: "101" });
    await expect.poll(() => receivedB).toEqual([{ topics: ["market:BTC-EUR", "user:1"], seq: "101" }]);
    await expect.poll(() => receivedA).toEqual([{ topics: ["market:BTC-EUR", "user:1"], seq: "101" }]);
  });

  it("sends everything (*) when the topic list is huge", async () => {
    const publisher = openBus();
    const subscriber = openBus();
    const received = collect(subscriber);
    expect(await subscriber.waitUntilListening(LISTEN_WAIT_MS)).toBe(true);
    const topics = Array.from({ length: 9_000 }, (_, i) => `user:${i}`);
    await publisher.publish({ topics, seq: "102" });
    await expect.poll(() => received).toEqual([{ topics: ["*"], seq: "102" }]);
  });

  it("resubscribes by itself after Redis goes away and comes back", async () => {
    const viaProxy = openBus(proxy.urlThrough(redis.url));
    const direct = openBus();
    const received = collect(viaProxy);
    expect(await viaProxy.waitUntilListening(LISTEN_WAIT_MS)).toBe(true);

    await proxy.stop();
    await expect.poll(() => viaProxy.isListening()).toBe(false);
    // While it is away, publishing through it is bounded and not fatal.
    const startedMs = performance.now();
    await viaProxy.publish({ topics: ["market:ETH-EUR"], seq: "200" });
    expect(performance.now() - startedMs).toBeLessThan(PUBLISH_TIMEOUT_MS + SLACK_MS);

    await proxy.start();
    expect(await viaProxy.waitUntilListening(LISTEN_WAIT_MS)).toBe(true);
    await direct.publish({ topics: ["market:ETH-EUR"], seq: "201" });
    await expect.poll(() => received.map((signal) => signal.seq)).toContain("201");
  });

  it("publish stays bounded when a connected Redis stops answering", async () => {
    const viaProxy = openBus(proxy.urlThrough(redis.url));
    expect(await viaProxy.waitUntilListening(LISTEN_WAIT_MS)).toBe(true);
    proxy.freeze();
    try {
      const startedMs = performance.now();
      await viaProxy.publish({ topics: ["market:BTC-EUR"], seq: "300" });
      expect(performance.now() - startedMs).toBeLessThan(PUBLISH_TIMEOUT_MS + SLACK_MS);
    } finally {
      proxy.thaw();
    }
  });

  it("keeps a healthy subscriber (PING works in subscriber mode) and redials a silent one", async () => {
    const errors: Error[] = [];
    const viaProxy = openBus(proxy.urlThrough(redis.url), {
      healthCheckIntervalMs: 50,
      onError: (error) => errors.push(error),
    });
    const direct = openBus();
    const received = collect(viaProxy);
    expect(await viaProxy.waitUntilListening(LISTEN_WAIT_MS)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(errors).toEqual([]);
    expect(viaProxy.isListening()).toBe(true);

    // Redis stops answering without closing the socket: only the health check can tell.
    proxy.freeze();
    try {
      await expect.poll(() => viaProxy.isListening(), { timeout: LISTEN_WAIT_MS }).toBe(false);
    } finally {
      proxy.thaw();
    }
    expect(await viaProxy.waitUntilListening(LISTEN_WAIT_MS)).toBe(true);
    await direct.publish({ topics: ["user:2"], seq: "500" });
    await expect.poll(() => received.map((signal) => signal.seq)).toContain("500");
  });
});

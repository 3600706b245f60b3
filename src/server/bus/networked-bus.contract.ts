import { afterAll, beforeAll, expect, it } from "vitest";
import { startTcpProxy, type TcpProxy } from "../../../tests/test-services";
import type { BusSettings, NetworkedBus } from "./networked-bus";
import type { EventSignal } from "./types";

/** What the shared tests need to know about one kind of networked bus. */
export interface BusUnderTest<B extends NetworkedBus<"redis" | "postgres">> {
  /** The real service the buses connect to. */
  url: string;
  /** A bus of this kind on the test's own channel. */
  open(url: string, options: Partial<BusSettings>): B;
  /** Topics too many for one message of this kind, so the bus must send "*". */
  hugeTopics: string[];
  publishTimeoutMs: number;
  /** What a busy machine adds to a bounded publish. */
  slackMs: number;
  /** Settings for the health-check test: a fast check and whatever else makes it redial quickly. */
  healthCheck: Partial<BusSettings>;
}

const LISTEN_WAIT_MS = 10_000;

export function collect(bus: NetworkedBus<"redis" | "postgres">): EventSignal[] {
  const received: EventSignal[] = [];
  bus.subscribe((signal) => received.push(signal));
  return received;
}

/**
 * What every networked bus must do against a real service, including one that goes away or
 * stops answering (through a TCP proxy the test controls). Call it inside a describe; it
 * returns an opener for the kind's own further tests, whose buses it closes too.
 */
export function describeNetworkedBus<B extends NetworkedBus<"redis" | "postgres">>(bus: BusUnderTest<B>) {
  const opened: B[] = [];
  let proxy: TcpProxy;
  const openBus = (url = bus.url, options: Partial<BusSettings> = {}): B => {
    const instance = bus.open(url, options);
    opened.push(instance);
    return instance;
  };
  const isBounded = (startedMs: number) => expect(performance.now() - startedMs).toBeLessThan(bus.publishTimeoutMs + bus.slackMs);

  beforeAll(async () => {
    proxy = await startTcpProxy(bus.url);
  });

  afterAll(async () => {
    await Promise.all(opened.map((instance) => instance.close()));
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

  it("sends everything (*) when the topic list does not fit in one message", async () => {
    const publisher = openBus();
    const subscriber = openBus();
    const received = collect(subscriber);
    expect(await subscriber.waitUntilListening(LISTEN_WAIT_MS)).toBe(true);
    await publisher.publish({ topics: bus.hugeTopics, seq: "102" });
    await expect.poll(() => received).toEqual([{ topics: ["*"], seq: "102" }]);
  });

  it("listens again by itself after the service goes away and comes back", async () => {
    const viaProxy = openBus(proxy.urlThrough(bus.url));
    const direct = openBus();
    const received = collect(viaProxy);
    expect(await viaProxy.waitUntilListening(LISTEN_WAIT_MS)).toBe(true);

    await proxy.stop();
    await expect.poll(() => viaProxy.isListening()).toBe(false);
    // While it is away, publishing through it is bounded and not fatal.
    const startedMs = performance.now();
    await viaProxy.publish({ topics: ["market:ETH-EUR"], seq: "200" });
    isBounded(startedMs);

    await proxy.start();
    expect(await viaProxy.waitUntilListening(LISTEN_WAIT_MS)).toBe(true);
    await direct.publish({ topics: ["market:ETH-EUR"], seq: "201" });
    await expect.poll(() => received.map((signal) => signal.seq)).toContain("201");
  });

  it("publish stays bounded when a connected service stops answering", async () => {
    const viaProxy = openBus(proxy.urlThrough(bus.url));
    expect(await viaProxy.waitUntilListening(LISTEN_WAIT_MS)).toBe(true);
    // Warm the publisher's connection so the publish below meets a live, then frozen, one.
    await viaProxy.publish({ topics: ["user:1"], seq: "400" });
    proxy.freeze();
    try {
      const startedMs = performance.now();
      await viaProxy.publish({ topics: ["user:1"], seq: "401" });
      isBounded(startedMs);
    } finally {
      proxy.thaw();
    }
  });

  it("keeps a healthy listener and redials one whose connection went silent", async () => {
    const errors: Error[] = [];
    const viaProxy = openBus(proxy.urlThrough(bus.url), { ...bus.healthCheck, onError: (error) => errors.push(error) });
    const direct = openBus();
    const received = collect(viaProxy);
    expect(await viaProxy.waitUntilListening(LISTEN_WAIT_MS)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(errors).toEqual([]);
    expect(viaProxy.isListening()).toBe(true);

    // The service stops answering without closing the socket: only the health check can tell.
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

  return { openBus, listenWaitMs: LISTEN_WAIT_MS };
}

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findTestService, type TcpProxy, startTcpProxy, uniqueName } from "../../../tests/test-services";
import { createPostgresBus, MAX_NOTIFY_PAYLOAD_BYTES, type PostgresBusOptions, type PostgresEventBus } from "./postgres-bus";
import type { EventSignal } from "./types";

const postgres = await findTestService("postgres");
const PUBLISH_TIMEOUT_MS = 500;
const SLACK_MS = 150;
const LISTEN_WAIT_MS = 10_000;

function collect(bus: PostgresEventBus): EventSignal[] {
  const received: EventSignal[] = [];
  bus.subscribe((signal) => received.push(signal));
  return received;
}

describe("postgres bus without a Postgres (no service needed)", () => {
  it("publish resolves within its timeout and reports the failure; close does not hang", async () => {
    const errors: Error[] = [];
    const bus = createPostgresBus("postgres://postgres@127.0.0.1:5499/test", {
      channel: uniqueName("bourse_events_test"),
      publishTimeoutMs: PUBLISH_TIMEOUT_MS,
      onError: (error) => errors.push(error),
    });
    const startedMs = performance.now();
    await expect(bus.publish({ topics: ["market:BTC-EUR"], seq: "1" })).resolves.toBeUndefined();
    expect(performance.now() - startedMs).toBeLessThan(PUBLISH_TIMEOUT_MS + SLACK_MS);
    expect(errors.some((error) => error.message.includes("not published"))).toBe(true);
    expect(bus.isListening()).toBe(false);
    const closeStartedMs = performance.now();
    await bus.close();
    expect(performance.now() - closeStartedMs).toBeLessThan(1_000);
  });

  it("refuses a channel name that is not a plain identifier", () => {
    expect(() => createPostgresBus("postgres://x@127.0.0.1:1/x", { channel: 'bad"name' })).toThrow(RangeError);
  });
});

describe.skipIf(!postgres.isAvailable)(postgres.label("postgres bus (integration)"), () => {
  const channel = uniqueName("bourse_events_test");
  const buses: PostgresEventBus[] = [];
  let proxy: TcpProxy;

  function openBus(url = postgres.url, options: PostgresBusOptions = {}): PostgresEventBus {
    const bus = createPostgresBus(url, {
      channel,
      publishTimeoutMs: PUBLISH_TIMEOUT_MS,
      reconnectMaxDelayMs: 500,
      onError: () => {},
      ...options,
    });
    buses.push(bus);
    return bus;
  }

  beforeAll(async () => {
    proxy = await startTcpProxy(postgres.url);
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

  it("fits the 8000-byte NOTIFY limit by sending everything (*)", async () => {
    const publisher = openBus();
    const subscriber = openBus();
    const received = collect(subscriber);
    expect(await subscriber.waitUntilListening(LISTEN_WAIT_MS)).toBe(true);
    const topics = Array.from({ length: 1_000 }, (_, i) => `market:SYMBOL-${i}`);
    expect(JSON.stringify(topics).length).toBeGreaterThan(MAX_NOTIFY_PAYLOAD_BYTES);
    await publisher.publish({ topics, seq: "102" });
    await expect.poll(() => received).toEqual([{ topics: ["*"], seq: "102" }]);
  });

  it("LISTENs again by itself after the connection is lost and Postgres comes back", async () => {
    const viaProxy = openBus(proxy.urlThrough(postgres.url));
    const direct = openBus();
    const received = collect(viaProxy);
    expect(await viaProxy.waitUntilListening(LISTEN_WAIT_MS)).toBe(true);

    await proxy.stop();
    await expect.poll(() => viaProxy.isListening()).toBe(false);
    const startedMs = performance.now();
    await viaProxy.publish({ topics: ["market:ETH-EUR"], seq: "200" });
    expect(performance.now() - startedMs).toBeLessThan(PUBLISH_TIMEOUT_MS + SLACK_MS);

    await proxy.start();
    expect(await viaProxy.waitUntilListening(LISTEN_WAIT_MS)).toBe(true);
    await direct.publish({ topics: ["market:ETH-EUR"], seq: "201" });
    await expect.poll(() => received.map((signal) => signal.seq)).toContain("201");
  });

  it("LISTENs again after its backend is terminated, as on a Postgres restart", async () => {
    const bus = openBus();
    const received = collect(bus);
    expect(await bus.waitUntilListening(LISTEN_WAIT_MS)).toBe(true);
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    try {
      // Only this bus's listener: the one backend LISTENing on this run's channel.
      const { rows } = await admin.query<{ pid: number }>(
        "select pid from pg_stat_activity where application_name = 'bourse-bus-listener' and query = $1",
        [`LISTEN "${channel}"`],
      );
      expect(rows.length).toBeGreaterThan(0);
      for (const { pid } of rows) await admin.query("select pg_terminate_backend($1)", [pid]);
      await expect.poll(() => bus.isListening()).toBe(false);
      expect(await bus.waitUntilListening(LISTEN_WAIT_MS)).toBe(true);
      await bus.publish({ topics: ["user:9"], seq: "300" });
      await expect.poll(() => received.map((signal) => signal.seq)).toContain("300");
    } finally {
      await admin.end();
    }
  });

  it("publish stays bounded when a connected Postgres stops answering", async () => {
    const viaProxy = openBus(proxy.urlThrough(postgres.url));
    expect(await viaProxy.waitUntilListening(LISTEN_WAIT_MS)).toBe(true);
    // Warm the publisher's pool so the publish below meets a live, then frozen, connection.
    await viaProxy.publish({ topics: ["user:1"], seq: "400" });
    proxy.freeze();
    try {
      const startedMs = performance.now();
      await viaProxy.publish({ topics: ["user:1"], seq: "401" });
      expect(performance.now() - startedMs).toBeLessThan(PUBLISH_TIMEOUT_MS + SLACK_MS);
    } finally {
      proxy.thaw();
    }
  });

  it("keeps a healthy listener and redials one whose connection went silent", async () => {
    const errors: Error[] = [];
    const viaProxy = openBus(proxy.urlThrough(postgres.url), {
      healthCheckIntervalMs: 50,
      connectTimeoutMs: 500,
      onError: (error) => errors.push(error),
    });
    const direct = openBus();
    const received = collect(viaProxy);
    expect(await viaProxy.waitUntilListening(LISTEN_WAIT_MS)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(errors).toEqual([]);

    // Postgres stops answering without closing the socket: only the health check can tell.
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

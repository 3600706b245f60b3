import pg from "pg";
import { describe, expect, it } from "vitest";
import { findTestService, uniqueName } from "../../../tests/test-services";
import { collect, describeNetworkedBus } from "./networked-bus.contract";
import { createPostgresBus, MAX_NOTIFY_PAYLOAD_BYTES } from "./postgres-bus";

const postgres = await findTestService("postgres");
const PUBLISH_TIMEOUT_MS = 500;
const SLACK_MS = 150;

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
  const { openBus, listenWaitMs: LISTEN_WAIT_MS } = describeNetworkedBus({
    url: postgres.url,
    open: (url, options) =>
      createPostgresBus(url, {
        channel,
        publishTimeoutMs: PUBLISH_TIMEOUT_MS,
        reconnectMaxDelayMs: 500,
        onError: () => {},
        ...options,
      }),
    hugeTopics: Array.from({ length: 1_000 }, (_, i) => `market:SYMBOL-${i}`),
    publishTimeoutMs: PUBLISH_TIMEOUT_MS,
    slackMs: SLACK_MS,
    healthCheck: { healthCheckIntervalMs: 50, connectTimeoutMs: 500 },
  });

  it("the huge topic list of the shared test does not fit in one NOTIFY", () => {
    const topics = Array.from({ length: 1_000 }, (_, i) => `market:SYMBOL-${i}`);
    expect(JSON.stringify(topics).length).toBeGreaterThan(MAX_NOTIFY_PAYLOAD_BYTES);
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
});

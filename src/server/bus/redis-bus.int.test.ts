import { describe, expect, it } from "vitest";
import { findTestService, uniqueName } from "../../../tests/test-services";
import { describeNetworkedBus } from "./networked-bus.contract";
import { createRedisBus } from "./redis-bus";

const redis = await findTestService("redis");
const PUBLISH_TIMEOUT_MS = 250;
const SLACK_MS = 100;

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
  describeNetworkedBus({
    url: redis.url,
    open: (url, options) => createRedisBus(url, { channel, publishTimeoutMs: PUBLISH_TIMEOUT_MS, onError: () => {}, ...options }),
    hugeTopics: Array.from({ length: 9_000 }, (_, i) => `user:${i}`),
    publishTimeoutMs: PUBLISH_TIMEOUT_MS,
    slackMs: SLACK_MS,
    healthCheck: { healthCheckIntervalMs: 50 },
  });
});

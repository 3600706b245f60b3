import { afterEach, describe, expect, it, vi } from "vitest";
import { createMemoryTopicLog } from "./memory-topic-log";
import { createTopicFeed } from "./topic-feed";

const TOPIC = "market:AAA-USD";

afterEach(() => {
  vi.useRealTimers();
});

describe("topic feed", () => {
  it("wakes its waiters on new rows, once each, and forgets cancelled ones", async () => {
    const log = createMemoryTopicLog();
    const feed = createTopicFeed(TOPIC, log, { pageSize: 5, bufferSize: 10, pollIntervalMs: 60_000 });
    await feed.ready();
    const woken: string[] = [];
    feed.onceRows(() => woken.push("a"));
    const cancel = feed.onceRows(() => woken.push("b"));
    cancel();
    const seq = log.append(TOPIC, "trade");
    feed.notify(seq);
    await vi.waitFor(() => expect(woken).toEqual(["a"]));
    feed.notify(log.append(TOPIC, "trade"));
    await vi.waitFor(() => expect(feed.take(seq, 5)).toHaveLength(1));
    expect(woken).toEqual(["a"]);
    feed.close();
  });

  it("wakes idle waiters from its own poll timer, so a waiting stream needs no timer", async () => {
    vi.useFakeTimers();
    const log = createMemoryTopicLog();
    const feed = createTopicFeed(TOPIC, log, { pageSize: 5, bufferSize: 10, pollIntervalMs: 1_000 });
    await feed.ready();
    const waiter = vi.fn();
    feed.onceRows(waiter);
    await vi.advanceTimersByTimeAsync(14_000);
    expect(waiter).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(waiter).toHaveBeenCalledOnce();
    feed.close();
  });

  it("a closed feed wakes a new waiter at once", () => {
    const feed = createTopicFeed(TOPIC, createMemoryTopicLog(), { pageSize: 5, bufferSize: 10, pollIntervalMs: 60_000 });
    feed.close();
    const waiter = vi.fn();
    feed.onceRows(waiter);
    expect(waiter).toHaveBeenCalledOnce();
  });

  it("a failed start fails the streams waiting for it; the next stream (or poll) starts it again", async () => {
    const log = createMemoryTopicLog();
    log.append(TOPIC, "trade");
    let failures = 1;
    const flaky = {
      ...log,
      headSeq: (topic: string) => (failures-- > 0 ? Promise.reject(new Error("database blip")) : log.headSeq(topic)),
    };
    const feed = createTopicFeed(TOPIC, flaky, { pageSize: 5, bufferSize: 10, pollIntervalMs: 60_000 });
    await expect(feed.ready()).rejects.toThrow("database blip");
    expect(feed.take(0n, 5)).toBe("behind");
    await feed.ready();
    const seq = log.append(TOPIC, "trade");
    feed.notify(seq);
    await vi.waitFor(() => expect(feed.take(1n, 5)).toHaveLength(1));
    feed.close();
  });

  it("closing before the start ends the waiting streams instead of leaving them hanging", async () => {
    const never = { ...createMemoryTopicLog(), headSeq: () => new Promise<bigint>(() => {}) };
    const feed = createTopicFeed(TOPIC, never, { pageSize: 5, bufferSize: 10, pollIntervalMs: 60_000 });
    const started = feed.ready();
    feed.close();
    await started;
    expect(feed.isClosed()).toBe(true);
    expect(feed.take(0n, 5)).toEqual([]);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { createLiveHub, type LiveHub, type LiveHubLimits, TooManyStreamsError } from "./live-hub";
import { createMemoryBus } from "../bus/memory-bus";
import { createMemoryTopicLog, type MemoryTopicLog } from "./memory-topic-log";
import { sharedItems } from "./shared-items";
import type { TopicLog } from "./topic-log";
import { type Streamed, streamTopic } from "./topic-stream";
import type { EventBus } from "../bus/types";

const TOPIC = "market:AAA-USD";

type Item = { kind: "snapshot"; reason: string } | { kind: "event"; type: string; prevSeq: bigint };

interface Setup {
  log: MemoryTopicLog;
  bus: EventBus;
  hub: LiveHub;
}

const hubs: LiveHub[] = [];
afterEach(() => {
  for (const hub of hubs.splice(0)) hub.close();
});

function setup(limits: Partial<LiveHubLimits> = {}): Setup {
  const log = createMemoryTopicLog();
  const bus = createMemoryBus();
  const hub = createLiveHub({ bus, log, limits: { pageSize: 5, bufferSize: 10, pollIntervalMs: 50, ...limits } });
  hubs.push(hub);
  return { log, bus, hub };
}

/** Appends to the log and signals, as a committing writer does. */
async function commit({ log, bus }: Setup, type = "trade", topic = TOPIC): Promise<bigint> {
  const seq = log.append(topic, type);
  await bus.publish({ topics: [topic], seq: seq.toString() });
  return seq;
}

function open(s: Setup, cursor: bigint | null, signal?: AbortSignal, types = ["trade"]) {
  return streamTopic<Item>(s.hub, {
    topic: TOPIC,
    cursor,
    signal,
    snapshot: async (reason) => ({ seq: await s.log.headSeq(TOPIC), item: { kind: "snapshot", reason } }),
    toItem: (event, prevSeq) => (types.includes(event.type) ? { kind: "event", type: event.type, prevSeq } : null),
  });
}

/** Reads `count` items, or fails after timeoutMs. */
async function take(stream: AsyncGenerator<Streamed<Item>>, count: number, timeoutMs = 2_000): Promise<Streamed<Item>[]> {
  const items: Streamed<Item>[] = [];
  const deadline = Date.now() + timeoutMs;
  while (items.length < count) {
    const next = await Promise.race([
      stream.next(),
      new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), Math.max(1, deadline - Date.now()))),
    ]);
    if (next === "timeout") throw new Error(`got ${items.length} of ${count} items`);
    if (next.done) break;
    items.push(next.value);
  }
  return items;
}

describe("topic stream", () => {
  it("starts with a snapshot stamped with the head, then sends what commits after it", async () => {
    const s = setup();
    await commit(s);
    const stream = open(s, null);
    const [snapshot] = await take(stream, 1);
    expect(snapshot).toEqual({ seq: 1n, item: { kind: "snapshot", reason: "start" } });
    await commit(s, "book");
    const third = await commit(s);
    const [next] = await take(stream, 1);
    expect(next?.seq).toBe(third);
    // prevSeq is the seq of the item sent before, skipped events not counted.
    expect(next?.item).toEqual({ kind: "event", type: "trade", prevSeq: 1n });
    await stream.return();
  });

  it("resumes after a cursor: replays the backlog in pages, past the feed's buffer, then goes live", async () => {
    const s = setup();
    const seqs: bigint[] = [];
    for (let i = 0; i < 40; i++) {
      s.log.skip(i % 3);
      seqs.push(await commit(s, i % 4 === 0 ? "book" : "trade"));
    }
    const stream = open(s, seqs[2] ?? 0n);
    const expected = s.log.seqsOf(TOPIC, "trade").filter((seq) => seq > (seqs[2] ?? 0n));
    const replayed = await take(stream, expected.length);
    expect(replayed.map((r) => r.seq)).toEqual(expected);
    const live = await commit(s);
    expect((await take(stream, 1))[0]?.seq).toBe(live);
    await stream.return();
  });

  it("sends a reset snapshot for a cursor older than retention, or from the future", async () => {
    const s = setup();
    for (let i = 0; i < 10; i++) await commit(s);
    s.log.prune(5n);
    const old = open(s, 3n);
    expect((await take(old, 1))[0]?.item).toEqual({ kind: "snapshot", reason: "reset" });
    await old.return();
    const edge = open(s, 5n);
    await commit(s);
    expect((await take(edge, 6)).map((r) => r.seq)).toEqual([6n, 7n, 8n, 9n, 10n, 11n]);
    await edge.return();
    const future = open(s, 999n);
    expect((await take(future, 1))[0]?.item).toEqual({ kind: "snapshot", reason: "reset" });
    await future.return();
  });

  it("resets rather than skip when pruning overtakes a replay", async () => {
    const s = setup({ pageSize: 2, bufferSize: 2 });
    for (let i = 0; i < 20; i++) await commit(s);
    const stream = open(s, 0n);
    expect((await take(stream, 2)).map((r) => r.seq)).toEqual([1n, 2n]);
    s.log.prune(10n);
    const [next] = await take(stream, 1);
    expect(next).toEqual({ seq: 20n, item: { kind: "snapshot", reason: "reset" } });
    const live = await commit(s);
    expect((await take(stream, 1))[0]?.seq).toBe(live);
    await stream.return();
  });

  it("delivers events whose signal was lost, by polling", async () => {
    const s = setup();
    const stream = open(s, null);
    await take(stream, 1);
    const seq = s.log.append(TOPIC, "trade");
    expect((await take(stream, 1))[0]?.seq).toBe(seq);
    await stream.return();
  });

  it("ends when its hub closes (shutdown)", async () => {
    const s = setup();
    const stream = open(s, null);
    await take(stream, 1);
    const pending = stream.next();
    s.hub.close();
    expect((await pending).done).toBe(true);
  });

  it("ends when the signal aborts, and gives back its subscription", async () => {
    const s = setup();
    const controller = new AbortController();
    const stream = open(s, null, controller.signal);
    await take(stream, 1);
    expect(s.hub.streamCount()).toBe(1);
    const pending = stream.next();
    controller.abort();
    expect((await pending).done).toBe(true);
    expect(s.hub.streamCount()).toBe(0);
  });

  it("refuses streams past the limit", async () => {
    const s = setup({ maxStreams: 1 });
    const first = open(s, null);
    await take(first, 1);
    await expect(open(s, null).next()).rejects.toBeInstanceOf(TooManyStreamsError);
    await first.return();
    const again = open(s, null);
    await take(again, 1);
    await again.return();
  });

  it("shares one feed: many subscribers do not multiply reads of the log", async () => {
    const s = setup({ pollIntervalMs: 60_000 });
    const streams = Array.from({ length: 50 }, () => open(s, null));
    await Promise.all(streams.map((stream) => take(stream, 1)));
    const before = s.log.reads();
    for (let i = 0; i < 5; i++) await commit(s);
    const received = await Promise.all(streams.map((stream) => take(stream, 5)));
    for (const items of received) expect(items.map((r) => r.seq)).toEqual([1n, 2n, 3n, 4n, 5n]);
    expect(s.log.reads() - before).toBeLessThanOrEqual(10);
    await Promise.all(streams.map((stream) => stream.return()));
  });

  it("one read of the log per new batch however many subscribers, and one item object per event for all of them", async () => {
    const log = createMemoryTopicLog();
    const calls = { headSeq: 0, readAfter: 0, bounds: 0 };
    const counted: TopicLog = {
      headSeq(topic) {
        calls.headSeq++;
        return log.headSeq(topic);
      },
      readAfter(topic, afterSeq, limit) {
        calls.readAfter++;
        return log.readAfter(topic, afterSeq, limit);
      },
      bounds() {
        calls.bounds++;
        return log.bounds();
      },
    };
    const bus = createMemoryBus();
    const hub = createLiveHub({ bus, log: counted, limits: { pageSize: 5, bufferSize: 10, pollIntervalMs: 60_000 } });
    hubs.push(hub);
    const toItem = sharedItems((event) => ({ seq: event.seq }));
    const streams = Array.from({ length: 100 }, () =>
      streamTopic(hub, { topic: TOPIC, cursor: null, snapshot: async () => ({ seq: 0n, item: { seq: 0n } }), toItem }),
    );
    await Promise.all(streams.map((stream) => stream.next()));
    // Streams that start together share their first look at the log too (the feed's start
    // reads the head, then once after it for rows that committed meanwhile).
    expect(calls).toEqual({ headSeq: 1, readAfter: 1, bounds: 1 });
    for (let batch = 1; batch <= 3; batch++) {
      const seq = log.append(TOPIC, "trade");
      await bus.publish({ topics: [TOPIC], seq: seq.toString() });
      const received = await Promise.all(streams.map((stream) => stream.next()));
      expect(calls.readAfter).toBe(1 + batch);
      const first = received[0]?.value;
      expect(first?.seq).toBe(seq);
      for (const next of received) expect(next.value?.item).toBe(first?.item);
    }
    await Promise.all(streams.map((stream) => stream.return()));
  });

  it("random aborts and resumes during a stream of commits: every seq exactly once, in order", async () => {
    const s = setup({ pageSize: 3, bufferSize: 4, pollIntervalMs: 20 });
    // Cursor 0 resumes only when the log starts at seq 1 (see isResumable).
    await commit(s);
    const writer = (async () => {
      for (let i = 0; i < 300; i++) {
        if (i % 7 === 0) s.log.skip(1);
        // Some signals are lost on purpose: polling must cover them.
        if (i % 5 === 0) s.log.append(TOPIC, i % 2 ? "trade" : "book");
        else await commit(s, i % 3 === 0 ? "book" : "trade");
        if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      }
    })();
    const received: bigint[] = [];
    let cursor = 0n;
    let done = false;
    void writer.then(() => {
      done = true;
    });
    while (!done || received.length < s.log.seqsOf(TOPIC, "trade").length) {
      const controller = new AbortController();
      const stream = open(s, cursor, controller.signal);
      const quota = 1 + Math.floor(Math.random() * 15);
      for (let i = 0; i < quota; i++) {
        const next = await Promise.race([stream.next(), new Promise<"idle">((r) => setTimeout(() => r("idle"), 200))]);
        if (next === "idle" || next.done) break;
        expect(next.value.item.kind).toBe("event");
        received.push(next.value.seq);
        cursor = next.value.seq;
      }
      controller.abort();
      await stream.return();
    }
    await writer;
    expect(received).toEqual(s.log.seqsOf(TOPIC, "trade"));
    expect(s.hub.streamCount()).toBe(0);
  });
});

import { describe, expect, it, vi } from "vitest";
import { createPingClock } from "./ping-clock";
import { connectedFrame, createFrameCache, PING_FRAME, untrackedFrame } from "./sse-frames";

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe("SSE frames", () => {
  it("encodes a tracked item once, however many streams send that same object", () => {
    const frames = createFrameCache((value) => value);
    const item = { kind: "trade", seq: "7" };
    const first = frames.tracked("7", item);
    for (let i = 0; i < 1_000; i++) expect(frames.tracked("7", item)).toBe(first);
    expect(frames.encodedCount()).toBe(1);
    expect(text(first)).toBe('id: 7\ndata: {"kind":"trade","seq":"7"}\n\n');
    // An equal object is another item: encoded on its own (correct, just not shared).
    frames.tracked("7", { ...item });
    expect(frames.encodedCount()).toBe(2);
  });

  it("refuses an id that would break the stream, and speaks tRPC's event names", () => {
    const frames = createFrameCache((value) => value);
    expect(() => frames.tracked("1\n2", {})).toThrow(TypeError);
    expect(text(connectedFrame({ reconnectAfterInactivityMs: 40_000 }))).toBe(
      'event: connected\ndata: {"reconnectAfterInactivityMs":40000}\n\n',
    );
    expect(text(untrackedFrame({ a: 1 }, "9"))).toBe('data: {"a":1}\nid: \n\nevent: restore-id\ndata: \nid: 9\n\n');
    expect(text(PING_FRAME)).toBe("event: ping\ndata: \n\n");
  });
});

describe("ping clock", () => {
  it("one timer pings every open stream, and stops when the last one leaves", () => {
    vi.useFakeTimers();
    try {
      const clock = createPingClock(1_000);
      const received: Uint8Array[][] = [[], []];
      const controllers = received.map(
        (chunks) =>
          ({ enqueue: (chunk: Uint8Array) => chunks.push(chunk) }) as unknown as ReadableStreamDefaultController<Uint8Array>,
      );
      const leave = controllers.map((controller) => clock.join(controller));
      expect(vi.getTimerCount()).toBe(1);
      vi.advanceTimersByTime(2_000);
      expect(received.map((chunks) => chunks.length)).toEqual([2, 2]);
      for (const fn of leave) fn();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

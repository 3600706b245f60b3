import { describe, expect, it, vi } from "vitest";
import { createMemoryBus } from "./memory-bus";
import type { EventSignal } from "./types";

describe("memory bus", () => {
  it("delivers a signal to every subscriber", async () => {
    const bus = createMemoryBus();
    const first: EventSignal[] = [];
    const second: EventSignal[] = [];
    bus.subscribe((signal) => first.push(signal));
    bus.subscribe((signal) => second.push(signal));
    await bus.publish({ topics: ["market:BTC-EUR"], seq: "5" });
    expect(first).toEqual([{ topics: ["market:BTC-EUR"], seq: "5" }]);
    expect(second).toEqual(first);
  });

  it("stops delivering after unsubscribe, and unsubscribing twice is harmless", async () => {
    const bus = createMemoryBus();
    const listener = vi.fn();
    const unsubscribe = bus.subscribe(listener);
    unsubscribe();
    unsubscribe();
    await bus.publish({ topics: ["a"], seq: "1" });
    expect(listener).not.toHaveBeenCalled();
  });

  it("reports a throwing listener and still reaches the others", async () => {
    const onError = vi.fn();
    const bus = createMemoryBus({ onError });
    const after = vi.fn();
    bus.subscribe(() => {
      throw new Error("bad listener");
    });
    bus.subscribe(after);
    await bus.publish({ topics: ["a"], seq: "1" });
    expect(after).toHaveBeenCalledOnce();
    expect(onError.mock.calls[0]?.[0]).toBeInstanceOf(Error);
  });

  it("gives each listener its own copy", async () => {
    const bus = createMemoryBus();
    const seen: string[][] = [];
    bus.subscribe((signal) => signal.topics.push("mutated"));
    bus.subscribe((signal) => seen.push(signal.topics));
    const signal = { topics: ["a"], seq: "1" };
    await bus.publish(signal);
    expect(seen).toEqual([["a"]]);
    expect(signal.topics).toEqual(["a"]);
  });

  it("limits the number of subscribers", () => {
    const bus = createMemoryBus({ maxListeners: 2 });
    bus.subscribe(() => {});
    const unsubscribe = bus.subscribe(() => {});
    expect(() => bus.subscribe(() => {})).toThrow("TOO_MANY_SUBSCRIBERS");
    unsubscribe();
    expect(() => bus.subscribe(() => {})).not.toThrow();
  });

  it("rejects a malformed signal, a bug in the publisher", async () => {
    await expect(createMemoryBus().publish({ topics: [], seq: "1" })).rejects.toThrow(TypeError);
  });

  it("drops its subscribers on close", async () => {
    const bus = createMemoryBus();
    const listener = vi.fn();
    bus.subscribe(listener);
    await bus.close();
    await bus.publish({ topics: ["a"], seq: "1" });
    expect(listener).not.toHaveBeenCalled();
  });
});

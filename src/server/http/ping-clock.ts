import { PING_FRAME } from "./sse-frames";

/**
 * One timer for every open SSE stream of a handler, instead of one per stream (tRPC's writer
 * re-arms a timer per stream for every event it sends). Every intervalMs each stream gets a
 * ping, busy or not: a few bytes that keep proxies and the client's inactivity check content.
 */
export interface PingClock {
  /** Returns the idempotent leave function. */
  join(controller: ReadableStreamDefaultController<Uint8Array>): () => void;
}

export function createPingClock(intervalMs: number | null): PingClock {
  const streams = new Set<ReadableStreamDefaultController<Uint8Array>>();
  let timer: ReturnType<typeof setInterval> | null = null;

  function pingAll(): void {
    for (const controller of streams) {
      try {
        controller.enqueue(PING_FRAME);
      } catch {
        // Closed under us (the client left between two pings): it leaves on its own.
        streams.delete(controller);
      }
    }
  }

  return {
    join(controller) {
      if (intervalMs === null) return () => {};
      streams.add(controller);
      if (!timer) {
        timer = setInterval(pingAll, intervalMs);
        // Pings must not keep a process alive.
        timer.unref();
      }
      return () => {
        streams.delete(controller);
        if (streams.size === 0 && timer) {
          clearInterval(timer);
          timer = null;
        }
      };
    },
  };
}

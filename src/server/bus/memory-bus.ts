import { type ErrorReporter, ignoreError } from "@/server/cache/resilience";
import { createFanOut } from "./fan-out";
import { assertSignal } from "./signal";
import type { EventBus } from "./types";

export interface MemoryBusOptions {
  maxListeners?: number;
  onError?: ErrorReporter;
}

/** One process only (embedded PGlite, tests): publish hands the signal to subscribers at once. */
export function createMemoryBus({ maxListeners = 10_000, onError = ignoreError }: MemoryBusOptions = {}): EventBus {
  const fanOut = createFanOut({ maxListeners, onError });
  return {
    kind: "memory",
    async publish(signal) {
      assertSignal(signal);
      fanOut.emit(signal);
    },
    subscribe(listener) {
      return fanOut.add(listener);
    },
    async close() {
      fanOut.clear();
    },
  };
}

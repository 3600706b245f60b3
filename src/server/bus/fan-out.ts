import { describeError, type ErrorReporter } from "@/server/cache/resilience";
import type { EventSignal } from "./types";

export type SignalListener = (signal: EventSignal) => void;

export interface FanOut {
  /** Throws when maxListeners are already subscribed; returns an idempotent unsubscribe. */
  add(listener: SignalListener): () => void;
  emit(signal: EventSignal): void;
  size(): number;
  clear(): void;
}

/**
 * Hands each signal to every local subscriber (in practice the instance's live hub and its
 * credential cache). A throwing listener is reported and skipped so the others still hear it.
 */
export function createFanOut({ maxListeners, onError }: { maxListeners: number; onError: ErrorReporter }): FanOut {
  const listeners = new Set<SignalListener>();

  return {
    add(listener) {
      if (listeners.size >= maxListeners) {
        throw new Error(`TOO_MANY_SUBSCRIBERS: the bus already has ${maxListeners} listeners`);
      }
      // Its own entry, so one function subscribed twice is heard twice and unsubscribed once each.
      const entry: SignalListener = (signal) => listener(signal);
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },
    emit(signal) {
      // A copy: a listener that unsubscribes (or subscribes) while hearing a signal changes the next one.
      for (const listener of [...listeners]) {
        try {
          // Each listener gets its own copy, so one that mutates cannot change what the others see.
          listener({ topics: [...signal.topics], seq: signal.seq });
        } catch (error) {
          onError(describeError("event listener threw", error));
        }
      }
    },
    size: () => listeners.size,
    clear() {
      listeners.clear();
    },
  };
}

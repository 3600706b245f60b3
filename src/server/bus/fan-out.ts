import { EventEmitter } from "node:events";
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

const SIGNAL = "signal";

/**
 * Hands each signal to every local subscriber (one per open subscription stream). A throwing
 * listener is reported and skipped so the others still hear the signal.
 */
export function createFanOut({ maxListeners, onError }: { maxListeners: number; onError: ErrorReporter }): FanOut {
  const emitter = new EventEmitter();
  // We enforce our own limit below, with an error instead of Node's warning.
  emitter.setMaxListeners(0);

  return {
    add(listener) {
      if (emitter.listenerCount(SIGNAL) >= maxListeners) {
        throw new Error(`TOO_MANY_SUBSCRIBERS: the bus already has ${maxListeners} listeners`);
      }
      const guarded = (signal: EventSignal) => {
        try {
          // Each listener gets its own copy, so one that mutates cannot change what the others see.
          listener({ topics: [...signal.topics], seq: signal.seq });
        } catch (error) {
          onError(describeError("event listener threw", error));
        }
      };
      emitter.on(SIGNAL, guarded);
      return () => {
        emitter.off(SIGNAL, guarded);
      };
    },
    emit(signal) {
      emitter.emit(SIGNAL, signal);
    },
    size() {
      return emitter.listenerCount(SIGNAL);
    },
    clear() {
      emitter.removeAllListeners(SIGNAL);
    },
  };
}

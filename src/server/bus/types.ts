/**
 * The bus only says "there is something new up to seq on these topics"; the events themselves
 * are read from the events table by seq. A lost signal therefore delays an event, never loses it.
 */
export interface EventSignal {
  /** `market:<symbol>`, `user:<id>`, or "*" for "anything may have changed". */
  topics: string[];
  /** Highest seq written by the transaction that sends this signal. */
  seq: string;
}

export interface EventBus {
  readonly kind: "memory" | "postgres" | "redis";
  /**
   * Sends to every subscriber of every instance, this one included. Rejects only for a malformed
   * signal (a bug); a bus that is down is reported through the bus's error callback and the
   * promise still resolves, within the bus's publish timeout, because subscribers also poll.
   */
  publish(signal: EventSignal): Promise<void>;
  /** Returns an unsubscribe function. Listeners must not throw. */
  subscribe(listener: (signal: EventSignal) => void): () => void;
  close(): Promise<void>;
}

/** Topic that matches every subscriber: sent when the real list does not fit in one message. */
export const ALL_TOPICS = "*";

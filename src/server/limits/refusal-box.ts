/**
 * Keys refused until a moment, kept in this process's memory: consulted before anything costly
 * (a Redis round trip, a credential lookup), so a flood past a limit is turned away cheaply.
 * Bounded: past `maxKeys` the oldest are forgotten, and are then simply asked about again.
 */
export interface RefusalBox {
  refuse(key: string, forMs: number): void;
  /** Whole seconds until the key may try again, at least 1 while refused; 0 when it is not. */
  secondsLeft(key: string): number;
  forget(key: string): void;
}

export function createRefusalBox(maxKeys = 10_000): RefusalBox {
  const until = new Map<string, number>();
  return {
    refuse(key, forMs) {
      if (until.size >= maxKeys) {
        const oldest = until.keys().next().value;
        if (oldest !== undefined) until.delete(oldest);
      }
      until.delete(key);
      until.set(key, Date.now() + forMs);
    },
    secondsLeft(key) {
      const end = until.get(key);
      if (end === undefined) return 0;
      const left = end - Date.now();
      if (left > 0) return Math.max(1, Math.ceil(left / 1_000));
      until.delete(key);
      return 0;
    },
    forget(key) {
      until.delete(key);
    },
  };
}

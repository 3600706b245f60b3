import { createExpiringMap } from "../cache/expiring-map";

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
  const until = createExpiringMap<number>(maxKeys, Date.now);
  return {
    refuse(key, forMs) {
      const end = Date.now() + forMs;
      until.set(key, end, end);
    },
    secondsLeft(key) {
      const end = until.get(key);
      return end === undefined ? 0 : Math.max(1, Math.ceil((end - Date.now()) / 1_000));
    },
    forget: (key) => until.delete(key),
  };
}

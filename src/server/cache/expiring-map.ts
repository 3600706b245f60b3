/**
 * A Map whose entries expire, bounded in size: past maxEntries the oldest insertion goes. Not an
 * LRU (a hit does not move an entry): with short lifetimes the difference does not pay for itself.
 */
export interface ExpiringMap<V> {
  get(key: string): V | undefined;
  set(key: string, value: V, expiresAtMs: number): void;
  delete(key: string): void;
  clear(): void;
  size(): number;
}

export function createExpiringMap<V>(maxEntries: number, now: () => number): ExpiringMap<V> {
  const entries = new Map<string, { value: V; expiresAtMs: number }>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAtMs > now()) return entry.value;
      entries.delete(key);
      return undefined;
    },
    set(key, value, expiresAtMs) {
      entries.delete(key);
      entries.set(key, { value, expiresAtMs });
      // Maps iterate in insertion order, so the first key is the oldest.
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done) break;
        entries.delete(oldest.value);
      }
    },
    delete: (key) => {
      entries.delete(key);
    },
    clear: () => entries.clear(),
    size: () => entries.size,
  };
}

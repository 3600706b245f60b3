/**
 * One value per process, whichever bundle asks: Next.js builds its routes and instrumentation as
 * separate bundles, `dist/serve.mjs` brings its own copy of the server, and `next dev` reloads
 * modules, so a module-level variable would exist several times (several pools, caches, buses).
 * A slot keeps its value on globalThis under `bourse<name>` instead, shared by all of them.
 */
export interface ProcessSlot<T> {
  get(): T | undefined;
  /** The value, created by `create` on first use. */
  ensure(create: () => T): T;
  set(value: T): void;
  /** Removes the value and hands it over (to close it); the next ensure creates a new one. */
  take(): T | undefined;
}

export function processSlot<T>(name: string): ProcessSlot<T> {
  const store = globalThis as unknown as Record<string, T | undefined>;
  const key = `bourse${name}`;
  return {
    get: () => store[key],
    ensure(create) {
      store[key] ??= create();
      return store[key];
    },
    set(value) {
      store[key] = value;
    },
    take() {
      const value = store[key];
      store[key] = undefined;
      return value;
    },
  };
}

/** For a value that takes a while to make: a failure is forgotten, so the next call tries again. */
export function ensureRetrying<T>(slot: ProcessSlot<Promise<T>>, create: () => Promise<T>): Promise<T> {
  const existing = slot.get();
  if (existing) return existing;
  const started: Promise<T> = create().catch((error: unknown) => {
    if (slot.get() === started) slot.take();
    throw error;
  });
  slot.set(started);
  return started;
}

/**
 * A shared cache of public, read-heavy data (markets, tickers, book levels, candles). Never a
 * source of truth: every method may fail or time out, and callers fall back to Postgres.
 */
export interface Cache {
  readonly kind: "memory" | "redis" | "upstash";
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  del(keys: readonly string[]): Promise<void>;
  /** True when the backing service answered a ping within the timeout. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /**
   * Where `cached()` and `invalidate()` report the failures they survive, so that the sink chosen
   * when the cache was created (usually the logger) travels with it. Optional for test fakes.
   */
  readonly reportError?: (error: Error) => void;
}

/** Every key Bourse writes to a shared Redis starts with this, so it can share a database. */
export const CACHE_KEY_PREFIX = "bourse:";

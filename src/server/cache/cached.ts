import { decodeJson, encodeJson } from "./json-codec";
import { describeError, type ErrorReporter, ignoreError, withTimeout } from "./resilience";
import type { Cache } from "./types";

export interface CachedOptions<T> {
  /** Longest wait for the cache, read or write; past it the source answers. */
  timeoutMs?: number;
  /** Default: JSON that keeps bigints (json-codec.ts). */
  encode?: (value: T) => string;
  decode?: (text: string) => T;
  /** Default: the cache's own reporter. */
  onError?: ErrorReporter;
}

export interface InvalidateOptions {
  timeoutMs?: number;
  onError?: ErrorReporter;
}

interface Flight {
  promise: Promise<unknown>;
  /** Set by invalidate(): what this load read may predate the commit, so it must not be cached. */
  isInvalidated: boolean;
}

type Lookup<T> = { isHit: true; value: T } | { isHit: false };

const DEFAULT_TIMEOUT_MS = 200;
const MISS = { isHit: false } as const;

// Keyed by cache so two caches (or two tests) never share a flight. WeakMap: a closed cache's
// flights go with it.
const flightsByCache = new WeakMap<Cache, Map<string, Flight>>();

/**
 * Cache-aside read. Concurrent callers of the same key in this process share one cache read and
 * at most one load. A cache that is slow, down or holding garbage costs at most `timeoutMs`, then
 * the source answers; the write-back runs in the background and never delays the caller.
 * Callers share the returned value: treat it as read-only.
 */
export function cached<T>(
  cache: Cache,
  key: string,
  ttlMs: number,
  load: () => Promise<T>,
  options: CachedOptions<T> = {},
): Promise<T> {
  if (!(ttlMs > 0 && Number.isFinite(ttlMs))) throw new RangeError(`ttlMs must be positive, got ${ttlMs}`);
  const flights = flightsOf(cache);
  const current = flights.get(key);
  // A key always holds one type of value, so the flight started by another caller of this key is a T.
  if (current) return current.promise as Promise<T>;

  const flight: Flight = { promise: Promise.resolve(), isInvalidated: false };
  flight.promise = readThrough(cache, key, ttlMs, load, options, flight).finally(() => {
    if (flights.get(key) === flight) flights.delete(key);
  });
  flights.set(key, flight);
  return flight.promise as Promise<T>;
}

/**
 * Drops keys after a commit changed what they hold. Never throws: a failure is reported, and the
 * entries then live out their TTL, which is why TTLs on shared data stay short.
 */
export async function invalidate(cache: Cache, keys: readonly string[], options: InvalidateOptions = {}): Promise<void> {
  const { timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  const report = reporterOf(cache, options.onError);
  const flights = flightsByCache.get(cache);
  for (const key of keys) {
    const flight = flights?.get(key);
    if (!flight) continue;
    flight.isInvalidated = true;
    flights?.delete(key);
  }
  if (keys.length === 0) return;
  try {
    await withTimeout(
      Promise.resolve().then(() => cache.del(keys)),
      timeoutMs,
      "cache invalidation",
    );
  } catch (error) {
    report(describeError(`cache invalidation of ${keys.length} key(s) failed`, error));
  }
}

async function readThrough<T>(
  cache: Cache,
  key: string,
  ttlMs: number,
  load: () => Promise<T>,
  options: CachedOptions<T>,
  flight: Flight,
): Promise<T> {
  const lookup = await lookUp(cache, key, options);
  if (lookup.isHit) return lookup.value;
  const value = await load();
  if (!flight.isInvalidated) writeBack(cache, key, ttlMs, value, options);
  return value;
}

async function lookUp<T>(cache: Cache, key: string, options: CachedOptions<T>): Promise<Lookup<T>> {
  const { timeoutMs = DEFAULT_TIMEOUT_MS, decode = decodeJson<T> } = options;
  const report = reporterOf(cache, options.onError);
  let text: string | null;
  try {
    text = await withTimeout(
      Promise.resolve().then(() => cache.get(key)),
      timeoutMs,
      "cache read",
    );
  } catch (error) {
    report(describeError(`cache read of "${key}" failed, loading from source`, error));
    return MISS;
  }
  if (text === null) return MISS;
  try {
    return { isHit: true, value: decode(text) };
  } catch (error) {
    // Garbage (an old format, a truncated write) is a miss; the write-back replaces it.
    report(describeError(`cache entry "${key}" could not be decoded`, error));
    return MISS;
  }
}

function writeBack<T>(cache: Cache, key: string, ttlMs: number, value: T, options: CachedOptions<T>): void {
  const { timeoutMs = DEFAULT_TIMEOUT_MS, encode = encodeJson } = options;
  const report = reporterOf(cache, options.onError);
  let text: string;
  try {
    text = encode(value);
  } catch (error) {
    report(describeError(`value for "${key}" could not be encoded, not cached`, error));
    return;
  }
  withTimeout(
    Promise.resolve().then(() => cache.set(key, text, ttlMs)),
    timeoutMs,
    "cache write",
  ).catch((error: unknown) => report(describeError(`cache write of "${key}" failed`, error)));
}

function flightsOf(cache: Cache): Map<string, Flight> {
  let flights = flightsByCache.get(cache);
  if (!flights) {
    flights = new Map();
    flightsByCache.set(cache, flights);
  }
  return flights;
}

function reporterOf(cache: Cache, onError: ErrorReporter | undefined): ErrorReporter {
  return onError ?? cache.reportError ?? ignoreError;
}

/** However often a source fails, it is tried at least once a day: feeds come back. */
export const MAX_BACKOFF_MS = 24 * 60 * 60_000;

export function nextDueAfterSuccess(nowMs: number, refreshMs: number): number {
  return nowMs + refreshMs;
}

/**
 * Exponential backoff on consecutive failures: the first retry comes after one refresh
 * interval, as if nothing happened, then 2, 4, 8... intervals, capped at a day. A broken feed
 * costs a few requests a day instead of one per interval.
 */
export function nextDueAfterFailure(nowMs: number, refreshMs: number, consecutiveFailures: number): number {
  const doublings = Math.min(Math.max(consecutiveFailures, 1), 32) - 1;
  return nowMs + Math.min(refreshMs * 2 ** doublings, MAX_BACKOFF_MS);
}

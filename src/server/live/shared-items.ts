import type { LoggedEvent } from "./topic-log";

/**
 * A stream kind's toItem, computed once per event for every stream of that kind in this process.
 * Live streams of a topic take their rows from the topic's shared feed, so they hold the same
 * event objects; memoising on the event hands them all the same item object, and the SSE edge,
 * which caches each item's encoded frame, then serialises it once however many clients follow.
 * Rows replayed from the log are fresh objects per stream: they simply miss the memo.
 *
 * `toItem` must depend on nothing but its arguments (define it at module level, not per
 * request), and items must not be mutated once returned. A kind whose item depends on the
 * previous seq (book diffs) keys the memo by it: streams that are in step share, a stream that
 * just joined computes its own.
 */
export function sharedItems<T>(toItem: (event: LoggedEvent, prevSeq: bigint) => T | null, { byPrevSeq = false } = {}) {
  const memo = new WeakMap<LoggedEvent, { prevSeq: bigint; item: T | null }>();
  return (event: LoggedEvent, prevSeq: bigint): T | null => {
    const hit = memo.get(event);
    if (hit && (!byPrevSeq || hit.prevSeq === prevSeq)) return hit.item;
    const item = toItem(event, prevSeq);
    memo.set(event, { prevSeq, item });
    return item;
  };
}

/**
 * Concurrent identical snapshot reads become one, and its item is shared (so encoded once): a
 * burst of subscribers (a popular market, everyone reconnecting after a deploy) costs one read.
 * Joining a read that began before this stream subscribed is safe: the snapshot is stamped with
 * the seq it reflects and the stream replays everything after that seq, from its feed or the
 * log. Nothing is kept once the read settles, so no snapshot is ever older than its burst.
 */
export function sharedSnapshots<T>() {
  const flights = new WeakMap<object, Map<string, Promise<T>>>();
  return (scope: object, key: string, read: () => Promise<T>): Promise<T> => {
    let inScope = flights.get(scope);
    if (!inScope) {
      inScope = new Map();
      flights.set(scope, inScope);
    }
    const current = inScope.get(key);
    if (current) return current;
    const started = read().finally(() => inScope.delete(key));
    inScope.set(key, started);
    return started;
  };
}

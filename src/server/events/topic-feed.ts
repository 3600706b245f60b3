import { describeError, type ErrorReporter, ignoreError } from "@/server/cache/resilience";
import type { LoggedEvent, TopicLog } from "./topic-log";

export interface FeedLimits {
  /** Rows per read of the log. */
  pageSize: number;
  /** Recent rows a feed keeps for its subscribers; one further behind reads the log itself. */
  bufferSize: number;
  /** Fallback read while a feed has subscribers: a signal may be lost (bus down, publisher crash). */
  pollIntervalMs: number;
}

/**
 * The tail of one topic in this process, shared by every stream of that topic: one read of the
 * log per signal (or poll) however many clients follow it. It holds the topic's rows in
 * (floor, head], at most bufferSize of them.
 */
export interface TopicFeed {
  /** Resolves once the feed has read the topic's head; before that take() answers "behind". */
  ready(): Promise<void>;
  /** Rows with seq > afterSeq (at most limit), or "behind" when the buffer does not reach back to it. */
  take(afterSeq: bigint, limit: number): LoggedEvent[] | "behind";
  /** Every row of the topic up to this seq was committed before the feed read it. */
  floorSeq(): bigint;
  /**
   * Calls `wake` once: when new rows arrive, when the feed closes, or when it has woken nobody
   * for IDLE_WAKE_MS. Returns a cancel. The feed's own poll timer drives the idle wake-up, so
   * a waiting stream costs no timer of its own.
   */
  onceRows(wake: () => void): () => void;
  /** A bus signal says the topic has rows up to seq. */
  notify(seq: bigint): void;
  /** Closed with its hub (shutdown): its streams end. */
  isClosed(): boolean;
  close(): void;
}

// One refresh reads at most this many pages before yielding to other work; it then continues.
const MAX_PAGES_PER_REFRESH = 10;
// Waiting streams re-check this often even without new rows, as a last line of defence.
const IDLE_WAKE_MS = 15_000;

export function createTopicFeed(
  topic: string,
  log: TopicLog,
  limits: FeedLimits,
  onError: ErrorReporter = ignoreError,
): TopicFeed {
  const rows: LoggedEvent[] = [];
  let isReady = false;
  let isClosed = false;
  let head = 0n;
  let floor = 0n;
  let refreshing: Promise<void> | null = null;
  let isRefreshWanted = false;
  const waiters = new Set<() => void>();
  let lastWakeMs = Date.now();

  function wake(): void {
    lastWakeMs = Date.now();
    const woken = [...waiters];
    waiters.clear();
    for (const waiter of woken) waiter();
  }

  function tick(): void {
    refresh();
    if (waiters.size > 0 && Date.now() - lastWakeMs >= IDLE_WAKE_MS) wake();
  }

  function append(batch: readonly LoggedEvent[]): void {
    for (const row of batch) {
      // The log is read strictly after head, so this only guards against a misbehaving log.
      if (row.seq <= head) continue;
      rows.push(row);
      head = row.seq;
    }
    const overflow = rows.length - limits.bufferSize;
    if (overflow > 0) {
      const dropped = rows.splice(0, overflow);
      floor = dropped[dropped.length - 1]?.seq ?? floor;
    }
  }

  async function readNewRows(): Promise<void> {
    for (let page = 0; page < MAX_PAGES_PER_REFRESH; page++) {
      const batch = await log.readAfter(topic, head, limits.pageSize);
      if (isClosed) return;
      append(batch);
      if (batch.length > 0) wake();
      if (batch.length < limits.pageSize) return;
    }
    isRefreshWanted = true;
  }

  /** Single flight: a trigger during a read asks for one more read after it. */
  function refresh(): void {
    if (isClosed) return;
    if (!isReady || refreshing) {
      isRefreshWanted = true;
      return;
    }
    isRefreshWanted = false;
    refreshing = readNewRows()
      .catch((error: unknown) => onError(describeError(`reading events of ${topic} failed; retrying on the next poll`, error)))
      .finally(() => {
        refreshing = null;
        if (isRefreshWanted) refresh();
      });
  }

  const started = log.headSeq(topic).then((seq) => {
    head = seq;
    floor = seq;
    isReady = true;
    // Rows (or signals) that arrived while the head was being read.
    refresh();
  });
  // A failed start is reported to whoever awaits ready(); this only keeps it from being unhandled.
  started.catch(() => {});

  // One timer per topic, however many streams follow it.
  const timer = setInterval(tick, limits.pollIntervalMs);
  // Polling must not be what keeps a process alive.
  timer.unref();

  return {
    ready: () => started,
    take(afterSeq, limit) {
      if (!isReady || afterSeq < floor) return "behind";
      let start = rows.length;
      // Usually the reader is near the end; search from there.
      while (start > 0 && (rows[start - 1]?.seq ?? 0n) > afterSeq) start--;
      return rows.slice(start, start + limit);
    },
    floorSeq: () => floor,
    onceRows(waiter) {
      if (isClosed) {
        waiter();
        return () => {};
      }
      waiters.add(waiter);
      return () => {
        waiters.delete(waiter);
      };
    },
    notify(seq) {
      if (!isReady || seq > head) refresh();
    },
    isClosed: () => isClosed,
    close() {
      isClosed = true;
      clearInterval(timer);
      rows.length = 0;
      wake();
    },
  };
}

import { describeError, type ErrorReporter, ignoreError } from "@/server/cache/resilience";
import { type FeedEffect, type FeedInput, INITIAL_FEED_EFFECTS, INITIAL_FEED_STATE, isFollowing, stepFeed } from "./feed-machine";
import { createRowBuffer } from "./row-buffer";
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
 * log per signal (or poll) however many clients follow it. Its states and transitions are in
 * feed-machine.ts; this runs them: it reads the log, keeps the rows, and wakes the streams.
 */
export interface TopicFeed {
  /** Resolves once the feed has read the topic's head (or closed); before that take() answers "behind". */
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

// Waiting streams re-check this often even without new rows, as a last line of defence.
const IDLE_WAKE_MS = 15_000;

export function createTopicFeed(
  topic: string,
  log: TopicLog,
  limits: FeedLimits,
  onError: ErrorReporter = ignoreError,
): TopicFeed {
  const buffer = createRowBuffer(limits.bufferSize);
  const waiters = new Set<() => void>();
  let state = INITIAL_FEED_STATE;
  let lastWakeMs = Date.now();
  let start = startAttempt();

  function dispatch(input: FeedInput): void {
    const step = stepFeed(state, input);
    state = step.state;
    for (const effect of step.effects) perform(effect);
  }

  function perform(effect: FeedEffect): void {
    switch (effect.kind) {
      case "readHead":
        readHead();
        break;
      case "readPage":
        readPage(effect.afterSeq);
        break;
      case "startAt":
        buffer.startAt(effect.seq);
        start.resolve();
        break;
      case "failStart":
        start.reject(effect.error);
        break;
      case "keepRows":
        buffer.keep(effect.rows);
        wake();
        break;
      case "wakeAll":
        clearInterval(timer);
        buffer.clear();
        // Streams still waiting for the start see the feed closed and end.
        start.resolve();
        wake();
        break;
    }
  }

  function readHead(): void {
    if (start.isSettled()) start = startAttempt();
    log.headSeq(topic).then(
      (seq) => dispatch({ kind: "headRead", seq }),
      (error: unknown) => dispatch({ kind: "headFailed", error }),
    );
  }

  function readPage(afterSeq: bigint): void {
    log.readAfter(topic, afterSeq, limits.pageSize).then(
      (rows) => dispatch({ kind: "pageRead", rows, isFull: rows.length >= limits.pageSize }),
      (error: unknown) => {
        onError(describeError(`reading events of ${topic} failed; retrying on the next poll`, error));
        dispatch({ kind: "readFailed" });
      },
    );
  }

  function wake(): void {
    lastWakeMs = Date.now();
    const woken = [...waiters];
    waiters.clear();
    for (const waiter of woken) waiter();
  }

  function tick(): void {
    dispatch({ kind: "poll" });
    if (waiters.size > 0 && Date.now() - lastWakeMs >= IDLE_WAKE_MS) wake();
  }

  // One timer per topic, however many streams follow it.
  const timer = setInterval(tick, limits.pollIntervalMs);
  // Polling must not be what keeps a process alive.
  timer.unref();
  for (const effect of INITIAL_FEED_EFFECTS) perform(effect);

  return {
    ready() {
      // A stream arriving at a feed whose start failed tries again rather than fail at once.
      if (state.phase === "stalled") dispatch({ kind: "poll" });
      return start.promise;
    },
    take(afterSeq, limit) {
      if (state.phase === "closed") return [];
      return isFollowing(state) ? buffer.take(afterSeq, limit) : "behind";
    },
    floorSeq: () => buffer.floorSeq(),
    onceRows(waiter) {
      if (state.phase === "closed") {
        waiter();
        return () => {};
      }
      waiters.add(waiter);
      return () => {
        waiters.delete(waiter);
      };
    },
    notify: (seq) => dispatch({ kind: "signal", seq }),
    isClosed: () => state.phase === "closed",
    close: () => dispatch({ kind: "close" }),
  };
}

interface StartAttempt {
  promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
  isSettled(): boolean;
}

/** The promise streams await in ready(); a failed start is retried with a fresh one. */
function startAttempt(): StartAttempt {
  let isSettled = false;
  let resolve = () => {};
  let reject: (error: unknown) => void = () => {};
  const promise = new Promise<void>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  // A failed start is reported to whoever awaits ready(); this only keeps it from being unhandled.
  promise.catch(() => {});
  return {
    promise,
    resolve() {
      isSettled = true;
      resolve();
    },
    reject(error) {
      isSettled = true;
      reject(error);
    },
    isSettled: () => isSettled,
  };
}

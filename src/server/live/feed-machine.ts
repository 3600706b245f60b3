/**
 * The states of one topic feed and every transition between them, as a pure function, so the
 * whole lifecycle is readable here and tested without a log, a clock or a promise. The feed
 * (topic-feed.ts) owns the I/O: it performs the effects a transition asks for and reports their
 * outcome back as the next input.
 *
 *   starting ──head read──▶ reading ──short page (or read failed)──▶ following
 *     │    ▲                 ▲  │ full page, or news during the read:     │
 *  failed  │ poll, signal    │  └─ read the next page                     │
 *     ▼    │ (a new stream   └──────────── signal past head, poll ─────────┘
 *   stalled┘  polls too)
 *   any state ──close──▶ closed (final)
 *
 * At most one read of the log is in flight: a signal during a read only asks for one more.
 */

import type { LoggedEvent } from "./topic-log";

export type FeedPhase = "starting" | "stalled" | "following" | "reading" | "closed";

export interface FeedState {
  readonly phase: FeedPhase;
  /** The highest seq read; every row of the topic up to it has been seen. */
  readonly head: bigint;
  /** Something may have been committed after the read in flight began: read once more after it. */
  readonly isRereadWanted: boolean;
}

export type FeedInput =
  /** The topic's head was read: the feed starts there. */
  | { kind: "headRead"; seq: bigint }
  | { kind: "headFailed"; error: unknown }
  /** A bus signal: the topic has rows up to seq. */
  | { kind: "signal"; seq: bigint }
  /** The poll timer fired, or a stream asked for the feed to be ready. */
  | { kind: "poll" }
  /** A page of rows after head, in seq order; `isFull` when it held as many rows as were asked for. */
  | { kind: "pageRead"; rows: readonly LoggedEvent[]; isFull: boolean }
  | { kind: "readFailed" }
  | { kind: "close" };

export type FeedEffect =
  | { kind: "readHead" }
  | { kind: "readPage"; afterSeq: bigint }
  /** Keep these rows and wake the waiting streams. */
  | { kind: "keepRows"; rows: readonly LoggedEvent[] }
  /** The feed starts at this seq: the buffer is empty and its floor is here. */
  | { kind: "startAt"; seq: bigint }
  /** Streams waiting for the first head read are told it failed, and why. */
  | { kind: "failStart"; error: unknown }
  | { kind: "wakeAll" };

export interface FeedStep {
  state: FeedState;
  effects: FeedEffect[];
}

export const INITIAL_FEED_STATE: FeedState = { phase: "starting", head: 0n, isRereadWanted: false };
/** What a new feed does first. */
export const INITIAL_FEED_EFFECTS: readonly FeedEffect[] = [{ kind: "readHead" }];

export function stepFeed(state: FeedState, input: FeedInput): FeedStep {
  if (input.kind === "close") return closing(state);
  switch (state.phase) {
    case "closed":
      return stay(state);
    case "starting":
      return fromStarting(state, input);
    case "stalled":
      return input.kind === "poll" || input.kind === "signal"
        ? { state: { ...state, phase: "starting" }, effects: [{ kind: "readHead" }] }
        : stay(state);
    case "following":
      return fromFollowing(state, input);
    case "reading":
      return fromReading(state, input);
  }
}

/** Whether streams can take rows from the feed: its head has been read and it is open. */
export function isFollowing(state: FeedState): boolean {
  return state.phase === "following" || state.phase === "reading";
}

function fromStarting(state: FeedState, input: FeedInput): FeedStep {
  switch (input.kind) {
    case "headRead":
      // Rows (or signals) that came while the head was read are found by this first read.
      return {
        state: { phase: "reading", head: input.seq, isRereadWanted: false },
        effects: [
          { kind: "startAt", seq: input.seq },
          { kind: "readPage", afterSeq: input.seq },
        ],
      };
    case "headFailed":
      return { state: { ...state, phase: "stalled" }, effects: [{ kind: "failStart", error: input.error }] };
    default:
      // The read that follows the head read covers whatever these announce.
      return stay(state);
  }
}

function fromFollowing(state: FeedState, input: FeedInput): FeedStep {
  const isNews = input.kind === "poll" || (input.kind === "signal" && input.seq > state.head);
  return isNews ? read(state) : stay(state);
}

function fromReading(state: FeedState, input: FeedInput): FeedStep {
  switch (input.kind) {
    case "signal":
    case "poll":
      return { state: { ...state, isRereadWanted: true }, effects: [] };
    case "pageRead":
      return afterPage(state, input.rows, input.isFull);
    case "readFailed":
      // The error is reported by the feed; the next poll (or signal) tries again.
      return { state: { ...state, phase: "following", isRereadWanted: false }, effects: [] };
    default:
      return stay(state);
  }
}

function afterPage(state: FeedState, rows: readonly LoggedEvent[], isFull: boolean): FeedStep {
  // The log is read strictly after head, so this only guards against a misbehaving log.
  const fresh = rows.filter((row) => row.seq > state.head);
  const head = fresh.at(-1)?.seq ?? state.head;
  const kept: FeedEffect[] = fresh.length > 0 ? [{ kind: "keepRows", rows: fresh }] : [];
  if (isFull || state.isRereadWanted) {
    return {
      state: { phase: "reading", head, isRereadWanted: false },
      effects: [...kept, { kind: "readPage", afterSeq: head }],
    };
  }
  return { state: { phase: "following", head, isRereadWanted: false }, effects: kept };
}

function read(state: FeedState): FeedStep {
  return { state: { ...state, phase: "reading" }, effects: [{ kind: "readPage", afterSeq: state.head }] };
}

function closing(state: FeedState): FeedStep {
  if (state.phase === "closed") return stay(state);
  return { state: { ...state, phase: "closed", isRereadWanted: false }, effects: [{ kind: "wakeAll" }] };
}

const stay = (state: FeedState): FeedStep => ({ state, effects: [] });

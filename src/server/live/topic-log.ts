import { eventSeqBounds, readTopicEvents, topicHeadSeq } from "../db/queries/event-log";
import type { Db } from "../db/types";

/**
 * What live streams need from the event log (the outbox table), as an interface so the feed and
 * stream logic can be tested against an in-memory log and run against Postgres unchanged.
 */
export interface LoggedEvent {
  seq: bigint;
  type: string;
  payload: unknown;
}

export interface SeqBounds {
  /** The oldest event still retained (pruning removes a prefix of the log by seq). */
  oldest: bigint;
  newest: bigint;
}

export interface TopicLog {
  /** The last seq of the topic, 0 when it has none. */
  headSeq(topic: string): Promise<bigint>;
  /** The topic's events with seq > afterSeq, oldest first, at most limit. */
  readAfter(topic: string, afterSeq: bigint, limit: number): Promise<LoggedEvent[]>;
  /** Null when the log is empty. */
  bounds(): Promise<SeqBounds | null>;
}

/**
 * Whether a client's cursor can be resumed from the log: nothing after it may have been pruned
 * (cursor >= oldest - 1), and it must not come from the future (another database, a restored
 * backup). A gap in the sequence right before the oldest event can make this say no to a cursor
 * that was fine; the answer is then a fresh snapshot, which is always safe.
 */
export function isResumable(cursor: bigint, bounds: SeqBounds | null): boolean {
  return bounds !== null && cursor >= bounds.oldest - 1n && cursor <= bounds.newest;
}

/** The events table (the outbox) as a topic log. */
export function databaseTopicLog(db: Db): TopicLog {
  return {
    headSeq: (topic) => topicHeadSeq(db, topic),
    readAfter: (topic, afterSeq, limit) => readTopicEvents(db, { topic, afterSeq, limit }),
    bounds: () => eventSeqBounds(db),
  };
}

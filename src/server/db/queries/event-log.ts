import { and, asc, desc, eq, gt, lte, max, min, sql } from "drizzle-orm";
import { events } from "../schema";
import type { DbOrTx } from "../types";
import { selectRows } from "./sql-values";

export interface LoggedEventRow {
  seq: bigint;
  type: string;
  payload: unknown;
}

/** One topic's events after a cursor, oldest first (events_topic_seq_idx). */
export async function readTopicEvents(
  db: DbOrTx,
  params: { topic: string; afterSeq: bigint; limit: number },
): Promise<LoggedEventRow[]> {
  return db
    .select({ seq: events.seq, type: events.type, payload: events.payload })
    .from(events)
    .where(and(eq(events.topic, params.topic), gt(events.seq, params.afterSeq)))
    .orderBy(asc(events.seq))
    .limit(params.limit);
}

/** The last seq written to a topic, 0 when it has none (events_topic_seq_idx, one index probe). */
export async function topicHeadSeq(db: DbOrTx, topic: string): Promise<bigint> {
  const [row] = await db
    .select({ seq: max(events.seq) })
    .from(events)
    .where(eq(events.topic, topic));
  return row?.seq ?? 0n;
}

/** A topic's newest event, null when it has none (events_topic_seq_idx, backwards). */
export async function latestTopicEvent(db: DbOrTx, topic: string): Promise<LoggedEventRow | null> {
  const [row] = await db
    .select({ seq: events.seq, type: events.type, payload: events.payload })
    .from(events)
    .where(eq(events.topic, topic))
    .orderBy(desc(events.seq))
    .limit(1);
  return row ?? null;
}

/** Oldest retained and newest seq of the whole log (two probes of the primary key); null when empty. */
export async function eventSeqBounds(db: DbOrTx): Promise<{ oldest: bigint; newest: bigint } | null> {
  const [row] = await db.select({ oldest: min(events.seq), newest: max(events.seq) }).from(events);
  if (!row || row.oldest === null || row.newest === null) return null;
  return { oldest: row.oldest, newest: row.newest };
}

/** The newest seq written before `before`, or null when nothing is that old (events_created_at_idx). */
export async function lastSeqBefore(db: DbOrTx, before: Date): Promise<bigint | null> {
  const [row] = await db
    .select({ seq: max(events.seq) })
    .from(events)
    .where(sql`${events.createdAt} < ${before.toISOString()}::timestamptz`);
  return row?.seq ?? null;
}

/**
 * Deletes up to `limit` of the oldest events with seq <= throughSeq; returns how many. Oldest
 * first, so what remains is always every event after some seq: resume checks rely on that.
 */
export async function deleteEventsThrough(db: DbOrTx, params: { throughSeq: bigint; limit: number }): Promise<number> {
  const oldest = db
    .select({ seq: events.seq })
    .from(events)
    .where(lte(events.seq, params.throughSeq))
    .orderBy(asc(events.seq))
    .limit(params.limit);
  const deleted = await db.delete(events).where(sql`${events.seq} in (${oldest})`).returning({ seq: events.seq });
  return deleted.length;
}

/**
 * Takes the retention job's transaction-scoped advisory lock if no other instance holds it:
 * one pruner at a time, the others skip their turn instead of waiting.
 */
export async function tryPruneLock(tx: DbOrTx, key: readonly [number, number]): Promise<boolean> {
  const [row] = await selectRows(tx, sql`select pg_try_advisory_xact_lock(${key[0]}::int4, ${key[1]}::int4) as locked`);
  return row?.locked === true;
}

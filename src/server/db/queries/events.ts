import { sql } from "drizzle-orm";
import { maxBigint } from "../../domain/decimal";
import { events } from "../schema";
import type { DbOrTx } from "../types";

export interface EventDraft {
  topic: string;
  type: string;
  payload: unknown;
}

/**
 * The transactional outbox: call inside the transaction whose change these events describe, once
 * and as its last write. It first takes a transaction-scoped lock per topic, so that within one
 * topic seq order is commit order: a user's events come from transactions on different markets
 * (different market locks), and without this a seq could become visible after a greater one had
 * already been streamed, and be skipped. Held only from here to commit.
 */
export async function appendEvents(tx: DbOrTx, drafts: readonly EventDraft[]): Promise<bigint | null> {
  if (drafts.length === 0) return null;
  await lockTopics(
    tx,
    drafts.map((d) => d.topic),
  );
  const rows = await tx
    .insert(events)
    .values(drafts.map((d) => ({ topic: d.topic, type: d.type, payload: d.payload })))
    .returning({ seq: events.seq });
  return maxBigint(0n, ...rows.map((r) => r.seq));
}

// The two-key form of advisory locks lives in its own key space; this first key marks ours.
const TOPIC_LOCK_SPACE = 0x4556;

/** FNV-1a, 32 bits, as a signed int4: a collision only makes two topics share a lock. */
export function topicLockKey(topic: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < topic.length; i++) {
    hash ^= topic.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

async function lockTopics(tx: DbOrTx, topics: readonly string[]): Promise<void> {
  // Ascending key order in every transaction: two writers can never wait on each other in a cycle.
  const keys = [...new Set(topics.map(topicLockKey))].sort((a, b) => a - b);
  const list = sql.join(
    keys.map((key) => sql`${key}`),
    sql`, `,
  );
  // Volatile functions in the select list run after ORDER BY, so the locks follow `ord`.
  await tx.execute(
    sql`select pg_advisory_xact_lock(${TOPIC_LOCK_SPACE}::int4, k) from unnest(array[${list}]::int4[]) with ordinality as u(k, ord) order by ord`,
  );
}

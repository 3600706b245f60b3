import { sql } from "drizzle-orm";
import { maxBigint } from "@/domain/decimal";
import type { DbOrTx } from "../types";
import { selectRows } from "./sql-values";

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
  // Ascending key order in every transaction: two writers can never wait on each other in a cycle.
  const keys = [...new Set(drafts.map((d) => topicLockKey(d.topic)))].sort((a, b) => a - b);
  const rows = drafts.map((d, i) => sql`(${i}::int, ${d.topic}::text, ${d.type}::text, ${JSON.stringify(d.payload)}::jsonb)`);
  // One statement: the locks are an InitPlan of the insert's one-time filter, so all are taken
  // (in `ord` order: volatile functions in a select list run after its ORDER BY) before the
  // first seq is drawn; rows are then inserted, and numbered, in the drafts' order.
  const inserted = await selectRows(
    tx,
    sql`with locks as (
          select pg_advisory_xact_lock(${TOPIC_LOCK_SPACE}::int4, k)
          from unnest(array[${sql.join(
            keys.map((key) => sql`${key}`),
            sql`, `,
          )}]::int4[]) with ordinality as u(k, ord) order by ord)
        insert into events (topic, type, payload)
        select v.topic, v.type, v.payload from (values ${sql.join(rows, sql`, `)}) as v (ord, topic, type, payload)
        where (select count(*) from locks) = ${keys.length}
        order by v.ord
        returning seq::text`,
  );
  if (inserted.length !== drafts.length) throw new Error(`appended ${inserted.length} events of ${drafts.length}`);
  return maxBigint(0n, ...inserted.map((r) => BigInt(String(r.seq))));
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

import { and, asc, count, eq, gt, inArray, lte, sql } from "drizzle-orm";
import { newsSources } from "../schema";
import type { DbOrTx } from "../types";

export type NewsSourceRow = typeof newsSources.$inferSelect;

/**
 * The new source, or null when the asset already has that URL (news_sources_asset_url). It is due
 * at once by the poller's clock, which is JavaScript's (milliseconds): the column's default, the
 * database's now(), carries microseconds, so a source registered in the same millisecond as a
 * poll would have counted as not yet due and waited a round.
 */
export async function insertNewsSource(db: DbOrTx, source: { asset: string; url: string }): Promise<NewsSourceRow | null> {
  const [row] = await db
    .insert(newsSources)
    .values({ ...source, nextDueAt: new Date() })
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}

export async function countNewsSources(db: DbOrTx, asset: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(newsSources).where(eq(newsSources.asset, asset));
  return row?.n ?? 0;
}

/** By id, after a cursor; one asset's or all of them. */
export function listNewsSources(
  db: DbOrTx,
  params: { asset?: string; afterId?: bigint; limit: number },
): Promise<NewsSourceRow[]> {
  return db
    .select()
    .from(newsSources)
    .where(
      and(
        params.asset === undefined ? undefined : eq(newsSources.asset, params.asset),
        params.afterId === undefined ? undefined : gt(newsSources.id, params.afterId),
      ),
    )
    .orderBy(asc(newsSources.id))
    .limit(params.limit);
}

export async function deleteNewsSource(db: DbOrTx, id: bigint): Promise<boolean> {
  const deleted = await db.delete(newsSources).where(eq(newsSources.id, id)).returning({ id: newsSources.id });
  return deleted.length > 0;
}

/**
 * Takes up to `limit` due sources for one poll: each one's next_due_at becomes the end of a
 * lease, so no other instance fetches it meanwhile, and a poller that dies mid-fetch only delays
 * it until the lease ends. SKIP LOCKED lets instances claiming at once split the work instead of
 * queueing on each other (news_sources_due_idx).
 */
export function claimDueNewsSources(
  db: DbOrTx,
  params: { now: Date; leaseUntil: Date; limit: number },
): Promise<NewsSourceRow[]> {
  const due = db
    .select({ id: newsSources.id })
    .from(newsSources)
    .where(lte(newsSources.nextDueAt, params.now))
    .orderBy(asc(newsSources.nextDueAt))
    .limit(params.limit)
    .for("update", { skipLocked: true });
  return db.update(newsSources).set({ nextDueAt: params.leaseUntil }).where(inArray(newsSources.id, due)).returning();
}

export interface FetchAnswer {
  id: bigint;
  fetchedAt: Date;
  nextDueAt: Date;
}

/** A 200 that parsed: the validators to send next time, and the failure count starts over. */
export async function recordNewsFetchSuccess(
  db: DbOrTx,
  answer: FetchAnswer & { kind: NewsSourceRow["kind"]; etag: string | null; lastModified: string | null },
): Promise<void> {
  await db
    .update(newsSources)
    .set({
      kind: answer.kind,
      etag: answer.etag,
      lastModified: answer.lastModified,
      ...succeeded(answer),
    })
    .where(eq(newsSources.id, answer.id));
}

/** A 304: the validators stay as they are. */
export async function recordNewsFetchNotModified(db: DbOrTx, answer: FetchAnswer): Promise<void> {
  await db.update(newsSources).set(succeeded(answer)).where(eq(newsSources.id, answer.id));
}

function succeeded(answer: FetchAnswer) {
  return {
    lastFetchedAt: answer.fetchedAt,
    lastSuccessAt: answer.fetchedAt,
    lastErrorCode: null,
    lastError: null,
    consecutiveFailures: 0,
    nextDueAt: answer.nextDueAt,
  };
}

export async function recordNewsFetchFailure(
  db: DbOrTx,
  answer: FetchAnswer & { errorCode: string; error: string },
): Promise<void> {
  await db
    .update(newsSources)
    .set({
      lastFetchedAt: answer.fetchedAt,
      lastErrorCode: answer.errorCode,
      lastError: answer.error,
      consecutiveFailures: sql`${newsSources.consecutiveFailures} + 1`,
      nextDueAt: answer.nextDueAt,
    })
    .where(eq(newsSources.id, answer.id));
}

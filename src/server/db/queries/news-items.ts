import { and, asc, desc, eq, gte, lte, sql } from "drizzle-orm";
import { newsItems } from "../schema";
import type { DbOrTx } from "../types";

export type NewsItemRow = typeof newsItems.$inferSelect;
export type NewsItemDraft = Omit<typeof newsItems.$inferInsert, "id">;

/** Rows per insert statement: 12 parameters each stays far from the protocol's 65,535. */
const INSERT_CHUNK = 250;

/**
 * Stores the items whose (asset, identity) is new and returns them, oldest id first; the others
 * are left as first stored (news_items_asset_identity), so a re-fetch never rewrites history.
 */
export async function insertNewsItems(db: DbOrTx, drafts: readonly NewsItemDraft[]): Promise<NewsItemRow[]> {
  const inserted: NewsItemRow[] = [];
  for (let start = 0; start < drafts.length; start += INSERT_CHUNK) {
    const chunk = drafts.slice(start, start + INSERT_CHUNK);
    inserted.push(...(await db.insert(newsItems).values(chunk).onConflictDoNothing().returning()));
  }
  return inserted.sort((a, b) => (a.id < b.id ? -1 : 1));
}

export interface NewsItemCursor {
  publishedAt: Date;
  id: bigint;
}

/** An asset's items newest first, strictly before the cursor (news_items_asset_published_idx). */
export function listNewsItems(
  db: DbOrTx,
  params: { asset: string; before?: NewsItemCursor; limit: number },
): Promise<NewsItemRow[]> {
  const { before } = params;
  return db
    .select()
    .from(newsItems)
    .where(
      and(
        eq(newsItems.asset, params.asset),
        before &&
          sql`(${newsItems.publishedAt}, ${newsItems.id}) < (${before.publishedAt.toISOString()}::timestamptz, ${before.id.toString()}::bigint)`,
      ),
    )
    .orderBy(desc(newsItems.publishedAt), desc(newsItems.id))
    .limit(params.limit);
}

/** An asset's scores in [from, to], oldest first: the input of its sentiment series (same index). */
export function listNewsScores(
  db: DbOrTx,
  params: { asset: string; from: Date; to: Date; limit: number },
): Promise<{ publishedAt: Date; scoreBps: number }[]> {
  return db
    .select({ publishedAt: newsItems.publishedAt, scoreBps: newsItems.scoreBps })
    .from(newsItems)
    .where(and(eq(newsItems.asset, params.asset), gte(newsItems.publishedAt, params.from), lte(newsItems.publishedAt, params.to)))
    .orderBy(asc(newsItems.publishedAt), asc(newsItems.id))
    .limit(params.limit);
}

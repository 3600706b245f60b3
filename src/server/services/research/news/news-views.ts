import type { NewsSourceStatus } from "@/domain/news/facts";
import { fromScoreBps, labelOf } from "@/domain/news/sentiment";
import type { NewsItemRow } from "../../../db/queries/news-items";
import type { NewsSourceRow } from "../../../db/queries/news-sources";

/** The live topic of an asset's news; each new item is one event of type `news` on it. */
export const newsTopic = (asset: string) => `news:${asset}`;
export const NEWS_EVENT_TYPE = "news";

/**
 * What leaves the server, in lists and event payloads alike: string ids, ISO times, score in
 * [-1, 1] with its label (positive, neutral, negative: labelOf's band, said once).
 */
export function newsItemView(row: NewsItemRow) {
  const score = fromScoreBps(row.scoreBps);
  return {
    id: row.id.toString(),
    asset: row.asset,
    sourceId: row.sourceId?.toString() ?? null,
    origin: row.origin,
    title: row.title,
    summary: row.summary,
    url: row.url,
    publishedAt: row.publishedAt.toISOString(),
    score,
    label: labelOf(score),
    fetchedAt: row.fetchedAt.toISOString(),
  };
}
export type NewsItemView = ReturnType<typeof newsItemView>;

/** For admins: where the feed is and how its last fetches went. */
export function newsSourceView(row: NewsSourceRow) {
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  const status: NewsSourceStatus = row.lastFetchedAt === null ? "pending" : row.lastErrorCode === null ? "ok" : "failing";
  return {
    id: row.id.toString(),
    asset: row.asset,
    url: row.url,
    kind: row.kind,
    status,
    lastFetchedAt: iso(row.lastFetchedAt),
    lastSuccessAt: iso(row.lastSuccessAt),
    lastErrorCode: row.lastErrorCode,
    lastError: row.lastError,
    consecutiveFailures: row.consecutiveFailures,
    nextDueAt: row.nextDueAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
  };
}
export type NewsSourceView = ReturnType<typeof newsSourceView>;

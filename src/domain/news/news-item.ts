import { MAX_GUID_CHARS, MAX_SUMMARY_CHARS, MAX_TITLE_CHARS } from "./facts";
import { capText, collapseWhitespace, htmlToText } from "./text";
import { parseHttpUrl } from "./urls";

/** An item as a feed (or a person) gave it: every field may be missing or junk. */
export interface RawNewsItem {
  guid?: string | null;
  url?: string | null;
  title?: string | null;
  /** May be HTML. */
  summary?: string | null;
  /** RFC 822 (RSS), RFC 3339 (Atom, JSON Feed) or anything Date.parse reads. */
  publishedAt?: string | null;
}

export interface NewsItem {
  /**
   * What makes two items the same story for one asset: `guid:<guid>` when the feed gives one,
   * else `url:<canonical url>`. A feed that rewrites its GUIDs re-delivers its items; one that
   * keeps them but moves URLs does not, which is the point of preferring the GUID.
   */
  identity: string;
  guid: string | null;
  url: string | null;
  title: string;
  summary: string;
  publishedAtMs: number;
}

export type NormalisedItem = { ok: true; item: NewsItem } | { ok: false; reason: "NO_TITLE" | "NO_IDENTITY" };

/**
 * Cleans one raw item. `nowMs` is when it was fetched: an item without a usable date is dated
 * then, and one dated in the future is pulled back to then, so the sentiment series never holds
 * a point a backtest could see before it was published.
 */
export function normaliseNewsItem(raw: RawNewsItem, nowMs: number): NormalisedItem {
  const title = capText(htmlToText(raw.title ?? ""), MAX_TITLE_CHARS);
  if (title === "") return { ok: false, reason: "NO_TITLE" };
  const url = raw.url ? (parseHttpUrl(raw.url)?.href ?? null) : null;
  const guid = cleanGuid(raw.guid);
  const identity = guid !== null ? `guid:${guid}` : url !== null ? `url:${url}` : null;
  if (identity === null) return { ok: false, reason: "NO_IDENTITY" };
  return {
    ok: true,
    item: {
      identity,
      guid,
      url,
      title,
      summary: capText(htmlToText(raw.summary ?? ""), MAX_SUMMARY_CHARS),
      publishedAtMs: publishedAtMs(raw.publishedAt, nowMs),
    },
  };
}

function cleanGuid(raw: string | null | undefined): string | null {
  const guid = collapseWhitespace(raw ?? "");
  return guid === "" || guid.length > MAX_GUID_CHARS ? null : guid;
}

function publishedAtMs(raw: string | null | undefined, nowMs: number): number {
  const parsed = raw ? Date.parse(raw.trim()) : Number.NaN;
  if (!Number.isFinite(parsed) || parsed < 0) return nowMs;
  return Math.min(parsed, nowMs);
}

/** One item per identity, the first kept: a feed listing a story twice stores it once. */
export function uniqueByIdentity<T extends { identity: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.identity) && seen.add(item.identity));
}

import { getEnv } from "@/env";
import { DomainError } from "@/domain/errors";
import type { FeedFormat } from "@/domain/news/facts";
import { parseFeedDocument } from "@/domain/news/parse-feed";
import { parseHttpUrl } from "@/domain/news/urls";
import { listNewsItems as listItemRows } from "../../../db/queries/news-items";
import { inTransaction } from "../../../db/transaction";
import { assetScale } from "../../accounts/funding";
import type { Page } from "../../accounts/account-data";
import type { ServiceContext } from "../../context";
import { itemCursorOf, MAX_PAGE, pageOf, parseItemCursor } from "./news-pages";
import { newsItemView, type NewsItemView } from "./news-views";
import { draftNews, type NewsBatch, publishNews, writeNews } from "./store-news";

/** An uploaded file is read whole, so it gets more items than one poll of a feed. */
export const MAX_IMPORT_ITEMS = 1_000;

export interface ManualNewsItem {
  asset: string;
  title: string;
  summary?: string;
  url?: string;
  /** ISO 8601; now when omitted. */
  publishedAt?: string;
}

/**
 * Admin: one item typed in. Its identity is its URL, so entering a story a feed already brought
 * is refused as a duplicate; without a URL it gets an id of its own and is always new.
 */
export async function addNewsItem(ctx: ServiceContext, request: ManualNewsItem, nowMs = Date.now()): Promise<NewsItemView> {
  if (request.url !== undefined && !parseHttpUrl(request.url)) throw new DomainError("NEWS_URL_INVALID");
  if (request.publishedAt !== undefined && !Number.isFinite(Date.parse(request.publishedAt))) {
    throw new DomainError("NEWS_ITEM_INVALID", "publishedAt is not a date.");
  }
  const raw = {
    guid: request.url === undefined ? `manual:${crypto.randomUUID()}` : null,
    url: request.url ?? null,
    title: request.title,
    summary: request.summary ?? null,
    publishedAt: request.publishedAt ?? null,
  };
  const outcome = await storeNewsBatch(ctx, { asset: request.asset, sourceId: null, origin: "manual", items: [raw], nowMs });
  if (outcome.skipped > 0) throw new DomainError("NEWS_ITEM_INVALID");
  const [item] = outcome.added;
  if (!item) throw new DomainError("NEWS_ITEM_EXISTS");
  return item;
}

export interface ImportOutcome {
  format: FeedFormat;
  added: number;
  duplicates: number;
  skipped: number;
}

/**
 * Admin: the contents of an RSS, Atom or JSON Feed file, stored like a fetch of it would be.
 * `baseUrl`, where the file came from, resolves relative links; without it an item whose only
 * identity is a relative link is skipped.
 */
export async function importNewsFile(
  ctx: ServiceContext,
  request: { asset: string; contents: string; baseUrl?: string; maxBytes?: number },
  nowMs = Date.now(),
): Promise<ImportOutcome> {
  const maxBytes = request.maxBytes ?? getEnv().NEWS_FETCH_MAX_BYTES;
  if (Buffer.byteLength(request.contents, "utf8") > maxBytes) {
    throw new DomainError("NEWS_FEED_TOO_LARGE", `The file is larger than ${maxBytes} bytes.`);
  }
  const baseUrl = request.baseUrl === undefined ? undefined : parseHttpUrl(request.baseUrl)?.href;
  if (request.baseUrl !== undefined && baseUrl === undefined) throw new DomainError("NEWS_URL_INVALID");
  const feed = parseFeedDocument(request.contents, { baseUrl, maxItems: MAX_IMPORT_ITEMS });
  const outcome = await storeNewsBatch(ctx, { asset: request.asset, sourceId: null, origin: "import", items: feed.items, nowMs });
  return { format: feed.format, added: outcome.added.length, duplicates: outcome.duplicates, skipped: outcome.skipped };
}

/** Normalises, scores and stores a batch with its outbox events in one commit, then wakes the streams. */
export async function storeNewsBatch(ctx: ServiceContext, batch: NewsBatch) {
  await assetScale(ctx.db, batch.asset);
  const { drafts, skipped } = draftNews(batch);
  const written = await inTransaction(ctx.db, (tx) => writeNews(tx, drafts));
  await publishNews(ctx, written);
  return { ...written, skipped };
}

/** An asset's news, newest first by publication time. */
export async function listNewsItems(
  ctx: ServiceContext,
  request: { asset: string; cursor?: string; limit: number },
): Promise<Page<NewsItemView>> {
  const limit = Math.min(Math.max(request.limit, 1), MAX_PAGE);
  const before = request.cursor === undefined ? undefined : parseItemCursor(request.cursor);
  await assetScale(ctx.db, request.asset);
  const rows = await listItemRows(ctx.db, { asset: request.asset, before, limit: limit + 1 });
  return pageOf(rows.map(newsItemView), limit, itemCursorOf);
}

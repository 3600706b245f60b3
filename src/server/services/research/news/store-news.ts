import type { NewsOrigin } from "@/domain/news/facts";
import { normaliseNewsItem, type RawNewsItem, uniqueByIdentity } from "@/domain/news/news-item";
import { scoreNewsItem, toScoreBps } from "@/domain/news/sentiment";
import { appendEvents, type EventDraft } from "../../../db/queries/events";
import { insertNewsItems, type NewsItemDraft } from "../../../db/queries/news-items";
import type { DbOrTx } from "../../../db/types";
import { afterCommit } from "../../after-commit";
import type { ServiceContext } from "../../context";
import { NEWS_EVENT_TYPE, newsItemView, newsTopic, type NewsItemView } from "./news-views";

export interface NewsBatch {
  asset: string;
  sourceId: bigint | null;
  origin: NewsOrigin;
  items: readonly RawNewsItem[];
  /** When the items were fetched (or entered): undated items are dated then. */
  nowMs: number;
}

export interface DraftedNews {
  drafts: NewsItemDraft[];
  /** Items refused by normalisation (no title, no usable id). */
  skipped: number;
}

/** Normalises and scores a batch: each item scored once, when stored, never again. */
export function draftNews(batch: NewsBatch): DraftedNews {
  const normalised = batch.items.map((raw) => normaliseNewsItem(raw, batch.nowMs));
  const items = uniqueByIdentity(normalised.flatMap((result) => (result.ok ? [result.item] : [])));
  const drafts = items.map(
    (item): NewsItemDraft => ({
      asset: batch.asset,
      sourceId: batch.sourceId,
      origin: batch.origin,
      identity: item.identity,
      guid: item.guid,
      url: item.url,
      title: item.title,
      summary: item.summary,
      publishedAt: new Date(item.publishedAtMs),
      scoreBps: toScoreBps(scoreNewsItem(item)),
      fetchedAt: new Date(batch.nowMs),
    }),
  );
  return { drafts, skipped: batch.items.length - items.length };
}

export interface WrittenNews {
  added: NewsItemView[];
  /** Stored before, by identity, and left as they were. */
  duplicates: number;
  events: EventDraft[];
  seq: bigint | null;
}

/** Inside the caller's transaction: the new items, then their outbox events as its last write. */
export async function writeNews(tx: DbOrTx, drafts: readonly NewsItemDraft[]): Promise<WrittenNews> {
  const rows = await insertNewsItems(tx, drafts);
  const added = rows.map(newsItemView);
  const events = added.map((item): EventDraft => ({ topic: newsTopic(item.asset), type: NEWS_EVENT_TYPE, payload: item }));
  const seq = await appendEvents(tx, events);
  return { added, duplicates: drafts.length - rows.length, events, seq };
}

/** After the commit: wake the streams of the assets' news topics. */
export function publishNews(ctx: ServiceContext, written: WrittenNews): Promise<void> {
  return afterCommit(ctx, { events: written.events, seq: written.seq, cacheKeys: [] });
}

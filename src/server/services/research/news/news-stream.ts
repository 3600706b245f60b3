import { labelOf } from "@/domain/news/sentiment";
import { CONSISTENT_READ } from "../../../db/transaction";
import { topicHeadSeq } from "../../../db/queries/event-log";
import { listNewsItems } from "../../../db/queries/news-items";
import { assetScale } from "../../accounts/funding";
import type { ServiceContext } from "../../context";
import { cursorOf, openTopicStream, type SnapshotReason, type Streamed, sharedItems, sharedSnapshots } from "@/server/live";
import { NEWS_EVENT_TYPE, newsItemView, type NewsItemView, newsTopic } from "./news-views";

/** The newest items a stream starts with: a page's worth, the rest is news.list's. */
export const SNAPSHOT_NEWS_ITEMS = 20;

export type NewsStreamItem =
  | { kind: "snapshot"; reason: SnapshotReason; seq: string; asset: string; items: NewsItemView[] }
  | { kind: "item"; seq: string; item: NewsItemView };

/**
 * Payloads are our own outbox shape (newsItemView); the label is read again from the score, so
 * an event written before items carried labels streams like a new one.
 */
const newsItemOf = (payload: unknown): NewsItemView => {
  const item = payload as NewsItemView;
  return { ...item, label: labelOf(item.score) };
};

// One item per event for every stream of the asset on this instance: encoded once.
const toNewsItem = sharedItems<NewsStreamItem>((event) =>
  event.type === NEWS_EVENT_TYPE ? { kind: "item", seq: event.seq.toString(), item: newsItemOf(event.payload) } : null,
);
// An asset page opened by many at once (a story breaks) costs one snapshot read.
const newsSnapshots = sharedSnapshots<Streamed<NewsStreamItem>>();

/**
 * An asset's news as it arrives, on topic news:<ASSET>: a snapshot of the newest items stamped
 * with the topic's seq (unless the client resumes with lastEventId), then one item per stored
 * story, whatever stored it (the poller, an admin, an import), each tracked by its seq.
 */
export async function streamNewsItems(
  ctx: ServiceContext,
  request: { asset: string; lastEventId?: string | null; signal?: AbortSignal },
): Promise<AsyncGenerator<Streamed<NewsStreamItem>>> {
  const { asset } = request;
  await assetScale(ctx.db, asset);
  const topic = newsTopic(asset);
  return openTopicStream<NewsStreamItem>(ctx, {
    topic,
    cursor: cursorOf(request.lastEventId),
    signal: request.signal,
    snapshot: (reason) =>
      newsSnapshots(ctx.db, `${asset} ${reason}`, () =>
        ctx.db.transaction(async (tx) => {
          const seq = await topicHeadSeq(tx, topic);
          const rows = await listNewsItems(tx, { asset, limit: SNAPSHOT_NEWS_ITEMS });
          const items = rows.map(newsItemView);
          return { seq, item: { kind: "snapshot", reason, seq: seq.toString(), asset, items } };
        }, CONSISTENT_READ),
      ),
    toItem: toNewsItem,
  });
}

"use client";

import { LoadMore } from "../orders/load-more";
import { LiveBadge } from "../trade/live-badge";
import { Panel, PanelMessage } from "../ui/panel";
import { SkeletonRows } from "../ui/skeleton";
import { NewsItemRow } from "./news-item-row";
import type { useNewsFeed } from "./use-news-feed";

/** The asset's stories, newest first, live at the top, older ones a button away. */
export function NewsFeed({ asset, feed }: { asset: string; feed: ReturnType<typeof useNewsFeed> }) {
  return (
    <Panel title="News" actions={<LiveBadge isLive={feed.isLive} />} className="min-h-80" bodyClassName="overflow-y-auto">
      <div data-testid="news-feed" data-live={feed.isLive ? "true" : "false"}>
        {feed.isPending ? (
          <SkeletonRows count={6} rowClassName="h-12" />
        ) : feed.items.length === 0 ? (
          feed.error ? (
            <PanelMessage tone="error">The news could not be loaded: {feed.error.message}</PanelMessage>
          ) : (
            <div data-testid="news-empty">
              <PanelMessage>No news for {asset} yet. Stories appear here as they are published.</PanelMessage>
            </div>
          )
        ) : (
          <>
            <ul className="divide-y divide-line" data-testid="news-list">
              {feed.items.map((item) => (
                <NewsItemRow key={item.id} item={item} isFresh={feed.freshIds.has(item.id)} />
              ))}
            </ul>
            <div data-testid="news-older">
              <LoadMore query={feed.pages} />
            </div>
          </>
        )}
      </div>
    </Panel>
  );
}

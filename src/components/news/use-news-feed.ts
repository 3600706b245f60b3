"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useMemo, useState } from "react";
import { useTRPC, useTRPCClient } from "@/trpc/react";
import type { RouterOutputs } from "@/trpc/types";
import { useThrottledInvalidate } from "../session/use-throttled-invalidate";
import { mergeNewsItems } from "./merge-news";

export type NewsItem = RouterOutputs["news"]["list"]["items"][number];

const PAGE_SIZE = 20;

interface LiveNews {
  items: NewsItem[];
  /** Ids that arrived through the stream after it started: shown highlighted. */
  freshIds: ReadonlySet<string>;
}

/**
 * An asset's feed: pages from news.list ("older" fetches the next), and news.onItems on top, so
 * stories stored while the page is open appear without a reload. The stream's snapshot (its
 * newest items) replaces what the stream brought before, as a reset must; the pages stay. On a
 * reconnect tRPC resumes from the last id it saw, so nothing is missed or doubled. Each story
 * also moves the sentiment line: its query is refetched (throttled).
 */
export function useNewsFeed(asset: string) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const invalidate = useThrottledInvalidate();
  const input = { asset, limit: PAGE_SIZE };
  // A hand-written query function: tRPC's infiniteQueryOptions would add a `direction` key that
  // the strict input refuses (as in components/orders/use-pages.ts).
  const pages = useInfiniteQuery({
    queryKey: trpc.news.list.infiniteQueryKey(input),
    queryFn: ({ pageParam }) => client.news.list.query({ ...input, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const [live, setLive] = useState<LiveNews>({ items: [], freshIds: new Set() });
  const subscription = useSubscription(
    trpc.news.onItems.subscriptionOptions(
      { asset },
      {
        onData: ({ data }) => {
          if (data.kind === "snapshot") {
            setLive((previous) => ({ items: data.items, freshIds: previous.freshIds }));
            return;
          }
          setLive((previous) => ({
            items: [data.item, ...previous.items],
            freshIds: new Set([...previous.freshIds, data.item.id]),
          }));
          invalidate([trpc.news.sentiment.queryKey({ asset })]);
        },
      },
    ),
  );
  const items = useMemo(
    () => mergeNewsItems(live.items, ...(pages.data?.pages.map((page) => page.items) ?? [])),
    [live.items, pages.data],
  );
  return {
    items,
    freshIds: live.freshIds,
    pages,
    // "pending" is tRPC's word for a subscription that is connected and receiving.
    isLive: subscription.status === "pending",
    isPending: pages.isPending && live.items.length === 0,
    error: pages.error ?? subscription.error,
  };
}

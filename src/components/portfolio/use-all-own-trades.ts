"use client";

import { useEffect, useMemo } from "react";
import { useOwnTradePages } from "../orders/use-pages";

const PAGE = 500;
/** Cost basis needs the whole history; past this many trades the page says it is partial. */
const MAX_PAGES = 20;

/** Every own trade (up to MAX_PAGES pages), for average-cost accounting. */
export function useAllOwnTrades(isEnabled: boolean) {
  const pages = useOwnTradePages({ limit: PAGE }, isEnabled);
  const loaded = pages.data?.pages.length ?? 0;
  useEffect(() => {
    if (pages.hasNextPage && !pages.isFetchingNextPage && loaded < MAX_PAGES) void pages.fetchNextPage();
  }, [pages.hasNextPage, pages.isFetchingNextPage, loaded, pages.fetchNextPage]);
  const trades = useMemo(() => pages.data?.pages.flatMap((p) => p.items) ?? [], [pages.data]);
  const isComplete = !pages.hasNextPage;
  return { trades, isPending: pages.isPending || (pages.hasNextPage && loaded < MAX_PAGES), isComplete, error: pages.error };
}

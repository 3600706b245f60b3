"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useTRPC } from "@/trpc/react";
import type { Market } from "@/trpc/types";
import { useThrottledInvalidate } from "../session/use-throttled-invalidate";

/** Trades kept for the tape; the stream's snapshot sends 50. */
export const TAPE_LENGTH = 50;

/**
 * Keeps the market's recent trades live from market.onTrades, newest first, and on every trade
 * refreshes what trades change: candles (the server invalidates its cache on each commit) and the
 * 24h ticker. Mounted once per trading page; readers use useTrades below.
 */
export function useTradeStream(market: Market) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invalidate = useThrottledInvalidate();
  const key = trpc.market.trades.queryKey({ market: market.symbol, limit: TAPE_LENGTH });
  const subscription = useSubscription(
    trpc.market.onTrades.subscriptionOptions(
      { market: market.symbol },
      {
        onData: ({ data: item }) => {
          if (item.kind === "snapshot") {
            queryClient.setQueryData(key, item.trades.slice(0, TAPE_LENGTH));
          } else {
            queryClient.setQueryData(key, (old = []) =>
              old.some((t) => t.id === item.trade.id) ? old : [item.trade, ...old].slice(0, TAPE_LENGTH),
            );
          }
          invalidate([
            trpc.market.candles.queryKey({ market: market.symbol }),
            trpc.market.ticker.queryKey({ symbol: market.symbol }),
          ]);
        },
      },
    ),
  );
  return subscription.status;
}

/** The market's latest trades, newest first. */
export function useTrades(symbol: string) {
  const trpc = useTRPC();
  return useQuery(
    trpc.market.trades.queryOptions({ market: symbol, limit: TAPE_LENGTH }, { staleTime: Number.POSITIVE_INFINITY }),
  );
}

"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useMemo, useRef } from "react";
import { applyLevels, toUnits } from "@/order-maths/book";
import { useTRPC } from "@/trpc/react";
import type { Market } from "@/trpc/types";

const DEPTH = 100;

/**
 * Keeps the book query of `market` live from market.onBook: a snapshot stamped with its seq, then
 * diffs applied only when their prevSeq is the seq held. A gap (or a book fetched over HTTP that
 * is older than the stream) re-subscribes, which starts again from a fresh snapshot. Mounted once
 * per trading page; every reader uses useBook below.
 */
export function useBookStream(market: Market) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const input = { market: market.symbol, depth: DEPTH };
  const key = trpc.market.orderBook.queryKey(input);
  const resetRef = useRef<() => void>(() => undefined);
  const subscription = useSubscription(
    trpc.market.onBook.subscriptionOptions(input, {
      onData: ({ data: item }) => {
        if (item.kind === "snapshot") {
          queryClient.setQueryData(key, { market: item.market, seq: item.seq, bids: item.bids, asks: item.asks });
          return;
        }
        const held = queryClient.getQueryData(key);
        if (!held || held.seq !== item.prevSeq) {
          resetRef.current();
          return;
        }
        queryClient.setQueryData(key, {
          ...held,
          seq: item.seq,
          bids: applyLevels(held.bids, item.bids, "bids"),
          asks: applyLevels(held.asks, item.asks, "asks"),
        });
      },
    }),
  );
  resetRef.current = subscription.reset;
  return subscription.status;
}

/** The book as minor-unit levels, best first; the ladder and the order form share this one copy. */
export function useBook(market: Market) {
  const trpc = useTRPC();
  // The stream keeps this fresh, so it is never refetched on its own.
  const book = useQuery(
    trpc.market.orderBook.queryOptions({ market: market.symbol, depth: DEPTH }, { staleTime: Number.POSITIVE_INFINITY }),
  );
  const levels = useMemo(() => {
    if (!book.data) return null;
    return {
      bids: toUnits(book.data.bids, market.quoteScale, market.baseScale),
      asks: toUnits(book.data.asks, market.quoteScale, market.baseScale),
    };
  }, [book.data, market.quoteScale, market.baseScale]);
  return { levels, isPending: book.isPending, error: book.error };
}

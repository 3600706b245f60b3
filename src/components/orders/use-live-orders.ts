"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import { useViewer } from "../session/use-viewer";

const REFRESH_MS = 2_000;

/**
 * The viewer's open orders (one market or all), kept fresh: placing, cancelling and fills also
 * invalidate this query, and the refresh covers fills caused by other people's orders. The only
 * place that knows how open orders stay live.
 */
export function useLiveOpenOrders(market: string | undefined) {
  const trpc = useTRPC();
  const { status } = useViewer();
  const orders = useQuery(
    trpc.order.list.queryOptions(
      { market, status: "open", limit: 200 },
      { enabled: status === "signedIn", refetchInterval: REFRESH_MS },
    ),
  );
  return { status, orders };
}

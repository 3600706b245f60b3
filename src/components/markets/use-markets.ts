"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";

/** The ticker in market.list is cached server-side and invalidated by every trade. */
const REFRESH_MS = 3_000;

/**
 * Every market with its 24h ticker, refreshed every few seconds. Polled rather than streamed:
 * one stream per market would exhaust the browser's six connections per host on HTTP/1.1.
 */
export function useMarkets() {
  const trpc = useTRPC();
  return useQuery(trpc.market.list.queryOptions(undefined, { refetchInterval: REFRESH_MS }));
}

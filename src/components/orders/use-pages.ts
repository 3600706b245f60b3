"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useTRPC, useTRPCClient } from "@/trpc/react";

/*
 * Paged lists with a hand-written query function. tRPC's infiniteQueryOptions adds a `direction`
 * key to the input, which the server's strict input schemas refuse; this sends exactly
 * { ...input, cursor }. The keys are tRPC's own, so invalidating by path still reaches them.
 */

interface PageInput {
  market?: string;
  limit: number;
}

const pageParams = {
  initialPageParam: null as string | null,
  getNextPageParam: (page: { nextCursor: string | null }) => page.nextCursor,
};

export function useOwnTradePages(input: PageInput, isEnabled: boolean) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  return useInfiniteQuery({
    queryKey: trpc.account.trades.infiniteQueryKey(input),
    queryFn: ({ pageParam }) => client.account.trades.query({ ...input, cursor: pageParam ?? undefined }),
    enabled: isEnabled,
    ...pageParams,
  });
}

export function useOrderHistoryPages(input: PageInput, isEnabled: boolean) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const full = { ...input, status: "history" as const };
  return useInfiniteQuery({
    queryKey: trpc.order.list.infiniteQueryKey(full),
    queryFn: ({ pageParam }) => client.order.list.query({ ...full, cursor: pageParam ?? undefined }),
    enabled: isEnabled,
    ...pageParams,
  });
}

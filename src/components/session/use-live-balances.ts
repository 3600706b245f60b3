"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useMemo } from "react";
import { useTRPC } from "@/trpc/react";
import type { Balance } from "@/trpc/types";
import { useViewer } from "./use-viewer";

/** Only a backstop: the account stream invalidates balances on every order event. */
const BACKSTOP_MS = 15_000;

/** The viewer's balances by asset, refreshed by the account stream (see account-stream.tsx). */
export function useLiveBalances() {
  const trpc = useTRPC();
  const { status } = useViewer();
  const balances = useQuery(
    trpc.account.balances.queryOptions(undefined, { enabled: status === "signedIn", refetchInterval: BACKSTOP_MS, retry: false }),
  );
  const byAsset = useMemo(() => new Map<string, Balance>((balances.data ?? []).map((b) => [b.asset, b])), [balances.data]);
  return { status, balances, byAsset };
}

/**
 * Streams balances into the balances query (account.onBalances): a snapshot, then each change,
 * deposits included. Mounted by pages about balances only, to spare connections elsewhere.
 */
export function useBalancesStream() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { status } = useViewer();
  const key = trpc.account.balances.queryKey();
  useSubscription(
    trpc.account.onBalances.subscriptionOptions(undefined, {
      enabled: status === "signedIn",
      onData: ({ data: item }) => {
        if (item.kind === "snapshot") {
          queryClient.setQueryData(key, item.balances);
          return;
        }
        queryClient.setQueryData(key, (old) => (old ? old.map((b) => (b.asset === item.balance.asset ? item.balance : b)) : old));
      },
    }),
  );
}

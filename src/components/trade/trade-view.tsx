"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/trpc/react";
import { PanelMessage } from "../ui/panel";
import { Skeleton } from "../ui/skeleton";
import { TradeLayout } from "./trade-layout";

const SYMBOL = /^[A-Z0-9]{2,12}-[A-Z0-9]{2,12}$/;

function NotFound({ symbol }: { symbol: string }) {
  return (
    <div className="mx-auto mt-16 max-w-md rounded-md border border-line bg-panel">
      <PanelMessage>
        <p className="mb-3">There is no market “{symbol}”.</p>
        <Link href="/" className="inline-flex h-11 items-center rounded-md bg-accent px-4 font-medium text-white md:h-9">
          See all markets
        </Link>
      </PanelMessage>
    </div>
  );
}

/** Loads the market's rules, then the trading layout; keyed by symbol so a switch starts clean. */
export function TradeView({ symbol }: { symbol: string }) {
  const trpc = useTRPC();
  const isValid = SYMBOL.test(symbol);
  const market = useQuery(trpc.market.bySymbol.queryOptions({ symbol }, { enabled: isValid, staleTime: 60_000 }));
  if (!isValid) return <NotFound symbol={symbol} />;
  if (market.isPending) {
    return (
      <div className="flex flex-col gap-1.5 p-1.5" aria-busy="true">
        <Skeleton className="h-14" />
        <Skeleton className="h-[70dvh]" />
      </div>
    );
  }
  if (market.isError) {
    if (market.error.data?.code === "NOT_FOUND") return <NotFound symbol={symbol} />;
    return <PanelMessage tone="error">The market could not be loaded: {market.error.message}</PanelMessage>;
  }
  return <TradeLayout key={market.data.symbol} market={market.data} />;
}

"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/trpc/react";
import type { Market } from "@/trpc/types";
import { ChangeText } from "../markets/change-text";
import { Amount } from "../ui/amount";
import { Skeleton } from "../ui/skeleton";
import { LiveBadge } from "./live-badge";
import { useTrades } from "./use-live-trades";

function Stat({ label, children, className = "" }: { label: string; children: React.ReactNode; className?: string }) {
  return (
    <div className={`flex shrink-0 flex-col justify-center ${className}`}>
      <span className="text-[11px] text-muted">{label}</span>
      <span className="h-4 text-xs font-medium">{children}</span>
    </div>
  );
}

/** Market switcher and the 24h ticker: last price, change, high, low, volume. */
export function MarketHeader({ market, isLive }: { market: Market; isLive: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const markets = useQuery(trpc.market.list.queryOptions());
  // Refetched by the trade stream after every trade (use-live-trades.ts).
  const ticker = useQuery(
    trpc.market.ticker.queryOptions({ symbol: market.symbol }, { staleTime: 30_000, refetchInterval: 60_000 }),
  );
  const stats = ticker.data;
  // The newest trade is the freshest last price; the ticker catches up a moment later.
  const trades = useTrades(market.symbol);
  const last = trades.data?.[0]?.price ?? stats?.last;
  const isPending = ticker.isPending;
  const value = (text: string | null | undefined) =>
    isPending ? <Skeleton className="h-4 w-16" /> : text ? <Amount value={text} /> : <span className="text-muted">—</span>;
  return (
    <div
      className="flex h-14 items-center gap-5 overflow-x-auto rounded-md border border-line bg-panel px-3"
      data-testid="market-header"
    >
      <label className="shrink-0">
        <span className="sr-only">Market</span>
        <select
          value={market.symbol}
          onChange={(e) => router.push(`/trade/${e.target.value}`)}
          className="h-11 rounded-md bg-transparent pr-1 text-base font-semibold md:h-9"
          data-testid="market-select"
        >
          {(markets.data ?? [market]).map((m) => (
            <option key={m.symbol} value={m.symbol}>
              {m.baseAsset}/{m.quoteAsset}
            </option>
          ))}
        </select>
      </label>
      <Link
        href={`/assets/${market.baseAsset}`}
        className="inline-flex h-11 shrink-0 items-center text-xs font-medium text-accent hover:underline md:h-auto"
        data-testid="market-news-link"
      >
        News
      </Link>
      <div className="flex shrink-0 flex-col justify-center">
        <span className="h-5 text-base font-semibold" data-testid="last-price">
          {value(last)}
        </span>
        <span className="text-[11px] text-muted">Last price ({market.quoteAsset})</span>
      </div>
      <Stat label="24h change">
        {isPending ? <Skeleton className="h-4 w-12" /> : <ChangeText percent={stats?.changePercent} />}
      </Stat>
      <Stat label="24h high" className="hidden sm:flex">
        {value(stats?.high)}
      </Stat>
      <Stat label="24h low" className="hidden sm:flex">
        {value(stats?.low)}
      </Stat>
      <Stat label={`24h volume (${market.baseAsset})`} className="hidden md:flex">
        {value(stats?.baseVolume)}
      </Stat>
      <Stat label={`24h volume (${market.quoteAsset})`} className="hidden lg:flex">
        {value(stats?.quoteVolume)}
      </Stat>
      {market.status === "HALTED" && <span className="rounded bg-sell/15 px-2 py-1 text-xs font-medium text-sell">Halted</span>}
      <LiveBadge isLive={isLive} />
    </div>
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo, useState } from "react";
import { type CandleInterval, intervalMs } from "@/domain/candles";
import { MAX_SENTIMENT_RANGE_MS } from "@/domain/news/facts";
import { useTRPC } from "@/trpc/react";
import type { Market } from "@/trpc/types";
import { useCandles } from "../trade/use-candles";
import { PanelMessage } from "../ui/panel";
import { Skeleton } from "../ui/skeleton";
import { sentimentAtBars } from "./sentiment-line";
import { SentimentPriceChart } from "./sentiment-price-chart";

const INTERVALS: readonly CandleInterval[] = ["15m", "1h", "4h", "1d"];
/** Points asked of the series: more than the 500 bars drawn, so each bar reads its own value. */
const SENTIMENT_POINTS = 1_000;
/** A day's margin inside the server's limit, so "now" moving on never pushes the range past it. */
const RANGE_MS = MAX_SENTIMENT_RANGE_MS - 24 * 3_600_000;

/** The price of the asset's market with the rolling news sentiment over it, on its own scale. */
export function AssetChart({ asset, market }: { asset: string; market: Market | null }) {
  return (
    <section
      className="flex h-[55dvh] min-h-80 flex-col rounded-md border border-line bg-panel lg:h-full"
      aria-label="Price and sentiment"
      data-testid="asset-chart"
    >
      {market ? (
        <MarketChart asset={asset} market={market} />
      ) : (
        <div data-testid="asset-chart-empty" className="h-full">
          <PanelMessage>No market trades {asset} yet, so there is no price to draw the sentiment over.</PanelMessage>
        </div>
      )}
    </section>
  );
}

function MarketChart({ asset, market }: { asset: string; market: Market }) {
  const trpc = useTRPC();
  const [interval, setChosen] = useState<CandleInterval>("1h");
  const candles = useCandles(market.symbol, interval);
  const firstBarMs = candles.data?.[0] === undefined ? null : candles.data[0].time * 1000;
  const fromMs = useMemo(() => (firstBarMs === null ? null : Math.max(firstBarMs, Date.now() - RANGE_MS)), [firstBarMs]);
  // No end: the server reads up to now, so a refetch after a live story includes it.
  const series = useQuery(
    trpc.news.sentiment.queryOptions(
      { asset, fromMs: fromMs ?? 0, maxPoints: SENTIMENT_POINTS },
      { enabled: fromMs !== null, staleTime: 60_000 },
    ),
  );
  const line = useMemo(
    () =>
      sentimentAtBars(
        series.data?.points ?? [],
        (candles.data ?? []).map((c) => c.time),
        { intervalMs: intervalMs(interval), nowMs: Date.now() },
      ),
    [series.data, candles.data, interval],
  );
  const hasBars = (candles.data?.length ?? 0) > 0;

  return (
    <>
      <div className="flex h-10 shrink-0 items-center gap-1 border-b border-line px-2">
        <Link
          href={`/trade/${market.symbol}`}
          className="mr-2 text-[13px] font-semibold hover:text-accent"
          data-testid="asset-market-link"
        >
          {market.baseAsset}/{market.quoteAsset}
        </Link>
        <div role="toolbar" aria-label="Candle interval" className="flex gap-1">
          {INTERVALS.map((value) => (
            <button
              key={value}
              type="button"
              onClick={() => setChosen(value)}
              aria-pressed={interval === value}
              className={`inline-flex h-11 min-w-11 items-center justify-center rounded px-2 text-xs font-medium md:h-7 md:min-w-9 ${
                interval === value ? "bg-panel-2 text-fg" : "text-muted hover:text-fg"
              }`}
              data-testid={`asset-interval-${value}`}
            >
              {value}
            </button>
          ))}
        </div>
        <span className="ml-auto flex items-center gap-1.5 text-[11px] text-muted">
          <span className="h-0.5 w-4 rounded bg-accent" aria-hidden />
          Sentiment, left scale (−1 to +1)
        </span>
      </div>
      <div className="relative min-h-0 flex-1">
        {candles.error ? (
          <PanelMessage tone="error">The chart could not be loaded. {candles.error.message}</PanelMessage>
        ) : (
          <>
            <SentimentPriceChart
              candles={candles.data ?? []}
              sentiment={line}
              priceTick={market.priceTick}
              resetKey={`${market.symbol}/${interval}`}
            />
            {!candles.isPending && !hasBars && (
              <div className="absolute inset-0 z-10 bg-panel" data-testid="asset-chart-no-trades">
                <PanelMessage>No trades on {market.symbol} in this view yet.</PanelMessage>
              </div>
            )}
            {candles.isPending && <Skeleton className="absolute inset-2" />}
          </>
        )}
      </div>
    </>
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import type { UTCTimestamp } from "lightweight-charts";
import { useMemo } from "react";
import type { CandleInterval } from "@/domain/candles";
import { useTRPC } from "@/trpc/react";
import type { PlotCandle } from "./candle-chart";
import { appendLiveBars, plotBar } from "./live-bars";
import { useLiveHistory } from "./use-live-history";

const LIMIT = 500;

/** Where imported history ends and the market's own trades begin, for the chart to say so. */
export interface HistoryBoundary {
  /** The first bar built from the market's own trades (null: the market has none in view). */
  firstOwnTime: UTCTimestamp | null;
  /** The imported bars' sources, e.g. "binance:BTCUSDT". */
  sources: string[];
}

/**
 * Candles of one market and interval ready to plot: the market's own (market.candles) and, before
 * the first of them, history imported from another venue (market.history). The trade stream
 * (use-live-trades.ts) invalidates the own candles on every trade, and the server recomputes the
 * current candle on each commit, so the last bar moves with every fill; imported history does not
 * change under a reader, so it is fetched once per market and interval. When a kline stream feeds
 * the market (use-live-history.ts), its newest stored candles, those closed since and the forming
 * one are drawn grey after everything else, wherever the market has no candle of its own.
 */
export function useCandles(symbol: string, interval: CandleInterval) {
  const trpc = useTRPC();
  const own = useQuery(trpc.market.candles.queryOptions({ market: symbol, interval, limit: LIMIT }, { staleTime: 60_000 }));
  const firstOwnMs = own.data?.[0]?.openTime;
  const imported = useQuery(
    trpc.market.history.queryOptions(
      { market: symbol, interval, limit: LIMIT, endTime: firstOwnMs === undefined ? undefined : firstOwnMs - 1 },
      { enabled: own.isSuccess, staleTime: 10 * 60_000 },
    ),
  );
  const live = useLiveHistory(symbol, interval);
  // The newest stored candles, for a stream that wrote after the market's own last candle.
  const recent = useQuery(
    trpc.market.history.queryOptions(
      { market: symbol, interval, limit: LIMIT },
      { enabled: live.isActive, staleTime: 10 * 60_000 },
    ),
  );
  const data = useMemo((): PlotCandle[] | undefined => {
    if (!own.data) return undefined;
    const ownBars = own.data.map((c) => plotBar(c, false));
    const before = (imported.data ?? []).filter((c) => firstOwnMs === undefined || c.openTime < firstOwnMs);
    const drawn = [...before.map((c) => plotBar(c, true)), ...ownBars];
    if (!live.isActive) return drawn;
    return appendLiveBars(drawn, [...(recent.data ?? []).map((c) => plotBar(c, true)), ...live.bars]);
  }, [own.data, imported.data, firstOwnMs, live.isActive, live.bars, recent.data]);
  const boundary = useMemo(
    (): HistoryBoundary => ({
      firstOwnTime: firstOwnMs === undefined ? null : (Math.floor(firstOwnMs / 1000) as UTCTimestamp),
      sources: [...new Set([...(imported.data ?? []), ...(recent.data ?? [])].map((c) => c.source))],
    }),
    [imported.data, recent.data, firstOwnMs],
  );
  return { data, boundary, live, isPending: own.isPending, error: own.error ?? imported.error };
}

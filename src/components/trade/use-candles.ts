"use client";

import { useQuery } from "@tanstack/react-query";
import type { UTCTimestamp } from "lightweight-charts";
import { useMemo } from "react";
import type { CandleInterval } from "@/domain/candles";
import { toPlotNumber } from "@/order-maths/decimal";
import { useTRPC } from "@/trpc/react";
import type { PlotCandle } from "./candle-chart";

const LIMIT = 500;

/** Where imported history ends and the market's own trades begin, for the chart to say so. */
export interface HistoryBoundary {
  /** The first bar built from the market's own trades (null: the market has none in view). */
  firstOwnTime: UTCTimestamp | null;
  /** The imported bars' sources, e.g. "binance:BTCUSDT". */
  sources: string[];
}

interface CandleFields {
  openTime: number;
  open: string;
  high: string;
  low: string;
  close: string;
  baseVolume: string;
}

const plot = (c: CandleFields, isImported: boolean): PlotCandle => ({
  time: Math.floor(c.openTime / 1000) as UTCTimestamp,
  open: toPlotNumber(c.open),
  high: toPlotNumber(c.high),
  low: toPlotNumber(c.low),
  close: toPlotNumber(c.close),
  volume: toPlotNumber(c.baseVolume),
  isImported,
});

/**
 * Candles of one market and interval ready to plot: the market's own (market.candles) and, before
 * the first of them, history imported from another venue (market.history). The trade stream
 * (use-live-trades.ts) invalidates the own candles on every trade, and the server recomputes the
 * current candle on each commit, so the last bar moves with every fill; imported history does not
 * change under a reader, so it is fetched once per market and interval.
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
  const data = useMemo((): PlotCandle[] | undefined => {
    if (!own.data) return undefined;
    const ownBars = own.data.map((c) => plot(c, false));
    const before = (imported.data ?? []).filter((c) => firstOwnMs === undefined || c.openTime < firstOwnMs);
    return [...before.map((c) => plot(c, true)), ...ownBars];
  }, [own.data, imported.data, firstOwnMs]);
  const boundary = useMemo(
    (): HistoryBoundary => ({
      firstOwnTime: firstOwnMs === undefined ? null : (Math.floor(firstOwnMs / 1000) as UTCTimestamp),
      sources: [...new Set((imported.data ?? []).map((c) => c.source))],
    }),
    [imported.data, firstOwnMs],
  );
  return { data, boundary, isPending: own.isPending, error: own.error ?? imported.error };
}

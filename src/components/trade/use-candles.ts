"use client";

import { useQuery } from "@tanstack/react-query";
import type { UTCTimestamp } from "lightweight-charts";
import { useMemo } from "react";
import { toPlotNumber } from "@/order-maths/decimal";
import type { CandleInterval } from "@/domain/candles";
import { useTRPC } from "@/trpc/react";
import type { PlotCandle } from "./candle-chart";

const LIMIT = 500;

/**
 * Candles of one market and interval from market.candles, ready to plot. The trade stream
 * (use-live-trades.ts) invalidates this query on every trade, and the server recomputes the
 * current candle on each commit, so the last bar moves with every fill.
 */
export function useCandles(symbol: string, interval: CandleInterval) {
  const trpc = useTRPC();
  const candles = useQuery(trpc.market.candles.queryOptions({ market: symbol, interval, limit: LIMIT }, { staleTime: 60_000 }));
  const data = useMemo(
    (): PlotCandle[] | undefined =>
      candles.data?.map((c) => ({
        time: Math.floor(c.openTime / 1000) as UTCTimestamp,
        open: toPlotNumber(c.open),
        high: toPlotNumber(c.high),
        low: toPlotNumber(c.low),
        close: toPlotNumber(c.close),
        volume: toPlotNumber(c.baseVolume),
      })),
    [candles.data],
  );
  return { data, isPending: candles.isPending, error: candles.error };
}

"use client";

import { useQuery } from "@tanstack/react-query";
import { useTheme } from "next-themes";
import { useMemo } from "react";
import { CandleChart, type PlotCandle } from "@/components/trade/candle-chart";
import { plotBar } from "@/components/trade/live-bars";
import type { CandleInterval } from "@/domain/candles";
import { useTRPC } from "@/trpc/react";
import type { RoundTripRow, TradeFill } from "./trade-list";
import { tradeMarks } from "./trade-marks";

/** The most candles one read serves: a longer run shows its last ones. */
const MAX_SHOWN = 1_000;

interface Run {
  market: string;
  interval: CandleInterval;
  source: "trades" | "imported";
  firstCandle: number | null;
  lastCandle: number | null;
  candleCount: number;
  priceTick: string;
  trades: readonly RoundTripRow[];
  openTrade: TradeFill | null;
}

function cssColor(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/** The run's candles (the same source it read), with its entries and exits marked. */
export function PriceWithTrades({ run }: { run: Run }) {
  const trpc = useTRPC();
  const { resolvedTheme } = useTheme();
  const input = { market: run.market, interval: run.interval, endTime: run.lastCandle ?? undefined, limit: MAX_SHOWN };
  const isReady = run.lastCandle !== null;
  const own = useQuery(trpc.market.candles.queryOptions(input, { enabled: isReady && run.source === "trades" }));
  const imported = useQuery(trpc.market.history.queryOptions(input, { enabled: isReady && run.source === "imported" }));
  const rows = run.source === "trades" ? own.data : imported.data;
  const data = useMemo(
    (): PlotCandle[] =>
      (rows ?? [])
        .filter((c) => run.firstCandle === null || c.openTime >= run.firstCandle)
        .map((c) => plotBar(c, run.source === "imported")),
    [rows, run.firstCandle, run.source],
  );
  const markers = useMemo(
    () => (resolvedTheme ? tradeMarks(run.trades, run.openTrade, { buy: cssColor("--buy"), sell: cssColor("--sell") }) : []),
    [run.trades, run.openTrade, resolvedTheme],
  );
  return (
    <div className="flex flex-col gap-1">
      <div className="h-72 sm:h-96" data-testid="backtest-price-chart">
        <CandleChart
          data={data}
          priceTick={run.priceTick}
          resetKey={`${run.market}/${run.interval}/${run.firstCandle}/${run.lastCandle}`}
          markers={markers}
        />
      </div>
      {run.candleCount > MAX_SHOWN && (
        <p className="text-xs text-muted">
          The last {MAX_SHOWN.toLocaleString("en-US")} of {run.candleCount.toLocaleString("en-US")} candles are drawn.
        </p>
      )}
    </div>
  );
}

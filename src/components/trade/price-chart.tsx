"use client";

import { useState } from "react";
import { CANDLE_INTERVALS, type CandleInterval } from "@/domain/candles";
import type { Market } from "@/trpc/types";
import { PanelMessage } from "../ui/panel";
import { Skeleton } from "../ui/skeleton";
import { CandleChart } from "./candle-chart";
import { useCandles } from "./use-candles";

/** The candle chart with its interval buttons. */
export function PriceChart({ market }: { market: Market }) {
  const [interval, setChosen] = useState<CandleInterval>("1h");
  const candles = useCandles(market.symbol, interval);
  return (
    <section className="flex h-full min-h-0 flex-col rounded-md border border-line bg-panel" aria-label="Price chart">
      <div
        className="flex h-10 shrink-0 items-center gap-1 border-b border-line px-2"
        role="toolbar"
        aria-label="Candle interval"
      >
        {CANDLE_INTERVALS.map((value) => (
          <button
            key={value}
            type="button"
            onClick={() => setChosen(value)}
            aria-pressed={interval === value}
            className={`inline-flex h-11 min-w-11 items-center justify-center rounded px-2 text-xs font-medium md:h-7 md:min-w-9 ${
              interval === value ? "bg-panel-2 text-fg" : "text-muted hover:text-fg"
            }`}
            data-testid={`interval-${value}`}
          >
            {value}
          </button>
        ))}
      </div>
      <div className="relative min-h-0 flex-1">
        {candles.error ? (
          <PanelMessage tone="error">The chart could not be loaded. {candles.error.message}</PanelMessage>
        ) : (
          <>
            <CandleChart
              data={candles.data ?? []}
              priceTick={market.priceTick}
              resetKey={`${market.symbol}/${interval}`}
              firstOwnTime={candles.boundary.firstOwnTime}
            />
            <div className="pointer-events-none absolute left-2 top-2 z-10 flex flex-col items-start gap-1 text-[11px] text-muted">
              {candles.boundary.sources.length > 0 && (
                <p className="rounded bg-panel/80 px-1.5 py-0.5" data-testid="imported-history">
                  Grey bars: history imported from {candles.boundary.sources.join(", ")}
                </p>
              )}
              {candles.live.forming && (
                <p
                  className="rounded bg-panel/80 px-1.5 py-0.5"
                  data-testid="live-history"
                  data-forming-time={candles.live.forming.openTime}
                  data-forming-close={candles.live.forming.close}
                >
                  Live from {candles.live.source}: the last grey bar is still forming
                </p>
              )}
            </div>
            {candles.isPending && <Skeleton className="absolute inset-2" />}
          </>
        )}
      </div>
    </section>
  );
}

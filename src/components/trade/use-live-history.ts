"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useMemo, useState } from "react";
import type { CandleInterval } from "@/domain/candles";
import { useTRPC } from "@/trpc/react";
import type { PlotCandle } from "./candle-chart";
import { plotBar } from "./live-bars";

/** Closed candles kept from the stream; the chart shows 500 bars. */
const MAX_LIVE_BARS = 500;

interface LiveCandle {
  openTime: number;
  open: string;
  high: string;
  low: string;
  close: string;
  baseVolume: string;
  source: string;
  isClosed: boolean;
}

const NONE: LiveCandle[] = [];

interface LiveState {
  key: string;
  closed: LiveCandle[];
  forming: LiveCandle | null;
}

/**
 * The live imported history of a market and interval (market.onHistory): the forming candle and
 * the candles that closed since the page subscribed, when a kline stream feeds this market (see
 * docs/research.md, "Live klines"). A snapshot or a filled gap makes the stored history refetch,
 * so what closed while the page was away is drawn too.
 */
export function useLiveHistory(symbol: string, interval: CandleInterval) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const key = `${symbol}/${interval}`;
  const [state, setState] = useState<LiveState>({ key, closed: NONE, forming: null });
  // Another market or interval: nothing of the previous one's stream is shown while the new one starts.
  const current = state.key === key ? state : { key, closed: NONE, forming: null };
  const refetchHistory = () => void queryClient.invalidateQueries({ queryKey: trpc.market.history.queryKey({ market: symbol }) });

  const feeds = useQuery(trpc.market.liveHistory.queryOptions({ market: symbol }, { staleTime: Number.POSITIVE_INFINITY }));
  const isFed = feeds.data?.intervals.includes(interval) === true;

  useSubscription(
    trpc.market.onHistory.subscriptionOptions(
      { market: symbol, interval },
      {
        enabled: isFed,
        onData: ({ data: item }) => {
          if (item.kind === "snapshot") {
            setState({ key, closed: NONE, forming: item.forming });
            refetchHistory();
          } else if (item.kind === "filled") {
            refetchHistory();
          } else {
            const candle = item.candle;
            setState((old) => {
              const base = old.key === key ? old : { key, closed: NONE, forming: null };
              if (!candle.isClosed) return { ...base, forming: candle };
              const closed = [...base.closed.filter((c) => c.openTime !== candle.openTime), candle].slice(-MAX_LIVE_BARS);
              const forming = base.forming && base.forming.openTime > candle.openTime ? base.forming : null;
              return { key, closed, forming };
            });
          }
        },
      },
    ),
  );

  const bars = useMemo(
    (): PlotCandle[] => [...current.closed, ...(current.forming ? [current.forming] : [])].map((c) => plotBar(c, true)),
    [current.closed, current.forming],
  );
  const source = current.forming?.source ?? current.closed.at(-1)?.source ?? null;
  return { bars, forming: current.forming, source, isActive: source !== null };
}

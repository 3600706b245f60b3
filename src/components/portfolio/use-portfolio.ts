"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { type Position, positionsOf } from "@/order-maths/cost-basis";
import { unitsOf } from "@/order-maths/decimal";
import { quoteValue } from "@/domain/money";
import { useTRPC } from "@/trpc/react";
import type { Market } from "@/trpc/types";
import { useMarkets } from "../markets/use-markets";
import { useBalancesStream, useLiveBalances } from "../session/use-live-balances";
import { useAllOwnTrades } from "./use-all-own-trades";

export interface Holding {
  asset: string;
  name: string;
  scale: number;
  available: bigint;
  held: bigint;
  /** The market that values this asset in the valuation currency, if any. */
  market: Market | null;
  lastPrice: bigint | null;
  /** In valuation-currency minor units; null when the asset has no price. */
  value: bigint | null;
  position: Position | null;
}

/**
 * Balances valued at last prices in one valuation currency (the quote most markets use), with
 * average cost and P&L from the viewer's trade history.
 */
export function usePortfolio() {
  const trpc = useTRPC();
  useBalancesStream();
  const { status, balances } = useLiveBalances();
  // Last prices come with the markets' tickers, polled (see use-markets.ts).
  const markets = useMarkets();
  const assets = useQuery(trpc.asset.list.queryOptions());
  const prices = useMemo(
    () =>
      new Map(
        (markets.data ?? []).flatMap((m) => (m.ticker.last ? [[m.symbol, unitsOf(m.ticker.last, m.quoteScale)] as const] : [])),
      ),
    [markets.data],
  );
  const history = useAllOwnTrades(status === "signedIn");

  const result = useMemo(() => {
    if (!balances.data || !markets.data || !assets.data) return null;
    const quotes = markets.data.map((m) => m.quoteAsset);
    const valuation = quotes.includes("USD") ? "USD" : (quotes[0] ?? "USD");
    const valuationScale = assets.data.find((a) => a.symbol === valuation)?.scale ?? 2;
    const bySymbol = new Map(markets.data.map((m) => [m.symbol, m]));
    const positions = positionsOf(history.trades, (symbol) => bySymbol.get(symbol));
    const holdings: Holding[] = balances.data.map((b) => {
      const info = assets.data.find((a) => a.symbol === b.asset);
      const scale = info?.scale ?? 0;
      const available = unitsOf(b.available, scale);
      const held = unitsOf(b.held, scale);
      const market = bySymbol.get(`${b.asset}-${valuation}`) ?? null;
      const lastPrice = market ? (prices.get(market.symbol) ?? null) : null;
      const value =
        b.asset === valuation
          ? available + held
          : lastPrice !== null && market
            ? quoteValue(lastPrice, available + held, market.baseScale)
            : null;
      return {
        asset: b.asset,
        name: info?.name ?? b.asset,
        scale,
        available,
        held,
        market,
        lastPrice,
        value,
        position: market ? (positions.get(market.symbol) ?? null) : null,
      };
    });
    const total = holdings.reduce((sum, h) => sum + (h.value ?? 0n), 0n);
    return { holdings, valuation, valuationScale, total };
  }, [balances.data, markets.data, assets.data, prices, history.trades]);

  const error = balances.error ?? markets.error ?? assets.error ?? history.error;
  return { status, result, error, isHistoryPending: history.isPending, isHistoryComplete: history.isComplete };
}

import { z } from "zod";
import { ORDER_TYPES, SIDES, STP_MODES, TIME_IN_FORCE } from "@/domain/types";
import type { RateLimits } from "../../limits/rate-limits";
import { getCandles } from "../../services/markets/candles";
import {
  getMarket,
  getMarketRules,
  getMarkets,
  getMarketTicker,
  getMarketTrades,
  getOrderBook,
} from "../../services/markets/market-data";
import { candleOutput, marketOutput, marketWithTickerOutput, orderBookOutput, publicTradeOutput, tickerOutput } from "../schemas";
import { createTRPCRouter, publicProcedure } from "../trpc";
import { route } from "./route-meta";
import { depthQuery, exchangeInfoOutput, klinesQuery, serverTimeOutput, symbolPath, tradesQuery } from "./schemas";

/** Public market data over REST: the same services and output schemas as the tRPC market router. */

const tag = "Market data";

function rateLimitsOf(limits: RateLimits | null) {
  if (!limits) return [];
  return [
    { name: "orders" as const, limit: limits.orders.policy.points, intervalSeconds: limits.orders.policy.durationSec },
    { name: "apiReads" as const, limit: limits.apiReads.policy.points, intervalSeconds: limits.apiReads.policy.durationSec },
  ];
}

export const restMarketRouter = createTRPCRouter({
  time: publicProcedure
    .meta(route("GET", "/time", { operationId: "getServerTime", summary: "Server time", tag, access: "public" }))
    .output(serverTimeOutput)
    .query(() => ({ serverTime: Date.now() })),
  exchangeInfo: publicProcedure
    .meta(
      route("GET", "/exchange-info", {
        operationId: "getExchangeInfo",
        summary: "Markets with their rules, the rate limits and the accepted enums",
        tag,
        access: "public",
      }),
    )
    .output(exchangeInfoOutput)
    .query(async ({ ctx }) => ({
      serverTime: Date.now(),
      rateLimits: rateLimitsOf(ctx.limits),
      markets: await getMarketRules(ctx.services),
      enums: { side: [...SIDES], type: [...ORDER_TYPES], timeInForce: [...TIME_IN_FORCE], selfTradePrevention: [...STP_MODES] },
    })),
  markets: publicProcedure
    .meta(
      route("GET", "/markets", {
        operationId: "listMarkets",
        summary: "Every market with its rules and 24h ticker",
        tag,
        access: "public",
      }),
    )
    .output(z.array(marketWithTickerOutput))
    .query(({ ctx }) => getMarkets(ctx.services)),
  market: publicProcedure
    .meta(route("GET", "/markets/{symbol}", { operationId: "getMarket", summary: "One market's rules", tag, access: "public" }))
    .input(symbolPath)
    .output(marketOutput)
    .query(({ ctx, input }) => getMarket(ctx.services, input.symbol)),
  ticker: publicProcedure
    .meta(
      route("GET", "/markets/{symbol}/ticker", { operationId: "getTicker", summary: "24h statistics", tag, access: "public" }),
    )
    .input(symbolPath)
    .output(tickerOutput)
    .query(({ ctx, input }) => getMarketTicker(ctx.services, input.symbol)),
  depth: publicProcedure
    .meta(
      route("GET", "/markets/{symbol}/depth", {
        operationId: "getDepth",
        summary: "Aggregated order book with its sequence number",
        description:
          "`seq` is the last market event this book includes: apply stream diffs with a greater seq, and re-fetch on any gap.",
        tag,
        access: "public",
      }),
    )
    .input(depthQuery)
    .output(orderBookOutput)
    .query(({ ctx, input }) => getOrderBook(ctx.services, input.symbol, input.limit)),
  trades: publicProcedure
    .meta(
      route("GET", "/markets/{symbol}/trades", {
        operationId: "listTrades",
        summary: "Recent trades, newest first",
        tag,
        access: "public",
      }),
    )
    .input(tradesQuery)
    .output(z.array(publicTradeOutput))
    .query(({ ctx, input }) => getMarketTrades(ctx.services, input.symbol, input.limit)),
  klines: publicProcedure
    .meta(
      route("GET", "/markets/{symbol}/klines", {
        operationId: "listKlines",
        summary: "Candles keyed by open time (epoch ms)",
        description: "With startTime: forward from its candle. Otherwise: back from endTime (default now). limit ≤ 1000.",
        tag,
        access: "public",
      }),
    )
    .input(klinesQuery)
    .output(z.array(candleOutput))
    .query(({ ctx, input: { symbol, ...range } }) => getCandles(ctx.services, { market: symbol, ...range })),
});

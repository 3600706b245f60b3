import { z } from "zod";
import { getCandles } from "../../services/markets/candles";
import { getImportedCandles } from "../../services/research/imported-candles";
import { liveHistoryIntervals } from "../../services/research/live-klines/configured-streams";
import { streamHistory } from "../../services/research/live-klines/history-stream";
import { getMarket, getMarkets, getMarketTicker, getMarketTrades, getOrderBook } from "../../services/markets/market-data";
import { streamBook, streamCandles, streamTicker, streamTrades } from "../../services/markets/market-streams";
import { operation, operationWithoutInput } from "../operation";
import { route } from "../rest/route-meta";
import { depthQuery, klinesQuery, symbolPath, tradesQuery } from "../rest/schemas";
import {
  bookStreamInput,
  bySymbolInput,
  candleOutput,
  importedCandleOutput,
  liveHistoryInput,
  liveHistoryOutput,
  candleStreamInput,
  candlesInput,
  marketOutput,
  marketStreamInput,
  marketTradesInput,
  marketWithTickerOutput,
  orderBookInput,
  orderBookOutput,
  publicTradeOutput,
  tickerOutput,
} from "../schemas";
import { trackedStream } from "../tracked-stream";
import { createTRPCRouter, publicProcedure } from "../trpc";
import { exchangeInfo, serverTime } from "./exchange-info";

/*
 * Public market data: each read is defined once and served as tRPC `market.*` and as REST under
 * /markets (with /time and /exchange-info, REST only); the live streams are tRPC subscriptions.
 */

/** The section of the REST docs that lists these routes. */
const tag = "Market data";

const list = operationWithoutInput(publicProcedure, z.array(marketWithTickerOutput)).query(({ ctx }) => getMarkets(ctx.services));
const bySymbol = operation(publicProcedure, bySymbolInput, marketOutput).query(({ ctx, input }) =>
  getMarket(ctx.services, input.symbol),
);
const orderBook = operation(publicProcedure, orderBookInput, orderBookOutput).query(({ ctx, input }) =>
  getOrderBook(ctx.services, input.market, input.depth),
);
const trades = operation(publicProcedure, marketTradesInput, z.array(publicTradeOutput)).query(({ ctx, input }) =>
  getMarketTrades(ctx.services, input.market, input.limit),
);
const ticker = operation(publicProcedure, bySymbolInput, tickerOutput).query(({ ctx, input }) =>
  getMarketTicker(ctx.services, input.symbol),
);
const candles = operation(publicProcedure, candlesInput, z.array(candleOutput)).query(({ ctx, input }) =>
  getCandles(ctx.services, input),
);
/** Candles imported from another venue, kept apart from the market's own; same paging as candles. */
const history = operation(publicProcedure, candlesInput, z.array(importedCandleOutput)).query(({ ctx, input }) =>
  getImportedCandles(ctx.services, input),
);

/** Which of the market's intervals a live kline stream feeds: where `onHistory` has anything to say. */
const liveHistory = operation(publicProcedure, liveHistoryInput, liveHistoryOutput).query(async ({ input }) => ({
  intervals: liveHistoryIntervals(input.market),
}));

export const marketRouter = createTRPCRouter({
  list: list.procedure,
  bySymbol: bySymbol.procedure,
  orderBook: orderBook.procedure,
  trades: trades.procedure,
  ticker: ticker.procedure,
  candles: candles.procedure,
  history: history.procedure,
  liveHistory: liveHistory.procedure,
  onTrades: publicProcedure
    .input(marketStreamInput)
    .subscription(async ({ ctx, input, signal }) => trackedStream(await streamTrades(ctx.services, { ...input, signal }))),
  onBook: publicProcedure
    .input(bookStreamInput)
    .subscription(async ({ ctx, input, signal }) => trackedStream(await streamBook(ctx.services, { ...input, signal }))),
  onTicker: publicProcedure
    .input(marketStreamInput)
    .subscription(async ({ ctx, input, signal }) => trackedStream(await streamTicker(ctx.services, { ...input, signal }))),
  onCandles: publicProcedure
    .input(candleStreamInput)
    .subscription(async ({ ctx, input, signal }) => trackedStream(await streamCandles(ctx.services, { ...input, signal }))),
  /** The forming candle of live imported history (a kline stream, KLINE_STREAMS), and each closed one. */
  onHistory: publicProcedure
    .input(candleStreamInput)
    .subscription(async ({ ctx, input, signal }) => trackedStream(await streamHistory(ctx.services, { ...input, signal }))),
});

/** REST names the market `symbol`, in the path, and a book's depth `limit`, as exchange clients expect. */
export const marketRestRoutes = {
  time: serverTime.rest(route("GET", "/time", { operationId: "getServerTime", summary: "Server time", tag, access: "public" })),
  exchangeInfo: exchangeInfo.rest(
    route("GET", "/exchange-info", {
      operationId: "getExchangeInfo",
      summary: "Markets with their rules, the rate limits and the accepted enums",
      tag,
      access: "public",
    }),
  ),
  markets: list.rest(
    route("GET", "/markets", {
      operationId: "listMarkets",
      summary: "Every market with its rules and 24h ticker",
      tag,
      access: "public",
    }),
  ),
  market: bySymbol.rest(
    route("GET", "/markets/{symbol}", { operationId: "getMarket", summary: "One market's rules", tag, access: "public" }),
    symbolPath,
  ),
  ticker: ticker.rest(
    route("GET", "/markets/{symbol}/ticker", { operationId: "getTicker", summary: "24h statistics", tag, access: "public" }),
    symbolPath,
  ),
  depth: orderBook.rest(
    route("GET", "/markets/{symbol}/depth", {
      operationId: "getDepth",
      summary: "Aggregated order book with its sequence number",
      description:
        "`seq` is the last market event this book includes: apply stream diffs with a greater seq, and re-fetch on any gap.",
      tag,
      access: "public",
    }),
    depthQuery,
    ({ symbol, limit }) => ({ market: symbol, depth: limit }),
  ),
  trades: trades.rest(
    route("GET", "/markets/{symbol}/trades", {
      operationId: "listTrades",
      summary: "Recent trades, newest first",
      tag,
      access: "public",
    }),
    tradesQuery,
    ({ symbol, limit }) => ({ market: symbol, limit }),
  ),
  klines: candles.rest(
    route("GET", "/markets/{symbol}/klines", {
      operationId: "listKlines",
      summary: "Candles keyed by open time (epoch ms)",
      description: "With startTime: forward from its candle. Otherwise: back from endTime (default now). limit ≤ 1000.",
      tag,
      access: "public",
    }),
    klinesQuery,
    ({ symbol, ...range }) => ({ market: symbol, ...range }),
  ),
  importedKlines: history.rest(
    route("GET", "/markets/{symbol}/imported-klines", {
      operationId: "listImportedKlines",
      summary: "Candles imported from another venue (with their source), kept apart from the market's own",
      description: "Same paging as /klines. An operator imports them with `bourse import klines`.",
      tag,
      access: "public",
    }),
    klinesQuery,
    ({ symbol, ...range }) => ({ market: symbol, ...range }),
  ),
};

import { z } from "zod";
import { getCandles } from "../../services/markets/candles";
import { getMarket, getMarkets, getMarketTicker, getMarketTrades, getOrderBook } from "../../services/markets/market-data";
import { streamBook, streamCandles, streamTicker, streamTrades } from "../../services/markets/market-streams";
import {
  bookStreamInput,
  bySymbolInput,
  candleOutput,
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

export const marketRouter = createTRPCRouter({
  list: publicProcedure.output(z.array(marketWithTickerOutput)).query(({ ctx }) => getMarkets(ctx.services)),
  bySymbol: publicProcedure
    .input(bySymbolInput)
    .output(marketOutput)
    .query(({ ctx, input }) => getMarket(ctx.services, input.symbol)),
  orderBook: publicProcedure
    .input(orderBookInput)
    .output(orderBookOutput)
    .query(({ ctx, input }) => getOrderBook(ctx.services, input.market, input.depth)),
  trades: publicProcedure
    .input(marketTradesInput)
    .output(z.array(publicTradeOutput))
    .query(({ ctx, input }) => getMarketTrades(ctx.services, input.market, input.limit)),
  ticker: publicProcedure
    .input(bySymbolInput)
    .output(tickerOutput)
    .query(({ ctx, input }) => getMarketTicker(ctx.services, input.symbol)),
  candles: publicProcedure
    .input(candlesInput)
    .output(z.array(candleOutput))
    .query(({ ctx, input }) => getCandles(ctx.services, input)),
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
});

import { z } from "zod";
import { getMarket, getMarkets, getMarketTrades, getOrderBook } from "../../services/market-data";
import { bySymbolInput, marketOutput, marketTradesInput, orderBookInput, orderBookOutput, publicTradeOutput } from "../schemas";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const marketRouter = createTRPCRouter({
  list: publicProcedure.output(z.array(marketOutput)).query(({ ctx }) => getMarkets(ctx.services)),
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
});

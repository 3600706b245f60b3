import { accountRouter } from "./routers/account";
import { adminRouter } from "./routers/admin";
import { apiKeyRouter } from "./routers/api-key";
import { assetRouter } from "./routers/asset";
import { backtestRouter } from "./routers/backtest";
import { marketRouter } from "./routers/market";
import { newsRouter } from "./routers/news";
import { orderRouter } from "./routers/order";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  asset: assetRouter,
  backtest: backtestRouter,
  market: marketRouter,
  order: orderRouter,
  account: accountRouter,
  apiKey: apiKeyRouter,
  admin: adminRouter,
  news: newsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);

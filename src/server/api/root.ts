import { accountRouter } from "./routers/account";
import { assetRouter } from "./routers/asset";
import { marketRouter } from "./routers/market";
import { orderRouter } from "./routers/order";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  asset: assetRouter,
  market: marketRouter,
  order: orderRouter,
  account: accountRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);

import type { OpenApiRouter } from "trpc-to-openapi";
import { accountRestRoutes } from "../routers/account";
import { backtestRestRoutes } from "../routers/backtest";
import { marketRestRoutes } from "../routers/market";
import { newsRestRoutes } from "../routers/news";
import { orderRestRoutes } from "../routers/order";
import { createTRPCRouter } from "../trpc";

/**
 * The REST API (/api/v1): the routes each router file derives from its operations, carrying OpenAPI
 * metadata. They are their own procedures, beside the tRPC ones, so REST paths and shapes can
 * follow exchange conventions without bending the tRPC API; each calls its operation's service.
 * The keys are the routes' procedure paths (in error bodies and logs) and their order is the
 * OpenAPI document's order, so both stay as clients have seen them.
 */
export const restRouter = createTRPCRouter({
  market: createTRPCRouter(marketRestRoutes),
  trading: createTRPCRouter({ ...accountRestRoutes, ...orderRestRoutes }),
  news: createTRPCRouter(newsRestRoutes),
  research: createTRPCRouter(backtestRestRoutes),
});

/**
 * The same router as trpc-to-openapi's type wants it. trpc.ts declares no meta type (so tRPC
 * types it `object`), while trpc-to-openapi wants Record<string, unknown>; every meta here is
 * built by route() as an OpenApiMeta, so only the declared type differs, not the value.
 * Declaring `.meta<OpenApiMeta>()` in trpc.ts would make this cast unnecessary.
 */
export const restOpenApiRouter = restRouter as unknown as OpenApiRouter;

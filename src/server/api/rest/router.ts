import type { OpenApiRouter } from "trpc-to-openapi";
import { createTRPCRouter } from "../trpc";
import { restMarketRouter } from "./market-routes";
import { restTradingRouter } from "./trading-routes";

/**
 * The REST API (/api/v1) is its own router of thin procedures carrying OpenAPI metadata, beside
 * (not instead of) the tRPC routers: REST paths and shapes can follow exchange conventions
 * without bending the tRPC API, and both call the same services with the same schemas.
 */
export const restRouter = createTRPCRouter({
  market: restMarketRouter,
  trading: restTradingRouter,
});

/**
 * The same router as trpc-to-openapi's type wants it. trpc.ts declares no meta type (so tRPC
 * types it `object`), while trpc-to-openapi wants Record<string, unknown>; every meta here is
 * built by route() as an OpenApiMeta, so only the declared type differs, not the value.
 * Declaring `.meta<OpenApiMeta>()` in trpc.ts would make this cast unnecessary.
 */
export const restOpenApiRouter = restRouter as unknown as OpenApiRouter;

import type { AnyTRPCRouter, inferRouterContext } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { type AuthUser, createContext } from "../api/context";
import { appRouter } from "../api/root";
import { credentialCacheFor } from "../auth/instance-credentials";
import { resolveUser } from "../api/resolve-user";
import type { Db } from "../db/types";
import { getRateLimits, type RateLimits } from "../limits/rate-limits";
import { logger } from "../logger";
import { getServices } from "../runtime";
import type { ServiceContext } from "../services/context";
import { clientIp } from "./client-ip";
import { MAX_BATCH_SIZE } from "./limits";
import { isCrossSiteCookieMutation } from "./cross-site";
import { refuseKnownCredential, refuseWhileLimited } from "./order-entry-refusal";
import { guardJsonBody, jsonError, requestIdOf, resolveCaller } from "./request-guards";
import { createSubscriptionStreams } from "./subscription-stream";

const ENDPOINT = "/api/trpc";
const TRPC_BODY_GUARD = {
  edge: "trpc" as const,
  bodyMethods: ["POST"],
  notJsonMessage: "Mutations take a JSON body (Content-Type: application/json).",
};

export interface TrpcHandlerOptions<TRouter extends AnyTRPCRouter> {
  router: TRouter;
  getServices: () => Promise<ServiceContext>;
  resolveUser: (db: Db, headers: Headers, services: ServiceContext) => Promise<AuthUser | null>;
  limits: () => RateLimits | null;
}

/**
 * The HTTP edge of tRPC: refuses what must never reach a procedure (oversized bodies, non-JSON
 * mutations that a cross-site form could send), then resolves the caller once for the context.
 * Built from its parts so tests can drive the real edge with their own database and router.
 */
export function createTrpcHandler<TRouter extends AnyTRPCRouter>(options: TrpcHandlerOptions<TRouter>) {
  // SSE subscriptions are written by our own writer (see subscription-stream.ts), the rest by tRPC.
  const subscriptions = createSubscriptionStreams(options.router, ENDPOINT);
  return async function handleTrpc(request: Request): Promise<Response> {
    const requestId = requestIdOf(request);
    if (isCrossSiteCookieMutation(request))
      return jsonError("trpc", requestId, {
        status: 403,
        code: "FORBIDDEN",
        message: "Cross-site requests cannot use the session; send an API key.",
      });
    // Cheapest first: an API key refused moments ago is refused again before its body is read.
    const known = refuseKnownCredential("trpc", request, options.limits(), requestId);
    if (known) return known;
    const forwarded = await guardJsonBody(request, requestId, TRPC_BODY_GUARD);
    if (forwarded instanceof Response) return forwarded;
    const caller = await resolveCaller("trpc", options, request.headers, requestId);
    if (caller instanceof Response) return caller;
    const { services, user } = caller;
    const limits = options.limits();
    const refusal = refuseWhileLimited("trpc", request, user, limits, requestId);
    if (refusal) return refusal;
    const contextFor = (resHeaders: Headers) =>
      createContext({ services, user, ip: clientIp(request.headers), requestId, resHeaders, limits });
    const onError = (error: { code: string; cause?: unknown }, path: string | undefined) => {
      if (error.code === "INTERNAL_SERVER_ERROR")
        logger.error({ requestId, path, err: error.cause ?? error }, "unhandled tRPC error");
    };

    const subscriptionPath = await subscriptions.pathOf(forwarded);
    if (subscriptionPath !== null) {
      const headers = new Headers({ "x-request-id": requestId });
      const call = { path: subscriptionPath, request: forwarded, headers, ctx: contextFor(headers), onError };
      return subscriptions.respond(call);
    }
    return fetchRequestHandler({
      endpoint: ENDPOINT,
      req: forwarded,
      router: options.router,
      maxBatchSize: MAX_BATCH_SIZE,
      allowMethodOverride: false,
      createContext: ({ resHeaders }) => contextFor(resHeaders) as inferRouterContext<TRouter>,
      responseMeta: () => ({ headers: { "x-request-id": requestId } }),
      onError: ({ error, path }) => onError(error, path),
    });
  };
}

export const handleTrpcRequest = createTrpcHandler({
  router: appRouter,
  getServices,
  resolveUser: (db, headers, services) => resolveUser(db, headers, undefined, credentialCacheFor(services)),
  limits: getRateLimits,
});

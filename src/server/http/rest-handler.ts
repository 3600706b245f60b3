import { createOpenApiFetchHandler } from "trpc-to-openapi";
import { createContext } from "../api/context";
import { renderDocsPage } from "../api/rest/docs-page";
import { getOpenApiDocument, REST_BASE_PATH } from "../api/rest/openapi";
import { restOpenApiRouter } from "../api/rest/router";
import { credentialCacheFor } from "../auth/instance-credentials";
import { resolveUser } from "../api/resolve-user";
import { getRateLimits, type RateLimits } from "../limits/rate-limits";
import { logger } from "../logger";
import { getServices } from "../runtime";
import { clientIp } from "./client-ip";
import { refuseKnownCredential, refuseWhileLimited } from "./order-entry-refusal";
import { type CallerSources, guardJsonBody, requestIdOf, resolveCaller } from "./request-guards";

const BODY_METHODS = ["POST", "PUT", "PATCH"];
const REST_BODY_GUARD = {
  edge: "rest" as const,
  bodyMethods: BODY_METHODS,
  notJsonMessage: "Requests with a body take JSON (Content-Type: application/json).",
};

export interface RestHandlerOptions extends CallerSources {
  limits: () => RateLimits | null;
}

/**
 * The HTTP edge of the REST API (/api/v1): the OpenAPI document and its docs page, then every
 * operation through trpc-to-openapi with the same guards, caller resolution and rate limits as
 * the tRPC edge. Built from its parts so tests can mount it on their own database.
 */
/**
 * The REST API is for bots with API keys (Bearer), as documented: a browser's session cookie is
 * not a credential here, so a cross-site request carrying it is simply anonymous.
 */
function withoutCookies(headers: Headers): Headers {
  const copy = new Headers(headers);
  copy.delete("cookie");
  return copy;
}

export function createRestHandler(options: RestHandlerOptions) {
  return async function handleRest(request: Request): Promise<Response> {
    const requestId = requestIdOf(request);
    const path = new URL(request.url).pathname;
    if (request.method === "GET" && path === `${REST_BASE_PATH}/openapi.json`) {
      return Response.json(getOpenApiDocument(), {
        headers: { "x-request-id": requestId, "cache-control": "public, max-age=300" },
      });
    }
    if (request.method === "GET" && path === `${REST_BASE_PATH}/docs`) {
      return new Response(renderDocsPage(getOpenApiDocument(), REST_BASE_PATH), {
        headers: {
          "content-type": "text/html; charset=utf-8",
          "x-request-id": requestId,
          "cache-control": "public, max-age=300",
        },
      });
    }
    // Cheapest first: an API key refused moments ago is refused again before its body is read.
    const known = refuseKnownCredential("rest", request, options.limits(), requestId);
    if (known) return known;
    const guarded = await guardJsonBody(request, requestId, REST_BODY_GUARD);
    if (guarded instanceof Response) return guarded;
    // GET and DELETE read their input from the path and query; a body they carry is never read.
    const forwarded = BODY_METHODS.includes(request.method)
      ? guarded
      : new Request(request.url, { method: request.method, headers: request.headers, signal: request.signal });
    const caller = await resolveCaller("rest", options, withoutCookies(request.headers), requestId);
    if (caller instanceof Response) return caller;
    const limits = options.limits();
    const refusal = refuseWhileLimited("rest", request, caller.user, limits, requestId);
    if (refusal) return refusal;
    // Rate-limit middlewares write here (RateLimit-*, Retry-After); copied onto the response below.
    const resHeaders = new Headers();
    return createOpenApiFetchHandler({
      endpoint: REST_BASE_PATH,
      req: forwarded,
      router: restOpenApiRouter,
      createContext: () => createContext({ ...caller, ip: clientIp(request.headers), requestId, resHeaders, limits }),
      responseMeta: () => ({ headers: { ...Object.fromEntries(resHeaders), "x-request-id": requestId } }),
      onError: ({ error, path: procedure }) => {
        if (error.code === "INTERNAL_SERVER_ERROR")
          logger.error({ requestId, path: procedure, err: error.cause ?? error }, "unhandled REST error");
      },
    });
  };
}

export const handleRestRequest = createRestHandler({
  getServices,
  resolveUser: (db, headers, services) => resolveUser(db, headers, undefined, credentialCacheFor(services)),
  limits: getRateLimits,
});

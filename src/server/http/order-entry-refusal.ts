import type { AuthUser } from "../api/context";
import type { RateLimits } from "../limits/rate-limits";
import { createRefusalBox, type RefusalBox } from "../limits/refusal-box";
import { type Edge, jsonError } from "./request-guards";

/**
 * Which requests are order entry (place, an OCO pair, amend, cancel, cancel all: what `tradeProcedure`
 * limits per user), told from the method and path alone so the edge can answer before any
 * procedure runs. order-entry-refusal.test.ts checks this against the routers.
 */
const TRPC_ORDER_ENTRY = new Set(["order.place", "order.placeOco", "order.amend", "order.cancel", "order.cancelAll"]);
const REST_ORDERS = "/api/v1/orders";
const REST_OCO = `${REST_ORDERS}/oco`;

export function isOrderEntry(edge: Edge, method: string, pathname: string): boolean {
  if (edge === "trpc") {
    if (method !== "POST" || !pathname.startsWith("/api/trpc/")) return false;
    const paths = pathname.slice("/api/trpc/".length).split(",");
    return paths.length > 0 && paths.every((path) => TRPC_ORDER_ENTRY.has(path));
  }
  if (pathname === REST_ORDERS) return method === "POST" || method === "DELETE";
  if (pathname === REST_OCO) return method === "POST";
  return pathname.startsWith(`${REST_ORDERS}/`) && (method === "PATCH" || method === "DELETE");
}

/**
 * A user this instance has just refused for order entry is refused again at the edge, from
 * memory, until the limit's window ends: the same 429, Retry-After and domainCode the procedure
 * would answer, for a fraction of its cost, so a flood past the limit cannot slow anyone else.
 * The API key it came with is remembered too, so that its next requests are refused before the
 * key is even looked up (which costs a database read while the credential cache is off, during
 * a Redis outage). Remembering a refusal can never let anything through that should not pass.
 */
export function refuseWhileLimited(
  edge: Edge,
  request: Request,
  user: AuthUser | null,
  limits: RateLimits | null,
  requestId: string,
): Response | null {
  if (!user || !limits) return null;
  const waitSec = limits.orders.refusedFor(user.id);
  if (waitSec === 0 || !isOrderEntry(edge, request.method, new URL(request.url).pathname)) return null;
  const bearer = request.headers.get("authorization");
  if (bearer) credentialsOf(limits).refuse(bearer, waitSec * 1_000);
  return tooManyRequests(edge, limits, waitSec, requestId);
}

/** Before the caller is resolved: an order-entry request with an API key refused moments ago. */
export function refuseKnownCredential(
  edge: Edge,
  request: Request,
  limits: RateLimits | null,
  requestId: string,
): Response | null {
  const bearer = request.headers.get("authorization");
  if (!bearer || !limits) return null;
  const waitSec = credentialsOf(limits).secondsLeft(bearer);
  if (waitSec === 0 || !isOrderEntry(edge, request.method, new URL(request.url).pathname)) return null;
  return tooManyRequests(edge, limits, waitSec, requestId);
}

function tooManyRequests(edge: Edge, limits: RateLimits, waitSec: number, requestId: string): Response {
  return jsonError(edge, requestId, {
    status: 429,
    code: "TOO_MANY_REQUESTS",
    message: "Too many requests; retry later.",
    domainCode: "RATE_LIMITED",
    headers: {
      "retry-after": String(waitSec),
      "ratelimit-limit": String(limits.orders.policy.points),
      "ratelimit-remaining": "0",
      "ratelimit-reset": String(waitSec),
    },
  });
}

// Per set of limits, so that two handlers with different limits (tests) never share refusals.
const refusedCredentials = new WeakMap<RateLimits, RefusalBox>();

function credentialsOf(limits: RateLimits): RefusalBox {
  let box = refusedCredentials.get(limits);
  if (!box) {
    box = createRefusalBox();
    refusedCredentials.set(limits, box);
  }
  return box;
}

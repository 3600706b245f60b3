import { NextRequest } from "next/server";
import { normalizeEmail } from "@/domain/credentials";
import { rateLimitHeaders } from "../limits/enforce";
import type { LimitDecision } from "../limits/limiter";
import type { RateLimits } from "../limits/rate-limits";
import { clientIp } from "./client-ip";
import { readBodyWithin } from "./limits";

type RouteHandler = (request: NextRequest) => Promise<Response>;

export interface AuthRouteOptions {
  handlers: { GET: RouteHandler; POST: RouteHandler };
  limits: () => RateLimits;
  /** The session cookie's name: its presence in a response is what "signed in" means here. */
  sessionCookieName: string;
}

/** A sign-in form is a few hundred bytes; Auth.js itself would read any size. */
const MAX_AUTH_BODY_BYTES = 8 * 1024;

/**
 * /api/auth/* in front of Auth.js: bounds every body, and puts the sign-in limits before the
 * password check (which costs an argon2 hash): attempts per IP, and failures per email, reset by
 * a success. Both fail closed when their store is down. Refusals are shaped like Auth.js's own
 * answers ({ url } with error and code), so next-auth/react's signIn reports them as errors.
 */
export function createAuthRoute(options: AuthRouteOptions): { GET: RouteHandler; POST: RouteHandler } {
  const handleGet: RouteHandler = (request) => options.handlers.GET(request);
  const handlePost: RouteHandler = async (request) => {
    const body = await readBodyWithin(request, MAX_AUTH_BODY_BYTES);
    if (body === "too-large") return Response.json({ error: "PAYLOAD_TOO_LARGE" }, { status: 413 });
    const forwarded = new NextRequest(request.url, { method: "POST", headers: request.headers, body: body as BodyInit });
    if (!new URL(request.url).pathname.endsWith("/callback/credentials")) return options.handlers.POST(forwarded);
    return signIn(options, request, forwarded, body);
  };
  return { GET: handleGet, POST: handlePost };
}

async function signIn(options: AuthRouteOptions, request: NextRequest, forwarded: NextRequest, body: Uint8Array) {
  const limits = options.limits();
  const email = emailOf(request.headers.get("content-type") ?? "", body);
  const byIp = await limits.loginIp.consume(clientIp(request.headers));
  if (byIp.kind !== "allowed") return refusal(request, byIp);
  if (email) {
    const byEmail = await limits.loginEmail.consume(email);
    if (byEmail.kind !== "allowed") return refusal(request, byEmail);
  }
  const response = await options.handlers.POST(forwarded);
  const isSignedIn = response.headers.getSetCookie().some((c) => c.startsWith(`${options.sessionCookieName}=`));
  if (isSignedIn && email) await limits.loginEmail.reset(email);
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(rateLimitHeaders(byIp))) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

function emailOf(contentType: string, body: Uint8Array): string | null {
  const text = new TextDecoder().decode(body);
  let raw: unknown = null;
  if (contentType.includes("application/x-www-form-urlencoded")) raw = new URLSearchParams(text).get("email");
  else if (contentType.includes("application/json")) {
    try {
      raw = (JSON.parse(text) as { email?: unknown } | null)?.email;
    } catch {
      raw = null;
    }
  }
  return typeof raw === "string" && raw.length > 0 && raw.length <= 254 ? normalizeEmail(raw) : null;
}

function refusal(request: NextRequest, decision: Exclude<LimitDecision, { kind: "allowed" }>): Response {
  const isLimited = decision.kind === "limited";
  const code = isLimited ? "rate_limited" : "unavailable";
  const url = new URL("/sign-in", request.url);
  url.search = new URLSearchParams({ error: "CredentialsSignin", code }).toString();
  return Response.json(
    { url: url.toString(), error: isLimited ? "Too many sign-in attempts; retry later." : "Sign-in is paused; retry shortly." },
    { status: isLimited ? 429 : 503, headers: rateLimitHeaders(decision) },
  );
}

import { getEnv } from "@/env";

/**
 * A browser sends the session cookie with any request to us, even one a hostile page makes; only
 * `Sec-Fetch-Site` and `Origin` say who asked. A mutation carried by the cookie alone (no API key)
 * must come from our own pages. A request without either header is not from a browser that could
 * be tricked (browsers send Origin on every POST), so it is left to the usual checks.
 */
export function isCrossSiteCookieMutation(request: Request): boolean {
  if (request.method !== "POST") return false;
  const { headers } = request;
  if (headers.has("authorization") || !headers.has("cookie")) return false;
  const site = headers.get("sec-fetch-site");
  if (site !== null) return site !== "same-origin" && site !== "none";
  const origin = headers.get("origin");
  if (origin === null) return false;
  return !ownOrigins(request).includes(origin);
}

function ownOrigins(request: Request): string[] {
  const configured = getEnv().AUTH_URL;
  return [new URL(request.url).origin, ...(configured ? [new URL(configured).origin] : [])];
}

import { getEnv } from "@/env";

/**
 * The client's address for rate limits. Each proxy appends the address it saw to X-Forwarded-For,
 * so with N trusted proxies in front the client is the Nth entry from the right; entries further
 * left were written by the client and prove nothing. Without any proxy Next.js fills the header
 * with the socket's address, unless the client sent one, which the per-user and per-email limits
 * then have to make up for.
 */
export function clientIp(headers: Headers, trustedProxyHops = getEnv().TRUSTED_PROXY_HOPS): string {
  const hops =
    headers
      .get("x-forwarded-for")
      ?.split(",")
      .map((hop) => hop.trim())
      .filter(Boolean) ?? [];
  const seen = hops[Math.max(0, hops.length - trustedProxyHops)];
  return (seen || headers.get("x-real-ip")?.trim() || "unknown").slice(0, 64);
}

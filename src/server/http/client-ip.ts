/**
 * The client's address for rate limiting. Behind a proxy, the first X-Forwarded-For hop is what
 * the proxy saw; without one the header is attacker-controlled, but so is everything else here,
 * and the per-user and per-email limits still apply.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip") || "unknown";
}

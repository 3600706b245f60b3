import { DomainError } from "../../domain/errors";
import type { LimitDecision, Limiter } from "./limiter";

/**
 * The IETF draft's RateLimit-* fields, plus Retry-After when refused, in seconds. Every limited
 * response carries them so a well-behaved client can pace itself before it is refused.
 */
export function rateLimitHeaders(decision: LimitDecision): Record<string, string> {
  switch (decision.kind) {
    case "allowed":
      return {
        "RateLimit-Limit": String(decision.limit),
        "RateLimit-Remaining": String(decision.remaining),
        "RateLimit-Reset": String(decision.resetSec),
      };
    case "limited":
      return {
        "RateLimit-Limit": String(decision.limit),
        "RateLimit-Remaining": "0",
        "RateLimit-Reset": String(decision.resetSec),
        "Retry-After": String(decision.retryAfterSec),
      };
    case "unavailable":
      return { "Retry-After": String(decision.retryAfterSec) };
  }
}

/** Counts one call against `key`; throws RATE_LIMITED (HTTP 429) when over, after setting the headers. */
export async function enforceLimit(limiter: Limiter, key: string, resHeaders: Headers | null): Promise<void> {
  const decision = await limiter.consume(key);
  if (resHeaders) for (const [name, value] of Object.entries(rateLimitHeaders(decision))) resHeaders.set(name, value);
  if (decision.kind === "allowed") return;
  const retryAfterSeconds = String(decision.retryAfterSec);
  if (decision.kind === "unavailable") {
    throw new DomainError("RATE_LIMITED", "This is paused for a moment; retry shortly.", { retryAfterSeconds });
  }
  throw new DomainError("RATE_LIMITED", undefined, { retryAfterSeconds, limit: String(decision.limit) });
}

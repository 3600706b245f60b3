import type { Redis } from "ioredis";
import { createRefusalBox } from "./refusal-box";
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";

export interface LimitPolicy {
  points: number;
  durationSec: number;
}

/**
 * What to do when the shared store (Redis) cannot answer: "memory" keeps limiting per instance
 * (reads, orders: availability matters more than a precise count), "closed" refuses
 * (sign-in, sign-up: a guessing attack must not get through an outage unthrottled).
 */
export type WhenStoreDown = "memory" | "closed";

export type LimitDecision =
  | { kind: "allowed"; limit: number; remaining: number; resetSec: number }
  | { kind: "limited"; limit: number; resetSec: number; retryAfterSec: number }
  | { kind: "unavailable"; retryAfterSec: number };

export interface Limiter {
  readonly name: string;
  readonly policy: LimitPolicy;
  consume(key: string): Promise<LimitDecision>;
  /**
   * Seconds until a key this instance already refused may try again (0: not refused). Answered
   * from memory, so an edge can turn a flood away before it costs anything (see consume()).
   */
  refusedFor(key: string): number;
  /**
   * Forgets a key's count (a successful sign-in clears its email's failures) on every instance
   * for fail-closed limiters; a "memory" limiter's instances keep an over-limit key blocked
   * until its window ends. Never throws.
   */
  reset(key: string): Promise<void>;
}

export interface LimiterStore {
  /** Null: in-memory, per instance. */
  redis: Redis | null;
  /** Resolves when Redis can take commands; rejects when it cannot (then the failure policy applies). */
  whenReady: () => Promise<void>;
  /** Namespaces every key, so deployments (and test runs) sharing a Redis do not collide. */
  keyPrefix: string;
}

/** How long a refused caller is told to wait when the store is down. */
const UNAVAILABLE_RETRY_S = 5;

export function createLimiter(name: string, policy: LimitPolicy, store: LimiterStore, whenDown: WhenStoreDown): Limiter {
  const options = { keyPrefix: `${store.keyPrefix}:${name}`, points: policy.points, duration: policy.durationSec };
  const backing: RateLimiterAbstract = store.redis
    ? new RateLimiterRedis({
        ...options,
        storeClient: store.redis,
        // Not connected means not answering: go straight to the failure policy, never queue.
        rejectIfRedisNotReady: true,
        insuranceLimiter: whenDown === "memory" ? new RateLimiterMemory(options) : undefined,
      })
    : new RateLimiterMemory(options);
  const ready = store.redis ? () => store.whenReady().catch(() => {}) : () => Promise.resolve();
  // A key over its limit stays refused here until its window ends: a flood past the limit then
  // costs the store nothing. Not for the fail-closed limiters: a sign-in's reset() must reach
  // every instance at once.
  const refusals = whenDown === "memory" ? createRefusalBox() : null;

  return {
    name,
    policy,
    async consume(key) {
      const refusedSec = refusals?.secondsLeft(key) ?? 0;
      if (refusedSec > 0) return { kind: "limited", limit: policy.points, resetSec: refusedSec, retryAfterSec: refusedSec };
      await ready();
      try {
        const res = await backing.consume(key);
        return { kind: "allowed", limit: policy.points, remaining: res.remainingPoints, resetSec: toSeconds(res.msBeforeNext) };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          refusals?.refuse(key, rejection.msBeforeNext);
          const waitSec = toSeconds(rejection.msBeforeNext);
          return { kind: "limited", limit: policy.points, resetSec: waitSec, retryAfterSec: waitSec };
        }
        // Only a store error reaches here, and only for a fail-closed limiter (others are insured).
        return { kind: "unavailable", retryAfterSec: UNAVAILABLE_RETRY_S };
      }
    },
    refusedFor(key) {
      return refusals?.secondsLeft(key) ?? 0;
    },
    async reset(key) {
      refusals?.forget(key);
      await backing.delete(key).catch(() => false);
    },
  };
}

/** At least one second: "Retry-After: 0" would invite an immediate retry that fails again. */
function toSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

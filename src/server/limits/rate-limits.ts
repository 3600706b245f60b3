import { type Env, getEnv } from "@/env";
import { createRedisConnection, type RedisConnection } from "../cache/redis-connection";
import { logger } from "../logger";
import { createLimiter, type Limiter, type LimiterStore } from "./limiter";
import { processSlot } from "../process-slot";

/** Every limit Bourse enforces, by what it protects. */
export interface RateLimits {
  /** Sign-in attempts per client IP. */
  loginIp: Limiter;
  /** Failed sign-ins per normalised email. */
  loginEmail: Limiter;
  /** Accounts created per client IP. */
  signUpIp: Limiter;
  /** Order entry (place, amend, cancel, cancel all) per user. */
  orders: Limiter;
  /** Queries and subscriptions per API key. */
  apiReads: Limiter;
  /** Backtests, sweeps and walk-forwards per user (each may compute for seconds). */
  backtests: Limiter;
}

type LimitEnv = Pick<
  Env,
  | "RATE_LIMIT_LOGIN_IP"
  | "RATE_LIMIT_LOGIN_EMAIL"
  | "RATE_LIMIT_SIGNUP_IP"
  | "RATE_LIMIT_ORDERS"
  | "RATE_LIMIT_API_READS"
  | "RATE_LIMIT_BACKTESTS"
>;

export function createRateLimits(env: LimitEnv, store: LimiterStore): RateLimits {
  return {
    loginIp: createLimiter("login-ip", env.RATE_LIMIT_LOGIN_IP, store, "closed"),
    loginEmail: createLimiter("login-email", env.RATE_LIMIT_LOGIN_EMAIL, store, "closed"),
    signUpIp: createLimiter("signup-ip", env.RATE_LIMIT_SIGNUP_IP, store, "closed"),
    orders: createLimiter("orders", env.RATE_LIMIT_ORDERS, store, "memory"),
    apiReads: createLimiter("api-reads", env.RATE_LIMIT_API_READS, store, "memory"),
    backtests: createLimiter("backtests", env.RATE_LIMIT_BACKTESTS, store, "memory"),
  };
}

/** A limiter store on Redis; commands give up quickly so a slow Redis cannot stall requests. */
export function redisLimiterStore(url: string, keyPrefix: string): LimiterStore & { connection: RedisConnection } {
  const connection = createRedisConnection(url, {
    commandTimeoutMs: 250,
    connectTimeoutMs: 2_000,
    reconnectMaxDelayMs: 5_000,
    connectionName: "bourse-rate-limits",
    onError: (error) => logger.warn({ err: error }, "rate-limit store degraded"),
  });
  return { connection, redis: connection.client, whenReady: () => connection.whenReady(500), keyPrefix };
}

export function memoryLimiterStore(keyPrefix = "rl"): LimiterStore {
  return { redis: null, whenReady: () => Promise.resolve(), keyPrefix };
}

// One set per process, so that Next.js's separately bundled routes count together.
const rateLimits = processSlot<RateLimits>("RateLimits");

/** REDIS_URL → shared limits across instances; otherwise per-instance memory. */
export function getRateLimits(): RateLimits {
  return rateLimits.ensure(() => {
    const env = getEnv();
    const store = env.REDIS_URL ? redisLimiterStore(env.REDIS_URL, "bourse:rl") : memoryLimiterStore("bourse:rl");
    return createRateLimits(env, store);
  });
}

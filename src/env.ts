import { z } from "zod";
import { parseKlineStreamConfig } from "./domain/klines/stream-names";

/** "points/seconds", e.g. "600/60": at most 600 in any 60-second window. */
const rateLimit = (fallback: string) =>
  z
    .string()
    .regex(/^[1-9]\d{0,6}\/[1-9]\d{0,5}$/, "use points/seconds, e.g. 600/60")
    .default(fallback)
    .transform((v) => {
      const [points = 1, durationSec = 1] = v.split("/").map(Number);
      return { points, durationSec };
    });

const flag = (fallback: "true" | "false") =>
  z
    .enum(["true", "false"])
    .default(fallback)
    .transform((v) => v === "true");

/**
 * The one place that reads process.env. Parsed lazily on first use, so scripts and tests can
 * set variables before anything touches them, and validated so a typo fails at start, loudly.
 */
const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** Unset: embedded PGlite under PGLITE_DIR. postgres://… : the pg pool (or Neon, below). */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** `neon` uses the Neon serverless driver (WebSockets) for DATABASE_URL instead of pg. */
  DATABASE_DRIVER: z.enum(["pg", "neon"]).default("pg"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  PGLITE_DIR: z.string().min(1).default("./.data/pglite"),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  UPSTASH_REDIS_REST_URL: z.url().optional(),
  UPSTASH_REDIS_REST_TOKEN: z.string().min(1).optional(),
  /** memory | postgres | redis. Default: redis when REDIS_URL is set, else postgres when DATABASE_URL is set, else memory. */
  EVENT_BUS: z.enum(["memory", "postgres", "redis"]).optional(),
  /** Hours of events kept for resuming subscriptions. */
  EVENT_RETENTION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(72),
  AUTH_SECRET: z.string().min(32).optional(),
  /** The site's public URL, for Auth.js redirects behind a proxy. */
  AUTH_URL: z.url().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Seed demo users, balances and liquidity on first start of an empty database. */
  SEED_DEMO: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  /** Live streams (SSE subscriptions) one instance serves at once; past it a new one gets 429. */
  LIVE_MAX_STREAMS: z.coerce.number().int().min(1).max(100_000).default(2_000),
  /** Order entry: most commands of one market executed in one transaction (see ARCHITECTURE.md, order entry). */
  ORDER_BATCH_MAX: z.coerce.number().int().min(1).max(1_000).default(64),
  /** Commands one market's queue holds on this instance; one more is refused with OVERLOADED (503). */
  ORDER_QUEUE_MAX: z.coerce.number().int().min(1).max(100_000).default(2_000),
  /** A command that waited this long without starting is refused with OVERLOADED, never executed late. */
  ORDER_QUEUE_WAIT_MS: z.coerce.number().int().min(10).max(60_000).default(5_000),
  /** Start the market-maker and noise bots inside the dev server. */
  DEMO_BOTS: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  /** Where the embedded demo keeps the secret it generates when AUTH_SECRET is unset (never used with DATABASE_URL). */
  AUTH_SECRET_FILE: z.string().min(1).default("./.data/auth-secret"),
  /** What a new account is given to try trading: ASSET=amount pairs, comma-separated; empty for nothing. */
  SIGNUP_FUNDS: z
    .string()
    .regex(/^([A-Z0-9]{2,12}=\d{1,20}(\.\d{1,18})?(,[A-Z0-9]{2,12}=\d{1,20}(\.\d{1,18})?)*)?$/, "use USD=10000.00,BTC=1")
    .default("USD=10000.00"),
  /**
   * How long an instance reuses a resolved API key or session check before asking the database
   * again; revocations reach every instance sooner, over the event bus. 0 turns the cache off.
   */
  AUTH_CACHE_TTL_MS: z.coerce.number().int().min(0).max(300_000).default(10_000),
  /** Proxies in front of the app that append to X-Forwarded-For (load balancer, CDN): the client is that many hops from the right. */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
  /** Poll registered news feeds in the background (see docs/news.md). */
  /** One kline file uploaded on the admin page (a year of 1m candles is ~50 MB as CSV, ~15 MB zipped). */
  KLINE_UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1_024)
    .max(2_000_000_000)
    .default(256 * 1024 * 1024),
  NEWS_POLL_ENABLED: flag("true"),
  /** How often an instance looks for news sources that are due. */
  NEWS_POLL_INTERVAL_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
  /** How often each source is fetched when it answers; failures back off from here, up to a day. */
  NEWS_SOURCE_REFRESH_MS: z.coerce.number().int().min(60_000).max(86_400_000).default(900_000),
  /** Fetches one instance runs at once; a slow feed holds one of them, never the others. */
  NEWS_POLL_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
  /** One fetch, redirects and body included; past it the source records NEWS_FEED_TIMEOUT. */
  NEWS_FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Bytes of one feed (decompressed), and of one imported file; past it NEWS_FEED_TOO_LARGE. */
  NEWS_FETCH_MAX_BYTES: z.coerce.number().int().min(1_024).max(50_000_000).default(2_000_000),
  NEWS_FETCH_MAX_REDIRECTS: z.coerce.number().int().min(0).max(10).default(3),
  /** Let feeds live on loopback and private addresses. Off in production (SSRF); tests turn it on. */
  NEWS_ALLOW_PRIVATE_HOSTS: flag("false"),
  /**
   * Live kline ingestion (docs/research.md, "Live klines"): MARKET:stream pairs, e.g.
   * `BTC-USD:btcusdt@kline_1m,ETH-USD:ethusdt@kline_1m`. Unset or empty: off.
   */
  KLINE_STREAMS: z
    .string()
    .default("")
    .transform((text, context) => {
      const parsed = parseKlineStreamConfig(text);
      if (parsed.ok) return parsed.targets;
      context.addIssue({ code: "custom", message: parsed.problem });
      return z.NEVER;
    }),
  /** The Binance-protocol WebSocket endpoint the streams are read from. */
  KLINE_WS_URL: z.url({ protocol: /^wss?$/ }).default("wss://stream.binance.com:9443"),
  /** `stream`: /stream?streams=<name> (combined-stream messages); `ws`: /ws/<name> (single-stream messages). */
  KLINE_WS_PATH: z.enum(["stream", "ws"]).default("stream"),
  /** The Binance-protocol REST endpoint gaps are filled from (GET /api/v3/klines). */
  KLINE_REST_URL: z.url({ protocol: /^https?$/ }).default("https://api.binance.com"),
  /** Prices off the market's tick: rounded half-up to it, or the candle refused (and reported). */
  KLINE_PRICE_ROUNDING: z.enum(["nearest-tick", "reject"]).default("nearest-tick"),
  /** A stream that shows nothing (message, ping or pong) for this long is reconnected. */
  KLINE_DEAD_AFTER_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  /** The longest wait between two reconnects (the backoff doubles from 1 s up to it). */
  KLINE_RECONNECT_MAX_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
  /** The most candles one reconnect fetches over REST to fill its gap (the newest ones). */
  KLINE_GAP_MAX_CANDLES: z.coerce.number().int().min(0).max(100_000).default(10_000),
  /** Worker threads that run backtests (see docs/backtesting.md); 0 runs them on the request's own thread, blocking it. */
  BACKTEST_WORKERS: z.coerce.number().int().min(0).max(32).default(1),
  /** Backtests waiting for a worker on this instance; one more is refused with BACKTEST_BUSY (503). */
  BACKTEST_QUEUE_MAX: z.coerce.number().int().min(1).max(1_000).default(4),
  /** A backtest that waited this long for a worker is refused with BACKTEST_BUSY, never run late. */
  BACKTEST_QUEUE_WAIT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /** Rate limits as points/seconds. Sign-in attempts per client IP (all attempts). */
  RATE_LIMIT_LOGIN_IP: rateLimit("100/300"),
  /** Failed sign-ins per email; a successful sign-in resets the count. */
  RATE_LIMIT_LOGIN_EMAIL: rateLimit("10/900"),
  /** Sign-ups per client IP. */
  RATE_LIMIT_SIGNUP_IP: rateLimit("60/600"),
  /** order.place, amend, cancel and cancelAll per user, website and API keys together. */
  RATE_LIMIT_ORDERS: rateLimit("600/60"),
  /** Queries and subscriptions per API key. */
  RATE_LIMIT_API_READS: rateLimit("1200/60"),
  /** Backtests, sweeps and walk-forwards per user, website and API keys together. */
  RATE_LIMIT_BACKTESTS: rateLimit("30/60"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function getEnv(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`Invalid environment: ${problems}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** For tests that change variables between cases. */
export function resetEnvForTests(): void {
  cached = undefined;
}

export function eventBusKind(env: Env): "memory" | "postgres" | "redis" {
  if (env.EVENT_BUS) return env.EVENT_BUS;
  if (env.REDIS_URL) return "redis";
  if (env.DATABASE_URL) return "postgres";
  return "memory";
}

import { randomBytes } from "node:crypto";
import { benchFile, type ChildServer, startChildServer } from "./child-process";

/**
 * The environment of the server under test, from nothing the caller's shell happens to hold
 * about databases: DATABASE_URL (the bench database) or, without one, PGlite in a folder of its
 * own; REDIS_URL when given; limits raised so they never throttle a case; no demo data or bots.
 */
export interface BenchServerOptions {
  databaseUrl: string | null;
  redisUrl: string | null;
  pgliteDir: string;
  poolSize: number;
  maxStreams: number;
}

/** The most the env format allows (7 digits of points) per second: never reached by a bench. */
const UNLIMITED = "9999999/1";
const DATABASE_KEYS = [
  "DATABASE_URL",
  "DATABASE_DRIVER",
  "REDIS_URL",
  "UPSTASH_REDIS_REST_URL",
  "UPSTASH_REDIS_REST_TOKEN",
  "EVENT_BUS",
];

export function benchServerEnv(options: BenchServerOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of DATABASE_KEYS) delete env[key];
  Object.assign(env, {
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
    // A throwaway secret: anonymous requests read it to check for a session cookie.
    AUTH_SECRET: randomBytes(32).toString("hex"),
    SEED_DEMO: "false",
    DEMO_BOTS: "false",
    PGLITE_DIR: options.pgliteDir,
    DATABASE_POOL_SIZE: String(options.poolSize),
    LIVE_MAX_STREAMS: String(options.maxStreams),
    RATE_LIMIT_ORDERS: UNLIMITED,
    RATE_LIMIT_API_READS: UNLIMITED,
    RATE_LIMIT_BACKTESTS: UNLIMITED,
    RATE_LIMIT_LOGIN_IP: UNLIMITED,
    RATE_LIMIT_SIGNUP_IP: UNLIMITED,
  });
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  if (options.redisUrl) env.REDIS_URL = options.redisUrl;
  return env;
}

export function startBenchServer(options: BenchServerOptions): Promise<ChildServer> {
  return startChildServer(benchFile("bench-server.ts"), benchServerEnv(options));
}

export function startRawServer(): Promise<ChildServer> {
  return startChildServer(benchFile("raw-http.ts"), { ...process.env, NODE_ENV: "production" });
}

/**
 * Cache keys such as markets:v1 are global within a Redis database, so on a Redis that running
 * instances use, database 0 would mix their markets with ours in both directions. Without a
 * database in the URL, the bench picks one of 1–15 at random and says which.
 */
export function benchRedisUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.pathname.length > 1) return url;
  parsed.pathname = `/${1 + Math.floor(Math.random() * 15)}`;
  return parsed.toString();
}

/**
 * What the load generator asks of the bench server's /__bench/ routes (bench-control.ts): setup
 * through the real services, seeding that is not measured, the ledger audit and the server's RSS.
 * Loopback only, and only in the bench server: the app never mounts these routes.
 */

export const CONTROL_PREFIX = "/__bench";
/** The same tRPC edge with a cache that never hits, for the uncached reads. */
export const UNCACHED_PREFIX = "/uncached";

export interface SetupRequest {
  /** Markets the HTTP placement cases trade; the first is the hot one. */
  markets: number;
  /** Users with an API key (read + trade) and USD; one per simulated client. */
  traders: number;
  /** Markets and users (USD only) for the raw-Postgres baseline, which no other case touches. */
  rawMarkets: number;
  rawUsers: number;
}

export interface Trader {
  userId: string;
  apiKey: string;
}

export interface SetupResult {
  markets: string[];
  /** One maker per market, holding that market's base asset. */
  makers: string[];
  traders: Trader[];
  /** The market of the live case, with its own maker: its trade stream carries only that case's trades. */
  liveMarket: string;
  liveMaker: string;
  /** Cancel-all runs on its own account, so its open orders are exactly what it placed. */
  canceler: Trader;
  rawMarkets: string[];
  rawUsers: string[];
}

export interface PlaceRequest {
  userId: string;
  market: string;
  side: "BUY" | "SELL";
  price: string;
  quantity: string;
  count: number;
  concurrency: number;
}

export interface PlaceResult {
  placed: number;
  failed: number;
  firstError: string | null;
}

export interface AuditResult {
  failed: { name: string; breaches: number; sample: Record<string, unknown>[] }[];
}

export interface ServerStats {
  rssBytes: number;
  heapUsedBytes: number;
}

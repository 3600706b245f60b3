import type { BackoffPolicy } from "@/domain/klines/backoff";
import type { KlineStreamTarget } from "@/domain/klines/stream-names";
import { MAX_SOURCE_CHARS } from "@/domain/klines/source-label";
import type { PriceRounding } from "@/domain/klines/values";
import type { Env } from "@/env";

/** How the connector runs; from the environment (liveKlineOptions), or a test's own. */
export interface LiveKlineOptions {
  targets: readonly KlineStreamTarget[];
  /** Base of the WebSocket endpoint, `wss://stream.binance.com:9443`. */
  wsUrl: string;
  /** `stream`: `/stream?streams=<name>` (combined messages); `ws`: `/ws/<name>` (single-stream messages). */
  wsPath: "stream" | "ws";
  priceRounding: PriceRounding;
  /** A connection that shows nothing (no message, ping or pong) for this long is taken for dead. */
  deadAfterMs: number;
  backoff: BackoffPolicy;
  /** The most candles one reconnect's gap fill fetches (the newest of the gap). */
  maxGapCandles: number;
  /** How long a claimed stream stays this instance's without renewal; renewed every leaseRenewMs. */
  leaseMs: number;
  leaseRenewMs: number;
  /** The forming candle is published at most once per this, per stream. */
  formingEveryMs: number;
  /** In [0, 1): the backoff's jitter. */
  random: () => number;
}

/** Beyond the environment's knobs, fixed: these are protocol facts or safe for any deployment. */
export const LIVE_KLINE_DEFAULTS = {
  backoffInitialMs: 1_000,
  /** A connection up for a minute was a success: the next drop starts from the shortest wait. */
  backoffStableMs: 60_000,
  leaseMs: 30_000,
  leaseRenewMs: 10_000,
  formingEveryMs: 1_000,
  restTimeoutMs: 10_000,
  /** 1,000 klines are about 200 kB of JSON. */
  restMaxBytes: 2_000_000,
  handshakeTimeoutMs: 10_000,
  maxMessageBytes: 64 * 1024,
} as const;

export function liveKlineOptions(env: Env): LiveKlineOptions {
  return {
    targets: env.KLINE_STREAMS,
    wsUrl: env.KLINE_WS_URL,
    wsPath: env.KLINE_WS_PATH,
    priceRounding: env.KLINE_PRICE_ROUNDING,
    deadAfterMs: env.KLINE_DEAD_AFTER_MS,
    backoff: {
      initialMs: LIVE_KLINE_DEFAULTS.backoffInitialMs,
      maxMs: env.KLINE_RECONNECT_MAX_MS,
      stableMs: LIVE_KLINE_DEFAULTS.backoffStableMs,
    },
    maxGapCandles: env.KLINE_GAP_MAX_CANDLES,
    leaseMs: LIVE_KLINE_DEFAULTS.leaseMs,
    leaseRenewMs: LIVE_KLINE_DEFAULTS.leaseRenewMs,
    formingEveryMs: LIVE_KLINE_DEFAULTS.formingEveryMs,
    random: Math.random,
  };
}

/** Where one stream is read from. */
export function streamUrl(options: Pick<LiveKlineOptions, "wsUrl" | "wsPath">, stream: string): string {
  const base = options.wsUrl.replace(/\/+$/, "");
  return options.wsPath === "stream" ? `${base}/stream?streams=${stream}` : `${base}/ws/${stream}`;
}

/** The source label of a stream's candles: the endpoint's host and the stream, `stream.binance.com/btcusdt@kline_1m`. */
export function streamSource(options: Pick<LiveKlineOptions, "wsUrl">, stream: string): string {
  return `${new URL(options.wsUrl).hostname}/${stream}`.slice(0, MAX_SOURCE_CHARS);
}

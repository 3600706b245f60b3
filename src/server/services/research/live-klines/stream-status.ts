import type { CandleInterval } from "@/domain/candles";
import type { KlineMessageIssue } from "@/domain/klines/issues";
import type { GapFillReport } from "./gap-fill";

/**
 * - standby: another instance holds the stream's lease (or the database could not say);
 * - connecting: the socket is opening; filling: connected, the gap since the last stored candle
 *   is being fetched, and the stream's closed candles wait; live: every closed candle is stored;
 * - waiting: backing off before the next connect; stopped: the instance is shutting down.
 */
export type KlineStreamState = "standby" | "connecting" | "filling" | "live" | "waiting" | "stopped";

/** What /api/health shows per stream, for this instance. Times are ISO strings, candles by open time (ms). */
export interface KlineStreamStatus {
  stream: string;
  market: string;
  interval: CandleInterval;
  state: KlineStreamState;
  holdsLease: boolean;
  connectedSince: string | null;
  lastMessageAt: string | null;
  /** The newest closed candle of the stream this instance stored (or found stored); gap fills are in lastGap. */
  lastClosedOpenTime: number | null;
  formingOpenTime: number | null;
  /** Connections lost since the instance started. */
  reconnects: number;
  /** Messages reported and skipped. */
  badMessages: number;
  lastIssue: (Pick<KlineMessageIssue, "code" | "message"> & { at: string }) | null;
  /** Why the last connection ended, or why the stream cannot run. */
  lastError: string | null;
  nextAttemptAt: string | null;
  lastGap: (GapFillReport & { at: string }) | null;
}

export function initialStatus(target: { name: string; market: string; interval: CandleInterval }): KlineStreamStatus {
  return {
    stream: target.name,
    market: target.market,
    interval: target.interval,
    state: "standby",
    holdsLease: false,
    connectedSince: null,
    lastMessageAt: null,
    lastClosedOpenTime: null,
    formingOpenTime: null,
    reconnects: 0,
    badMessages: 0,
    lastIssue: null,
    lastError: null,
    nextAttemptAt: null,
    lastGap: null,
  };
}

export const isoNow = () => new Date().toISOString();

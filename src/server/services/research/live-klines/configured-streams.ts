import type { CandleInterval } from "@/domain/candles";
import { getEnv } from "@/env";

/**
 * The intervals of a market that a kline stream feeds live (KLINE_STREAMS, the same on every
 * instance). The chart asks first, so a page opens market.onHistory, one more live connection,
 * only where there is something to follow.
 */
export function liveHistoryIntervals(market: string): CandleInterval[] {
  const intervals = getEnv()
    .KLINE_STREAMS.filter((stream) => stream.market === market)
    .map((stream) => stream.interval);
  return [...new Set(intervals)];
}

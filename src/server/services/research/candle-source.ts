import type { Candle, CandleInterval } from "@/domain/candles";

/**
 * Where a backtest's candles come from. Each source is its own file beside this one (own trades
 * and imported exchange history), so the backtest service never knows which table it reads.
 */
export const CANDLE_SOURCE_NAMES = ["trades", "imported"] as const;
export type CandleSourceName = (typeof CANDLE_SOURCE_NAMES)[number];

export interface CandleRange {
  market: string;
  interval: CandleInterval;
  /** Bucket open times, inclusive, aligned to the interval. */
  fromMs: number;
  toMs: number;
}

export interface CandleSource {
  /** Candles opening in [fromMs, toMs], oldest first; buckets without data may be missing. */
  loadCandles(range: CandleRange): Promise<Candle[]>;
}

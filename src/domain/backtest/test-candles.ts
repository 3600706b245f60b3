import { type Candle, DAY_MS } from "../candles";
import { maxBigint, minBigint } from "../decimal";
import type { MarketRules } from "../types";

/** The backtest tests' first day: 2026-01-01 00:00 UTC. */
export const DAY0_MS = Date.UTC(2026, 0, 1);

export interface Bar {
  open?: bigint;
  high?: bigint;
  low?: bigint;
  close: bigint;
  tradeCount?: number;
}

/** Daily candles from DAY0_MS, one per bar; open defaults to the close, high and low to the extremes. */
export function dailyCandles(bars: readonly Bar[]): Candle[] {
  return bars.map((bar, i) => {
    const open = bar.open ?? bar.close;
    const high = bar.high ?? maxBigint(open, bar.close);
    const low = bar.low ?? minBigint(open, bar.close);
    return {
      openTimeMs: DAY0_MS + i * DAY_MS,
      closeTimeMs: DAY0_MS + (i + 1) * DAY_MS - 1,
      open,
      high,
      low,
      close: bar.close,
      baseVolume: 1n,
      quoteVolume: bar.close,
      tradeCount: bar.tradeCount ?? 1,
    };
  });
}

/** Daily candles with only closes (in quote minor units). */
export function closes(values: readonly number[]): Candle[] {
  return dailyCandles(values.map((close) => ({ close: BigInt(close) })));
}

/**
 * Whole base units, prices in cents, tick and step 1, no minimum notional, a 1% taker fee: every
 * figure in the hand-computed tests can be checked with pencil and paper.
 */
export function paperRules(overrides: Partial<MarketRules> = {}): MarketRules {
  return {
    baseScale: 0,
    quoteScale: 2,
    priceTick: 1n,
    quantityStep: 1n,
    minQuantity: 1n,
    minNotional: 0n,
    makerFeeBps: 50,
    takerFeeBps: 100,
    ...overrides,
  };
}

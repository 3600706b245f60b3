import { type Candle, DAY_MS } from "../candles";
import { maxBigint, minBigint } from "../decimal";
import { wholeUnitRules } from "../test-rules";
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

/** The domain tests' whole-unit market with a 1% taker fee, so fees are easy to follow on paper. */
export function paperRules(overrides: Partial<MarketRules> = {}): MarketRules {
  return { ...wholeUnitRules({ makerFeeBps: 50, takerFeeBps: 100 }), ...overrides };
}

/**
 * The series the hand-computed tests share: closes 10, 11, 12, 11.50 with opens 10, 10, 11, 11.50
 * (in cents); with cash 100.00 and 50 bps slippage a buy at the second open takes 9 units at 10.05.
 */
export function handCandles(): Candle[] {
  return dailyCandles([
    { close: 1000n },
    { open: 1000n, close: 1100n },
    { open: 1100n, close: 1200n },
    { open: 1150n, close: 1150n },
  ]);
}

/**
 * A long one-minute series for load and thread tests: two sine waves around 100.00, each candle
 * opening at the previous close, from the epoch. Deterministic, so two runs compare bit for bit.
 */
export function waveCandles(count: number): Candle[] {
  const price = (i: number) => BigInt(10_000 + Math.round(1_000 * Math.sin(i / 50) + 300 * Math.sin(i / 7)));
  return Array.from({ length: count }, (_, i) => {
    const close = price(i);
    const open = i === 0 ? close : price(i - 1);
    return {
      openTimeMs: i * 60_000,
      closeTimeMs: i * 60_000 + 59_999,
      open,
      high: maxBigint(open, close) + 5n,
      low: minBigint(open, close) - 5n,
      close,
      baseVolume: 10n,
      quoteVolume: 10n * close,
      tradeCount: 3,
    };
  });
}

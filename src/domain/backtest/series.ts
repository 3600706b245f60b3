/**
 * The regular candle series a backtest runs on. Candles from trades exist only for buckets with
 * trades; a backtest wants one candle per interval so that indicator periods mean time and
 * returns annualise by the interval. A gap becomes a flat candle at the previous close with no
 * volume and no trades, and the simulator never fills on a candle without trades: nobody traded
 * then, so neither could the strategy; its order waits for the next candle that has trades.
 */
import { type Candle, type CandleInterval, intervalMs } from "../candles";
import { assert, DomainError } from "../errors";
import { MAX_BACKTEST_CANDLES } from "./limits";

/** How many candles a regular series from `fromMs` to `toMs` (bucket opens, inclusive) holds. */
export function candleCount(fromMs: number, toMs: number, interval: CandleInterval): number {
  return Math.floor((toMs - fromMs) / intervalMs(interval)) + 1;
}

/** BACKTEST_TOO_LARGE unless a series of `count` candles is within MAX_BACKTEST_CANDLES. */
export function assertCandleCount(count: number): void {
  if (count > MAX_BACKTEST_CANDLES) {
    throw new DomainError("BACKTEST_TOO_LARGE", undefined, { maxCandles: String(MAX_BACKTEST_CANDLES) });
  }
}

function assertCandle(candle: Candle, sizeMs: number): void {
  assert(candle.openTimeMs % sizeMs === 0, "a candle opens on its interval's boundary");
  assert(candle.closeTimeMs === candle.openTimeMs + sizeMs - 1, "a candle covers exactly its interval");
  assert(candle.low > 0n && candle.low <= candle.high, "a candle's low is positive and at most its high");
  for (const price of [candle.open, candle.close])
    assert(price >= candle.low && price <= candle.high, "open and close lie within low and high");
}

function flatCandle(previous: Candle, openTimeMs: number, sizeMs: number): Candle {
  const price = previous.close;
  return {
    openTimeMs,
    closeTimeMs: openTimeMs + sizeMs - 1,
    open: price,
    high: price,
    low: price,
    close: price,
    baseVolume: 0n,
    quoteVolume: 0n,
    tradeCount: 0,
  };
}

/** `candles` (oldest first, one interval, no duplicates) with every gap filled by a flat candle. */
export function regularSeries(candles: readonly Candle[], interval: CandleInterval): Candle[] {
  const first = candles[0];
  const last = candles.at(-1);
  if (first === undefined || last === undefined) return [];
  assertCandleCount(candleCount(first.openTimeMs, last.openTimeMs, interval));
  const sizeMs = intervalMs(interval);
  const series: Candle[] = [];
  for (const candle of candles) {
    assertCandle(candle, sizeMs);
    const previous = series.at(-1);
    if (previous !== undefined) {
      assert(candle.openTimeMs > previous.openTimeMs, "candles are in time order without duplicates");
      for (let openMs = previous.openTimeMs + sizeMs; openMs < candle.openTimeMs; openMs += sizeMs) {
        series.push(flatCandle(previous, openMs, sizeMs));
      }
    }
    series.push(candle);
  }
  return series;
}

/** Whether anyone traded in the candle, so a simulated order could have filled at its open. */
export function hasTrades(candle: Candle): boolean {
  return candle.tradeCount > 0;
}

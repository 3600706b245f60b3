/**
 * Which candles a reconnected stream missed, and the REST pages that fetch them. The gap runs
 * from the candle after the last closed one stored to the candle before the first one the new
 * connection shows (that one, and all after it, come from the stream). Pages ask for at most
 * KLINES_PER_PAGE candles (Binance's `limit` maximum), oldest first, so that a fill cut short
 * leaves the stored history without holes and the next reconnect plans from where it stopped.
 * A gap longer than `maxCandles` is fetched only in its most recent part: old history is what
 * the file import is for, and an outage of weeks must not become thousands of requests.
 */
import { type CandleInterval, intervalMs } from "../candles";
import { assert } from "../errors";

export const KLINES_PER_PAGE = 1_000;

export interface GapPage {
  /** The open time of the page's first candle (`startTime`). */
  startTime: number;
  /** The close time of its last (`endTime`): the request covers exactly these candles. */
  endTime: number;
  candles: number;
}

export interface GapPlan {
  /** Candles between the last stored and the first seen, fetched or not. */
  missing: number;
  /** The oldest of them, left out to keep within maxCandles. */
  skipped: number;
  pages: GapPage[];
}

export const NO_GAP: GapPlan = { missing: 0, skipped: 0, pages: [] };

/** lastStoredOpenMs null: nothing stored yet, so nothing is missing (the import brings history). */
export function planGapFill(
  lastStoredOpenMs: number | null,
  firstSeenOpenMs: number,
  interval: CandleInterval,
  maxCandles: number,
): GapPlan {
  const size = intervalMs(interval);
  assert(Number.isInteger(maxCandles) && maxCandles >= 0, "the gap bound is a count");
  assert(firstSeenOpenMs % size === 0, "a seen candle's open time is on its interval");
  if (lastStoredOpenMs === null) return NO_GAP;
  assert(lastStoredOpenMs % size === 0, "a stored candle's open time is on its interval");
  const missing = Math.max(0, (firstSeenOpenMs - lastStoredOpenMs) / size - 1);
  const fetched = Math.min(missing, maxCandles);
  const pages: GapPage[] = [];
  // The fetched part ends just before the first seen candle.
  let start = firstSeenOpenMs - fetched * size;
  for (let left = fetched; left > 0; ) {
    const candles = Math.min(left, KLINES_PER_PAGE);
    pages.push({ startTime: start, endTime: start + candles * size - 1, candles });
    start += candles * size;
    left -= candles;
  }
  return { missing, skipped: missing - fetched, pages };
}

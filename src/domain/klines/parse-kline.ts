/**
 * One row of a Binance kline file (CSV line or JSON array, as cell texts) to a validated kline
 * in the market's minor units. Columns, as Binance documents them: open time, open, high, low,
 * close, volume, close time, quote volume, trade count, taker-buy base volume, taker-buy quote
 * volume, ignore. Checks, in this order, the first failure being the row's issue:
 * 1. 12 columns, or 11 (ignore left out);
 * 2. times: open time exact (ms, or µs that is a whole ms) and on the interval's UTC boundary;
 *    close time (truncated to the ms) = open + interval - 1;
 * 3. every price and volume a plain non-negative decimal;
 * 4. low <= open, close <= high and taker-buy <= total, on the exact values as written, so
 *    that rounding can never make a broken row pass;
 * 5. prices on the tick (or rounded, see values.ts), volumes floored to the asset's scale;
 * 6. the trade count a whole number.
 */
import { type Candle, type CandleInterval, intervalMs } from "../candles";
import { assert } from "../errors";
import { type KlineRowIssue, rowIssue } from "./issues";
import {
  compareDecimal,
  type ExactDecimal,
  type PriceRounding,
  priceUnits,
  type Read,
  readCount,
  readDecimal,
  readTime,
  volumeUnits,
} from "./values";

export interface ImportedKline extends Candle {
  takerBuyBaseVolume: bigint;
  takerBuyQuoteVolume: bigint;
}

/** What a row is checked against: the target market's scales and tick, and the file's interval. */
export interface KlineRules {
  interval: CandleInterval;
  baseScale: number;
  quoteScale: number;
  /** Quote minor units. */
  priceTick: bigint;
  priceRounding: PriceRounding;
}

export type KlineResult = { ok: true; kline: ImportedKline } | { ok: false; issue: KlineRowIssue };

const PRICE_COLUMNS = ["open", "high", "low", "close"] as const;
const VOLUME_COLUMNS = ["volume", "quoteVolume", "takerBuyBaseVolume", "takerBuyQuoteVolume"] as const;
type PriceColumn = (typeof PRICE_COLUMNS)[number];
type VolumeColumn = (typeof VOLUME_COLUMNS)[number];
type Column = PriceColumn | VolumeColumn;
const COLUMNS: readonly Column[] = [...PRICE_COLUMNS, ...VOLUME_COLUMNS];

const CELL: Readonly<Record<Column | "openTime" | "closeTime" | "tradeCount", number>> = {
  openTime: 0,
  open: 1,
  high: 2,
  low: 3,
  close: 4,
  volume: 5,
  closeTime: 6,
  quoteVolume: 7,
  tradeCount: 8,
  takerBuyBaseVolume: 9,
  takerBuyQuoteVolume: 10,
};

class RowRejected extends Error {
  constructor(readonly issue: KlineRowIssue) {
    super(issue.code);
  }
}

/** Unwraps a read or leaves the row with its issue; keeps the checks below one line each. */
function must<T>(read: Read<T>): T {
  if (!read.ok) throw new RowRejected(read.issue);
  return read.value;
}

function readTimes(cells: readonly string[], interval: CandleInterval): { openTimeMs: number; closeTimeMs: number } {
  const size = intervalMs(interval);
  const openText = cells[CELL.openTime] ?? "";
  const closeText = cells[CELL.closeTime] ?? "";
  const open = must(readTime(openText, "openTime"));
  const close = must(readTime(closeText, "closeTime"));
  if (open.hadMicros || open.ms % size !== 0)
    throw new RowRejected(rowIssue("KLINE_OPEN_TIME_NOT_ALIGNED", "openTime", openText));
  if (close.ms !== open.ms + size - 1) throw new RowRejected(rowIssue("KLINE_CLOSE_TIME_MISMATCH", "closeTime", closeText));
  return { openTimeMs: open.ms, closeTimeMs: close.ms };
}

type Exact = Record<Column, ExactDecimal>;

function readExact(cells: readonly string[]): Exact {
  const exact: Partial<Exact> = {};
  for (const column of COLUMNS) exact[column] = must(readDecimal(cells[CELL[column]] ?? "", column));
  return exact as Exact;
}

const isAtMost = (exact: Exact, a: Column, b: Column) => compareDecimal(exact[a], exact[b]) <= 0;

function checkConsistency(exact: Exact, cells: readonly string[]): void {
  const ohlc =
    isAtMost(exact, "low", "open") &&
    isAtMost(exact, "low", "close") &&
    isAtMost(exact, "open", "high") &&
    isAtMost(exact, "close", "high");
  if (!ohlc) throw new RowRejected(rowIssue("KLINE_OHLC_INCONSISTENT", "low..high", cells.slice(1, 5).join(",")));
  for (const [taker, total] of [
    ["takerBuyBaseVolume", "volume"],
    ["takerBuyQuoteVolume", "quoteVolume"],
  ] as const) {
    if (!isAtMost(exact, taker, total)) throw new RowRejected(rowIssue("KLINE_TAKER_EXCEEDS_VOLUME", taker, cells[CELL[taker]]));
  }
}

function price(exact: Exact, column: PriceColumn, cells: readonly string[], rules: KlineRules): bigint {
  return must(
    priceUnits(exact[column], rules.quoteScale, rules.priceTick, rules.priceRounding, column, cells[CELL[column]] ?? ""),
  );
}

function volume(exact: Exact, column: VolumeColumn, cells: readonly string[], scale: number): bigint {
  return must(volumeUnits(exact[column], scale, column, cells[CELL[column]] ?? ""));
}

function toKline(cells: readonly string[], rules: KlineRules): ImportedKline {
  if (cells.length !== 11 && cells.length !== 12)
    throw new RowRejected(rowIssue("KLINE_COLUMN_COUNT", "row", `${cells.length} columns`));
  const times = readTimes(cells, rules.interval);
  const exact = readExact(cells);
  checkConsistency(exact, cells);
  const kline: ImportedKline = {
    ...times,
    open: price(exact, "open", cells, rules),
    high: price(exact, "high", cells, rules),
    low: price(exact, "low", cells, rules),
    close: price(exact, "close", cells, rules),
    baseVolume: volume(exact, "volume", cells, rules.baseScale),
    quoteVolume: volume(exact, "quoteVolume", cells, rules.quoteScale),
    takerBuyBaseVolume: volume(exact, "takerBuyBaseVolume", cells, rules.baseScale),
    takerBuyQuoteVolume: volume(exact, "takerBuyQuoteVolume", cells, rules.quoteScale),
    tradeCount: must(readCount(cells[CELL.tradeCount] ?? "", "tradeCount")),
  };
  // Rounding and flooring are monotone, so what held for the exact values holds after them.
  assert(
    kline.low <= kline.open && kline.low <= kline.close && kline.high >= kline.open && kline.high >= kline.close,
    "scaled OHLC stays ordered",
  );
  assert(
    kline.takerBuyBaseVolume <= kline.baseVolume && kline.takerBuyQuoteVolume <= kline.quoteVolume,
    "scaled taker volume stays within total",
  );
  return kline;
}

export function parseKline(cells: readonly string[], rules: KlineRules): KlineResult {
  try {
    return { ok: true, kline: toKline(cells, rules) };
  } catch (error) {
    if (error instanceof RowRejected) return { ok: false, issue: error.issue };
    throw error;
  }
}

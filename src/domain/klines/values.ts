/**
 * Cell values of a kline file, read exactly. Binance writes every price and volume with 8
 * decimals ("42283.58000000") whatever the asset, so a value is first read as an exact
 * decimal and only then brought to the market's scale by one of two named rules:
 * - prices: on the tick exactly (reject otherwise), or rounded half-up to the nearest tick;
 * - volumes: truncated (floor) to the asset's scale, always. Volume is a measure, not an
 *   order size: a floor never invents volume, and it keeps taker-buy <= total after scaling.
 * Times are epoch milliseconds or, from 10^14 up, microseconds (10^14 ms is the year 5138,
 * 10^14 µs is 1973), decided per value.
 */
import { MAX_DIGITS, pow10 as computePow10 } from "../decimal";
import { assert } from "../errors";
import { type KlineRowIssue, rowIssue } from "./issues";

/** value = digits / 10^exponent, exactly. */
export interface ExactDecimal {
  digits: bigint;
  exponent: number;
}

export type Read<T> = { ok: true; value: T } | { ok: false; issue: KlineRowIssue };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const fail = <T>(issue: KlineRowIssue): Read<T> => ({ ok: false, issue });

// ASCII digits, an optional fraction; nothing else (no sign, exponent, spaces or bare point).
const DECIMAL_PATTERN = /^(\d+)(?:\.(\d+))?$/;
/** Longer than any real price or volume; bounds the BigInt work a garbage cell can cause. */
const MAX_DECIMAL_CHARS = 60;
// Every power a row needs is below 10^(2 × MAX_DECIMAL_CHARS); a table spares recomputing them per cell.
const POWERS = Array.from({ length: 2 * MAX_DECIMAL_CHARS + 1 }, (_, n) => computePow10(n));
const pow10 = (n: number): bigint => POWERS[n] ?? computePow10(n);
const LIMIT = pow10(MAX_DIGITS);

export function readDecimal(text: string, column: string): Read<ExactDecimal> {
  if (text.length > MAX_DECIMAL_CHARS) return fail(rowIssue("KLINE_NUMBER_TOO_LARGE", column, text));
  const match = DECIMAL_PATTERN.exec(text);
  if (match === null) {
    const code = /^-\d/.test(text) ? "KLINE_NUMBER_NEGATIVE" : "KLINE_NUMBER_INVALID";
    return fail(rowIssue(code, column, text));
  }
  const fraction = match[2] ?? "";
  return ok({ digits: BigInt(`${match[1]}${fraction}`), exponent: fraction.length });
}

/** -1, 0 or 1 as a < b, a = b, a > b. */
export function compareDecimal(a: ExactDecimal, b: ExactDecimal): number {
  if (a.exponent === b.exponent) return a.digits < b.digits ? -1 : a.digits > b.digits ? 1 : 0;
  const exponent = Math.max(a.exponent, b.exponent);
  const left = a.digits * pow10(exponent - a.exponent);
  const right = b.digits * pow10(exponent - b.exponent);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** The value in minor units at `scale`, as the fraction numerator / denominator. */
function minorUnits(value: ExactDecimal, scale: number): { numerator: bigint; denominator: bigint } {
  return { numerator: value.digits * pow10(scale), denominator: pow10(value.exponent) };
}

function withinStorage(units: bigint, column: string, text: string): Read<bigint> {
  return units < LIMIT ? ok(units) : fail(rowIssue("KLINE_NUMBER_TOO_LARGE", column, text));
}

/** Volumes: floor to the scale. */
export function volumeUnits(value: ExactDecimal, scale: number, column: string, text: string): Read<bigint> {
  const { numerator, denominator } = minorUnits(value, scale);
  return withinStorage(numerator / denominator, column, text);
}

export type PriceRounding = "reject" | "nearest-tick";

/**
 * Prices: a positive multiple of `tick` quote minor units. "reject" accepts only a value that
 * is exactly on the tick; "nearest-tick" rounds half-up (a value halfway between two ticks
 * goes to the higher one), which never leaves the row's [low, high] order broken.
 */
export function priceUnits(
  value: ExactDecimal,
  scale: number,
  tick: bigint,
  rounding: PriceRounding,
  column: string,
  text: string,
): Read<bigint> {
  assert(tick > 0n, "a market's tick is positive");
  const { numerator, denominator } = minorUnits(value, scale);
  const perTick = denominator * tick;
  if (rounding === "reject" && numerator % perTick !== 0n) return fail(rowIssue("KLINE_PRICE_NOT_ON_TICK", column, text));
  const ticks = rounding === "reject" ? numerator / perTick : (2n * numerator + perTick) / (2n * perTick);
  if (ticks === 0n) return fail(rowIssue("KLINE_PRICE_NOT_POSITIVE", column, text));
  return withinStorage(ticks * tick, column, text);
}

/** From 10^14 a time is microseconds; see the header. */
export const MICROSECOND_THRESHOLD = 10n ** 14n;
/** 9999-12-31T23:59:59.999Z: later is certainly garbage, and Date cannot go much further anyway. */
export const MAX_TIME_MS = 253_402_300_799_999;
const TIME_PATTERN = /^\d{1,18}$/;

export interface ReadTime {
  ms: number;
  /** A microsecond value that was not a whole millisecond (the sub-millisecond part is dropped). */
  hadMicros: boolean;
}

export function readTime(text: string, column: string): Read<ReadTime> {
  if (!TIME_PATTERN.test(text)) return fail(rowIssue("KLINE_TIME_INVALID", column, text));
  const raw = BigInt(text);
  const isMicros = raw >= MICROSECOND_THRESHOLD;
  const ms = isMicros ? raw / 1000n : raw;
  if (ms > BigInt(MAX_TIME_MS)) return fail(rowIssue("KLINE_TIME_INVALID", column, text));
  return ok({ ms: Number(ms), hadMicros: isMicros && raw % 1000n !== 0n });
}

const COUNT_PATTERN = /^\d{1,15}$/;

export function readCount(text: string, column: string): Read<number> {
  return COUNT_PATTERN.test(text) ? ok(Number(text)) : fail(rowIssue("KLINE_TRADE_COUNT_INVALID", column, text));
}

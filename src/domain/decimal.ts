/**
 * Decimal strings exist only at the edge ("12.50" on the wire); inside Bourse every amount
 * is a bigint of minor units at the asset's fixed scale. Parsing is strict on purpose: a bot
 * that sends "1e3", "+5" or " 5" has a bug we would rather reject than guess around.
 */
import { assert, DomainError } from "./errors";

/** Amounts are stored as numeric(38,0): no minor-unit value may have more digits. */
export const MAX_DIGITS = 38;
/** Widest scale an asset may have (also the bound validateMarketRules enforces). */
export const MAX_SCALE = 18;

// ASCII digits only (no `u` flag, so \d is [0-9]); both sides of the point must be non-empty.
const DECIMAL_PATTERN = /^(\d+)(?:\.(\d+))?$/;

export function pow10(n: number): bigint {
  assert(Number.isSafeInteger(n) && n >= 0, "pow10 takes a non-negative integer exponent");
  return 10n ** BigInt(n);
}

function assertScale(scale: number): void {
  assert(Number.isInteger(scale) && scale >= 0 && scale <= MAX_SCALE, `scale ${scale} is within 0..${MAX_SCALE}`);
}

/**
 * "12.5" at scale 2 → 1250n. No sign, exponent, spaces or bare point. "1.50" at scale 1 is
 * rejected (TOO_MANY_DECIMALS counts the digits as written). The result must stay below
 * 10^38 minor units (AMOUNT_TOO_LARGE); the check runs on the text, before any BigInt work.
 */
export function parseDecimal(text: string, scale: number): bigint {
  assertScale(scale);
  const match = DECIMAL_PATTERN.exec(text);
  if (match === null) throw new DomainError("INVALID_DECIMAL");
  const whole = (match[1] ?? "").replace(/^0+/, "");
  const fraction = match[2] ?? "";
  if (fraction.length > scale) {
    throw new DomainError("TOO_MANY_DECIMALS", undefined, { scale: String(scale) });
  }
  // A non-empty significant whole part of w digits gives a value with exactly w + scale digits.
  if (whole.length > 0 && whole.length + scale > MAX_DIGITS) throw new DomainError("AMOUNT_TOO_LARGE");
  const fractionUnits = fraction.padEnd(scale, "0");
  return BigInt(whole || "0") * pow10(scale) + BigInt(fractionUnits || "0");
}

/** 1250n at scale 2 → "12.50": always exactly `scale` decimals, a "-" for negatives. */
export function formatDecimal(units: bigint, scale: number): string {
  assertScale(scale);
  const sign = units < 0n ? "-" : "";
  const digits = (units < 0n ? -units : units).toString().padStart(scale + 1, "0");
  const cut = digits.length - scale;
  const whole = digits.slice(0, cut);
  return scale === 0 ? `${sign}${whole}` : `${sign}${whole}.${digits.slice(cut)}`;
}

function assertDivisible(numerator: bigint, divisor: bigint): void {
  assert(numerator >= 0n, "division helpers take a non-negative numerator");
  assert(divisor > 0n, "division helpers take a positive divisor");
}

/** floor(a / b) for a >= 0, b > 0 (bigint `/` truncates, which equals floor here). */
export function divFloor(numerator: bigint, divisor: bigint): bigint {
  assertDivisible(numerator, divisor);
  return numerator / divisor;
}

/** ceil(a / b) for a >= 0, b > 0. */
export function divCeil(numerator: bigint, divisor: bigint): bigint {
  assertDivisible(numerator, divisor);
  return (numerator + divisor - 1n) / divisor;
}

/** Math.min/max take numbers only; these are their bigint twins. */
export function minBigint(first: bigint, ...rest: bigint[]): bigint {
  let low = first;
  for (const value of rest) if (value < low) low = value;
  return low;
}

export function maxBigint(first: bigint, ...rest: bigint[]): bigint {
  let high = first;
  for (const value of rest) if (value > high) high = value;
  return high;
}

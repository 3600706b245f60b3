/**
 * Client-side money helpers. Amounts arrive as fixed-scale decimal strings; any arithmetic
 * happens on bigint minor units through the same pure functions the server uses, so the form's
 * estimates round exactly like the matcher does. JS numbers never hold an amount.
 */
import { formatDecimal, parseDecimal, pow10 } from "@/domain/decimal";

export { formatDecimal, pow10 };

const LOOSE_DECIMAL = /^\d+(\.\d*)?$|^\.\d+$/;

/**
 * What a person typed ("12.", ".5", " 3 ") as minor units at `scale`, or null when it is not a
 * plain decimal or has more decimals than the asset allows. Never throws: forms call it on
 * every keystroke.
 */
export function parseUnits(text: string, scale: number): bigint | null {
  const trimmed = text.trim();
  if (!LOOSE_DECIMAL.test(trimmed)) return null;
  const normal = (trimmed.startsWith(".") ? `0${trimmed}` : trimmed).replace(/\.$/, "");
  try {
    return parseDecimal(normal, scale);
  } catch {
    return null;
  }
}

/** A decimal string from the API, which is always at the asset's scale; "0" for anything odd. */
export function unitsOf(text: string | null | undefined, scale: number): bigint {
  if (!text) return 0n;
  return parseUnits(text, scale) ?? 0n;
}

/** How many decimals a decimal string carries: "0.0100" → 4. */
export function decimalsOf(text: string): number {
  const dot = text.indexOf(".");
  return dot === -1 ? 0 : text.length - dot - 1;
}

/** "1234567.50" → "1,234,567.50"; works on the text, so no precision is ever lost. */
export function groupDigits(text: string): string {
  const negative = text.startsWith("-");
  const body = negative ? text.slice(1) : text;
  const [whole = "0", fraction] = body.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}${grouped}${fraction === undefined ? "" : `.${fraction}`}`;
}

/** Minor units shown at the asset's scale with thousands separators. */
export function formatUnits(units: bigint, scale: number): string {
  return groupDigits(formatDecimal(units, scale));
}

/** floor(value / unit) * unit for value >= 0: snaps a quantity down onto a step. */
export function floorTo(value: bigint, unit: bigint): bigint {
  if (unit <= 0n || value <= 0n) return value < 0n ? 0n : value;
  return (value / unit) * unit;
}

/** ceil(value / unit) * unit for value >= 0: snaps an ask price up onto a grouping. */
export function ceilTo(value: bigint, unit: bigint): bigint {
  if (unit <= 0n || value <= 0n) return value < 0n ? 0n : value;
  return ((value + unit - 1n) / unit) * unit;
}

/**
 * Change between two prices in basis points, truncated toward zero. A ratio (not money), so it
 * may leave bigint once it is a small integer.
 */
export function changeBps(from: bigint, to: bigint): number | null {
  if (from <= 0n) return null;
  return Number(((to - from) * 10_000n) / from);
}

/** 123 bps → "+1.23%"; integer arithmetic only, so -5 bps is "-0.05%", not "-0.0500000001%". */
export function formatBps(bps: number | null): string {
  if (bps === null) return "—";
  const sign = bps > 0 ? "+" : bps < 0 ? "-" : "";
  const abs = Math.abs(Math.trunc(bps));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}%`;
}

/**
 * For drawing only: lightweight-charts plots JS numbers. Never used for amounts that are
 * computed with or sent back.
 */
export function toPlotNumber(text: string): number {
  return Number(text);
}

/**
 * The typed amount moved one `step` (minor units) up or down and snapped onto the step grid, as
 * the arrow keys do in the order form; an unreadable or empty field starts from zero.
 */
export function stepBy(text: string, scale: number, step: bigint, direction: 1 | -1): string {
  const current = parseUnits(text, scale) ?? 0n;
  const snapped = direction === 1 ? floorTo(current, step) + step : ceilTo(current, step) - step;
  return formatDecimal(snapped < 0n ? 0n : snapped, scale);
}

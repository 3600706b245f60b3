import { InvalidArgumentError } from "commander";
import type { CandleInterval } from "../../sdk/types";

/** Commander argument parsers: refuse bad input before any request is sent. */

export function positiveInt(max: number) {
  return (value: string): number => {
    if (!/^\d{1,7}$/.test(value) || Number(value) < 1 || Number(value) > max)
      throw new InvalidArgumentError(`expected a whole number from 1 to ${max}`);
    return Number(value);
  };
}

/** Epoch milliseconds, or an ISO date/time ("2026-11-22", "2026-11-22T10:00:00Z"). */
export function timeArg(value: string): number {
  if (/^\d{1,16}$/.test(value)) return Number(value);
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new InvalidArgumentError("expected epoch milliseconds or an ISO date");
  return ms;
}

export function marketArg(value: string): string {
  const symbol = value.toUpperCase();
  if (!/^[A-Z0-9]{2,12}-[A-Z0-9]{2,12}$/.test(symbol)) throw new InvalidArgumentError("a market looks like ACME-USD");
  return symbol;
}

export function sideArg(value: string): "BUY" | "SELL" {
  const side = value.toUpperCase();
  if (side !== "BUY" && side !== "SELL") throw new InvalidArgumentError("expected buy or sell");
  return side;
}

/** Decimal strings go to the server as typed: it validates them against the market's tick and step. */
export function decimalArg(value: string): string {
  if (!/^\d{1,38}(\.\d{1,18})?$/.test(value)) throw new InvalidArgumentError("expected a plain decimal like 12.50");
  return value;
}

export const INTERVALS = ["1m", "5m", "15m", "1h", "4h", "1d"] as const satisfies readonly CandleInterval[];
export type Interval = (typeof INTERVALS)[number];

export function intervalArg(value: string): Interval {
  const found = INTERVALS.find((i) => i === value);
  if (!found) throw new InvalidArgumentError(`expected one of ${INTERVALS.join(", ")}`);
  return found;
}

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

const NAME = /^[A-Za-z][A-Za-z0-9]{0,39}$/;

function numberOf(text: string, what: string): number {
  if (!/^-?\d{1,12}(\.\d{1,12})?$/.test(text)) throw new InvalidArgumentError(`${what}: expected a number, got "${text}"`);
  return Number(text);
}

/** `--param fast=10`, repeatable: one strategy parameter over its default. */
export function paramArg(value: string, previous: Record<string, number> = {}): Record<string, number> {
  const [name = "", text = "", ...rest] = value.split("=");
  if (!NAME.test(name) || rest.length > 0) throw new InvalidArgumentError("expected name=value, e.g. fast=10");
  return { ...previous, [name]: numberOf(text, name) };
}

/** `--grid fast=5,10,20`, repeatable: the values a sweep tries for one parameter. */
export function gridArg(value: string, previous: Record<string, number[]> = {}): Record<string, number[]> {
  const [name = "", list = "", ...rest] = value.split("=");
  if (!NAME.test(name) || rest.length > 0 || list === "")
    throw new InvalidArgumentError("expected name=v1,v2,…, e.g. fast=5,10,20");
  return { ...previous, [name]: list.split(",").map((text) => numberOf(text, name)) };
}

/** A fraction strictly between 0 and 1, e.g. 0.7. */
export function fractionArg(value: string): number {
  const fraction = Number(value);
  if (!/^0?\.\d{1,6}$/.test(value) || !(fraction > 0 && fraction < 1))
    throw new InvalidArgumentError("expected a fraction like 0.7");
  return fraction;
}

/**
 * The values of a union type, listed once here as a record's keys: the compiler then refuses a
 * missing value as well as an unknown one, so the CLI's choices follow the server's types.
 */
export function choicesOf<T extends string>(record: Record<T, true>): T[] {
  return Object.keys(record).filter((key): key is T => key in record);
}

export function choiceArg<T extends string>(choices: readonly T[]) {
  return (value: string): T => {
    const found = choices.find((choice) => choice === value);
    if (!found) throw new InvalidArgumentError(`expected one of ${choices.join(", ")}`);
    return found;
  };
}

/** Basis points, 0 … max (0 is a valid slippage). */
export function bpsArg(max: number) {
  return (value: string): number => {
    if (!/^\d{1,5}$/.test(value) || Number(value) > max) throw new InvalidArgumentError(`expected basis points from 0 to ${max}`);
    return Number(value);
  };
}

import type { PlaceOcoInput, PlaceOrderInput } from "../../sdk/types";
import { UsageError } from "../errors";

/** What `place` was given, flags as commander parsed them. */
export interface PlaceFlags {
  price?: string;
  quoteAmount?: string;
  tif?: "GTC" | "IOC" | "FOK";
  postOnly?: boolean;
  clientOrderId?: string;
  stp?: "EXPIRE_TAKER" | "EXPIRE_MAKER" | "EXPIRE_BOTH";
  /** A stop's trigger; with --price a stop-limit, else a stop-market (with --oco: the stop leg's trigger). */
  stop?: string;
  takeProfit?: string;
  trail?: Trail;
  activation?: string;
  oco?: boolean;
  /** --oco only: the stop leg's limit price. */
  stopLimit?: string;
}

export type Trail = { trailingDelta: string } | { trailingBps: number };

/** `1.50` trails by a price, `150bps` or `1.5%` by basis points of the best price since activation. */
export function parseTrail(value: string): Trail {
  const bps = /^(\d{1,5})bps$/i.exec(value);
  if (bps) return { trailingBps: Number(bps[1]) };
  const percent = /^(\d{1,3})(?:\.(\d{1,2}))?%$/.exec(value);
  if (percent) return { trailingBps: Number(percent[1]) * 100 + Number((percent[2] ?? "").padEnd(2, "0")) };
  if (/^\d{1,38}(\.\d{1,18})?$/.test(value)) return { trailingDelta: value };
  throw new UsageError("A trail is a price (1.50), basis points (150bps) or a percentage (1.5%).");
}

function onlyOne(flags: PlaceFlags): void {
  const kinds = [flags.stop !== undefined && !flags.oco, flags.takeProfit !== undefined, flags.trail !== undefined];
  if (kinds.filter(Boolean).length > 1) throw new UsageError("Give one of --stop, --take-profit and --trail.");
  if (flags.activation !== undefined && flags.trail === undefined) throw new UsageError("--activation goes with --trail.");
  if (flags.stopLimit !== undefined && !flags.oco) throw new UsageError("--stop-limit goes with --oco.");
}

/** The order's type from its flags: a trigger makes it conditional, a price makes it execute at a limit. */
function typeOf(flags: PlaceFlags): PlaceOrderInput["type"] {
  const isLimit = flags.price !== undefined;
  if (flags.trail !== undefined) return "TRAILING_STOP";
  if (flags.stop !== undefined) return isLimit ? "STOP_LIMIT" : "STOP_MARKET";
  if (flags.takeProfit !== undefined) return isLimit ? "TAKE_PROFIT_LIMIT" : "TAKE_PROFIT_MARKET";
  return isLimit ? "LIMIT" : "MARKET";
}

/** A price makes a limit order; without one it executes at market (by quantity, or by --quote-amount for buys). */
export function toPlaceInput(
  market: string,
  side: "BUY" | "SELL",
  quantity: string | undefined,
  flags: PlaceFlags,
): PlaceOrderInput {
  onlyOne(flags);
  if (quantity === undefined && flags.quoteAmount === undefined)
    throw new UsageError("Give a quantity (or --quote-amount for a buy at market).");
  return {
    market,
    side,
    type: typeOf(flags),
    price: flags.price,
    quantity,
    quoteAmount: flags.quoteAmount,
    timeInForce: flags.tif,
    postOnly: flags.postOnly,
    clientOrderId: flags.clientOrderId,
    selfTradePrevention: flags.stp,
    triggerPrice: flags.stop ?? flags.takeProfit,
    ...flags.trail,
    activationPrice: flags.activation,
  };
}

/** `--oco`: the limit leg at --price, the stop leg triggered at --stop (a stop-limit with --stop-limit). */
export function toOcoInput(market: string, side: "BUY" | "SELL", quantity: string | undefined, flags: PlaceFlags): PlaceOcoInput {
  onlyOne(flags);
  if (quantity === undefined || flags.price === undefined || flags.stop === undefined)
    throw new UsageError("An OCO needs a quantity, --price (its limit leg) and --stop (its stop leg's trigger).");
  if (
    flags.takeProfit !== undefined ||
    flags.trail !== undefined ||
    flags.quoteAmount !== undefined ||
    flags.tif ||
    flags.postOnly
  )
    throw new UsageError("An OCO takes --price, --stop and --stop-limit only.");
  return {
    market,
    side,
    quantity,
    price: flags.price,
    triggerPrice: flags.stop,
    stopLimitPrice: flags.stopLimit,
    clientOrderId: flags.clientOrderId,
    selfTradePrevention: flags.stp,
  };
}

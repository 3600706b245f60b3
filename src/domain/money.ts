/**
 * THE rounding rules of Bourse. Every division of money happens here and nowhere else.
 *
 * A price is quote minor units per ONE WHOLE base unit, so q base minor units at price p are
 * worth p * q / 10^baseScale quote minor units, which is rarely an integer.
 *
 * 1. Notional of a fill: quoteValue = floor(p * q / 10^baseScale). Buyer and seller both book
 *    exactly this integer, so the sub-unit remainder is never booked by anyone: no remainder
 *    account is needed. The seller bears it (less than one quote minor unit per fill).
 * 2. Fees: feeFor(notional, bps) = floor(notional * bps / 10000), always in the quote asset,
 *    rounded down in the user's favour. The fee account receives exactly the sum of the fees
 *    the parties paid, so the ledger balances to the unit.
 * 3. Holds round UP so they always cover what the order may still spend:
 *    - a LIMIT buy holds buyHold(P, q) = ceil(P * q / 10^baseScale)
 *      + ceil(thatNotional * max(makerFeeBps, takerFeeBps) / 10000);
 *    - any SELL holds its base quantity;
 *    - a MARKET buy by quote amount holds that amount (fees included in the budget);
 *    - a MARKET buy by base quantity holds nothing up front: its cost is only known after
 *      matching, and the service holds exactly what the fills cost.
 * 4. Why a limit buy's hold never runs out: fills at prices p_i <= P with fee bps_i <= max fee
 *    spend sum(floor(p_i f_i / S) + floor(n_i bps_i / 10000)), and a sum of floors plus the
 *    ceil of the rest is at most the ceil of the whole, for the notional and again for the fee.
 *    So spent + buyHold(P, remaining) <= buyHold(P, q) after any sequence of fills
 *    (property-tested in money.test.ts).
 */
import { divCeil, divFloor, pow10 } from "./decimal";
import { assert } from "./errors";
import type { IncomingOrder, MarketRules } from "./types";

export const BPS_DENOMINATOR = 10_000n;

function assertNonNegative(value: bigint, what: string): void {
  assert(value >= 0n, `${what} is non-negative`);
}

function feeBps(bps: number): bigint {
  assert(Number.isInteger(bps) && bps >= 0 && bps <= 10_000, `fee ${bps} bps is within 0..10000`);
  return BigInt(bps);
}

/** Rule 1: the notional both parties of a fill book. */
export function quoteValue(price: bigint, quantity: bigint, baseScale: number): bigint {
  assertNonNegative(price, "price");
  assertNonNegative(quantity, "quantity");
  return divFloor(price * quantity, pow10(baseScale));
}

/** Rule 2: a fee in quote minor units, rounded down. */
export function feeFor(notional: bigint, bps: number): bigint {
  assertNonNegative(notional, "notional");
  return divFloor(notional * feeBps(bps), BPS_DENOMINATOR);
}

type HoldRules = Pick<MarketRules, "baseScale" | "makerFeeBps" | "takerFeeBps">;

/** Rule 3: what a LIMIT buy of `quantity` at `price` must hold, whether it ends maker or taker. */
export function buyHold(price: bigint, quantity: bigint, rules: HoldRules): bigint {
  assertNonNegative(price, "price");
  assertNonNegative(quantity, "quantity");
  const notional = divCeil(price * quantity, pow10(rules.baseScale));
  const worstFee = feeBps(Math.max(rules.makerFeeBps, rules.takerFeeBps));
  return notional + divCeil(notional * worstFee, BPS_DENOMINATOR);
}

export interface Hold {
  asset: "BASE" | "QUOTE";
  amount: bigint;
}

export type HoldableOrder = Pick<IncomingOrder, "side" | "type" | "price" | "quantity" | "quoteAmount">;

/**
 * What placing `order` must move from available to held, or null for a market buy by base
 * quantity (rule 3). Assumes validateOrder passed; a shape it would reject is a bug here.
 */
export function requiredHold(order: HoldableOrder, rules: HoldRules): Hold | null {
  if (order.side === "SELL") {
    assert(order.quantity !== null, "a sell has a quantity");
    return { asset: "BASE", amount: order.quantity };
  }
  if (order.type === "LIMIT") {
    assert(order.price !== null && order.quantity !== null, "a limit buy has a price and a quantity");
    return { asset: "QUOTE", amount: buyHold(order.price, order.quantity, rules) };
  }
  if (order.quoteAmount !== null) return { asset: "QUOTE", amount: order.quoteAmount };
  assert(order.quantity !== null, "a market buy has a quantity or a quote amount");
  return null;
}

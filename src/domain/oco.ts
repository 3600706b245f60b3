/**
 * OCO, one-cancels-the-other: a LIMIT leg that rests in the book (GTC) and a STOP_LIMIT (or, for a
 * sell, STOP_MARKET) leg that waits for its trigger, same side and quantity. When either trades
 * or fires, the other is canceled in the same transaction; canceling either cancels both.
 *
 * Consistency: a SELL OCO takes profit above and stops a loss below, so its limit must lie above
 * the last trade price and its trigger below it (and the limit above the trigger when the market
 * has never traded); a BUY OCO is the mirror. A BUY's stop leg must be a stop-limit: a market buy
 * by quantity has no cost known in advance, and an OCO's hold must cover either leg.
 *
 * The hold: both legs spend the same funds, so the pair holds once, what the costlier leg may
 * spend (a SELL: its quantity; a BUY: the larger limit cost). It sits on the limit leg; when the
 * stop fires, it passes to the stop leg, which keeps what it needs and releases the rest.
 */
import { validatePlacement } from "./conditional-rules";
import { DomainError } from "./errors";
import type { OrderRules } from "./market-rules";
import { buyHold } from "./money";
import type { PlacedOrder, SelfTradePrevention, Side } from "./types";

export interface OcoRequest {
  userId: string;
  side: Side;
  /** Base minor units, for each leg. */
  quantity: bigint;
  /** The limit leg's price. */
  price: bigint;
  /** The stop leg's trigger. */
  triggerPrice: bigint;
  /** The stop leg's limit price (a STOP_LIMIT leg); null: a STOP_MARKET leg, sells only. */
  stopLimitPrice: bigint | null;
  selfTradePrevention: SelfTradePrevention;
}

export interface OcoLegs {
  limit: Omit<PlacedOrder, "id">;
  stop: Omit<PlacedOrder, "id">;
}

const NO_TRAIL = { trailingDelta: null, trailingBps: null, activationPrice: null };

export function ocoLegs(oco: OcoRequest): OcoLegs {
  const common = {
    userId: oco.userId,
    side: oco.side,
    postOnly: false,
    quantity: oco.quantity,
    quoteAmount: null,
    selfTradePrevention: oco.selfTradePrevention,
  };
  return {
    limit: { ...common, ...NO_TRAIL, type: "LIMIT", timeInForce: "GTC", price: oco.price, triggerPrice: null },
    stop: {
      ...common,
      ...NO_TRAIL,
      type: oco.stopLimitPrice === null ? "STOP_MARKET" : "STOP_LIMIT",
      timeInForce: oco.stopLimitPrice === null ? "IOC" : "GTC",
      price: oco.stopLimitPrice,
      triggerPrice: oco.triggerPrice,
    },
  };
}

/** Throws the first rule the pair breaks: each leg's own rules (the stop's includes not firing at once), then the buy's stop-limit, then consistency. */
export function validateOco(oco: OcoRequest, rules: OrderRules, lastPrice: bigint | null): void {
  const legs = ocoLegs(oco);
  if (oco.side === "BUY" && oco.stopLimitPrice === null) throw new DomainError("OCO_BUY_NEEDS_STOP_LIMIT");
  validatePlacement({ ...legs.limit, id: "limit" }, rules, null);
  validatePlacement({ ...legs.stop, id: "stop" }, rules, lastPrice);
  const above = (a: bigint, b: bigint) => (oco.side === "SELL" ? a > b : a < b);
  const isConsistent = above(oco.price, oco.triggerPrice) && (lastPrice === null || above(oco.price, lastPrice));
  if (!isConsistent)
    throw new DomainError("OCO_PRICES_INCONSISTENT", undefined, lastPrice === null ? {} : { lastPrice: String(lastPrice) });
}

/** What the pair holds, once: a sell its quantity (base), a buy the larger of its legs' limit costs (quote). */
export function ocoHold(oco: OcoRequest, rules: Pick<OrderRules, "baseScale" | "makerFeeBps" | "takerFeeBps">): bigint {
  if (oco.side === "SELL") return oco.quantity;
  const limitCost = buyHold(oco.price, oco.quantity, rules);
  const stopCost = oco.stopLimitPrice === null ? 0n : buyHold(oco.stopLimitPrice, oco.quantity, rules);
  return limitCost > stopCost ? limitCost : stopCost;
}

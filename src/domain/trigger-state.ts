/**
 * The trigger of one pending conditional order as data, and what one trade does to it.
 *
 * - A fixed trigger (stops, take-profits) fires on the first trade that reaches it (conditional.ts).
 * - A trailing stop activates, moves its extreme and fires as trailing.ts says. A trade that makes
 *   a new extreme moves it and cannot fire it (its trigger lies behind the new extreme).
 *
 * Wake points say, for an index, which trades can concern an order at all: a trade at or below
 * `below`, or at or above `above`. Any other trade leaves the order exactly as it was, so a
 * store need only show the batch the orders whose wake points its trades reach.
 */
import { reaches, triggerDirection } from "./conditional";
import { assert } from "./errors";
import { activates, isNewExtreme, type Trail, trailingTrigger } from "./trailing";
import type { ConditionalType, Side } from "./types";

export interface PendingTrigger {
  id: string;
  /** Placement order (the order id): of two orders fired by one trade at one trigger, the older fires first. */
  seq: bigint;
  type: ConditionalType;
  side: Side;
  /** Trailing stops only. */
  trail: Trail | null;
  activationPrice: bigint | null;
  /** The trigger now: a fixed order's own; a trailing stop's follows its extreme (null: not active yet, or no positive trigger). */
  trigger: bigint | null;
  /** Trailing stops: the best price since activation (null until active). */
  extreme: bigint | null;
}

export interface WakePoints {
  below: bigint | null;
  above: bigint | null;
}

/**
 * A trailing stop's state when placed with the market's last trade price (null: never traded):
 * active at once unless an activation price is still to be reached; with no price yet, the first
 * trade activates it.
 */
export function startTrailing(
  side: Side,
  trail: Trail,
  activationPrice: bigint | null,
  lastPrice: bigint | null,
  priceTick: bigint,
): Pick<PendingTrigger, "trigger" | "extreme"> {
  const isActive = lastPrice !== null && (activationPrice === null || activates(side, activationPrice, lastPrice));
  if (!isActive) return { trigger: null, extreme: null };
  return { trigger: trailingTrigger(side, lastPrice, trail, priceTick), extreme: lastPrice };
}

/** What a trade at `price` does to `order`: its next state (the same object when unchanged) and whether it fires. */
export function observeTrade(order: PendingTrigger, price: bigint, priceTick: bigint): { next: PendingTrigger; fires: boolean } {
  assert(price > 0n, "a trade price is positive");
  if (order.type !== "TRAILING_STOP") {
    assert(order.trigger !== null, "a fixed conditional order has a trigger");
    return { next: order, fires: reaches(triggerDirection(order.type, order.side), order.trigger, price) };
  }
  assert(order.trail !== null, "a trailing stop has a trail");
  if (order.extreme === null) {
    if (order.activationPrice !== null && !activates(order.side, order.activationPrice, price))
      return { next: order, fires: false };
    return {
      next: { ...order, extreme: price, trigger: trailingTrigger(order.side, price, order.trail, priceTick) },
      fires: false,
    };
  }
  if (isNewExtreme(order.side, order.extreme, price)) {
    return {
      next: { ...order, extreme: price, trigger: trailingTrigger(order.side, price, order.trail, priceTick) },
      fires: false,
    };
  }
  const fires = order.trigger !== null && reaches(triggerDirection(order.type, order.side), order.trigger, price);
  return { next: order, fires };
}

export function wakePoints(order: PendingTrigger): WakePoints {
  if (order.type !== "TRAILING_STOP") {
    return triggerDirection(order.type, order.side) === "FALL"
      ? { below: order.trigger, above: null }
      : { below: null, above: order.trigger };
  }
  if (order.extreme === null) {
    // Not active: the activation price wakes it; without one, any trade does (every price is at least 0).
    if (order.activationPrice === null) return { below: null, above: 0n };
    return order.side === "SELL" ? { below: null, above: order.activationPrice } : { below: order.activationPrice, above: null };
  }
  // Active: a new extreme moves it (one minor unit past the extreme), its trigger fires it.
  return order.side === "SELL"
    ? { below: order.trigger, above: order.extreme + 1n }
    : { below: order.extreme - 1n, above: order.trigger };
}

/** Does a trade at `price` concern an order with these wake points? */
export function isWokenBy(points: WakePoints, price: bigint): boolean {
  return (points.below !== null && price <= points.below) || (points.above !== null && price >= points.above);
}

/**
 * The order in which orders fired by ONE trade fire: those the falling side reached first
 * (highest trigger first), then those of the rising side (lowest trigger first); equal triggers
 * by placement. A fired order always has a trigger.
 */
export function firingOrder(a: PendingTrigger, b: PendingTrigger): number {
  const da = triggerDirection(a.type, a.side);
  const db = triggerDirection(b.type, b.side);
  if (da !== db) return da === "FALL" ? -1 : 1;
  assert(a.trigger !== null && b.trigger !== null, "a fired order has a trigger");
  if (a.trigger !== b.trigger) return (da === "FALL" ? a.trigger > b.trigger : a.trigger < b.trigger) ? -1 : 1;
  return a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0;
}

/**
 * Admission rules for an order of any type, conditional ones included. Checked in this order,
 * the first broken rule thrown as a named DomainError:
 * 1. the market is open (MARKET_HALTED);
 * 2. the trigger fields fit the type: a stop or take-profit has a trigger price and no trail; a
 *    trailing stop has exactly one trail (delta or bps), maybe an activation price, and no trigger
 *    price; a limit or market order has none of them (TRIGGER_PRICE_REQUIRED, TRAIL_REQUIRED,
 *    TRIGGER_NOT_ALLOWED);
 * 3. trigger, delta and activation price are positive multiples of the tick, bps within 1..2000
 *    (AMOUNT_NOT_POSITIVE, TRIGGER_NOT_ON_TICK, TRAIL_BPS_OUT_OF_RANGE);
 * 4. a conditional order is not post-only (INVALID_TIME_IN_FORCE), and if it buys at market it
 *    spends a quote amount, so that what it may spend is known and held (QUOTE_AMOUNT_REQUIRED);
 * 5. the order it executes as passes validateOrder (price, time in force, quantity, notional);
 * 6. a fixed trigger the last trade price has already reached is REFUSED (TRIGGER_WOULD_FIRE_NOW),
 *    never converted into the order it would become: a client that wants to trade now sends that
 *    order, and one whose stop the price raced past learns so instead of trading unawares.
 *    A trailing stop never fires at once (its trigger trails the price); a market that has never
 *    traded has no last price, so nothing fires at once there.
 */
import { executionTypeOf, isConditional, reaches, triggerDirection } from "./conditional";
import { DomainError, type DomainErrorCode } from "./errors";
import { type OrderRules, validateOrder } from "./market-rules";
import { isTrailBps, type Trail } from "./trailing";
import type { IncomingOrder, PlacedOrder, TriggerFields } from "./types";

/**
 * How many live conditional orders (pending, or fired and not yet executed) one user may have in
 * one market, and one market in all: they bound what a batch may have to read and fire at once.
 */
export const CONDITIONAL_LIMITS = { perUserMarket: 100, perMarket: 10_000 } as const;

function reject(code: DomainErrorCode, details?: Record<string, string>): never {
  throw new DomainError(code, undefined, details);
}

/** The order a placement executes as, once triggered (at once for LIMIT and MARKET). */
export function executionOf(order: PlacedOrder): IncomingOrder {
  const { triggerPrice: _t, trailingDelta: _d, trailingBps: _b, activationPrice: _a, ...rest } = order;
  return { ...rest, type: executionTypeOf(order.type) };
}

export function trailOf(fields: TriggerFields): Trail | null {
  if (fields.trailingDelta !== null) return { kind: "DELTA", delta: fields.trailingDelta };
  if (fields.trailingBps !== null) return { kind: "BPS", bps: fields.trailingBps };
  return null;
}

const NO_TRIGGER: TriggerFields = { triggerPrice: null, trailingDelta: null, trailingBps: null, activationPrice: null };

/** The fields a type must not carry, in the order they are reported. */
function forbiddenFields(order: PlacedOrder): (keyof TriggerFields)[] {
  if (!isConditional(order.type)) return ["triggerPrice", "trailingDelta", "trailingBps", "activationPrice"];
  if (order.type === "TRAILING_STOP") return ["triggerPrice"];
  return ["trailingDelta", "trailingBps", "activationPrice"];
}

function checkFields(order: PlacedOrder): void {
  for (const field of forbiddenFields(order)) if (order[field] !== null) reject("TRIGGER_NOT_ALLOWED", { field });
  if (!isConditional(order.type)) return;
  if (order.type !== "TRAILING_STOP" && order.triggerPrice === null) reject("TRIGGER_PRICE_REQUIRED");
  if (order.type === "TRAILING_STOP" && (order.trailingDelta === null) === (order.trailingBps === null)) reject("TRAIL_REQUIRED");
}

function checkTickPrice(value: bigint | null, field: string, rules: OrderRules): void {
  if (value === null) return;
  if (value <= 0n) reject("AMOUNT_NOT_POSITIVE", { field });
  if (value % rules.priceTick !== 0n) reject("TRIGGER_NOT_ON_TICK", { field, priceTick: String(rules.priceTick) });
}

function checkValues(order: PlacedOrder, rules: OrderRules): void {
  checkTickPrice(order.triggerPrice, "triggerPrice", rules);
  checkTickPrice(order.trailingDelta, "trailingDelta", rules);
  checkTickPrice(order.activationPrice, "activationPrice", rules);
  if (order.trailingBps !== null && !isTrailBps(order.trailingBps)) reject("TRAIL_BPS_OUT_OF_RANGE");
}

/** Throws the first rule `order` breaks (see the header); `lastPrice` is the market's last trade price, null if none. */
export function validatePlacement(order: PlacedOrder, rules: OrderRules, lastPrice: bigint | null): void {
  if (rules.status === "HALTED") reject("MARKET_HALTED");
  checkFields(order);
  if (!isConditional(order.type)) {
    validateOrder(executionOf(order), rules);
    return;
  }
  checkValues(order, rules);
  if (order.postOnly) reject("INVALID_TIME_IN_FORCE");
  const execution = executionOf(order);
  if (execution.type === "MARKET" && execution.side === "BUY" && execution.quoteAmount === null) reject("QUOTE_AMOUNT_REQUIRED");
  validateOrder(execution, rules);
  if (order.triggerPrice !== null && lastPrice !== null) {
    if (reaches(triggerDirection(order.type, order.side), order.triggerPrice, lastPrice)) {
      reject("TRIGGER_WOULD_FIRE_NOW", { lastPrice: String(lastPrice) });
    }
  }
}

/** A placement of a plain type with every trigger field empty. */
export function plainPlacement(order: Omit<PlacedOrder, keyof TriggerFields>): PlacedOrder {
  return { ...order, ...NO_TRIGGER };
}

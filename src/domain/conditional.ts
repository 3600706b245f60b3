/**
 * Conditional orders: what each type waits for and what it becomes. A conditional order rests
 * PENDING, outside the book, until the market's last trade price reaches its trigger; it then
 * fires (TRIGGERED) and executes as the order its type names, holding what it held since it was
 * placed.
 *
 * | type               | executes as | a SELL fires when the price | a BUY fires when the price |
 * | ------------------ | ----------- | --------------------------- | -------------------------- |
 * | STOP_MARKET        | MARKET      | falls to the trigger (≤)    | rises to the trigger (≥)   |
 * | STOP_LIMIT         | LIMIT       | falls to the trigger (≤)    | rises to the trigger (≥)   |
 * | TAKE_PROFIT_MARKET | MARKET      | rises to the trigger (≥)    | falls to the trigger (≤)   |
 * | TAKE_PROFIT_LIMIT  | LIMIT       | rises to the trigger (≥)    | falls to the trigger (≤)   |
 * | TRAILING_STOP      | MARKET      | falls to its trail (≤)      | rises to its trail (≥)     |
 *
 * A trailing stop's trigger follows the best price since it became active (trailing.ts).
 */
import { type AnyOrderType, CONDITIONAL_TYPES, type ConditionalType, type OrderType, type Side } from "./types";

/** FALL: fires when a trade is at or below the trigger; RISE: at or above it. */
export type TriggerDirection = "FALL" | "RISE";

export function isConditional(type: AnyOrderType): type is ConditionalType {
  return (CONDITIONAL_TYPES as readonly string[]).includes(type);
}

export function executionTypeOf(type: AnyOrderType): OrderType {
  return type === "LIMIT" || type === "STOP_LIMIT" || type === "TAKE_PROFIT_LIMIT" ? "LIMIT" : "MARKET";
}

/** A stop protects against the price moving against the position; a take-profit waits for it to move in favour. */
export function triggerDirection(type: ConditionalType, side: Side): TriggerDirection {
  const isTakeProfit = type === "TAKE_PROFIT_MARKET" || type === "TAKE_PROFIT_LIMIT";
  const sellsOnFall = !isTakeProfit;
  return (side === "SELL") === sellsOnFall ? "FALL" : "RISE";
}

/** Does a trade at `price` reach `trigger` in `direction`? */
export function reaches(direction: TriggerDirection, trigger: bigint, price: bigint): boolean {
  return direction === "FALL" ? price <= trigger : price >= trigger;
}

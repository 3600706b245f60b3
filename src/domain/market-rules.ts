/**
 * Admission rules: what an order must satisfy before it may hold funds or touch the book,
 * and what a market's own rules must satisfy before it may open. The matcher trusts these
 * checks, so every expected rejection lives here as a named DomainError.
 */
import { MAX_SCALE } from "./decimal";
import { DomainError } from "./errors";
import { quoteValue } from "./money";
import type { IncomingOrder, MarketRules, MarketStatus } from "./types";

/** Fees above 10% are almost certainly a typo in basis points. */
export const MAX_FEE_BPS = 1_000;

export type OrderRules = MarketRules & { status: MarketStatus };

function reject(code: ConstructorParameters<typeof DomainError>[0], details?: Record<string, string>): never {
  throw new DomainError(code, undefined, details);
}

function checkPositive(value: bigint, field: string): void {
  if (value <= 0n) reject("AMOUNT_NOT_POSITIVE", { field });
}

function checkShape(input: IncomingOrder): void {
  if (input.type === "LIMIT" && input.price === null) reject("PRICE_REQUIRED");
  if (input.type === "MARKET" && input.price !== null) reject("PRICE_NOT_ALLOWED");
  // Post-only only makes sense for an order that can rest; a market order can never rest.
  if (input.postOnly && !(input.type === "LIMIT" && input.timeInForce === "GTC")) reject("INVALID_TIME_IN_FORCE");
  if (input.type === "MARKET" && input.timeInForce === "GTC") reject("INVALID_TIME_IN_FORCE");
}

function checkQuoteAmount(input: IncomingOrder, rules: OrderRules): void {
  if (input.quoteAmount === null) return;
  if (!(input.type === "MARKET" && input.side === "BUY")) reject("QUOTE_AMOUNT_ONLY_FOR_MARKET_BUY");
  if (input.quantity !== null) reject("QUANTITY_REQUIRED"); // exactly one of the two
  checkPositive(input.quoteAmount, "quoteAmount");
  if (input.quoteAmount < rules.minNotional) reject("NOTIONAL_BELOW_MINIMUM", { minNotional: String(rules.minNotional) });
}

function checkPrice(price: bigint, rules: OrderRules): void {
  checkPositive(price, "price");
  if (price % rules.priceTick !== 0n) reject("PRICE_NOT_ON_TICK", { priceTick: String(rules.priceTick) });
}

function checkQuantity(quantity: bigint, rules: OrderRules): void {
  checkPositive(quantity, "quantity");
  if (quantity % rules.quantityStep !== 0n) reject("QUANTITY_NOT_ON_STEP", { quantityStep: String(rules.quantityStep) });
  if (quantity < rules.minQuantity) reject("QUANTITY_BELOW_MINIMUM", { minQuantity: String(rules.minQuantity) });
}

/**
 * Throws the first rule `input` breaks, checked in this order: halt, shape (price presence,
 * time in force, post-only), quote amount, price, quantity, limit notional.
 * Non-positive prices, quantities and quote amounts are AMOUNT_NOT_POSITIVE.
 */
export function validateOrder(input: IncomingOrder, rules: OrderRules): void {
  if (rules.status === "HALTED") reject("MARKET_HALTED");
  checkShape(input);
  checkQuoteAmount(input, rules);
  if (input.quoteAmount !== null) return;
  if (input.quantity === null) reject("QUANTITY_REQUIRED");
  if (input.price !== null) checkPrice(input.price, rules);
  checkQuantity(input.quantity, rules);
  // A market order's notional is unknown until it matches, so only limits are checked here.
  if (input.price !== null && quoteValue(input.price, input.quantity, rules.baseScale) < rules.minNotional) {
    reject("NOTIONAL_BELOW_MINIMUM", { minNotional: String(rules.minNotional) });
  }
}

function isScale(scale: number): boolean {
  return Number.isInteger(scale) && scale >= 0 && scale <= MAX_SCALE;
}

function isFee(bps: number): boolean {
  return Number.isInteger(bps) && bps >= 0 && bps <= MAX_FEE_BPS;
}

/** For market creation and edits: INVALID_MARKET_RULES names the first field at fault. */
export function validateMarketRules(rules: MarketRules): void {
  const problems: [boolean, string][] = [
    [isScale(rules.baseScale), "baseScale"],
    [isScale(rules.quoteScale), "quoteScale"],
    [rules.priceTick > 0n, "priceTick"],
    [rules.quantityStep > 0n, "quantityStep"],
    [rules.minQuantity > 0n && rules.quantityStep > 0n && rules.minQuantity % rules.quantityStep === 0n, "minQuantity"],
    [rules.minNotional >= 0n, "minNotional"],
    [isFee(rules.makerFeeBps), "makerFeeBps"],
    [isFee(rules.takerFeeBps), "takerFeeBps"],
  ];
  const broken = problems.find(([ok]) => !ok);
  if (broken) reject("INVALID_MARKET_RULES", { field: broken[1] });
}

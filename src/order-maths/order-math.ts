/**
 * Order-form arithmetic on minor units, with the server's own rounding (src/domain/money):
 * what an order will hold, roughly what it will cost or bring, and the 25/50/75/100 % sizes.
 */
import { BPS_DENOMINATOR, buyHold, feeFor, quoteValue } from "@/domain/money";
import { minBigint } from "@/domain/decimal";
import type { MarketRules } from "@/domain/types";
import { floorTo, pow10 } from "./decimal";
import { worstFeeBps } from "./market-rules";

/** A price level in minor units: [price (quote), size (base)]. */
export type LevelUnits = readonly [price: bigint, size: bigint];

export interface Estimate {
  /** Base minor units expected to trade. */
  quantity: bigint;
  /** Quote minor units, fees excluded. */
  notional: bigint;
  /** Quote minor units, at the worst fee the order may pay. */
  fee: bigint;
  /** False when the visible book cannot fill the whole market order. */
  isFullyFillable: boolean;
}

export function limitEstimate(price: bigint, quantity: bigint, rules: MarketRules): Estimate {
  const notional = quoteValue(price, quantity, rules.baseScale);
  return { quantity, notional, fee: feeFor(notional, worstFeeBps(rules)), isFullyFillable: true };
}

/** A market sell of `quantity` walked through the bids (best first). */
export function marketSellEstimate(quantity: bigint, bids: readonly LevelUnits[], rules: MarketRules): Estimate {
  let remaining = quantity;
  let notional = 0n;
  for (const [price, size] of bids) {
    if (remaining === 0n) break;
    const take = minBigint(remaining, size);
    notional += quoteValue(price, take, rules.baseScale);
    remaining -= take;
  }
  return {
    quantity: quantity - remaining,
    notional,
    fee: feeFor(notional, rules.takerFeeBps),
    isFullyFillable: remaining === 0n,
  };
}

/** A market buy spending `budget` quote units, fees included, walked through the asks (best first). */
export function marketBuyEstimate(budget: bigint, asks: readonly LevelUnits[], rules: MarketRules): Estimate {
  let left = budget;
  let quantity = 0n;
  let notional = 0n;
  let fee = 0n;
  for (const [price, size] of asks) {
    const levelNotional = quoteValue(price, size, rules.baseScale);
    const levelFee = feeFor(levelNotional, rules.takerFeeBps);
    if (levelNotional + levelFee <= left) {
      quantity += size;
      notional += levelNotional;
      fee += levelFee;
      left -= levelNotional + levelFee;
      continue;
    }
    const take = affordableQuantity(left, price, rules.takerFeeBps, rules);
    const takeNotional = quoteValue(price, take, rules.baseScale);
    return {
      quantity: quantity + take,
      notional: notional + takeNotional,
      fee: fee + feeFor(takeNotional, rules.takerFeeBps),
      isFullyFillable: true,
    };
  }
  return { quantity, notional, fee, isFullyFillable: left === 0n };
}

/** The largest step multiple whose notional plus fee at `feeBps` fits in `budget`. */
function affordableQuantity(budget: bigint, price: bigint, feeBps: number, rules: MarketRules): bigint {
  if (price <= 0n) return 0n;
  const scale = pow10(rules.baseScale);
  const guess = (budget * BPS_DENOMINATOR * scale) / (price * (BPS_DENOMINATOR + BigInt(feeBps)));
  let quantity = floorTo(guess, rules.quantityStep);
  const cost = (q: bigint) => {
    const notional = quoteValue(price, q, rules.baseScale);
    return notional + feeFor(notional, feeBps);
  };
  // The guess ignores floor rounding, so it is at most a step or two too large.
  while (quantity > 0n && cost(quantity) > budget) quantity -= rules.quantityStep;
  return quantity;
}

/** The largest limit-buy quantity whose hold (rule 3 in money.ts) fits in `budget`. */
export function affordableLimitBuy(budget: bigint, price: bigint, rules: MarketRules): bigint {
  if (price <= 0n) return 0n;
  const scale = pow10(rules.baseScale);
  const feeBps = BigInt(worstFeeBps(rules));
  let quantity = floorTo((budget * BPS_DENOMINATOR * scale) / (price * (BPS_DENOMINATOR + feeBps)), rules.quantityStep);
  while (quantity > 0n && buyHold(price, quantity, rules) > budget) quantity -= rules.quantityStep;
  return quantity;
}

/** `percent` (25, 50, 75, 100) of an available amount, rounded down. */
export function percentOf(available: bigint, percent: number): bigint {
  return (available * BigInt(percent)) / 100n;
}

export { buyHold, quoteValue };

import type { Market } from "@/trpc/types";
import { unitsOf } from "./decimal";

/** A market's rules in minor units, parsed once from the API's decimal strings. */
export interface Rules {
  baseScale: number;
  quoteScale: number;
  priceTick: bigint;
  quantityStep: bigint;
  minQuantity: bigint;
  minNotional: bigint;
  makerFeeBps: number;
  takerFeeBps: number;
}

export function rulesOf(market: Market): Rules {
  return {
    baseScale: market.baseScale,
    quoteScale: market.quoteScale,
    priceTick: unitsOf(market.priceTick, market.quoteScale),
    quantityStep: unitsOf(market.quantityStep, market.baseScale),
    minQuantity: unitsOf(market.minQuantity, market.baseScale),
    minNotional: unitsOf(market.minNotional, market.quoteScale),
    makerFeeBps: market.makerFeeBps,
    takerFeeBps: market.takerFeeBps,
  };
}

/** The fee an order may pay at worst: it may end as maker or taker. */
export function worstFeeBps(rules: Rules): number {
  return Math.max(rules.makerFeeBps, rules.takerFeeBps);
}

import type { Market } from "@/trpc/types";
import type { MarketRules } from "@/domain/types";
import { unitsOf } from "./decimal";

/** A market's rules in minor units (the server's own type), parsed once from the API's decimal strings. */
export function rulesOf(market: Market): MarketRules {
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
export function worstFeeBps(rules: MarketRules): number {
  return Math.max(rules.makerFeeBps, rules.takerFeeBps);
}

import type { MarketRules } from "./types";

/**
 * The domain tests' market: whole base units (scale 0) and quote in cents, tick and step 1, no
 * minimum notional, so notionals are exact unless a test says otherwise. Fees 10/20 bps unless given.
 */
export function wholeUnitRules(fees: Partial<Pick<MarketRules, "makerFeeBps" | "takerFeeBps">> = {}): MarketRules {
  return {
    baseScale: 0,
    quoteScale: 2,
    priceTick: 1n,
    quantityStep: 1n,
    minQuantity: 1n,
    minNotional: 0n,
    makerFeeBps: 10,
    takerFeeBps: 20,
    ...fees,
  };
}

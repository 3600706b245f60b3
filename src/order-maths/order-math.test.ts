import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { MarketRules } from "@/domain/types";
import { affordableLimitBuy, buyHold, limitEstimate, marketBuyEstimate, marketSellEstimate } from "./order-math";

// ACME-USD of the demo: prices in cents, quantities at 4 decimals, step 0.01, fees 10/20 bps.
const RULES: MarketRules = {
  baseScale: 4,
  quoteScale: 2,
  priceTick: 1n,
  quantityStep: 100n,
  minQuantity: 100n,
  minNotional: 100n,
  makerFeeBps: 10,
  takerFeeBps: 20,
};

describe("estimates", () => {
  it("prices a limit order with the worst fee", () => {
    // 2 ACME at 125.40 = 250.80, fee 0.2 % = 0.50 (rounded down).
    expect(limitEstimate(12_540n, 20_000n, RULES)).toMatchObject({ notional: 25_080n, fee: 50n });
  });

  it("walks the book for market orders", () => {
    const bids = [
      [12_535n, 10_000n],
      [12_530n, 50_000n],
    ] as const;
    const sell = marketSellEstimate(30_000n, bids, RULES);
    expect(sell).toMatchObject({ quantity: 30_000n, notional: 12_535n + 25_060n, isFullyFillable: true });
    expect(marketSellEstimate(70_000n, bids, RULES).isFullyFillable).toBe(false);

    const asks = [[10_000n, 10_000n]] as const; // 1 ACME at 100.00
    const buy = marketBuyEstimate(5_010n, asks, RULES); // 50.10 buys 0.5 ACME: 50.00 + 0.10 fee
    expect(buy).toMatchObject({ quantity: 5_000n, notional: 5_000n, fee: 10n });
  });
});

describe("affordableLimitBuy", () => {
  it("is the largest step multiple whose hold fits the budget", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 8n }), (budget, price) => {
        const quantity = affordableLimitBuy(budget, price, RULES);
        expect(quantity % RULES.quantityStep).toBe(0n);
        expect(buyHold(price, quantity, RULES)).toBeLessThanOrEqual(budget);
        expect(buyHold(price, quantity + RULES.quantityStep, RULES)).toBeGreaterThan(budget);
      }),
    );
  });
});

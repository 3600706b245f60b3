import { describe, expect, it } from "vitest";
import type { DomainError } from "./errors";
import { validateMarketRules, validateOrder } from "./market-rules";
import type { OrderRules } from "./market-rules";
import { codeOf } from "./test-errors";
import { incomingOrder } from "./test-orders";
import type { IncomingOrder, MarketRules } from "./types";

// BTC/USD-like: base scale 8, quote scale 2, tick 0.01, step 0.00001, min qty 0.0001, min notional 5.00.
const rules: OrderRules = {
  baseScale: 8,
  quoteScale: 2,
  priceTick: 1n,
  quantityStep: 1_000n,
  minQuantity: 10_000n,
  minNotional: 500n,
  makerFeeBps: 10,
  takerFeeBps: 20,
  status: "OPEN",
};

function order(o: Partial<IncomingOrder> = {}): IncomingOrder {
  // 0.001 at 65,000.00: notional 65.00.
  return incomingOrder({ id: "o1", userId: "u1", price: 6_500_000n, quantity: 100_000n, ...o });
}

const marketBuy = { type: "MARKET", timeInForce: "IOC", price: null } as const;

describe("validateOrder accepts", () => {
  it.each<[string, Partial<IncomingOrder>]>([
    ["a limit GTC buy", {}],
    ["a limit sell IOC", { side: "SELL", timeInForce: "IOC" }],
    ["a limit FOK", { timeInForce: "FOK" }],
    ["a post-only limit GTC", { postOnly: true }],
    ["a market sell IOC", { ...marketBuy, side: "SELL" }],
    ["a market buy by quantity FOK", { ...marketBuy, timeInForce: "FOK" }],
    ["a market buy by quote amount", { ...marketBuy, quantity: null, quoteAmount: 500n }],
    ["a quantity exactly at the minimum", { quantity: 10_000n }],
    ["a notional exactly at the minimum", { quantity: 10_000n, price: 5_000_000n }],
  ])("%s", (_, o) => {
    expect(() => validateOrder(order(o), rules)).not.toThrow();
  });
});

describe("validateOrder rejects", () => {
  it.each<[string, Partial<IncomingOrder>, Partial<OrderRules>, string]>([
    ["anything on a halted market", {}, { status: "HALTED" }, "MARKET_HALTED"],
    ["a limit without a price", { price: null }, {}, "PRICE_REQUIRED"],
    ["a market order with a price", { type: "MARKET", timeInForce: "IOC" }, {}, "PRICE_NOT_ALLOWED"],
    ["a market order GTC", { ...marketBuy, timeInForce: "GTC" }, {}, "INVALID_TIME_IN_FORCE"],
    ["a post-only IOC", { postOnly: true, timeInForce: "IOC" }, {}, "INVALID_TIME_IN_FORCE"],
    ["a post-only FOK", { postOnly: true, timeInForce: "FOK" }, {}, "INVALID_TIME_IN_FORCE"],
    ["a post-only market", { ...marketBuy, postOnly: true }, {}, "INVALID_TIME_IN_FORCE"],
    ["a zero price", { price: 0n }, {}, "AMOUNT_NOT_POSITIVE"],
    ["a negative price", { price: -100n }, {}, "AMOUNT_NOT_POSITIVE"],
    ["a price off tick", { price: 6_500_003n }, { priceTick: 5n }, "PRICE_NOT_ON_TICK"],
    ["a zero quantity", { quantity: 0n }, {}, "AMOUNT_NOT_POSITIVE"],
    ["a quantity off step", { quantity: 100_001n }, {}, "QUANTITY_NOT_ON_STEP"],
    ["a quantity below the minimum", { quantity: 9_000n }, {}, "QUANTITY_BELOW_MINIMUM"],
    ["a limit notional below the minimum", { quantity: 10_000n, price: 4_999_999n }, {}, "NOTIONAL_BELOW_MINIMUM"],
    ["a limit without a quantity", { quantity: null }, {}, "QUANTITY_REQUIRED"],
    ["a market buy with neither quantity nor quote amount", { ...marketBuy, quantity: null }, {}, "QUANTITY_REQUIRED"],
    ["a market buy with both quantity and quote amount", { ...marketBuy, quoteAmount: 1_000n }, {}, "QUANTITY_REQUIRED"],
    ["a quote amount on a limit buy", { quantity: null, quoteAmount: 1_000n }, {}, "QUOTE_AMOUNT_ONLY_FOR_MARKET_BUY"],
    [
      "a quote amount on a market sell",
      { ...marketBuy, side: "SELL", quantity: null, quoteAmount: 1_000n },
      {},
      "QUOTE_AMOUNT_ONLY_FOR_MARKET_BUY",
    ],
    ["a zero quote amount", { ...marketBuy, quantity: null, quoteAmount: 0n }, { minNotional: 0n }, "AMOUNT_NOT_POSITIVE"],
    [
      "a quote amount below the minimum notional",
      { ...marketBuy, quantity: null, quoteAmount: 499n },
      {},
      "NOTIONAL_BELOW_MINIMUM",
    ],
  ])("%s", (_, o, r, code) => {
    expect(codeOf(() => validateOrder(order(o), { ...rules, ...r }))).toBe(code);
  });

  it("does not check a market order's notional (its price is unknown)", () => {
    expect(() => validateOrder(order({ ...marketBuy, quantity: 10_000n }), { ...rules, minNotional: 10n ** 30n })).not.toThrow();
  });

  it("checks the halt before anything else", () => {
    expect(codeOf(() => validateOrder(order({ price: null, quantity: 0n }), { ...rules, status: "HALTED" }))).toBe(
      "MARKET_HALTED",
    );
  });

  it("tells the client the tick, step and minimums it missed", () => {
    try {
      validateOrder(order({ price: 6_500_003n }), { ...rules, priceTick: 5n });
      expect.unreachable();
    } catch (error) {
      expect((error as DomainError).details).toEqual({ priceTick: "5" });
    }
  });
});

describe("validateMarketRules", () => {
  const market: MarketRules = { ...rules };

  it("accepts sound rules, including zero fees and min notional", () => {
    expect(() => validateMarketRules(market)).not.toThrow();
    expect(() => validateMarketRules({ ...market, makerFeeBps: 0, takerFeeBps: 1_000, minNotional: 0n })).not.toThrow();
    expect(() => validateMarketRules({ ...market, baseScale: 0, quoteScale: 18 })).not.toThrow();
  });

  it.each<[string, Partial<MarketRules>]>([
    ["baseScale", { baseScale: -1 }],
    ["baseScale", { baseScale: 19 }],
    ["baseScale", { baseScale: 2.5 }],
    ["quoteScale", { quoteScale: 19 }],
    ["priceTick", { priceTick: 0n }],
    ["quantityStep", { quantityStep: -1n }],
    ["minQuantity", { minQuantity: 0n }],
    ["minQuantity", { minQuantity: 1_500n }],
    ["minNotional", { minNotional: -1n }],
    ["makerFeeBps", { makerFeeBps: 1_001 }],
    ["makerFeeBps", { makerFeeBps: -1 }],
    ["takerFeeBps", { takerFeeBps: 0.5 }],
  ])("rejects a bad %s", (field, r) => {
    try {
      validateMarketRules({ ...market, ...r });
      expect.unreachable();
    } catch (error) {
      expect((error as DomainError).code).toBe("INVALID_MARKET_RULES");
      expect((error as DomainError).details).toEqual({ field });
    }
  });
});

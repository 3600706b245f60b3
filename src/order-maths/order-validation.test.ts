import { describe, expect, it } from "vitest";
import type { Market } from "@/trpc/types";
import { rulesOf } from "./market-rules";
import { type OrderFormValues, orderIssues, toOrderRequest } from "./order-validation";

const MARKET: Market = {
  symbol: "ACME-USD",
  baseAsset: "ACME",
  quoteAsset: "USD",
  baseScale: 4,
  quoteScale: 2,
  priceTick: "0.05",
  quantityStep: "0.0100",
  minQuantity: "0.0100",
  minNotional: "1.00",
  makerFeeBps: 10,
  takerFeeBps: 20,
  status: "OPEN",
};
const context = { market: MARKET, rules: rulesOf(MARKET), availableBase: 50_000n, availableQuote: 100_000n };
const limitBuy = (price: string, quantity: string): OrderFormValues => ({
  side: "BUY",
  type: "LIMIT",
  price,
  quantity,
  total: "",
  timeInForce: "GTC",
  postOnly: false,
});

describe("orderIssues", () => {
  it("accepts an order on tick and step that the balance covers", () => {
    expect(orderIssues(limitBuy("125.40", "1.5"), context)).toEqual([]);
  });

  it("explains each rule in words", () => {
    expect(orderIssues(limitBuy("125.43", "1"), context)).toEqual([
      { field: "price", message: "Use a multiple of 0.05 (the price tick)." },
    ]);
    expect(orderIssues(limitBuy("125.40", "1.005"), context)).toEqual([
      { field: "quantity", message: "Use a multiple of 0.0100 ACME." },
    ]);
    expect(orderIssues(limitBuy("125.40", "1.00001"), context)[0]?.message).toBe("ACME amounts have at most 4 decimals.");
    expect(orderIssues(limitBuy("", ""), context).map((i) => i.field)).toEqual(["price", "quantity"]);
    expect(orderIssues(limitBuy("0.05", "0.01"), context)[0]?.message).toBe("The order's value must be at least 1.00 USD.");
  });

  it("checks the hold, fees included, against what is available", () => {
    // 8 ACME at 125.00 = 1,000.00 + 2.00 worst fee > 1,000.00 available.
    expect(orderIssues(limitBuy("125.00", "8"), context)[0]?.message).toBe("Not enough USD: needs 1,002.00, 1,000.00 available.");
    const sell: OrderFormValues = { ...limitBuy("", "6"), side: "SELL", type: "MARKET" };
    expect(orderIssues(sell, context)[0]?.message).toBe("Not enough ACME: needs 6.0000, 5.0000 available.");
  });

  it("skips the funds check for a visitor", () => {
    expect(orderIssues(limitBuy("125.00", "8"), { ...context, availableBase: null, availableQuote: null })).toEqual([]);
  });
});

describe("toOrderRequest", () => {
  it("sends canonical decimal strings", () => {
    expect(toOrderRequest(limitBuy("125.4", "1."), MARKET)).toEqual({
      market: "ACME-USD",
      side: "BUY",
      type: "LIMIT",
      price: "125.40",
      quantity: "1.0000",
      timeInForce: "GTC",
      postOnly: false,
    });
    expect(toOrderRequest({ ...limitBuy("", ""), type: "MARKET", total: "50" }, MARKET)).toEqual({
      market: "ACME-USD",
      side: "BUY",
      type: "MARKET",
      quoteAmount: "50.00",
    });
  });

  it("sends time in force with limit orders, and post-only only with GTC", () => {
    expect(toOrderRequest({ ...limitBuy("125", "1"), postOnly: true }, MARKET)).toMatchObject({
      timeInForce: "GTC",
      postOnly: true,
    });
    // The server refuses post-only IOC/FOK, so a box left ticked must not turn into a rejection.
    expect(toOrderRequest({ ...limitBuy("125", "1"), timeInForce: "FOK", postOnly: true }, MARKET)).toMatchObject({
      timeInForce: "FOK",
      postOnly: false,
    });
  });

  it("leaves time in force to the server for market orders (always IOC)", () => {
    const marketSell = { ...limitBuy("", "1"), side: "SELL", type: "MARKET", timeInForce: "FOK", postOnly: true } as const;
    expect(toOrderRequest(marketSell, MARKET)).toEqual({ market: "ACME-USD", side: "SELL", type: "MARKET", quantity: "1.0000" });
  });
});

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
    const sell: OrderFormValues = { side: "SELL", type: "MARKET", price: "", quantity: "6", total: "" };
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
    });
    expect(toOrderRequest({ side: "BUY", type: "MARKET", price: "", quantity: "", total: "50" }, MARKET)).toMatchObject({
      quoteAmount: "50.00",
    });
  });
});

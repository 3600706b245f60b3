import { describe, expect, it } from "vitest";
import { executionOf, plainPlacement, validatePlacement } from "./conditional-rules";
import type { OrderRules } from "./market-rules";
import { buyHold } from "./money";
import { type OcoRequest, ocoHold, ocoLegs, validateOco } from "./oco";
import { codeOf } from "./test-errors";
import { incomingOrder } from "./test-orders";
import type { PlacedOrder } from "./types";

// Ticks of 5, whole units, a minimum notional of 50: prices are multiples of 5.
const rules: OrderRules = {
  baseScale: 0,
  quoteScale: 2,
  priceTick: 5n,
  quantityStep: 1n,
  minQuantity: 1n,
  minNotional: 50n,
  makerFeeBps: 10,
  takerFeeBps: 20,
  status: "OPEN",
};
const LAST = 1_000n;

const stopSell = (fields: Partial<PlacedOrder> = {}): PlacedOrder => ({
  ...plainPlacement(incomingOrder({ side: "SELL", type: "MARKET", timeInForce: "IOC", price: null, quantity: 10n })),
  type: "STOP_MARKET",
  triggerPrice: 950n,
  ...fields,
});
const check = (order: PlacedOrder, last: bigint | null = LAST) => codeOf(() => validatePlacement(order, rules, last));

describe("conditional order admission", () => {
  it("accepts each type in its shape", () => {
    const accepted: PlacedOrder[] = [
      stopSell(),
      stopSell({ type: "STOP_LIMIT", price: 945n, timeInForce: "GTC" }),
      stopSell({ type: "TAKE_PROFIT_MARKET", triggerPrice: 1_050n }),
      stopSell({ type: "TAKE_PROFIT_LIMIT", triggerPrice: 1_050n, price: 1_050n, timeInForce: "FOK" }),
      stopSell({ type: "TRAILING_STOP", triggerPrice: null, trailingDelta: 25n }),
      stopSell({ type: "TRAILING_STOP", triggerPrice: null, trailingBps: 150, activationPrice: 1_100n }),
      stopSell({ side: "BUY", triggerPrice: 1_050n, quantity: null, quoteAmount: 10_000n }),
      stopSell({ side: "BUY", type: "STOP_LIMIT", triggerPrice: 1_050n, price: 1_060n, timeInForce: "GTC" }),
      stopSell({ side: "BUY", type: "TAKE_PROFIT_LIMIT", triggerPrice: 950n, price: 950n, timeInForce: "GTC" }),
    ];
    expect(accepted.map((o) => check(o))).toEqual(accepted.map(() => undefined));
  });

  it("refuses each broken rule by name", () => {
    const cases: [string, PlacedOrder, bigint | null][] = [
      ["TRIGGER_PRICE_REQUIRED", stopSell({ triggerPrice: null }), LAST],
      ["TRIGGER_NOT_ALLOWED", stopSell({ trailingDelta: 5n }), LAST],
      ["TRIGGER_NOT_ALLOWED", stopSell({ activationPrice: 5n }), LAST],
      ["TRIGGER_NOT_ALLOWED", stopSell({ type: "TRAILING_STOP", trailingDelta: 5n }), LAST],
      ["TRIGGER_NOT_ALLOWED", { ...stopSell(), type: "MARKET" }, LAST],
      ["TRAIL_REQUIRED", stopSell({ type: "TRAILING_STOP", triggerPrice: null }), LAST],
      ["TRAIL_REQUIRED", stopSell({ type: "TRAILING_STOP", triggerPrice: null, trailingDelta: 5n, trailingBps: 5 }), LAST],
      ["TRIGGER_NOT_ON_TICK", stopSell({ triggerPrice: 951n }), LAST],
      ["TRIGGER_NOT_ON_TICK", stopSell({ type: "TRAILING_STOP", triggerPrice: null, trailingDelta: 7n }), LAST],
      ["TRIGGER_NOT_ON_TICK", stopSell({ type: "TRAILING_STOP", triggerPrice: null, trailingBps: 5, activationPrice: 3n }), LAST],
      ["AMOUNT_NOT_POSITIVE", stopSell({ triggerPrice: 0n }), LAST],
      ["TRAIL_BPS_OUT_OF_RANGE", stopSell({ type: "TRAILING_STOP", triggerPrice: null, trailingBps: 0 }), LAST],
      ["TRAIL_BPS_OUT_OF_RANGE", stopSell({ type: "TRAILING_STOP", triggerPrice: null, trailingBps: 2_001 }), LAST],
      ["TRAIL_BPS_OUT_OF_RANGE", stopSell({ type: "TRAILING_STOP", triggerPrice: null, trailingBps: 1.5 }), LAST],
      ["INVALID_TIME_IN_FORCE", stopSell({ type: "STOP_LIMIT", price: 945n, timeInForce: "GTC", postOnly: true }), LAST],
      ["INVALID_TIME_IN_FORCE", stopSell({ timeInForce: "GTC" }), LAST],
      ["QUOTE_AMOUNT_REQUIRED", stopSell({ side: "BUY", triggerPrice: 1_050n }), LAST],
      ["QUOTE_AMOUNT_ONLY_FOR_MARKET_BUY", stopSell({ quantity: null, quoteAmount: 100n }), LAST],
      ["PRICE_REQUIRED", stopSell({ type: "STOP_LIMIT", timeInForce: "GTC" }), LAST],
      ["PRICE_NOT_ALLOWED", stopSell({ price: 945n }), LAST],
      ["PRICE_NOT_ON_TICK", stopSell({ type: "STOP_LIMIT", price: 944n, timeInForce: "GTC" }), LAST],
      ["NOTIONAL_BELOW_MINIMUM", stopSell({ type: "STOP_LIMIT", price: 5n, quantity: 1n, timeInForce: "GTC" }), LAST],
      ["TRIGGER_WOULD_FIRE_NOW", stopSell({ triggerPrice: LAST }), LAST],
      ["TRIGGER_WOULD_FIRE_NOW", stopSell({ side: "BUY", triggerPrice: 995n, quantity: null, quoteAmount: 10_000n }), LAST],
      ["TRIGGER_WOULD_FIRE_NOW", stopSell({ type: "TAKE_PROFIT_MARKET", triggerPrice: 1_005n }), 1_005n],
      ["MARKET_HALTED", stopSell(), LAST],
    ];
    const halted = { ...rules, status: "HALTED" as const };
    const got = cases.map(([code, order, last]) => [
      code,
      code === "MARKET_HALTED" ? codeOf(() => validatePlacement(order, halted, last)) : check(order, last),
    ]);
    expect(got).toEqual(cases.map(([code]) => [code, code]));
  });

  it("a market that never traded fires nothing at once", () => {
    expect(check(stopSell({ triggerPrice: 5_000n }), null)).toBeUndefined();
  });

  it("a limit or market order carries no trigger and executes as itself", () => {
    const limit = plainPlacement(incomingOrder({ price: 100n }));
    expect(check(limit)).toBeUndefined();
    expect(executionOf(limit)).toEqual(incomingOrder({ price: 100n }));
    expect(executionOf(stopSell({ type: "STOP_LIMIT", price: 945n })).type).toBe("LIMIT");
  });
});

describe("OCO", () => {
  const sellOco: OcoRequest = {
    userId: "u",
    side: "SELL",
    quantity: 10n,
    price: 1_100n,
    triggerPrice: 950n,
    stopLimitPrice: null,
    selfTradePrevention: "EXPIRE_TAKER",
  };
  const buyOco: OcoRequest = { ...sellOco, side: "BUY", price: 900n, triggerPrice: 1_050n, stopLimitPrice: 1_060n };
  const ocoCode = (oco: OcoRequest, last: bigint | null = LAST) => codeOf(() => validateOco(oco, rules, last));

  it("accepts consistent pairs: a sell's limit above the market and its stop below, a buy's the reverse", () => {
    expect([ocoCode(sellOco), ocoCode(buyOco), ocoCode({ ...sellOco, stopLimitPrice: 940n }), ocoCode(sellOco, null)]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("refuses inconsistent pairs by name", () => {
    expect([
      ocoCode({ ...sellOco, price: 995n }),
      ocoCode({ ...sellOco, price: 1_000n }),
      ocoCode({ ...buyOco, price: 1_005n }),
      ocoCode({ ...sellOco, price: 900n }, null),
      ocoCode({ ...sellOco, triggerPrice: 1_000n }),
      ocoCode({ ...buyOco, triggerPrice: 990n }),
      ocoCode({ ...buyOco, stopLimitPrice: null }),
      ocoCode({ ...sellOco, triggerPrice: 951n }),
      ocoCode({ ...sellOco, price: 1_101n }),
    ]).toEqual([
      "OCO_PRICES_INCONSISTENT",
      "OCO_PRICES_INCONSISTENT",
      "OCO_PRICES_INCONSISTENT",
      "OCO_PRICES_INCONSISTENT",
      "TRIGGER_WOULD_FIRE_NOW",
      "TRIGGER_WOULD_FIRE_NOW",
      "OCO_BUY_NEEDS_STOP_LIMIT",
      "TRIGGER_NOT_ON_TICK",
      "PRICE_NOT_ON_TICK",
    ]);
  });

  it("its legs are a GTC limit and a stop of the same side and quantity", () => {
    const legs = ocoLegs({ ...sellOco, stopLimitPrice: 940n });
    expect(legs.limit).toMatchObject({ type: "LIMIT", timeInForce: "GTC", price: 1_100n, quantity: 10n, triggerPrice: null });
    expect(legs.stop).toMatchObject({ type: "STOP_LIMIT", timeInForce: "GTC", price: 940n, quantity: 10n, triggerPrice: 950n });
    expect(ocoLegs(sellOco).stop).toMatchObject({ type: "STOP_MARKET", timeInForce: "IOC", price: null });
  });

  it("holds once, what the costlier leg may spend", () => {
    expect(ocoHold(sellOco, rules)).toBe(10n);
    expect(ocoHold(buyOco, rules)).toBe(buyHold(1_060n, 10n, rules));
    expect(ocoHold({ ...buyOco, price: 900n, stopLimitPrice: 800n, triggerPrice: 1_050n }, rules)).toBe(
      buyHold(900n, 10n, rules),
    );
  });
});

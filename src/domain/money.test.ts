import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buyHold, feeFor, quoteValue, requiredHold } from "./money";
import type { HoldableOrder } from "./money";

const rules = { baseScale: 3, makerFeeBps: 10, takerFeeBps: 25 };

describe("quoteValue", () => {
  it("is price × quantity over 10^baseScale, rounded down", () => {
    // 0.015 base at 100.05 quote per unit = 1.50075 → 150 minor units (quote scale 2).
    expect(quoteValue(10_005n, 15n, 3)).toBe(150n);
    expect(quoteValue(10_000n, 1_000n, 3)).toBe(10_000n);
    expect(quoteValue(1n, 999n, 3)).toBe(0n);
    expect(quoteValue(7n, 3n, 0)).toBe(21n);
  });

  it("crashes on negative inputs", () => {
    expect(() => quoteValue(-1n, 1n, 0)).toThrow(/Invariant/);
    expect(() => quoteValue(1n, -1n, 0)).toThrow(/Invariant/);
  });
});

describe("feeFor", () => {
  it("rounds down in the user's favour", () => {
    expect(feeFor(10_000n, 25)).toBe(25n);
    expect(feeFor(399n, 25)).toBe(0n);
    expect(feeFor(400n, 25)).toBe(1n);
    expect(feeFor(12_345n, 0)).toBe(0n);
    expect(feeFor(12_345n, 10_000)).toBe(12_345n);
  });

  it("crashes on fees outside 0..10000 bps or fractional bps", () => {
    expect(() => feeFor(1n, -1)).toThrow(/Invariant/);
    expect(() => feeFor(1n, 10_001)).toThrow(/Invariant/);
    expect(() => feeFor(1n, 2.5)).toThrow(/Invariant/);
  });
});

describe("buyHold", () => {
  it("rounds the notional and the worst-case fee up", () => {
    // notional ceil(10005 * 15 / 1000) = ceil(150.075) = 151; fee ceil(151 * 25 / 10000) = 1.
    expect(buyHold(10_005n, 15n, rules)).toBe(152n);
    expect(buyHold(10_000n, 1_000n, rules)).toBe(10_000n + 25n);
    expect(buyHold(10_000n, 0n, rules)).toBe(0n);
  });

  it("uses the larger of the maker and taker fee", () => {
    expect(buyHold(10_000n, 1_000n, { baseScale: 3, makerFeeBps: 40, takerFeeBps: 5 })).toBe(10_040n);
  });
});

describe("requiredHold", () => {
  const order = (o: Partial<HoldableOrder>): HoldableOrder => ({
    side: "BUY",
    type: "LIMIT",
    price: 10_000n,
    quantity: 1_000n,
    quoteAmount: null,
    ...o,
  });

  it("holds buyHold in quote for a limit buy", () => {
    expect(requiredHold(order({}), rules)).toEqual({ asset: "QUOTE", amount: 10_025n });
  });

  it("holds the base quantity for any sell", () => {
    expect(requiredHold(order({ side: "SELL" }), rules)).toEqual({ asset: "BASE", amount: 1_000n });
    expect(requiredHold(order({ side: "SELL", type: "MARKET", price: null }), rules)).toEqual({ asset: "BASE", amount: 1_000n });
  });

  it("holds the quote amount for a market buy by quote amount", () => {
    expect(requiredHold(order({ type: "MARKET", price: null, quantity: null, quoteAmount: 777n }), rules)).toEqual({
      asset: "QUOTE",
      amount: 777n,
    });
  });

  it("holds nothing up front for a market buy by base quantity", () => {
    expect(requiredHold(order({ type: "MARKET", price: null }), rules)).toBeNull();
  });

  it("crashes on shapes validateOrder rejects", () => {
    expect(() => requiredHold(order({ price: null }), rules)).toThrow(/Invariant/);
    expect(() => requiredHold(order({ side: "SELL", quantity: null }), rules)).toThrow(/Invariant/);
    expect(() => requiredHold(order({ type: "MARKET", price: null, quantity: null }), rules)).toThrow(/Invariant/);
  });
});

describe("a limit buy's hold always covers what it may still spend", () => {
  const scenario = fc
    .record({
      baseScale: fc.integer({ min: 0, max: 8 }),
      makerFeeBps: fc.integer({ min: 0, max: 1_000 }),
      takerFeeBps: fc.integer({ min: 0, max: 1_000 }),
      limit: fc.bigInt({ min: 1n, max: 10n ** 12n }),
      quantity: fc.bigInt({ min: 1n, max: 10n ** 12n }),
      fills: fc.array(
        fc.record({
          share: fc.bigInt({ min: 1n, max: 1_000n }),
          discount: fc.bigInt({ min: 0n, max: 10n ** 12n }),
          isMaker: fc.boolean(),
        }),
        { maxLength: 12 },
      ),
    })
    .map((s) => {
      // Turn shares into fill quantities that never exceed the order, at prices <= the limit.
      let left = s.quantity;
      const fills = s.fills.flatMap((f) => {
        const quantity = (left * f.share) / 1_000n;
        if (quantity === 0n) return [];
        left -= quantity;
        const price = s.limit - (f.discount % s.limit);
        return [{ quantity, price, bps: f.isMaker ? s.makerFeeBps : s.takerFeeBps }];
      });
      return { ...s, fills };
    });

  it("spent + buyHold(P, remaining) <= buyHold(P, q) after any fills at prices <= P", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const holdRules = { baseScale: s.baseScale, makerFeeBps: s.makerFeeBps, takerFeeBps: s.takerFeeBps };
        let spent = 0n;
        let remaining = s.quantity;
        for (const fill of s.fills) {
          const notional = quoteValue(fill.price, fill.quantity, s.baseScale);
          spent += notional + feeFor(notional, fill.bps);
          remaining -= fill.quantity;
          // Checked after every fill: the hold may never dip below zero mid-order.
          expect(spent + buyHold(s.limit, remaining, holdRules)).toBeLessThanOrEqual(buyHold(s.limit, s.quantity, holdRules));
        }
      }),
      { numRuns: 1_000 },
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitToBalances, inventorySkewBps, planQuotes, type QuoteParams, quoteQuantity, referencePrice } from "./strategy";

// ACME-USD as in the demo: base scale 4, tick 0.01 (1 cent), step 0.01 ACME (100), min notional 1.00.
const rules = { baseScale: 4, priceTick: 1n, quantityStep: 100n, minQuantity: 100n, minNotional: 100n };
const flat: QuoteParams = {
  reference: 12_540n,
  spreadBps: 20,
  levels: 3,
  levelSpacingBps: 10,
  size: 12_5000n,
  inventory: 0n,
  targetInventory: 0n,
  inventoryLimit: 100_0000n,
  maxSkewBps: 50,
};

describe("[BOTS] quoting maths", () => {
  it("quotes both sides around the reference, rounding bids down and asks up to the tick", () => {
    const quotes = planQuotes(flat, rules);
    // ±10 bps of 125.40 = 0.1254 → bid 125.27 (down), ask 125.53 (up); each further level 10 bps wider a side.
    expect(quotes.slice(0, 2)).toEqual([
      { side: "BUY", price: 12_527n, quantity: 12_5000n },
      { side: "SELL", price: 12_553n, quantity: 12_5000n },
    ]);
    expect(quotes.filter((q) => q.side === "BUY").map((q) => q.price)).toEqual([12_527n, 12_514n, 12_502n]);
    expect(quotes.filter((q) => q.side === "SELL").map((q) => q.price)).toEqual([12_553n, 12_566n, 12_578n]);
  });

  it("skews both sides down when long and up when short, bounded by maxSkewBps", () => {
    expect(inventorySkewBps(50_0000n, 0n, 100_0000n, 50)).toBe(25n);
    expect(inventorySkewBps(-500_0000n, 0n, 100_0000n, 50)).toBe(-50n);
    const long = planQuotes({ ...flat, inventory: 50_0000n }, rules);
    const short = planQuotes({ ...flat, inventory: -50_0000n }, rules);
    const best = (qs: typeof long, side: string) => qs.find((q) => q.side === side)?.price ?? 0n;
    expect(best(long, "BUY")).toBeLessThan(12_527n);
    expect(best(long, "SELL")).toBeLessThan(12_553n);
    expect(best(short, "BUY")).toBeGreaterThan(12_527n);
    expect(best(short, "SELL")).toBeGreaterThan(12_553n);
  });

  it("stops adding to inventory at its limit: no bids when too long, no asks when too short", () => {
    expect(planQuotes({ ...flat, inventory: 100_0000n }, rules).every((q) => q.side === "SELL")).toBe(true);
    expect(planQuotes({ ...flat, inventory: -100_0000n }, rules).every((q) => q.side === "BUY")).toBe(true);
  });

  it("raises a small size to the step, the minimum quantity and the minimum notional", () => {
    expect(quoteQuantity(150n, 12_540n, rules)).toBe(100n); // 0.015 → 0.01 on the step
    // 0.01 ACME at 50.00 is 0.50, below the 1.00 minimum: 0.02 is the least that reaches it.
    expect(quoteQuantity(100n, 5_000n, rules)).toBe(200n);
    expect(quoteQuantity(100n, 3_000n, rules)).toBe(400n); // 0.03 × 30.00 = 0.90 < 1.00, so 0.04
  });

  it("never crosses, stays on tick and step, and meets the minimums for any reference and skew", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.integer({ min: 0, max: 500 }),
        fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }),
        fc.constantFrom(1n, 10n, 100n, 1000n),
        (reference, spreadBps, inventory, tick) => {
          const r = { ...rules, priceTick: tick };
          const quotes = planQuotes({ ...flat, reference, spreadBps, inventory }, r);
          const bids = quotes.filter((q) => q.side === "BUY");
          const asks = quotes.filter((q) => q.side === "SELL");
          for (const q of quotes) {
            expect(q.price % tick).toBe(0n);
            expect(q.price > 0n).toBe(true);
            expect(q.quantity % r.quantityStep).toBe(0n);
            expect(q.quantity >= r.minQuantity).toBe(true);
            expect((q.price * q.quantity) / 10_000n >= r.minNotional).toBe(true);
          }
          const bestBid = bids[0]?.price;
          const bestAsk = asks[0]?.price;
          if (bestBid !== undefined && bestAsk !== undefined) expect(bestBid < bestAsk).toBe(true);
        },
      ),
    );
  });

  it("keeps the inner quotes the balances can pay for, fees included", () => {
    const quotes = planQuotes(flat, rules);
    // The best bid costs 12.5 × 125.27 = 1565.88 plus a 20 bps fee (3.14): 1600.00 pays for it and no more;
    // 12.5 ACME pays for the best ask only.
    const kept = fitToBalances(quotes, { base: 12_5000n, quote: 160_000n }, { ...rules, feeBps: 20 });
    expect(kept).toEqual([quotes[0], quotes[1]]);
    expect(fitToBalances(quotes, { base: 0n, quote: 0n }, { ...rules, feeBps: 20 })).toEqual([]);
  });

  it("takes the mid of the book, else the last trade, else whichever side exists", () => {
    expect(referencePrice(100n, 103n, 90n, 1n)).toBe(101n);
    expect(referencePrice(null, null, 90n, 1n)).toBe(90n);
    expect(referencePrice(100n, null, null, 1n)).toBe(100n);
    expect(referencePrice(null, null, null, 1n)).toBeNull();
  });
});

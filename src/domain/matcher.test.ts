import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyMatch, bookCrosses, budgetCost, isCrossing, largestAffordable, matchOrder } from "./matcher";
import { incomingOrder } from "./test-orders";
import { wholeUnitRules } from "./test-rules";
import type { IncomingOrder, MatchResult, RestingOrder, Side, TakerOutcome } from "./types";

const rules = wholeUnitRules();

const taker = incomingOrder;

const market = (o: Partial<IncomingOrder> = {}) => taker({ type: "MARKET", timeInForce: "IOC", price: null, ...o });

function resting(id: string, price: bigint, remaining: bigint, userId = `maker-${id}`, side: Side = "SELL"): RestingOrder {
  return Object.freeze({ id, userId, side, price, remaining });
}

const asks = (...levels: [string, bigint, bigint, string?][]) =>
  Object.freeze(levels.map(([id, price, qty, user]) => resting(id, price, qty, user)));

const summary = (fills: { makerOrderId: string; price: bigint; quantity: bigint }[]) =>
  fills.map((f) => [f.makerOrderId, f.price, f.quantity]);

/** The whole result of an order that traded with nobody and expired no one: only its outcome says why. */
const nothingMatched = (outcome: TakerOutcome): MatchResult => ({
  fills: [],
  expiredMakerIds: [],
  filledQuantity: 0n,
  filledQuote: 0n,
  outcome,
});

describe("crossing and prices", () => {
  it("fills a limit buy against asks at or below the limit, at the makers' prices", () => {
    const result = matchOrder(taker({ quantity: 10n }), asks(["a", 98n, 3n], ["b", 100n, 4n], ["c", 101n, 5n]), rules);
    expect(summary(result.fills)).toEqual([
      ["a", 98n, 3n],
      ["b", 100n, 4n],
    ]);
    expect(result.outcome).toEqual({ kind: "REST", remaining: 3n });
    expect(result.filledQuantity).toBe(7n);
    expect(result.filledQuote).toBe(98n * 3n + 400n);
  });

  it("fills a limit sell against bids at or above the limit", () => {
    const bids = [resting("a", 102n, 2n, "m", "BUY"), resting("b", 100n, 2n, "m2", "BUY"), resting("c", 99n, 2n, "m3", "BUY")];
    const result = matchOrder(taker({ side: "SELL", price: 100n, quantity: 5n }), bids, rules);
    expect(summary(result.fills)).toEqual([
      ["a", 102n, 2n],
      ["b", 100n, 2n],
    ]);
    expect(result.outcome).toEqual({ kind: "REST", remaining: 1n });
  });

  it("keeps time priority within a price", () => {
    const result = matchOrder(taker({ quantity: 3n }), asks(["first", 100n, 2n], ["second", 100n, 2n]), rules);
    expect(summary(result.fills)).toEqual([
      ["first", 100n, 2n],
      ["second", 100n, 1n],
    ]);
    expect(result.outcome).toEqual({ kind: "FILLED" });
  });

  it("rests the whole order when nothing crosses", () => {
    const result = matchOrder(taker({ price: 97n }), asks(["a", 98n, 3n]), rules);
    expect(result.fills).toEqual([]);
    expect(result.outcome).toEqual({ kind: "REST", remaining: 10n });
  });

  it("treats a market order as crossing every price", () => {
    expect(isCrossing("BUY", null, 10n ** 30n)).toBe(true);
    expect(isCrossing("SELL", null, 1n)).toBe(true);
    const result = matchOrder(market({ quantity: 5n }), asks(["a", 100n, 2n], ["b", 5_000n, 10n]), rules);
    expect(summary(result.fills)).toEqual([
      ["a", 100n, 2n],
      ["b", 5_000n, 3n],
    ]);
    expect(result.outcome).toEqual({ kind: "FILLED" });
  });
});

describe("fees and notionals", () => {
  it("books floor(price × qty / 10^baseScale) and rounds both fees down", () => {
    // base scale 3: 1.234 units at 10.07 quote = 12.42638 → 1242 minor units.
    const scaled = { ...rules, baseScale: 3, makerFeeBps: 15, takerFeeBps: 35 };
    const result = matchOrder(taker({ price: 1_007n, quantity: 1_234n }), asks(["a", 1_007n, 5_000n]), scaled);
    expect(result.fills).toEqual([
      {
        makerOrderId: "a",
        makerUserId: "maker-a",
        price: 1_007n,
        quantity: 1_234n,
        quoteQuantity: 1_242n,
        takerFee: 4n,
        makerFee: 1n,
      },
    ]);
  });

  it("charges no fee when the fee rates are zero", () => {
    const result = matchOrder(taker(), asks(["a", 100n, 10n]), { ...rules, makerFeeBps: 0, takerFeeBps: 0 });
    expect(result.fills[0]).toMatchObject({ takerFee: 0n, makerFee: 0n, quoteQuantity: 1_000n });
  });
});

describe("remainders", () => {
  const book = asks(["a", 100n, 4n]);

  it("IOC expires the remainder", () => {
    const result = matchOrder(taker({ timeInForce: "IOC" }), book, rules);
    expect(result.filledQuantity).toBe(4n);
    expect(result.outcome).toEqual({ kind: "EXPIRE", reason: "IOC_REMAINDER" });
  });

  it("a market order expires what the book could not fill", () => {
    expect(matchOrder(market(), book, rules).outcome).toEqual({ kind: "EXPIRE", reason: "MARKET_REMAINDER" });
    const empty = matchOrder(market(), [], rules);
    expect(empty.fills).toEqual([]);
    expect(empty.outcome).toEqual({ kind: "EXPIRE", reason: "MARKET_REMAINDER" });
  });

  it("a fully filled order is FILLED whatever its time in force", () => {
    for (const timeInForce of ["GTC", "IOC", "FOK"] as const) {
      expect(matchOrder(taker({ timeInForce, quantity: 4n }), book, rules).outcome).toEqual({ kind: "FILLED" });
    }
  });
});

describe("post-only", () => {
  it("is rejected without fills when it would cross", () => {
    const result = matchOrder(taker({ postOnly: true }), asks(["a", 100n, 1n]), rules);
    expect(result).toEqual(nothingMatched({ kind: "REJECT", reason: "POST_ONLY_WOULD_TAKE" }));
  });

  it("is rejected even when the best price is the taker's own order", () => {
    const result = matchOrder(
      taker({ postOnly: true, selfTradePrevention: "EXPIRE_MAKER" }),
      asks(["a", 99n, 1n, "taker"]),
      rules,
    );
    expect(result.outcome).toEqual({ kind: "REJECT", reason: "POST_ONLY_WOULD_TAKE" });
    expect(result.expiredMakerIds).toEqual([]);
  });

  it("rests in full when it does not cross", () => {
    const result = matchOrder(taker({ postOnly: true, price: 99n }), asks(["a", 100n, 1n]), rules);
    expect(result.outcome).toEqual({ kind: "REST", remaining: 10n });
    expect(matchOrder(taker({ postOnly: true }), [], rules).outcome).toEqual({ kind: "REST", remaining: 10n });
  });
});

describe("fill-or-kill", () => {
  const fok = (o: Partial<IncomingOrder> = {}) => taker({ timeInForce: "FOK", ...o });

  it("fills when the crossing liquidity covers the whole quantity", () => {
    const result = matchOrder(fok({ quantity: 5n }), asks(["a", 99n, 2n], ["b", 100n, 3n]), rules);
    expect(result.filledQuantity).toBe(5n);
    expect(result.outcome).toEqual({ kind: "FILLED" });
  });

  it("does nothing when it cannot fill in full within its limit", () => {
    const result = matchOrder(fok({ quantity: 6n }), asks(["a", 99n, 2n], ["b", 100n, 3n], ["c", 101n, 9n]), rules);
    expect(result).toEqual(nothingMatched({ kind: "EXPIRE", reason: "FOK_NOT_FILLABLE" }));
  });

  it("is blocked by its own order under EXPIRE_TAKER and EXPIRE_BOTH, expiring nobody", () => {
    const book = asks(["a", 99n, 2n], ["own", 99n, 1n, "taker"], ["b", 100n, 9n]);
    for (const selfTradePrevention of ["EXPIRE_TAKER", "EXPIRE_BOTH"] as const) {
      const result = matchOrder(fok({ quantity: 5n, selfTradePrevention }), book, rules);
      expect(result.outcome).toEqual({ kind: "EXPIRE", reason: "FOK_NOT_FILLABLE" });
      expect(result.expiredMakerIds).toEqual([]);
    }
  });

  it("walks past its own order under EXPIRE_MAKER and expires it only if it fills", () => {
    const book = asks(["a", 99n, 2n], ["own", 99n, 1n, "taker"], ["b", 100n, 3n]);
    const filled = matchOrder(fok({ quantity: 5n, selfTradePrevention: "EXPIRE_MAKER" }), book, rules);
    expect(filled.outcome).toEqual({ kind: "FILLED" });
    expect(filled.expiredMakerIds).toEqual(["own"]);
    const killed = matchOrder(fok({ quantity: 6n, selfTradePrevention: "EXPIRE_MAKER" }), book, rules);
    expect(killed.outcome).toEqual({ kind: "EXPIRE", reason: "FOK_NOT_FILLABLE" });
    expect(killed.expiredMakerIds).toEqual([]);
  });

  it("applies to market orders too", () => {
    const book = asks(["a", 99n, 2n]);
    expect(matchOrder(market({ timeInForce: "FOK", quantity: 3n }), book, rules).outcome).toEqual({
      kind: "EXPIRE",
      reason: "FOK_NOT_FILLABLE",
    });
    expect(matchOrder(market({ timeInForce: "FOK", quantity: 2n }), book, rules).outcome).toEqual({ kind: "FILLED" });
  });
});

describe("self-trade prevention", () => {
  const book = asks(["a", 98n, 2n], ["own", 99n, 2n, "taker"], ["b", 100n, 2n], ["own2", 100n, 1n, "taker"], ["c", 101n, 5n]);

  it("EXPIRE_TAKER trades up to the own order, then expires the taker (even a GTC)", () => {
    const result = matchOrder(taker({ selfTradePrevention: "EXPIRE_TAKER" }), book, rules);
    expect(summary(result.fills)).toEqual([["a", 98n, 2n]]);
    expect(result.expiredMakerIds).toEqual([]);
    expect(result.outcome).toEqual({ kind: "EXPIRE", reason: "SELF_TRADE_PREVENTION" });
  });

  it("EXPIRE_MAKER expires every own order it meets and keeps trading", () => {
    const result = matchOrder(taker({ selfTradePrevention: "EXPIRE_MAKER" }), book, rules);
    expect(summary(result.fills)).toEqual([
      ["a", 98n, 2n],
      ["b", 100n, 2n],
    ]);
    expect(result.expiredMakerIds).toEqual(["own", "own2"]);
    expect(result.outcome).toEqual({ kind: "REST", remaining: 6n });
  });

  it("EXPIRE_BOTH expires the first own order and the taker", () => {
    const result = matchOrder(taker({ selfTradePrevention: "EXPIRE_BOTH" }), book, rules);
    expect(summary(result.fills)).toEqual([["a", 98n, 2n]]);
    expect(result.expiredMakerIds).toEqual(["own"]);
    expect(result.outcome).toEqual({ kind: "EXPIRE", reason: "SELF_TRADE_PREVENTION" });
  });

  it("ignores own orders the taker would not reach", () => {
    const result = matchOrder(taker({ price: 98n, quantity: 2n, selfTradePrevention: "EXPIRE_BOTH" }), book, rules);
    expect(result.expiredMakerIds).toEqual([]);
    expect(result.outcome).toEqual({ kind: "FILLED" });
    const limited = matchOrder(taker({ price: 98n, selfTradePrevention: "EXPIRE_MAKER" }), book, rules);
    expect(limited.expiredMakerIds).toEqual([]);
    expect(limited.outcome).toEqual({ kind: "REST", remaining: 8n });
  });

  it("stops a market taker the same way", () => {
    const result = matchOrder(market({ selfTradePrevention: "EXPIRE_TAKER" }), book, rules);
    expect(result.outcome).toEqual({ kind: "EXPIRE", reason: "SELF_TRADE_PREVENTION" });
  });
});

describe("market buy by quote amount", () => {
  const budget = (quoteAmount: bigint, o: Partial<IncomingOrder> = {}) => market({ quantity: null, quoteAmount, ...o });
  const noFee = { ...rules, takerFeeBps: 0, makerFeeBps: 0 };

  it("spends the budget across levels and is FILLED once it cannot buy another step", () => {
    const result = matchOrder(budget(450n), asks(["a", 100n, 2n], ["b", 120n, 5n]), noFee);
    expect(summary(result.fills)).toEqual([
      ["a", 100n, 2n],
      ["b", 120n, 2n],
    ]);
    expect(result.filledQuote).toBe(440n);
    expect(result.outcome).toEqual({ kind: "FILLED" });
  });

  it("counts the taker fee inside the budget", () => {
    // 10 units at 100 = 1000 + fee 2 (20 bps) = 1002 > 1001, so only 9 units fit (900 + 1).
    const result = matchOrder(budget(1_001n), asks(["a", 100n, 50n]), rules);
    expect(result.fills[0]).toMatchObject({ quantity: 9n, quoteQuantity: 900n, takerFee: 1n });
    expect(result.outcome).toEqual({ kind: "FILLED" });
    const exact = matchOrder(budget(1_002n), asks(["a", 100n, 50n]), rules);
    expect(exact.fills[0]).toMatchObject({ quantity: 10n, quoteQuantity: 1_000n, takerFee: 2n });
  });

  it("is FILLED when it spends the budget exactly on the last order of the book", () => {
    const result = matchOrder(budget(200n), asks(["a", 100n, 2n]), noFee);
    expect(result.outcome).toEqual({ kind: "FILLED" });
  });

  it("expires MARKET_REMAINDER when the book runs out first", () => {
    const result = matchOrder(budget(1_000n), asks(["a", 100n, 2n]), noFee);
    expect(result.filledQuantity).toBe(2n);
    expect(result.outcome).toEqual({ kind: "EXPIRE", reason: "MARKET_REMAINDER" });
  });

  it("expires MARKET_REMAINDER without fills when one step costs more than the budget", () => {
    const result = matchOrder(budget(99n), asks(["a", 100n, 2n]), noFee);
    expect(result.fills).toEqual([]);
    expect(result.outcome).toEqual({ kind: "EXPIRE", reason: "MARKET_REMAINDER" });
  });

  it("does not expire an own order it could not have afforded anyway", () => {
    const result = matchOrder(
      budget(150n, { selfTradePrevention: "EXPIRE_MAKER" }),
      asks(["a", 100n, 1n], ["own", 100n, 1n, "taker"]),
      noFee,
    );
    expect(result.expiredMakerIds).toEqual([]);
    expect(result.outcome).toEqual({ kind: "FILLED" });
  });

  it("buys whole steps only and never overspends", () => {
    const stepped = { ...noFee, baseScale: 3, quantityStep: 250n, takerFeeBps: 30 };
    const result = matchOrder(budget(1_000n), asks(["a", 1_234n, 10_000n]), stepped);
    const fill = result.fills[0];
    expect(fill?.quantity).toBe(750n);
    expect(fill && fill.quoteQuantity + fill.takerFee).toBeLessThanOrEqual(1_000n);
    expect(budgetCost(1_234n, 1_000n, stepped)).toBeGreaterThan(1_000n);
  });

  it("skips a maker whose remainder is below one step (left over from a rule change)", () => {
    const stepped = { ...noFee, quantityStep: 5n };
    const result = matchOrder(budget(1_000n), asks(["dust", 100n, 3n], ["b", 100n, 5n]), stepped);
    expect(summary(result.fills)).toEqual([["b", 100n, 5n]]);
  });

  it("is FOK-fillable only if it would end FILLED", () => {
    const book = asks(["a", 100n, 2n]);
    expect(matchOrder(budget(150n, { timeInForce: "FOK" }), book, noFee).outcome).toEqual({ kind: "FILLED" });
    const killed = matchOrder(budget(1_000n, { timeInForce: "FOK" }), book, noFee);
    expect(killed.fills).toEqual([]);
    expect(killed.outcome).toEqual({ kind: "EXPIRE", reason: "FOK_NOT_FILLABLE" });
  });
});

describe("largestAffordable", () => {
  it("matches a step-by-step scan for any price, budget, step and fee", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 100_000n }),
        fc.bigInt({ min: 0n, max: 50_000n }),
        fc.bigInt({ min: 1n, max: 50n }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 1_000 }),
        fc.integer({ min: 1, max: 40 }),
        (price, budget, step, baseScale, takerFeeBps, steps) => {
          const r = { ...rules, baseScale, takerFeeBps, quantityStep: step };
          const available = step * BigInt(steps);
          let scanned = 0n;
          while (scanned + step <= available && budgetCost(price, scanned + step, r) <= budget) scanned += step;
          expect(largestAffordable(price, available, budget, r)).toBe(scanned);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("invariants", () => {
  it("crashes on an unsorted book, a same-side book or an empty maker", () => {
    expect(() => matchOrder(taker(), asks(["a", 101n, 1n], ["b", 100n, 1n]), rules)).toThrow(/sorted/);
    expect(() => matchOrder(taker(), [resting("a", 100n, 1n, "m", "BUY")], rules)).toThrow(/opposite side/);
    expect(() => matchOrder(taker(), asks(["a", 100n, 0n]), rules)).toThrow(/positive/);
  });

  it("never mutates its input and returns the same result for the same input", () => {
    const book = asks(["a", 98n, 3n], ["b", 100n, 4n]);
    const order = Object.freeze(taker());
    expect(matchOrder(order, book, rules)).toEqual(matchOrder(order, book, rules));
    expect(book.map((o) => o.remaining)).toEqual([3n, 4n]);
  });
});

describe("applyMatch", () => {
  it("reduces partly filled makers, removes filled and expired ones, and rests the taker", () => {
    const book = asks(["a", 98n, 2n], ["own", 99n, 1n, "taker"], ["b", 100n, 4n], ["c", 101n, 1n]);
    const order = taker({ quantity: 4n, selfTradePrevention: "EXPIRE_MAKER" });
    const result = matchOrder(order, book, rules);
    const applied = applyMatch(book, order, result);
    expect(applied.book).toEqual([resting("b", 100n, 2n), resting("c", 101n, 1n)]);
    expect(applied.resting).toBeNull();

    const resting99 = taker({ id: "t2", price: 99n, quantity: 5n, selfTradePrevention: "EXPIRE_MAKER" });
    const rested = applyMatch(book, resting99, matchOrder(resting99, book, rules));
    expect(rested.book.map((o) => o.id)).toEqual(["b", "c"]);
    expect(rested.resting).toEqual({ id: "t2", userId: "taker", side: "BUY", price: 99n, remaining: 3n });
  });

  it("crashes on a fill for a maker that is not in the book or that overfills", () => {
    const book = asks(["a", 98n, 2n]);
    const order = taker();
    const result = matchOrder(order, book, rules);
    expect(() => applyMatch([], order, result)).toThrow(/every fill/);
    expect(() => applyMatch(asks(["a", 98n, 1n]), order, result)).toThrow(/exceeds/);
  });
});

describe("bookCrosses", () => {
  const bid = (price: bigint) => resting(`b${price}`, price, 1n, "u", "BUY");
  const ask = (price: bigint) => resting(`a${price}`, price, 1n, "u", "SELL");

  it("is true when the best bid meets or beats the best ask, in any order given", () => {
    expect(bookCrosses([bid(99n), bid(100n)], [ask(101n), ask(100n)])).toBe(true);
    expect(bookCrosses([bid(101n)], [ask(100n)])).toBe(true);
  });

  it("is false for a spread or an empty side", () => {
    expect(bookCrosses([bid(99n)], [ask(100n)])).toBe(false);
    expect(bookCrosses([], [ask(100n)])).toBe(false);
    expect(bookCrosses([bid(99n)], [])).toBe(false);
  });
});

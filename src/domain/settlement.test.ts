import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matchOrder } from "./matcher";
import { buyHold } from "./money";
import { planSettlement, type SettlementOrder } from "./settlement";
import { incomingOrder } from "./test-orders";
import { wholeUnitRules } from "./test-rules";
import type { RestingOrder } from "./types";

// Whole base units, cents of quote; fees 10 bps maker, 20 bps taker.
const rules = wholeUnitRules();
const FEES = "fees";

interface Maker {
  id: string;
  price: bigint;
  quantity: bigint;
}

/** A limit buy by "taker" against asks by one maker user each, settled as order entry does. */
function settleBuy(price: bigint, quantity: bigint, makers: Maker[]) {
  const incoming = incomingOrder({ price, quantity });
  const book: RestingOrder[] = makers.map((m) => ({
    id: m.id,
    userId: `u-${m.id}`,
    side: "SELL",
    price: m.price,
    remaining: m.quantity,
  }));
  const result = matchOrder(incoming, book, rules);
  const makerOrders = new Map<string, SettlementOrder>(
    makers.map((m) => [
      m.id,
      {
        id: m.id,
        userId: `u-${m.id}`,
        side: "SELL",
        price: m.price,
        quantity: m.quantity,
        filledQuantity: 0n,
        filledQuote: 0n,
        feesPaid: 0n,
        held: m.quantity,
      },
    ]),
  );
  const taker = {
    ...incoming,
    timeInForce: "GTC" as const,
    filledQuantity: 0n,
    filledQuote: 0n,
    feesPaid: 0n,
    held: buyHold(price, quantity, rules),
  };
  return planSettlement({ taker, makers: makerOrders, result, rules, baseAsset: "B", quoteAsset: "Q", feeAccountId: FEES });
}

const deltaOf = (plan: ReturnType<typeof settleBuy>, userId: string, asset: string) =>
  plan.balanceDeltas.find((d) => d.userId === userId && d.asset === asset) ?? { available: 0n, held: 0n };

describe("[SETTLEMENT] one journal per trade, and balances that follow from it", () => {
  it("a fill takes from what the orders held and credits what is free, fees to the fee account", () => {
    // 3 at 100.00 = 30000 cents; taker fee 20 bps = 60, maker fee 10 bps = 30.
    const plan = settleBuy(10_000n, 3n, [{ id: "a", price: 10_000n, quantity: 5n }]);
    expect(plan.journals).toEqual([
      [
        { userId: "taker", asset: "Q", amount: -30_060n },
        { userId: "u-a", asset: "Q", amount: 29_970n },
        { userId: FEES, asset: "Q", amount: 90n },
        { userId: "u-a", asset: "B", amount: -3n },
        { userId: "taker", asset: "B", amount: 3n },
      ],
    ]);
    // The taker's order is filled, so what it held beyond the cost comes back to available.
    const takerQuote = deltaOf(plan, "taker", "Q");
    expect(takerQuote.held).toBe(-buyHold(10_000n, 3n, rules));
    expect(takerQuote.available + takerQuote.held).toBe(-30_060n);
    expect(deltaOf(plan, "taker", "B")).toMatchObject({ available: 3n, held: 0n });
    expect(deltaOf(plan, "u-a", "B")).toMatchObject({ available: 0n, held: -3n });
    expect(deltaOf(plan, "u-a", "Q")).toMatchObject({ available: 29_970n, held: 0n });
    expect(deltaOf(plan, FEES, "Q")).toMatchObject({ available: 90n, held: 0n });
  });

  it("for any book: each journal balances per asset, and each account's balance moves by its journal entries", () => {
    const maker = fc.record({ price: fc.bigInt({ min: 9_000n, max: 11_000n }), quantity: fc.bigInt({ min: 1n, max: 50n }) });
    fc.assert(
      fc.property(
        fc.bigInt({ min: 9_000n, max: 11_000n }),
        fc.bigInt({ min: 1n, max: 200n }),
        fc.array(maker, { maxLength: 8 }),
        (price, quantity, levels) => {
          const makers = levels
            .map((level, i) => ({ id: `m${i}`, ...level }))
            .sort((a, b) => (a.price === b.price ? 0 : a.price < b.price ? -1 : 1));
          const plan = settleBuy(price, quantity, makers);
          const net = new Map<string, bigint>();
          for (const journal of plan.journals) {
            for (const asset of ["B", "Q"]) {
              expect(journal.filter((e) => e.asset === asset).reduce((sum, e) => sum + e.amount, 0n)).toBe(0n);
            }
            for (const e of journal) net.set(`${e.userId} ${e.asset}`, (net.get(`${e.userId} ${e.asset}`) ?? 0n) + e.amount);
          }
          for (const d of plan.balanceDeltas) {
            // Releasing a hold moves held to available: the total moves only by the journal.
            expect(d.available + d.held).toBe(net.get(`${d.userId} ${d.asset}`) ?? 0n);
            expect(d.held <= 0n).toBe(true);
          }
          // Held only goes down, and only where an order held: the buyer's quote, the sellers' base.
          for (const d of plan.balanceDeltas.filter((x) => x.held < 0n)) expect(d.asset).toBe(d.userId === "taker" ? "Q" : "B");
        },
      ),
      { numRuns: 300 },
    );
  });
});

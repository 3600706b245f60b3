/**
 * The matcher against a deliberately naive reference (test-reference-book.ts), over random
 * command streams. On top, a balance simulation books every fill and checks holds and conservation.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateMarketRules, validateOrder } from "./market-rules";
import { bookCrosses } from "./matcher";
import { buyHold, requiredHold } from "./money";
import { OrderBook } from "./order-book";
import { ReferenceBook } from "./test-reference-book";
import { SIDES, STP_MODES, TIME_IN_FORCE } from "./types";
import type { Fill, IncomingOrder, MarketRules, RestingOrder, TakerOutcome } from "./types";

// ---------------------------------------------------------------- the balance simulation

type Asset = "BASE" | "QUOTE";
const START_BALANCE = 10n ** 24n;
const USERS = ["alice", "bob", "carol"];

class Accounts {
  available = new Map<string, bigint>();
  held = new Map<string, bigint>();
  holds = new Map<string, { userId: string; asset: Asset; amount: bigint }>();
  fees = 0n;

  constructor(private readonly rules: MarketRules) {
    for (const user of USERS) {
      for (const asset of ["BASE", "QUOTE"] as const) {
        this.available.set(`${user}:${asset}`, START_BALANCE);
        this.held.set(`${user}:${asset}`, 0n);
      }
    }
  }

  private add(map: Map<string, bigint>, key: string, amount: bigint): void {
    map.set(key, (map.get(key) ?? 0n) + amount);
  }

  open(order: IncomingOrder): void {
    const hold = requiredHold(order, this.rules);
    if (hold === null) return;
    const key = `${order.userId}:${hold.asset}`;
    this.add(this.available, key, -hold.amount);
    this.add(this.held, key, hold.amount);
    this.holds.set(order.id, { userId: order.userId, asset: hold.asset, amount: hold.amount });
  }

  /** Spends from the order's hold if it has one (a market buy by quantity has none). */
  pay(orderId: string, userId: string, asset: Asset, amount: bigint): void {
    const hold = this.holds.get(orderId);
    if (hold === undefined) {
      this.add(this.available, `${userId}:${asset}`, -amount);
      return;
    }
    expect(hold.asset).toBe(asset);
    hold.amount -= amount;
    expect(hold.amount).toBeGreaterThanOrEqual(0n);
    this.add(this.held, `${userId}:${asset}`, -amount);
  }

  release(orderId: string): void {
    const hold = this.holds.get(orderId);
    if (hold === undefined) return;
    this.holds.delete(orderId);
    this.add(this.held, `${hold.userId}:${hold.asset}`, -hold.amount);
    this.add(this.available, `${hold.userId}:${hold.asset}`, hold.amount);
  }

  settle(taker: IncomingOrder, fill: Fill): void {
    const takerParty = { orderId: taker.id, userId: taker.userId, fee: fill.takerFee };
    const makerParty = { orderId: fill.makerOrderId, userId: fill.makerUserId, fee: fill.makerFee };
    const [buyer, seller] = taker.side === "BUY" ? [takerParty, makerParty] : [makerParty, takerParty];
    this.pay(buyer.orderId, buyer.userId, "QUOTE", fill.quoteQuantity + buyer.fee);
    this.add(this.available, `${buyer.userId}:BASE`, fill.quantity);
    this.pay(seller.orderId, seller.userId, "BASE", fill.quantity);
    this.add(this.available, `${seller.userId}:QUOTE`, fill.quoteQuantity - seller.fee);
    this.fees += fill.takerFee + fill.makerFee;
  }

  check(resting: readonly RestingOrder[]): void {
    for (const asset of ["BASE", "QUOTE"] as const) {
      let total = asset === "QUOTE" ? this.fees : 0n;
      for (const user of USERS) {
        const available = this.available.get(`${user}:${asset}`) ?? 0n;
        const held = this.held.get(`${user}:${asset}`) ?? 0n;
        expect(available).toBeGreaterThanOrEqual(0n);
        expect(held).toBeGreaterThanOrEqual(0n);
        const ownHolds = [...this.holds.values()].filter((h) => h.userId === user && h.asset === asset);
        expect(ownHolds.reduce((sum, h) => sum + h.amount, 0n)).toBe(held);
        total += available + held;
      }
      expect(total).toBe(START_BALANCE * BigInt(USERS.length));
    }
    expect(new Set(this.holds.keys())).toEqual(new Set(resting.map((o) => o.id)));
    for (const order of resting) {
      const hold = this.holds.get(order.id)?.amount ?? -1n;
      if (order.side === "SELL") expect(hold).toBe(order.remaining);
      else expect(hold).toBeGreaterThanOrEqual(buyHold(order.price, order.remaining, this.rules));
    }
  }
}

// ---------------------------------------------------------------- commands

const PRESETS = [
  { rules: { baseScale: 0, quoteScale: 2, priceTick: 1n, quantityStep: 1n, minQuantity: 1n }, center: 100n },
  { rules: { baseScale: 3, quoteScale: 2, priceTick: 5n, quantityStep: 10n, minQuantity: 10n }, center: 10_005n },
  { rules: { baseScale: 8, quoteScale: 2, priceTick: 1n, quantityStep: 1_000n, minQuantity: 1_000n }, center: 6_500_003n },
];

const feeArb = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 1_000 }));
const marketArb = fc.record({ preset: fc.constantFrom(...PRESETS), makerFeeBps: feeArb, takerFeeBps: feeArb });

const placeArb = fc.record({
  kind: fc.constant("place" as const),
  user: fc.integer({ min: 0, max: USERS.length - 1 }),
  side: fc.constantFrom(...SIDES),
  isMarket: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
  timeInForce: fc.constantFrom(...TIME_IN_FORCE),
  postOnly: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  ticks: fc.integer({ min: -3, max: 3 }),
  steps: fc.integer({ min: 1, max: 6 }),
  byQuote: fc.boolean(),
  quoteSteps: fc.integer({ min: 0, max: 8 }),
  quoteExtra: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 150 })),
  selfTradePrevention: fc.constantFrom(...STP_MODES),
});
const cancelArb = fc.record({ kind: fc.constant("cancel" as const), pick: fc.nat() });
const commandsArb = fc.array(fc.oneof({ weight: 5, arbitrary: placeArb }, { weight: 1, arbitrary: cancelArb }), {
  maxLength: 80,
});

type Place = typeof placeArb extends fc.Arbitrary<infer T> ? T : never;

function toOrder(id: string, c: Place, rules: MarketRules, center: bigint): IncomingOrder {
  const quantity = BigInt(c.steps) * rules.quantityStep;
  const base = {
    id,
    userId: USERS[c.user] ?? "alice",
    side: c.side,
    selfTradePrevention: c.selfTradePrevention,
    quoteAmount: null,
  };
  if (!c.isMarket) {
    const price = center + BigInt(c.ticks) * rules.priceTick;
    return {
      ...base,
      type: "LIMIT",
      timeInForce: c.timeInForce,
      postOnly: c.postOnly && c.timeInForce === "GTC",
      price,
      quantity,
    };
  }
  const timeInForce = c.timeInForce === "GTC" ? "IOC" : c.timeInForce;
  const market = { ...base, type: "MARKET" as const, timeInForce, postOnly: false, price: null };
  if (c.side === "SELL" || !c.byQuote) return { ...market, quantity };
  const oneStep = (center * rules.quantityStep) / 10n ** BigInt(rules.baseScale);
  const quoteAmount = BigInt(c.quoteSteps) * oneStep + BigInt(c.quoteExtra);
  return { ...market, quantity: null, quoteAmount: quoteAmount > 0n ? quoteAmount : 1n };
}

function outcomeLabel(outcome: TakerOutcome): string {
  return outcome.kind === "EXPIRE" || outcome.kind === "REJECT" ? `${outcome.kind}:${outcome.reason}` : outcome.kind;
}

const plain = (orders: readonly RestingOrder[]) =>
  orders.map(({ id, userId, side, price, remaining }) => ({ id, userId, side, price, remaining }));

// ---------------------------------------------------------------- the property

describe("matcher against the reference", () => {
  it("agrees on every fill and book, never leaves the book crossed, and conserves every asset", () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(marketArb, commandsArb, (market, commands) => {
        const rules: MarketRules = {
          ...market.preset.rules,
          minNotional: 0n,
          makerFeeBps: market.makerFeeBps,
          takerFeeBps: market.takerFeeBps,
        };
        validateMarketRules(rules);
        const book = new OrderBook(rules);
        const reference = new ReferenceBook(rules);
        const accounts = new Accounts(rules);
        commands.forEach((command, i) => {
          if (command.kind === "cancel") {
            const open = [...reference.orders].sort((a, b) => a.seq - b.seq);
            const target = open[command.pick % Math.max(open.length, 1)];
            if (!target) return;
            const removed = reference.remove(target.id);
            expect(book.cancel(target.id)).toEqual(removed && plain([removed])[0]);
            accounts.release(target.id);
          } else {
            const order = toOrder(`o${i}`, command, rules, market.preset.center);
            validateOrder(order, { ...rules, status: "OPEN" });
            accounts.open(order);
            const result = book.place(order);
            const expected = reference.place(order);
            expect(result.fills).toEqual(expected.fills);
            expect(result.expiredMakerIds).toEqual(expected.expiredMakerIds);
            expect(result.outcome).toEqual(expected.outcome);
            expect(result.filledQuantity).toBe(expected.fills.reduce((s, f) => s + f.quantity, 0n));
            expect(result.filledQuote).toBe(expected.fills.reduce((s, f) => s + f.quoteQuantity, 0n));
            if (order.quoteAmount !== null) {
              expect(expected.fills.reduce((s, f) => s + f.quoteQuantity + f.takerFee, 0n)).toBeLessThanOrEqual(
                order.quoteAmount,
              );
            }
            for (const fill of result.fills) accounts.settle(order, fill);
            // A maker that filled completely gives back what its rounded-up hold had left over.
            const stillResting = new Set([...book.bids, ...book.asks].map((o) => o.id));
            for (const fill of result.fills) if (!stillResting.has(fill.makerOrderId)) accounts.release(fill.makerOrderId);
            for (const id of result.expiredMakerIds) accounts.release(id);
            if (result.outcome.kind !== "REST") accounts.release(order.id);
            seen.add(outcomeLabel(result.outcome));
            if (result.expiredMakerIds.length > 0) seen.add("EXPIRED_MAKER");
            if (result.fills.length > 1) seen.add("MULTI_FILL");
          }
          expect(plain(book.bids)).toEqual(plain(reference.sorted("BUY")));
          expect(plain(book.asks)).toEqual(plain(reference.sorted("SELL")));
          expect(bookCrosses(book.bids, book.asks)).toBe(false);
          accounts.check([...book.bids, ...book.asks]);
        });
      }),
      { numRuns: 1_500 },
    );
    // The streams above must have reached every outcome, or the agreement proves little.
    expect([...seen].sort()).toEqual(
      [
        "EXPIRED_MAKER",
        "EXPIRE:FOK_NOT_FILLABLE",
        "EXPIRE:IOC_REMAINDER",
        "EXPIRE:MARKET_REMAINDER",
        "EXPIRE:SELF_TRADE_PREVENTION",
        "FILLED",
        "MULTI_FILL",
        "REJECT:POST_ONLY_WOULD_TAKE",
        "REST",
      ].sort(),
    );
  });
});

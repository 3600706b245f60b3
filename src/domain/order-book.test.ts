import { describe, expect, it } from "vitest";
import { aggregateLevels, OrderBook } from "./order-book";
import { incomingOrder } from "./test-orders";
import { wholeUnitRules } from "./test-rules";
import type { IncomingOrder } from "./types";

const rules = wholeUnitRules({ makerFeeBps: 0, takerFeeBps: 0 });

let nextId = 0;
function limit(side: "BUY" | "SELL", price: bigint, quantity: bigint, o: Partial<IncomingOrder> = {}): IncomingOrder {
  nextId += 1;
  return incomingOrder({ id: `o${nextId}`, userId: `u${nextId}`, side, price, quantity, ...o });
}

const view = (orders: readonly { id: string; price: bigint; remaining: bigint }[]) =>
  orders.map((o) => [o.id, o.price, o.remaining]);

describe("OrderBook", () => {
  it("rests orders in price-time order on each side", () => {
    const book = new OrderBook(rules);
    book.place(limit("BUY", 99n, 1n, { id: "b1" }));
    book.place(limit("BUY", 100n, 1n, { id: "b2" }));
    book.place(limit("BUY", 99n, 2n, { id: "b3" }));
    book.place(limit("SELL", 102n, 1n, { id: "a1" }));
    book.place(limit("SELL", 101n, 1n, { id: "a2" }));
    book.place(limit("SELL", 102n, 3n, { id: "a3" }));
    expect(view(book.bids)).toEqual([
      ["b2", 100n, 1n],
      ["b1", 99n, 1n],
      ["b3", 99n, 2n],
    ]);
    expect(view(book.asks)).toEqual([
      ["a2", 101n, 1n],
      ["a1", 102n, 1n],
      ["a3", 102n, 3n],
    ]);
  });

  it("matches an incoming order against the opposite side and rests the remainder", () => {
    const book = new OrderBook(rules);
    book.place(limit("SELL", 101n, 2n, { id: "a1" }));
    book.place(limit("SELL", 102n, 2n, { id: "a2" }));
    const result = book.place(limit("BUY", 102n, 3n, { id: "b1" }));
    expect(result.filledQuantity).toBe(3n);
    expect(view(book.asks)).toEqual([["a2", 102n, 1n]]);
    expect(book.bids).toEqual([]);
    book.place(limit("BUY", 103n, 4n, { id: "b2" }));
    expect(book.asks).toEqual([]);
    expect(view(book.bids)).toEqual([["b2", 103n, 3n]]);
  });

  it("removes makers that self-trade prevention expired", () => {
    const book = new OrderBook(rules);
    book.place(limit("SELL", 101n, 2n, { id: "mine", userId: "me" }));
    const result = book.place(limit("BUY", 101n, 1n, { userId: "me", selfTradePrevention: "EXPIRE_MAKER" }));
    expect(result.expiredMakerIds).toEqual(["mine"]);
    expect(book.asks).toEqual([]);
    expect(book.bids).toHaveLength(1);
  });

  it("cancels by id, returning what was resting", () => {
    const book = new OrderBook(rules);
    book.place(limit("BUY", 99n, 5n, { id: "b1" }));
    expect(book.cancel("b1")).toEqual({ id: "b1", userId: expect.any(String), side: "BUY", price: 99n, remaining: 5n });
    expect(book.cancel("b1")).toBeNull();
    expect(book.bids).toEqual([]);
  });

  it("refuses a duplicate order id", () => {
    const book = new OrderBook(rules);
    book.place(limit("BUY", 99n, 5n, { id: "dup" }));
    expect(() => book.place(limit("BUY", 98n, 5n, { id: "dup" }))).toThrow(/unique/);
  });
});

describe("aggregateLevels", () => {
  const orders = [
    { price: 100n, remaining: 2n },
    { price: 98n, remaining: 1n },
    { price: 100n, remaining: 3n },
    { price: 99n, remaining: 7n },
  ];

  it("sums bids best (highest) first", () => {
    expect(aggregateLevels(orders, "BUY", 10)).toEqual([
      { price: 100n, quantity: 5n, orderCount: 2 },
      { price: 99n, quantity: 7n, orderCount: 1 },
      { price: 98n, quantity: 1n, orderCount: 1 },
    ]);
  });

  it("sums asks best (lowest) first and cuts at depth", () => {
    expect(aggregateLevels(orders, "SELL", 2)).toEqual([
      { price: 98n, quantity: 1n, orderCount: 1 },
      { price: 99n, quantity: 7n, orderCount: 1 },
    ]);
  });

  it("returns nothing for an empty side and crashes on a non-positive depth", () => {
    expect(aggregateLevels([], "BUY", 5)).toEqual([]);
    expect(() => aggregateLevels(orders, "BUY", 0)).toThrow(/depth/);
  });
});

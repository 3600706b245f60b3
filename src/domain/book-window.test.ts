import { describe, expect, it } from "vitest";
import { BookWindow, coversLimit, isCovered, type StoredRow, type WindowOrder } from "./book-window";

const ask = (id: number, price: number): WindowOrder => ({
  id: BigInt(id),
  priority: BigInt(id),
  userId: "u",
  side: "SELL",
  price: BigInt(price),
  remaining: 1n,
  isOpen: true,
});

const stored = (orders: WindowOrder[]): StoredRow[] => orders.map((order) => ({ stored: order, order }));

describe("[ORDER] book window", () => {
  it("coverage through a price level covers every limit up to it, and nothing past it", () => {
    const level = { kind: "through", price: 100n, priority: null } as const;
    expect([99n, 100n, 101n].map((l) => coversLimit("SELL", level, l))).toEqual([true, true, false]);
    const partial = { kind: "through", price: 100n, priority: 7n } as const;
    expect([99n, 100n].map((l) => coversLimit("SELL", partial, l))).toEqual([true, false]);
    expect(coversLimit("BUY", { kind: "through", price: 100n, priority: null }, 100n)).toBe(true);
    expect(coversLimit("BUY", { kind: "through", price: 100n, priority: null }, 99n)).toBe(false);
    expect(coversLimit("SELL", { kind: "all" }, null)).toBe(true);
    expect(coversLimit("SELL", level, null)).toBe(false);
  });

  it("a full page covers up to its last order only, so a rested order behind unread ones is not offered", () => {
    const book = new BookWindow("SELL");
    book.addStoredPage(stored([ask(1, 100), ask(2, 101)]), 2, 105n);
    expect(book.cursor).toEqual({ kind: "through", price: 101n, priority: 2n });
    // Rested by the batch at 101 (higher id): unread stored orders at 101 may come first.
    book.add(ask(50, 101));
    book.add(ask(51, 100));
    expect(book.crossing(105n).map((o) => o.id)).toEqual(["1", "51", "2"]);
    expect(isCovered("SELL", book.cursor, { price: 101n, priority: 50n })).toBe(false);
    book.addStoredPage(stored([ask(3, 101)]), 2, 105n);
    expect(book.crossing(105n).map((o) => o.id)).toEqual(["1", "51", "2", "3", "50"]);
    expect(book.coversLimit(105n)).toBe(true);
  });

  it("an order the batch moved stays where the batch put it when a page reads its stored row", () => {
    const book = new BookWindow("SELL");
    book.addStoredPage(stored([ask(1, 100)]), 1, 105n);
    // Order 2 is stored at 101 but the batch moved it to 104 with a fresh priority.
    const moved = { ...ask(2, 104), priority: 90n };
    book.add(moved);
    book.addStoredPage([{ stored: { price: 101n, priority: 2n }, order: moved }, ...stored([ask(3, 102)])], 5, 105n);
    expect(book.crossing(105n).map((o) => [o.id, o.price])).toEqual([
      ["1", 100n],
      ["3", 102n],
      ["2", 104n],
    ]);
  });

  it("closed or empty orders leave the crossing side", () => {
    const book = new BookWindow("SELL");
    const filled = ask(1, 100);
    book.addStoredPage(stored([filled, ask(2, 100)]), 10, null);
    filled.isOpen = false;
    expect(book.crossing(null).map((o) => o.id)).toEqual(["2"]);
  });
});

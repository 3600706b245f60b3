import { describe, expect, it } from "vitest";
import { BookWindow, coversLimit, isCovered, type WindowOrder } from "./book-window";

const ask = (id: number, price: number): WindowOrder => ({
  id: BigInt(id),
  userId: "u",
  side: "SELL",
  price: BigInt(price),
  remaining: 1n,
  isOpen: true,
});

describe("[ORDER] book window", () => {
  it("coverage through a price level covers every limit up to it, and nothing past it", () => {
    const level = { kind: "through", price: 100n, id: null } as const;
    expect([99n, 100n, 101n].map((l) => coversLimit("SELL", level, l))).toEqual([true, true, false]);
    const partial = { kind: "through", price: 100n, id: 7n } as const;
    expect([99n, 100n].map((l) => coversLimit("SELL", partial, l))).toEqual([true, false]);
    expect(coversLimit("BUY", { kind: "through", price: 100n, id: null }, 100n)).toBe(true);
    expect(coversLimit("BUY", { kind: "through", price: 100n, id: null }, 99n)).toBe(false);
    expect(coversLimit("SELL", { kind: "all" }, null)).toBe(true);
    expect(coversLimit("SELL", level, null)).toBe(false);
  });

  it("a full page covers up to its last order only, so a rested order behind unread ones is not offered", () => {
    const book = new BookWindow("SELL");
    book.addStoredPage([ask(1, 100), ask(2, 101)], 2, 105n);
    expect(book.cursor).toEqual({ kind: "through", price: 101n, id: 2n });
    // Rested by the batch at 101 (higher id): unread stored orders at 101 may come first.
    book.add(ask(50, 101));
    book.add(ask(51, 100));
    expect(book.crossing(105n).map((o) => o.id)).toEqual(["1", "51", "2"]);
    expect(isCovered("SELL", book.cursor, { price: 101n, id: 50n })).toBe(false);
    book.addStoredPage([ask(3, 101)], 2, 105n);
    expect(book.crossing(105n).map((o) => o.id)).toEqual(["1", "51", "2", "3", "50"]);
    expect(book.coversLimit(105n)).toBe(true);
  });

  it("closed or empty orders leave the crossing side", () => {
    const book = new BookWindow("SELL");
    const filled = ask(1, 100);
    book.addStoredPage([filled, ask(2, 100)], 10, null);
    filled.isOpen = false;
    expect(book.crossing(null).map((o) => o.id)).toEqual(["2"]);
  });
});

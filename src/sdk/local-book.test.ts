import { describe, expect, it } from "vitest";
import { LocalBook } from "./local-book";

const snapshot = {
  kind: "snapshot" as const,
  reason: "start" as const,
  seq: "10",
  market: "ACME-USD",
  bids: [
    ["9.99", "1.0000"],
    ["10.01", "2.0000"],
  ] as [string, string][],
  asks: [
    ["10.50", "1.0000"],
    ["10.20", "3.0000"],
  ] as [string, string][],
};
const diff = (seq: string, prevSeq: string, bids: [string, string][], asks: [string, string][] = []) => ({
  kind: "diff" as const,
  seq,
  prevSeq,
  market: "ACME-USD",
  bids,
  asks,
});

describe("[SDK] local order book", () => {
  it("orders levels best first and applies absolute sizes, 0 removing a level", () => {
    const book = new LocalBook();
    expect(book.apply(snapshot)).toBe("ok");
    expect(book.top(5)).toEqual({
      bids: [
        ["10.01", "2.0000"],
        ["9.99", "1.0000"],
      ],
      asks: [
        ["10.20", "3.0000"],
        ["10.50", "1.0000"],
      ],
    });
    expect(
      book.apply(
        diff("12", "10", [
          ["10.01", "0.0000"],
          ["10.05", "4.0000"],
        ]),
      ),
    ).toBe("ok");
    expect(book.top(1)).toEqual({ bids: [["10.05", "4.0000"]], asks: [["10.20", "3.0000"]] });
    expect(book.seq).toBe("12");
  });

  it("reports a gap when a diff does not follow the seq it holds, and changes nothing", () => {
    const book = new LocalBook();
    expect(book.apply(diff("3", "2", [["1.00", "1.0000"]]))).toBe("gap");
    book.apply(snapshot);
    expect(book.apply(diff("15", "14", [["10.05", "4.0000"]]))).toBe("gap");
    expect(book.top(1).bids).toEqual([["10.01", "2.0000"]]);
  });
});

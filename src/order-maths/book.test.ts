import { describe, expect, it } from "vitest";
import { applyLevels, buildLadder, groupLevels, spreadOf } from "./book";

describe("groupLevels", () => {
  const bids = [
    [12_539n, 10n],
    [12_531n, 5n],
    [12_529n, 1n],
  ] as const;

  it("rounds bids down and asks up, so a group never shows a better price than its orders", () => {
    expect(groupLevels(bids, 10n, "bids")).toEqual([
      [12_530n, 15n],
      [12_520n, 1n],
    ]);
    expect(groupLevels(bids, 10n, "asks")).toEqual([
      [12_530n, 1n],
      [12_540n, 15n],
    ]);
  });
});

describe("buildLadder", () => {
  it("accumulates depth and sizes bars against the deeper side", () => {
    const ladder = buildLadder(
      [
        [100n, 2n],
        [99n, 2n],
      ],
      [[101n, 1n]],
      5,
    );
    expect(ladder.bids.map((r) => [r.cumulative, r.depthPercent])).toEqual([
      [2n, 50],
      [4n, 100],
    ]);
    expect(ladder.asks[0]?.depthPercent).toBe(25);
  });

  it("measures the spread against the mid", () => {
    expect(spreadOf(12_535n, 12_545n)).toEqual({ spread: 10n, bps: 7 });
    expect(spreadOf(undefined, 1n)).toBeNull();
  });
});

describe("applyLevels", () => {
  it("sets absolute sizes, removes zeros and keeps each side sorted best first", () => {
    const book: [string, string][] = [
      ["125.40", "1.0000"],
      ["125.30", "2.0000"],
    ];
    const next = applyLevels(
      book,
      [
        ["125.40", "0.0000"],
        ["125.35", "3.0000"],
        ["125.30", "2.5000"],
      ],
      "bids",
    );
    expect(next).toEqual([
      ["125.35", "3.0000"],
      ["125.30", "2.5000"],
    ]);
  });
});

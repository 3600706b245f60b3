import { describe, expect, it } from "vitest";
import { createRowBuffer } from "./row-buffer";
import type { LoggedEvent } from "./topic-log";

const rows = (...seqs: number[]): LoggedEvent[] => seqs.map((seq) => ({ seq: BigInt(seq), type: "trade", payload: {} }));
const seqsOf = (taken: LoggedEvent[] | "behind") => (taken === "behind" ? taken : taken.map((row) => row.seq));

describe("row buffer", () => {
  it("hands out the rows after a cursor, at most limit", () => {
    const buffer = createRowBuffer(10);
    buffer.startAt(3n);
    buffer.keep(rows(4, 6, 9));
    expect(seqsOf(buffer.take(3n, 10))).toEqual([4n, 6n, 9n]);
    expect(seqsOf(buffer.take(5n, 1))).toEqual([6n]);
    expect(buffer.take(9n, 10)).toEqual([]);
  });

  it("says behind for a cursor below its floor; dropping the oldest raises the floor to the last dropped", () => {
    const buffer = createRowBuffer(2);
    buffer.startAt(3n);
    expect(buffer.take(2n, 10)).toBe("behind");
    buffer.keep(rows(4, 5, 7));
    expect(buffer.floorSeq()).toBe(4n);
    expect(buffer.take(3n, 10)).toBe("behind");
    expect(seqsOf(buffer.take(4n, 10))).toEqual([5n, 7n]);
  });

  it("starting again empties it and moves the floor", () => {
    const buffer = createRowBuffer(5);
    buffer.startAt(0n);
    buffer.keep(rows(1, 2));
    buffer.startAt(10n);
    expect(buffer.take(10n, 5)).toEqual([]);
    expect(buffer.take(2n, 5)).toBe("behind");
  });
});

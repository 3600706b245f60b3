import { describe, expect, it } from "vitest";
import { sharedItems, sharedSnapshots } from "./shared-items";
import type { LoggedEvent } from "./topic-log";

const event = (seq: bigint): LoggedEvent => ({ seq, type: "trade", payload: { n: Number(seq) } });

describe("shared stream items", () => {
  it("computes one item per event object, whoever asks", () => {
    let calls = 0;
    const item = sharedItems((e) => {
      calls++;
      return { seq: e.seq };
    });
    const row = event(5n);
    expect(item(row, 1n)).toBe(item(row, 2n));
    expect(calls).toBe(1);
    // A row replayed from the log is another object: it gets its own item, equal but not shared.
    expect(item(event(5n), 1n)).toEqual(item(row, 1n));
    expect(calls).toBe(2);
  });

  it("keyed by the previous seq when the item depends on it, and skipped events stay skipped", () => {
    const item = sharedItems((e, prevSeq) => (e.seq % 2n === 0n ? { seq: e.seq, prevSeq } : null), { byPrevSeq: true });
    const row = event(4n);
    const inStep = item(row, 3n);
    expect(item(row, 3n)).toBe(inStep);
    expect(item(row, 1n)).toEqual({ seq: 4n, prevSeq: 1n });
    expect(item(event(3n), 2n)).toBeNull();
  });

  it("snapshot reads in flight at once are one read, per scope and key, and nothing outlives it", async () => {
    const snapshot = sharedSnapshots<{ seq: bigint }>();
    let reads = 0;
    const read = async () => {
      reads++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { seq: BigInt(reads) };
    };
    const db = {};
    const burst = await Promise.all(Array.from({ length: 50 }, () => snapshot(db, "AAA-USD start", read)));
    expect(reads).toBe(1);
    expect(new Set(burst).size).toBe(1);
    await snapshot(db, "AAA-USD reset", read);
    await snapshot({}, "AAA-USD start", read);
    expect(reads).toBe(3);
    // Settled: the next subscriber reads afresh.
    expect((await snapshot(db, "AAA-USD start", read)).seq).toBe(4n);
    const failing = () => Promise.reject(new Error("down"));
    await expect(Promise.all([snapshot(db, "k", failing), snapshot(db, "k", read)])).rejects.toThrow("down");
    expect((await snapshot(db, "k", read)).seq).toBe(5n);
  });
});

import { describe, expect, it } from "vitest";
import type { OrderCommand } from "./commands";
import { MarketQueue } from "./market-queue";
import type { QueuedCommand } from "./run-batch";

const command: OrderCommand = { kind: "cancelAll", userId: "u", limit: 1 };
const answerAll = (items: QueuedCommand[]) => {
  for (const item of items) item.resolve({ canceled: items.length, more: false });
};

describe("[ORDER] market queue", () => {
  it("runs a lone command at once, and what queued meanwhile as the next batch, in arrival order", async () => {
    const batches: number[] = [];
    const queue = new MarketQueue({ maxBatch: 10, maxQueue: 100, maxWaitMs: 1_000 }, async (items) => {
      batches.push(items.length);
      await new Promise((resolve) => setTimeout(resolve, 5));
      answerAll(items);
    });
    const answers = await Promise.all(Array.from({ length: 8 }, () => queue.submit(command)));
    expect(batches).toEqual([1, 7]);
    expect(answers.map((a) => ("canceled" in a ? a.canceled : 0))).toEqual([1, 7, 7, 7, 7, 7, 7, 7]);
  });

  it("takes at most maxBatch commands per batch", async () => {
    const batches: number[] = [];
    const queue = new MarketQueue({ maxBatch: 3, maxQueue: 100, maxWaitMs: 1_000 }, async (items) => {
      batches.push(items.length);
      answerAll(items);
    });
    await Promise.all(Array.from({ length: 8 }, () => queue.submit(command)));
    expect(batches).toEqual([1, 3, 3, 1]);
  });

  it("refuses with OVERLOADED past maxQueue, and a command that waited past maxWaitMs is never executed", async () => {
    let clock = 0;
    const executed: number[] = [];
    let release: () => void = () => {};
    const queue = new MarketQueue(
      { maxBatch: 10, maxQueue: 2, maxWaitMs: 50 },
      async (items) => {
        executed.push(items.length);
        if (executed.length === 1) await new Promise<void>((resolve) => (release = resolve));
        answerAll(items);
      },
      () => clock,
    );
    const first = queue.submit(command);
    const waiting = [queue.submit(command), queue.submit(command)];
    await expect(queue.submit(command)).rejects.toMatchObject({ code: "OVERLOADED" });
    clock = 51;
    release();
    await first;
    for (const late of waiting) await expect(late).rejects.toMatchObject({ code: "OVERLOADED" });
    expect(executed).toEqual([1]);
  });

  it("keeps working after a batch runner throws: those callers get the error, later ones their answers", async () => {
    let calls = 0;
    const queue = new MarketQueue({ maxBatch: 10, maxQueue: 100, maxWaitMs: 1_000 }, async (items) => {
      calls += 1;
      if (calls === 1) throw new Error("database gone");
      answerAll(items);
    });
    await expect(queue.submit(command)).rejects.toThrow("database gone");
    await expect(queue.submit(command)).resolves.toMatchObject({ canceled: 1 });
  });
});

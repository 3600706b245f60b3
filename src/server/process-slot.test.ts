import { describe, expect, it } from "vitest";
import { ensureRetrying, processSlot } from "./process-slot";

describe("process slots", () => {
  it("two slots of one name, as two bundles would make them, share one value", () => {
    const a = processSlot<{ n: number }>("SlotTestShared");
    const b = processSlot<{ n: number }>("SlotTestShared");
    const made = a.ensure(() => ({ n: 1 }));
    expect(b.ensure(() => ({ n: 2 }))).toBe(made);
    expect(b.take()).toBe(made);
    expect(a.get()).toBeUndefined();
    expect(a.ensure(() => ({ n: 3 })).n).toBe(3);
  });

  it("forgets a failed start so that the next call tries again, and keeps a success", async () => {
    const slot = processSlot<Promise<string>>("SlotTestRetry");
    let attempts = 0;
    const start = async () => {
      attempts++;
      if (attempts === 1) throw new Error("first start fails");
      return "ready";
    };
    await expect(ensureRetrying(slot, start)).rejects.toThrow("first start fails");
    expect(await ensureRetrying(slot, start)).toBe("ready");
    expect(await ensureRetrying(slot, start)).toBe("ready");
    expect(attempts).toBe(2);
  });
});

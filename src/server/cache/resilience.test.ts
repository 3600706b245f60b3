import { describe, expect, it } from "vitest";
import { backoffDelayMs, TimeoutError, withTimeout } from "./resilience";

describe("withTimeout", () => {
  it("passes the result through when it comes in time", async () => {
    await expect(withTimeout(Promise.resolve(7), 50, "x")).resolves.toBe(7);
  });

  it("rejects with a TimeoutError naming what timed out", async () => {
    const never = new Promise<never>(() => {});
    const startedMs = performance.now();
    await expect(withTimeout(never, 30, "Redis GET")).rejects.toThrow(TimeoutError);
    expect(performance.now() - startedMs).toBeLessThan(200);
    await expect(withTimeout(never, 1, "Redis GET")).rejects.toThrow("Redis GET timed out after 1ms");
  });
});

describe("backoffDelayMs", () => {
  const options = { baseMs: 100, maxMs: 5_000 };

  it("doubles from the base and stops at the cap", () => {
    const top = { ...options, random: () => 1 };
    expect([1, 2, 3, 4, 5, 6, 7, 100].map((attempt) => backoffDelayMs(attempt, top))).toEqual([
      100, 200, 400, 800, 1_600, 3_200, 5_000, 5_000,
    ]);
  });

  it("keeps at least half of the delay when jittered", () => {
    expect(backoffDelayMs(3, { ...options, random: () => 0 })).toBe(200);
    for (let attempt = 1; attempt < 50; attempt += 1) {
      const delayMs = backoffDelayMs(attempt, options);
      expect(delayMs).toBeGreaterThanOrEqual(50);
      expect(delayMs).toBeLessThanOrEqual(5_000);
    }
  });
});

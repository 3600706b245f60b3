import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type BackoffPolicy, backoffDelayMs, nextAttempt } from "./backoff";

const POLICY: BackoffPolicy = { initialMs: 1_000, maxMs: 60_000, stableMs: 60_000 };

describe("[KLINES] reconnect backoff", () => {
  it("doubles from the initial delay up to the maximum, jittered within the upper half", () => {
    const low = (attempt: number) => backoffDelayMs(POLICY, attempt, () => 0);
    const high = (attempt: number) => backoffDelayMs(POLICY, attempt, () => 0.999_999);
    expect([0, 1, 2, 3, 4, 5, 6, 7, 30, 1_000].map(low)).toEqual([
      500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000, 30_000,
    ]);
    expect([0, 1, 5, 6, 1_000].map(high)).toEqual([999, 1_999, 31_999, 59_999, 59_999]);
  });

  it("waits at least what the server asked for", () => {
    expect(backoffDelayMs(POLICY, 0, () => 0, 45_000)).toBe(45_000);
    expect(backoffDelayMs(POLICY, 6, () => 0.5, 1_000)).toBe(45_000);
  });

  it("keeps every delay within [cap / 2, cap], never zero, for any attempt and any random draw", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.nat(10_000),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (initialMs, extraMs, attempt, random) => {
          const policy = { initialMs, maxMs: initialMs + extraMs, stableMs: 1 };
          const cap = Math.min(policy.maxMs, initialMs * 2 ** Math.min(attempt, 30));
          const delay = backoffDelayMs(policy, attempt, () => random);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(cap / 2));
          expect(delay).toBeLessThanOrEqual(cap);
          expect(delay).toBeGreaterThan(0);
          // The cap never shrinks as attempts grow.
          expect(backoffDelayMs(policy, attempt + 1, () => 1)).toBeGreaterThanOrEqual(backoffDelayMs(policy, attempt, () => 1));
        },
      ),
    );
  });

  it("starts over after a stable connection, counts up after a short one or a failed connect", () => {
    expect(nextAttempt(POLICY, 5, 60_000)).toBe(0);
    expect(nextAttempt(POLICY, 5, 59_999)).toBe(6);
    expect(nextAttempt(POLICY, 5, null)).toBe(6);
    expect(nextAttempt(POLICY, 0, 0)).toBe(1);
    // Bounded: a server down for a year does not overflow the count.
    let attempt = 0;
    for (let i = 0; i < 1_000; i++) attempt = nextAttempt(POLICY, attempt, null);
    expect(attempt).toBe(30);
  });
});

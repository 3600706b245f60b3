import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { activates, isNewExtreme, MAX_TRAIL_BPS, type Trail, trailingTrigger } from "./trailing";

const BPS = 10_000n;

describe("trailing stop maths", () => {
  it("a delta trail sits that far behind the extreme, rounded to the tick away from it", () => {
    expect(trailingTrigger("SELL", 10_000n, { kind: "DELTA", delta: 50n }, 1n)).toBe(9_950n);
    expect(trailingTrigger("BUY", 10_000n, { kind: "DELTA", delta: 50n }, 1n)).toBe(10_050n);
    // An extreme off the tick (the tick changed) still gives an on-tick trigger, never closer than the delta.
    expect(trailingTrigger("SELL", 10_003n, { kind: "DELTA", delta: 50n }, 5n)).toBe(9_950n);
    expect(trailingTrigger("BUY", 10_003n, { kind: "DELTA", delta: 50n }, 5n)).toBe(10_055n);
  });

  it("a bps trail is a share of the extreme, rounded to the tick away from it", () => {
    // 1% of 100.00 is exactly 1.00.
    expect(trailingTrigger("SELL", 10_000n, { kind: "BPS", bps: 100 }, 1n)).toBe(9_900n);
    expect(trailingTrigger("BUY", 10_000n, { kind: "BPS", bps: 100 }, 1n)).toBe(10_100n);
    // 1% of 123.45 is 1.2345: the sell's trigger 122.2155 → 122.20 on a 0.05 tick; the buy's 124.6845 → 124.70.
    expect(trailingTrigger("SELL", 12_345n, { kind: "BPS", bps: 100 }, 5n)).toBe(12_220n);
    expect(trailingTrigger("BUY", 12_345n, { kind: "BPS", bps: 100 }, 5n)).toBe(12_470n);
  });

  it("a sell trail as wide as the price has no trigger", () => {
    expect(trailingTrigger("SELL", 100n, { kind: "DELTA", delta: 100n }, 1n)).toBeNull();
    expect(trailingTrigger("SELL", 4n, { kind: "DELTA", delta: 1n }, 5n)).toBeNull();
  });

  it("new extremes and activation, per side", () => {
    expect([isNewExtreme("SELL", 100n, 101n), isNewExtreme("SELL", 100n, 100n), isNewExtreme("BUY", 100n, 99n)]).toEqual([
      true,
      false,
      true,
    ]);
    expect([
      activates("SELL", 100n, 100n),
      activates("SELL", 100n, 99n),
      activates("BUY", 100n, 100n),
      activates("BUY", 100n, 101n),
    ]).toEqual([true, false, true, false]);
  });

  it("the trigger is on tick, behind the extreme by at least the trail and by less than one more tick", () => {
    const trailArb: fc.Arbitrary<Trail> = fc.oneof(
      fc.bigInt({ min: 1n, max: 5_000n }).map((delta) => ({ kind: "DELTA" as const, delta })),
      fc.integer({ min: 1, max: MAX_TRAIL_BPS }).map((bps) => ({ kind: "BPS" as const, bps })),
    );
    fc.assert(
      fc.property(
        fc.constantFrom("BUY" as const, "SELL" as const),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        trailArb,
        fc.bigInt({ min: 1n, max: 500n }),
        (side, extreme, trail, tick) => {
          const trigger = trailingTrigger(side, extreme, trail, tick);
          // The exact trail, scaled by 10000 to stay in integers: distance·10000 ≥ trail·10000.
          const trail10k = trail.kind === "DELTA" ? trail.delta * BPS : extreme * BigInt(trail.bps);
          if (trigger === null) {
            expect(side).toBe("SELL");
            expect(extreme * BPS - trail10k).toBeLessThan(tick * BPS);
            return;
          }
          expect(trigger % tick).toBe(0n);
          expect(trigger > 0n).toBe(true);
          const distance = side === "SELL" ? extreme - trigger : trigger - extreme;
          expect(distance * BPS >= trail10k).toBe(true);
          expect((distance - tick) * BPS < trail10k).toBe(true);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

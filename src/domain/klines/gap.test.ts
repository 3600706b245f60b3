import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CANDLE_INTERVALS, intervalMs } from "../candles";
import { KLINES_PER_PAGE, NO_GAP, planGapFill } from "./gap";
import { T0 } from "./klines-test-data";

const MIN = 60_000;

describe("[KLINES] gap after a reconnect", () => {
  it("asks for the candles between the last stored and the first seen, in one page", () => {
    expect(planGapFill(T0, T0 + 5 * MIN, "1m", 10_000)).toEqual({
      missing: 4,
      skipped: 0,
      pages: [{ startTime: T0 + MIN, endTime: T0 + 5 * MIN - 1, candles: 4 }],
    });
  });

  it("has nothing to fetch when the stream goes on from the last stored candle, or nothing is stored", () => {
    expect(planGapFill(T0, T0 + MIN, "1m", 10_000)).toEqual(NO_GAP);
    expect(planGapFill(T0, T0, "1m", 10_000)).toEqual(NO_GAP);
    // Stored ahead of the stream (another source): nothing is missing.
    expect(planGapFill(T0 + 10 * MIN, T0, "1m", 10_000)).toEqual(NO_GAP);
    expect(planGapFill(null, T0, "1m", 10_000)).toEqual(NO_GAP);
  });

  it("pages by 1,000, oldest first, and keeps only the most recent maxCandles", () => {
    const plan = planGapFill(T0, T0 + 2_501 * MIN, "1m", 10_000);
    expect(plan.missing).toBe(2_500);
    expect(plan.pages.map((p) => p.candles)).toEqual([1_000, 1_000, 500]);
    expect(plan.pages[0]?.startTime).toBe(T0 + MIN);
    expect(plan.pages[1]?.startTime).toBe(T0 + 1_001 * MIN);
    const bounded = planGapFill(T0, T0 + 2_501 * MIN, "1m", 1_200);
    expect(bounded).toMatchObject({ missing: 2_500, skipped: 1_300 });
    expect(bounded.pages).toEqual([
      { startTime: T0 + 1_301 * MIN, endTime: T0 + 2_301 * MIN - 1, candles: 1_000 },
      { startTime: T0 + 2_301 * MIN, endTime: T0 + 2_501 * MIN - 1, candles: 200 },
    ]);
  });

  it("covers exactly the newest missing candles, once each, within the bounds, for any gap", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CANDLE_INTERVALS),
        fc.integer({ min: -5, max: 5_000 }),
        fc.integer({ min: 0, max: 4_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        (interval, distance, maxCandles, offset) => {
          const size = intervalMs(interval);
          const last = (Math.floor(T0 / size) + offset) * size;
          const first = last + distance * size;
          const plan = planGapFill(last, first, interval, maxCandles);
          const expectedMissing = Math.max(0, distance - 1);
          expect(plan.missing).toBe(expectedMissing);
          expect(plan.skipped).toBe(Math.max(0, expectedMissing - maxCandles));
          const opens = plan.pages.flatMap((p) => {
            expect(p.candles).toBeGreaterThan(0);
            expect(p.candles).toBeLessThanOrEqual(KLINES_PER_PAGE);
            expect(p.endTime).toBe(p.startTime + p.candles * size - 1);
            return Array.from({ length: p.candles }, (_, i) => p.startTime + i * size);
          });
          const kept = Math.min(expectedMissing, maxCandles);
          expect(opens).toEqual(Array.from({ length: kept }, (_, i) => first - (kept - i) * size));
          expect(plan.pages.length).toBe(Math.ceil(kept / KLINES_PER_PAGE));
        },
      ),
    );
  });
});

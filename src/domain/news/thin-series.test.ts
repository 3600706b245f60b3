import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sentimentAt } from "./sentiment-series";
import { thinSeries } from "./thin-series";

describe("[NEWS] thinning a sentiment series for drawing", () => {
  it("keeps a short series as it is", () => {
    const points = [
      { timeMs: 0, score: 0.5 },
      { timeMs: 10, score: -0.2 },
    ];
    expect(thinSeries(points, { fromMs: 0, toMs: 100, maxPoints: 5 })).toEqual(points);
  });

  it("keeps the last point of each bucket", () => {
    const points = [0, 1, 2, 5, 6, 9].map((timeMs) => ({ timeMs, score: timeMs / 10 }));
    // Buckets of 5 ms over [0, 9]: [0, 4] and [5, 9].
    expect(thinSeries(points, { fromMs: 0, toMs: 9, maxPoints: 2 }).map((p) => p.timeMs)).toEqual([2, 9]);
  });

  it("never gives more than maxPoints, and reads the same as the full series at every bucket's end", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 1, max: 50 }),
        (times, maxPoints) => {
          const points = [...times].sort((a, b) => a - b).map((timeMs) => ({ timeMs, score: Math.sin(timeMs) }));
          const range = { fromMs: 0, toMs: 10_000, maxPoints };
          const thinned = thinSeries(points, range);
          expect(thinned.length).toBeLessThanOrEqual(maxPoints);
          const bucketMs = Math.ceil(10_001 / maxPoints);
          for (let end = bucketMs - 1; end <= 10_000 + bucketMs; end += bucketMs) {
            expect(sentimentAt(thinned, end)).toBe(sentimentAt(points, end));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

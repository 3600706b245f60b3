import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decayedSentimentSeries, HOUR_MS, type SentimentPoint, sentimentAt } from "./sentiment-series";

const H = 6 * HOUR_MS;

describe("[NEWS] sentiment series (time-decayed mean)", () => {
  it("one item gives its own score; a second one a half-life later weighs twice the first", () => {
    const points = decayedSentimentSeries(
      [
        { timeMs: 0, score: 0.9 },
        { timeMs: H, score: -0.6 },
      ],
      { halfLifeMs: H },
    );
    expect(points[0]).toEqual({ timeMs: 0, score: 0.9 });
    // weights 0.5 and 1: (0.45 - 0.6) / 1.5
    expect(points[1]?.score).toBeCloseTo(-0.1, 12);
  });

  it("gives one point per time, holding every item of that time", () => {
    const points = decayedSentimentSeries([
      { timeMs: 5, score: 1 },
      { timeMs: 5, score: 0 },
      { timeMs: 9, score: 0 },
    ]);
    expect(points.map((p) => p.timeMs)).toEqual([5, 9]);
    expect(points[0]?.score).toBe(0.5);
  });

  it("forgets old news after a long silence without dividing by zero", () => {
    const points = decayedSentimentSeries([
      { timeMs: 0, score: 1 },
      { timeMs: 10_000 * H, score: -0.25 },
    ]);
    expect(points[1]?.score).toBe(-0.25);
  });

  it("refuses items out of time order", () => {
    expect(() =>
      decayedSentimentSeries([
        { timeMs: 2, score: 0 },
        { timeMs: 1, score: 0 },
      ]),
    ).toThrow(/time order/);
  });

  it("stays within [-1, 1] with strictly increasing times, for any scores", () => {
    const item = fc.record({ gapMs: fc.integer({ min: 0, max: 10 * H }), score: fc.double({ min: -1, max: 1, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 60 }), (drafts) => {
        const items: SentimentPoint[] = [];
        for (const draft of drafts) items.push({ timeMs: (items.at(-1)?.timeMs ?? 0) + draft.gapMs, score: draft.score });
        const points = decayedSentimentSeries(items);
        for (const [i, point] of points.entries()) {
          expect(Math.abs(point.score)).toBeLessThanOrEqual(1);
          if (i > 0) expect(point.timeMs).toBeGreaterThan(points[i - 1]?.timeMs ?? Number.NaN);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("reads the series as known at a time: the last point at or before it, never a later one", () => {
    const points: SentimentPoint[] = [
      { timeMs: 10, score: 0.1 },
      { timeMs: 20, score: 0.2 },
      { timeMs: 30, score: 0.3 },
    ];
    expect([5, 10, 19, 20, 29, 30, 1_000].map((t) => sentimentAt(points, t))).toEqual([null, 0.1, 0.1, 0.2, 0.2, 0.3, 0.3]);
    expect(sentimentAt([], 10)).toBeNull();
  });
});

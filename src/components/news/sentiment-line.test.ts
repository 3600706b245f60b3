import type { UTCTimestamp } from "lightweight-charts";
import { describe, expect, it } from "vitest";
import { sentimentAtBars } from "./sentiment-line";

const HOUR_MS = 3_600_000;
const bar = (hour: number) => ((hour * HOUR_MS) / 1000) as UTCTimestamp;

describe("[NEWS] the sentiment line over the candles", () => {
  it("gives each bar the value known at its end, and a gap before the first news", () => {
    const points = [
      { timeMs: 1.5 * HOUR_MS, score: 0.4 },
      { timeMs: 3 * HOUR_MS, score: -0.2 },
    ];
    const line = sentimentAtBars(points, [bar(0), bar(1), bar(2), bar(3)], { intervalMs: HOUR_MS, nowMs: 3.5 * HOUR_MS });
    expect(line).toEqual([
      { time: bar(0) },
      { time: bar(1), value: 0.4 },
      { time: bar(2), value: 0.4 },
      { time: bar(3), value: -0.2 },
    ]);
  });

  it("after the last bar, one point at the current interval carries the news since", () => {
    const points = [
      { timeMs: 0.5 * HOUR_MS, score: 0.4 },
      { timeMs: 5.2 * HOUR_MS, score: -0.6 },
    ];
    const line = sentimentAtBars(points, [bar(0), bar(1)], { intervalMs: HOUR_MS, nowMs: 5.5 * HOUR_MS });
    expect(line.map((p) => p.time)).toEqual([bar(0), bar(1), bar(5)]);
    // The decayed mean as of now: the fresh bad story outweighs the older good one.
    const last = line.at(-1);
    expect(last && "value" in last ? last.value : null).toBeLessThan(0);
  });

  it("never reads past now in the bar still forming", () => {
    const points = [{ timeMs: 30 * 60_000, score: 0.9 }];
    const line = sentimentAtBars(points, [bar(0)], { intervalMs: HOUR_MS, nowMs: 10 * 60_000 });
    expect(line).toEqual([{ time: bar(0) }]);
  });
});

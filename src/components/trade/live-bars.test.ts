import type { UTCTimestamp } from "lightweight-charts";
import { describe, expect, it } from "vitest";
import type { PlotCandle } from "./candle-chart";
import { appendLiveBars } from "./live-bars";

const bar = (time: number, close: number, isImported = true): PlotCandle => ({
  time: time as UTCTimestamp,
  open: 10,
  high: 20,
  low: 5,
  close,
  volume: 1,
  isImported,
});

describe("[CHART] live imported bars", () => {
  it("go after the bars drawn, never over the market's own", () => {
    const own = [bar(60, 11, false), bar(120, 12, false)];
    expect(appendLiveBars(own, [bar(60, 99), bar(120, 99), bar(180, 13)]).map((b) => [b.time, b.close])).toEqual([
      [60, 11],
      [120, 12],
      [180, 13],
    ]);
  });

  it("keep times increasing, a later source replacing an earlier one at the same time", () => {
    const stored = [bar(60, 1), bar(120, 2)];
    const forming = bar(120, 3);
    const merged = appendLiveBars([], [...stored, bar(240, 4), forming]);
    expect(merged.map((b) => [b.time, b.close])).toEqual([
      [60, 1],
      [120, 3],
      [240, 4],
    ]);
    expect(appendLiveBars([bar(60, 1, false)], [])).toHaveLength(1);
  });
});

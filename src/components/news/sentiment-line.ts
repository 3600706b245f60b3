import type { UTCTimestamp } from "lightweight-charts";
import { type SentimentPoint, sentimentAt } from "@/domain/news/sentiment-series";

/** A point of the line, or a gap (no news known yet at that bar). */
export type SentimentLinePoint = { time: UTCTimestamp; value: number } | { time: UTCTimestamp };

/**
 * The sentiment known at the end of each bar, on the bars' own times: the chart's time scale
 * is one slot per time, so a line at other times would push the candles apart. A bar's end is
 * its open + interval, never later than now: the line never shows news from after the bar.
 */
export function sentimentAtBars(
  points: readonly SentimentPoint[],
  barTimes: readonly UTCTimestamp[],
  { intervalMs, nowMs }: { intervalMs: number; nowMs: number },
): SentimentLinePoint[] {
  return barTimes.map((time) => {
    const value = sentimentAt(points, Math.min(time * 1000 + intervalMs - 1, nowMs));
    return value === null ? { time } : { time, value };
  });
}

import type { UTCTimestamp } from "lightweight-charts";
import { type SentimentPoint, sentimentAt } from "@/domain/news/sentiment-series";

/** A point of the line, or a gap (no news known yet at that bar). */
export type SentimentLinePoint = { time: UTCTimestamp; value: number } | { time: UTCTimestamp };

/**
 * The sentiment known at the end of each bar, on the bars' own times: the chart's time scale
 * is one slot per time, so a line at other times would push the candles apart. A bar's end is
 * its open + interval, never later than now: the line never shows news from after the bar.
 * When the last bar is older than the current interval (no trades since), one more point at the
 * current interval's start carries the sentiment as of now, so fresh news shows on the line.
 */
export function sentimentAtBars(
  points: readonly SentimentPoint[],
  barTimes: readonly UTCTimestamp[],
  { intervalMs, nowMs }: { intervalMs: number; nowMs: number },
): SentimentLinePoint[] {
  const at = (time: UTCTimestamp, timeMs: number): SentimentLinePoint => {
    const value = sentimentAt(points, timeMs);
    return value === null ? { time } : { time, value };
  };
  const line = barTimes.map((time) => at(time, Math.min(time * 1000 + intervalMs - 1, nowMs)));
  const lastBar = barTimes.at(-1);
  const currentStart = (Math.floor(nowMs / intervalMs) * intervalMs) / 1000;
  if (lastBar !== undefined && currentStart > lastBar) line.push(at(currentStart as UTCTimestamp, nowMs));
  return line;
}

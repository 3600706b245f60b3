import { assert } from "../errors";
import type { SentimentPoint } from "./sentiment-series";

/**
 * At most `maxPoints` points of a series over [fromMs, toMs], for drawing: the range is cut into
 * `maxPoints` equal buckets and each keeps its last point, the value known at the bucket's end.
 * So reading the thinned series at any bucket's end (sentimentAt) gives what the full one gives
 * there, and a chart of a year of news costs at most maxPoints points, however busy the feed.
 */
export function thinSeries(
  points: readonly SentimentPoint[],
  { fromMs, toMs, maxPoints }: { fromMs: number; toMs: number; maxPoints: number },
): SentimentPoint[] {
  assert(Number.isSafeInteger(maxPoints) && maxPoints >= 1, "a thinned series keeps at least one point");
  assert(fromMs <= toMs, "a series range runs forward");
  if (points.length <= maxPoints) return [...points];
  const bucketMs = Math.max(1, Math.ceil((toMs - fromMs + 1) / maxPoints));
  const bucketOf = (timeMs: number) => Math.floor((timeMs - fromMs) / bucketMs);
  const kept: SentimentPoint[] = [];
  for (const [index, point] of points.entries()) {
    const next = points[index + 1];
    if (next === undefined || bucketOf(next.timeMs) !== bucketOf(point.timeMs)) kept.push(point);
  }
  return kept;
}

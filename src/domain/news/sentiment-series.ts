import { assert } from "../errors";

/** What a backtest strategy reads: a score in [-1, 1] known from `timeMs` on. */
export interface SentimentPoint {
  timeMs: number;
  score: number;
}

export const HOUR_MS = 60 * 60_000;
export const DEFAULT_HALF_LIFE_MS = 6 * HOUR_MS;
/** Items older than this many half-lives weigh under 1/16 of a fresh one: the series' warm-up. */
export const WARM_UP_HALF_LIVES = 4;

/**
 * A time-decayed mean of item scores: at each item's time, Σ wᵢ·sᵢ / Σ wᵢ over the items so far,
 * where wᵢ = 2^(-(t - tᵢ) / halfLife). Recent news dominates, old news fades but never vanishes
 * abruptly (as it would at a window's edge), and one item alone gives its own score. It is a
 * mean, so it does not drift to neutral while no news arrives: the last point stands until the
 * next one. Items must come in time order; items at one time give one point (all of them in it).
 */
export function decayedSentimentSeries(
  items: readonly SentimentPoint[],
  { halfLifeMs = DEFAULT_HALF_LIFE_MS }: { halfLifeMs?: number } = {},
): SentimentPoint[] {
  assert(halfLifeMs > 0, "a half-life is positive");
  const points: SentimentPoint[] = [];
  let weightedSum = 0;
  let weight = 0;
  let lastMs: number | null = null;
  for (const item of items) {
    if (lastMs !== null) {
      assert(item.timeMs >= lastMs, "sentiment items come in time order");
      const decay = 2 ** (-(item.timeMs - lastMs) / halfLifeMs);
      weightedSum *= decay;
      weight *= decay;
    }
    weightedSum += item.score;
    weight += 1;
    const point = { timeMs: item.timeMs, score: Math.max(-1, Math.min(1, weightedSum / weight)) };
    if (lastMs === item.timeMs) points[points.length - 1] = point;
    else points.push(point);
    lastMs = item.timeMs;
  }
  return points;
}

/**
 * The series as known at `timeMs`: the last point at or before it, or null before the first.
 * Never a later point, so a strategy cannot trade on news that was not out yet.
 */
export function sentimentAt(points: readonly SentimentPoint[], timeMs: number): number | null {
  let low = 0;
  let high = points.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((points[mid]?.timeMs ?? Number.POSITIVE_INFINITY) <= timeMs) low = mid + 1;
    else high = mid;
  }
  return low === 0 ? null : (points[low - 1]?.score ?? null);
}

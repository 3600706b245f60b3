import { z } from "zod";
import type { Candle } from "../../candles";
import { assert } from "../../errors";
import type { Exposure, SentimentPoint } from "../types";
import { defineStrategy, wholeNumber } from "./strategy";

const score = z.number().min(-1).max(1);
const EXIT_BELOW_ENTER = "exitBelow must be below enterAbove";
const params = z
  .strictObject({ enterAbove: score, exitBelow: score, lookbackCandles: wholeNumber(1, 1_000) })
  .refine((p) => p.exitBelow < p.enterAbove, { message: EXIT_BELOW_ENTER, path: ["exitBelow"] });

function assertPoint(point: SentimentPoint): void {
  assert(Number.isSafeInteger(point.timeMs), "a sentiment point has an integer time");
  assert(Number.isFinite(point.score) && point.score >= -1 && point.score <= 1, "a sentiment score is within -1 … 1");
}

/**
 * The mean score of the points published within the last `lookback` candles up to each close:
 * [open of candle i − lookback + 1, close of candle i]. Only points published by the close count,
 * so no candle sees news from its future. Null where no point falls in the window.
 */
export function windowMeans(candles: readonly Candle[], points: readonly SentimentPoint[], lookback: number): (number | null)[] {
  points.forEach(assertPoint);
  const sorted = [...points].sort((a, b) => a.timeMs - b.timeMs);
  const prefix = [0];
  for (const point of sorted) prefix.push((prefix.at(-1) ?? 0) + point.score);
  let start = 0;
  let end = 0;
  return candles.map((candle, i) => {
    const fromMs = (candles[Math.max(0, i - lookback + 1)] ?? candle).openTimeMs;
    while (end < sorted.length && (sorted[end]?.timeMs ?? 0) <= candle.closeTimeMs) end++;
    while (start < end && (sorted[start]?.timeMs ?? 0) < fromMs) start++;
    if (start === end) return null;
    return ((prefix[end] ?? 0) - (prefix[start] ?? 0)) / (end - start);
  });
}

/**
 * News-driven: long once the recent mean sentiment reaches `enterAbove`, flat again once it falls
 * to `exitBelow` or once no news remains in the window (no news, no conviction).
 */
export const sentiment = defineStrategy({
  name: "sentiment",
  summary: "Long while recent news sentiment is positive enough; flat when it turns or fades.",
  params,
  defaults: { enterAbove: 0.3, exitBelow: -0.1, lookbackCandles: 24 },
  rules: [EXIT_BELOW_ENTER],
  readsNews: true,
  decide: (input, p) => {
    let state: Exposure = "FLAT";
    return windowMeans(input.candles, input.sentiment, p.lookbackCandles).map((mean) => {
      if (mean === null || mean <= p.exitBelow) state = "FLAT";
      else if (mean >= p.enterAbove) state = "LONG";
      return state;
    });
  },
});

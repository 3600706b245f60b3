import { STRATEGIES, type SentimentPoint } from "@/domain/backtest";
import { DomainError } from "@/domain/errors";
import type { MarketRow } from "../../db/queries/markets";
import type { ServiceContext } from "../context";
import type { BaseRequest } from "./backtest-schema";
import { MAX_SERIES_RANGE_MS, newsSentimentSeries } from "./news/sentiment-series";

export interface RunSentiment {
  /** request: the points the caller sent; news: the stored news of the market's base asset. */
  source: "request" | "news";
  points: SentimentPoint[];
  /** The range held more news items than a series reads (news/sentiment-series.ts): it stops early. */
  isTruncated: boolean;
}

/**
 * The sentiment a run reads: none unless its strategy reads news; the caller's points when it
 * sent any; otherwise the base asset's stored news over the run's candles, from the first open
 * to the last close (bounded by the series' own range and item limits).
 */
export async function sentimentForRun(
  ctx: ServiceContext,
  request: Pick<BaseRequest, "strategy" | "sentiment">,
  market: MarketRow,
  range: { fromMs: number; toMs: number },
): Promise<RunSentiment | null> {
  if (!STRATEGIES[request.strategy].readsNews) return null;
  if (request.sentiment.length > 0) return { source: "request", points: request.sentiment, isTruncated: false };
  if (range.toMs - range.fromMs > MAX_SERIES_RANGE_MS) {
    const maxDays = String(Math.floor(MAX_SERIES_RANGE_MS / 86_400_000));
    throw new DomainError("BACKTEST_TOO_LARGE", `A backtest on stored news spans at most ${maxDays} days.`, {
      maxSentimentDays: maxDays,
    });
  }
  const series = await newsSentimentSeries(ctx, { asset: market.baseAsset, ...range });
  return { source: "news", points: series.points, isTruncated: series.isTruncated };
}

import { DomainError } from "@/domain/errors";
import { MAX_SENTIMENT_RANGE_MS, SENTIMENT_HALF_LIFE_MS } from "@/domain/news/facts";
import { fromScoreBps } from "@/domain/news/sentiment";
import {
  DEFAULT_HALF_LIFE_MS,
  decayedSentimentSeries,
  type SentimentPoint,
  WARM_UP_HALF_LIVES,
} from "@/domain/news/sentiment-series";
import { thinSeries } from "@/domain/news/thin-series";
import { listNewsScores } from "../../../db/queries/news-items";
import { assetScale } from "../../accounts/funding";
import type { ServiceContext } from "../../context";

/** A backtest spans at most this; its series reads at most MAX_SERIES_ITEMS items. */
export const MAX_SERIES_RANGE_MS = MAX_SENTIMENT_RANGE_MS;
export const MAX_SERIES_ITEMS = 20_000;

export interface SentimentSeries {
  /** Strictly increasing times within [fromMs, toMs], scores in [-1, 1]. */
  points: SentimentPoint[];
  halfLifeMs: number;
  /** True when the range held more items than are read: the series stops early. */
  isTruncated: boolean;
}

/**
 * An asset's time-decayed sentiment over [fromMs, toMs], for a backtest strategy or a chart. Items
 * from a few half-lives before fromMs warm it up, so its first point already carries the recent
 * past instead of starting from one item. A chart asks for at most `maxPoints` (thinSeries): the
 * value known at the end of each of that many slices of the range.
 */
export async function newsSentimentSeries(
  ctx: ServiceContext,
  request: { asset: string; fromMs: number; toMs: number; halfLifeMs?: number; maxPoints?: number },
): Promise<SentimentSeries> {
  const halfLifeMs = request.halfLifeMs ?? DEFAULT_HALF_LIFE_MS;
  const { fromMs, toMs } = request;
  const isRangeValid = Number.isSafeInteger(fromMs) && Number.isSafeInteger(toMs) && fromMs >= 0 && fromMs < toMs;
  if (!isRangeValid || toMs - fromMs > MAX_SERIES_RANGE_MS) throw new DomainError("NEWS_RANGE_INVALID");
  if (!(halfLifeMs >= SENTIMENT_HALF_LIFE_MS.min && halfLifeMs <= SENTIMENT_HALF_LIFE_MS.max)) {
    throw new DomainError("NEWS_RANGE_INVALID", "The half-life must be between a minute and 30 days.");
  }
  await assetScale(ctx.db, request.asset);
  const rows = await listNewsScores(ctx.db, {
    asset: request.asset,
    from: new Date(Math.max(0, fromMs - WARM_UP_HALF_LIVES * halfLifeMs)),
    to: new Date(toMs),
    limit: MAX_SERIES_ITEMS + 1,
  });
  const isTruncated = rows.length > MAX_SERIES_ITEMS;
  const items = rows
    .slice(0, MAX_SERIES_ITEMS)
    .map((row) => ({ timeMs: row.publishedAt.getTime(), score: fromScoreBps(row.scoreBps) }));
  const series = decayedSentimentSeries(items, { halfLifeMs }).filter((point) => point.timeMs >= fromMs);
  const { maxPoints } = request;
  const points = maxPoints === undefined ? series : thinSeries(series, { fromMs, toMs, maxPoints });
  return { points, halfLifeMs, isTruncated };
}

/**
 * After a (re)connect: the candles the stream missed, fetched page by page from the REST klines
 * endpoint and stored before the stream's own closed candles are trusted again (see
 * stream-session.ts). Each page is read by the same kline reader as a downloaded JSON file, so
 * every candle meets the import's rules; a page is stored in its own transaction, oldest page
 * first, so a fill cut short leaves no hole behind what it stored.
 */
import { lastImportedOpenMs } from "../../../db/queries/imported-candles";
import { KLINES_PER_PAGE, planGapFill } from "@/domain/klines/gap";
import { createKlineStream } from "@/domain/klines/kline-stream";
import type { ImportedKline, KlineRules } from "@/domain/klines/parse-kline";
import type { KlineStreamTarget } from "@/domain/klines/stream-names";
import type { FetchKlinePage } from "@/server/outbound/kline-rest";
import type { ServiceContext } from "../../context";
import { type HistoryTarget, storeGapPage } from "./history-events";

export interface GapFillReport {
  /** Candles between the last stored and the first the stream showed. */
  missing: number;
  /** Of those, the oldest left out (beyond the bound). */
  skipped: number;
  pages: number;
  /** Candles the pages returned inside the range asked for, and of those the newly stored. */
  received: number;
  inserted: number;
  /** Rows refused by the import's rules, or outside the range asked for. */
  refused: number;
}

export interface GapFillRequest {
  stream: KlineStreamTarget;
  target: HistoryTarget;
  rules: KlineRules;
  firstSeenOpenMs: number;
  maxCandles: number;
  fetchPage: FetchKlinePage;
  signal: AbortSignal;
}

export async function fillGap(ctx: ServiceContext, request: GapFillRequest): Promise<GapFillReport> {
  const { stream, target } = request;
  const lastStored = await lastImportedOpenMs(ctx.db, target.market, target.interval);
  const plan = planGapFill(lastStored, request.firstSeenOpenMs, stream.interval, request.maxCandles);
  const report: GapFillReport = { missing: plan.missing, skipped: plan.skipped, pages: 0, received: 0, inserted: 0, refused: 0 };
  for (const page of plan.pages) {
    request.signal.throwIfAborted();
    const text = await request.fetchPage({
      symbol: stream.symbol,
      interval: stream.interval,
      startTime: page.startTime,
      endTime: page.endTime,
      limit: KLINES_PER_PAGE,
    });
    request.signal.throwIfAborted();
    const { candles, refused } = readPage(text, request.rules, page.startTime, page.endTime);
    report.pages += 1;
    report.received += candles.length;
    report.refused += refused;
    report.inserted += await storeGapPage(ctx, target, candles);
  }
  return report;
}

/** A page's valid candles inside [startTime, endTime]; a malformed body throws (KlineFileError). */
function readPage(text: string, rules: KlineRules, startTime: number, endTime: number) {
  const reader = createKlineStream(rules);
  const outcomes = [...reader.feed(text), ...reader.end()];
  const candles: ImportedKline[] = [];
  let refused = 0;
  for (const outcome of outcomes) {
    const kline = outcome.kline;
    if (kline && kline.openTimeMs >= startTime && kline.openTimeMs <= endTime) candles.push(kline);
    else refused += 1;
  }
  return { candles, refused };
}

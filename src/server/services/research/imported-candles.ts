import { listImportedCandles } from "../../db/queries/imported-candles";
import type { CandleInterval } from "@/domain/candles";
import type { ServiceContext } from "../context";
import { candleView, MAX_CANDLES } from "../markets/candles";
import { getMarket } from "../markets/market-data";

export interface ImportedCandlesRequest {
  market: string;
  interval: CandleInterval;
  /** Epoch ms, inclusive, on open times. */
  startTime?: number;
  endTime?: number;
  /** At most MAX_CANDLES, like the market's own candles. */
  limit: number;
}

/**
 * Imported history for the chart, oldest first, as decimal strings like the market's own
 * candles plus the row's source. With startTime: the first `limit` candles from there (up to
 * endTime). Without: the last `limit` up to endTime, so a chart can page back from the first
 * candle of the market's own trades (endTime = that open time - 1). Not cached: history does not
 * change under a reader except by an import, and a page is one primary-key range scan.
 */
export async function getImportedCandles(ctx: ServiceContext, request: ImportedCandlesRequest) {
  const market = await getMarket(ctx, request.market);
  const rows = await listImportedCandles(ctx.db, {
    market: market.symbol,
    interval: request.interval,
    fromMs: request.startTime,
    toMs: request.endTime,
    limit: Math.min(Math.max(1, request.limit), MAX_CANDLES),
    from: request.startTime === undefined ? "newest" : "oldest",
  });
  return rows.map((row) => ({ ...candleView(row, market), source: row.source }));
}
export type ImportedCandleView = Awaited<ReturnType<typeof getImportedCandles>>[number];

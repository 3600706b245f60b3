import { aggregateTradeCandles } from "../../db/queries/market-stats";
import type { DbOrTx } from "../../db/types";
import { intervalMs } from "@/domain/candles";
import type { CandleSource } from "./candle-source";

/** Candles from the market's own trades, aggregated by Postgres (the same query as the chart's). */
export function ownTradeCandles(db: DbOrTx): CandleSource {
  return {
    loadCandles: ({ market, interval, fromMs, toMs }) =>
      aggregateTradeCandles(db, { market, intervalMs: intervalMs(interval), fromMs, toMs }),
  };
}

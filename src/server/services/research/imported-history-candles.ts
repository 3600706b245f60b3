import { listImportedCandles } from "../../db/queries/imported-candles";
import type { DbOrTx } from "../../db/types";
import { candleCount } from "@/domain/backtest";
import type { CandleSource } from "./candle-source";

/**
 * Candles imported from another venue (`bourse import klines`), read by primary key for the
 * range. The backtest bounds the range before it asks (MAX_BACKTEST_CANDLES), and the read asks
 * for no more rows than the range holds. The taker-buy volumes stay behind: no strategy reads them.
 */
export function importedHistoryCandles(db: DbOrTx): CandleSource {
  return {
    async loadCandles({ market, interval, fromMs, toMs }) {
      const rows = await listImportedCandles(db, {
        market,
        interval,
        fromMs,
        toMs,
        limit: candleCount(fromMs, toMs, interval),
        from: "oldest",
      });
      return rows.map(({ source: _source, takerBuyBaseVolume: _base, takerBuyQuoteVolume: _quote, ...candle }) => candle);
    },
  };
}

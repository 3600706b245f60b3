import { CANDLE_INTERVALS } from "../../domain/candles";

/** Every cached key in one place, so writers know exactly what a commit makes stale. */
export const cacheKeys = {
  assets: () => "assets:v1",
  markets: () => "markets:v1",
  /** market.list as served: every market's rules with its 24h figures, one entry for one read. */
  marketList: () => "market-list:v1",
  market: (symbol: string) => `market:v1:${symbol}`,
  /** 24h figures and the seq they include. */
  ticker: (symbol: string) => `ticker:v2:${symbol}`,
  book: (symbol: string) => `book:v1:${symbol}`,
  /** The last two candles of an interval: what a trade changes. */
  candles: (symbol: string, interval: string) => `candles:v2:${symbol}:${interval}`,
  /** Closed candles before `boundaryMs`; no commit changes them, so no commit invalidates them. */
  candleHistory: (symbol: string, interval: string, boundaryMs: number) =>
    `candles-history:v1:${symbol}:${interval}:${boundaryMs}`,
  /** What a trade or book change in a market makes stale. */
  afterBookChange: (symbol: string, hasTrades: boolean): string[] => [
    cacheKeys.book(symbol),
    ...(hasTrades
      ? [cacheKeys.ticker(symbol), cacheKeys.marketList(), ...CANDLE_INTERVALS.map((i) => cacheKeys.candles(symbol, i))]
      : []),
  ],
  /** What an administrator's change to a market (creation, halt, resume) makes stale. */
  afterMarketChange: (symbol: string): string[] => [
    cacheKeys.markets(),
    cacheKeys.market(symbol),
    cacheKeys.ticker(symbol),
    cacheKeys.marketList(),
  ],
};

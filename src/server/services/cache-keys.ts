/** Every cached key in one place, so writers know exactly what a commit makes stale. */
export const cacheKeys = {
  assets: () => "assets:v1",
  markets: () => "markets:v1",
  market: (symbol: string) => `market:v1:${symbol}`,
  ticker: (symbol: string) => `ticker:v1:${symbol}`,
  book: (symbol: string) => `book:v1:${symbol}`,
  candles: (symbol: string, interval: string) => `candles:v1:${symbol}:${interval}`,
  /** What a trade or book change in a market makes stale. */
  afterBookChange: (symbol: string, hasTrades: boolean): string[] => [
    cacheKeys.book(symbol),
    ...(hasTrades
      ? [
          cacheKeys.ticker(symbol),
          cacheKeys.markets(),
          ...["1m", "5m", "15m", "1h", "4h", "1d"].map((i) => cacheKeys.candles(symbol, i)),
        ]
      : []),
  ],
};

import type { KlineRules } from "./parse-kline";

/** BTC-USD as the tests see it: BTC at 8 decimals, USD at 2, tick 0.01, one-minute klines. */
export const BTC_USD_1M: KlineRules = { interval: "1m", baseScale: 8, quoteScale: 2, priceTick: 1n, priceRounding: "reject" };

/** 2024-01-01T00:00Z, the first row of Binance's BTCUSDT-1m-2024-01 file. */
export const T0 = 1_704_067_200_000;

/** One Binance CSV row's cells; `overrides` by column index. */
export function binanceCells(overrides: Record<number, string> = {}, openTimeMs = T0): string[] {
  const cells = [
    String(openTimeMs),
    "42283.58000000",
    "42298.62000000",
    "42261.02000000",
    "42298.61000000",
    "35.92724000",
    String(openTimeMs + 59_999),
    "1519215.01782150",
    "1327",
    "22.27622000",
    "941890.44838600",
    "0",
  ];
  for (const [index, value] of Object.entries(overrides)) cells[Number(index)] = value;
  return cells;
}

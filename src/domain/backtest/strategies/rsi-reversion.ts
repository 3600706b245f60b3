import { RSI } from "trading-signals";
import { z } from "zod";
import type { Exposure } from "../types";
import { defineStrategy, indicatorPrice, wholeNumber } from "./strategy";

const OVERSOLD_BELOW_OVERBOUGHT = "oversold must be below overbought";
const params = z
  .strictObject({ period: wholeNumber(2, 200), oversold: z.number().min(1).max(50), overbought: z.number().min(50).max(99) })
  .refine((p) => p.oversold < p.overbought, { message: OVERSOLD_BELOW_OVERBOUGHT, path: ["oversold"] });

/**
 * Mean reversion on Wilder's RSI of the close (trading-signals: gains and losses smoothed by
 * Wilder's average seeded with their SMA, first value after period + 1 closes). Buy when the RSI
 * is at or below `oversold`, hold until it is at or above `overbought`. The library reports 100
 * when there was no loss in the window, also for a perfectly flat one.
 */
export const rsiReversion = defineStrategy({
  name: "rsi-reversion",
  summary: "Buy when the RSI is oversold, sell when it is overbought.",
  params,
  defaults: { period: 14, oversold: 30, overbought: 70 },
  rules: [OVERSOLD_BELOW_OVERBOUGHT],
  decide: (input, p) => {
    const rsi = new RSI(p.period);
    let state: Exposure = "FLAT";
    return input.candles.map((candle) => {
      const value = rsi.add(indicatorPrice(candle.close));
      if (value !== null && state === "FLAT" && value <= p.oversold) state = "LONG";
      else if (value !== null && state === "LONG" && value >= p.overbought) state = "FLAT";
      return state;
    });
  },
});

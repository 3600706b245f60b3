import { DonchianChannels } from "trading-signals";
import { z } from "zod";
import type { Exposure } from "../types";
import { defineStrategy, indicatorPrice, wholeNumber } from "./strategy";

const params = z.strictObject({ entryPeriod: wholeNumber(2, 500), exitPeriod: wholeNumber(2, 500) });

/**
 * The turtle breakout: buy when the close is above the highest high of the `entryPeriod` candles
 * before it, sell when the close is below the lowest low of the `exitPeriod` candles before it.
 * trading-signals' channel includes the candle just added (against which a close can never break
 * out), so each candle is compared with the channel as it stood before that candle was added.
 */
export const donchianBreakout = defineStrategy({
  name: "donchian-breakout",
  summary: "Buy a close above the recent highs, sell a close below the recent lows.",
  params,
  defaults: { entryPeriod: 20, exitPeriod: 10 },
  decide: (input, p) => {
    const entry = new DonchianChannels(p.entryPeriod);
    const exit = new DonchianChannels(p.exitPeriod);
    let state: Exposure = "FLAT";
    return input.candles.map((candle) => {
      const close = indicatorPrice(candle.close);
      const upper = entry.getResult()?.upper;
      const lower = exit.getResult()?.lower;
      if (state === "FLAT" && upper !== undefined && close > upper) state = "LONG";
      else if (state === "LONG" && lower !== undefined && close < lower) state = "FLAT";
      const highLow = { high: indicatorPrice(candle.high), low: indicatorPrice(candle.low) };
      entry.add(highLow);
      exit.add(highLow);
      return state;
    });
  },
});

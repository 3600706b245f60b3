/**
 * What the two moving-average crossovers share: LONG while the fast average is strictly above the
 * slow one, both past their warm-up, FLAT otherwise. Holding the state rather than reacting to the
 * cross itself is the same thing for a long-only strategy, and needs no memory of the last cross.
 */
import { z } from "zod";
import type { Exposure, StrategyInput } from "../types";
import { defineStrategy, indicatorPrice, wholeNumber } from "./strategy";

const FAST_BELOW_SLOW = "fast must be shorter than slow";
export const crossParams = z
  .strictObject({ fast: wholeNumber(1, 500), slow: wholeNumber(2, 1_000) })
  .refine((p) => p.fast < p.slow, { message: FAST_BELOW_SLOW, path: ["fast"] });
export type CrossParams = z.infer<typeof crossParams>;

export interface MovingAverage {
  add(price: number): number | null;
  readonly isStable: boolean;
}

function crossTargets(input: StrategyInput, fast: MovingAverage, slow: MovingAverage): Exposure[] {
  return input.candles.map((candle) => {
    const close = indicatorPrice(candle.close);
    const fastValue = fast.add(close);
    const slowValue = slow.add(close);
    const isWarm = fast.isStable && slow.isStable && fastValue !== null && slowValue !== null;
    return isWarm && fastValue > slowValue ? "LONG" : "FLAT";
  });
}

/** A crossover strategy on the moving average `average(period)` builds. */
export function crossStrategy(name: string, summary: string, defaults: CrossParams, average: (period: number) => MovingAverage) {
  return defineStrategy({
    name,
    summary,
    params: crossParams,
    defaults,
    rules: [FAST_BELOW_SLOW],
    decide: (input, p) => crossTargets(input, average(p.fast), average(p.slow)),
  });
}

import { EMA } from "trading-signals";
import { crossParams, crossTargets } from "./crossover";
import { defineStrategy } from "./strategy";

/**
 * trading-signals' EMA weights 2 / (period + 1) and is seeded with the first close (not with an
 * SMA); it counts as warmed up, and so may speak, from the `period`-th close on.
 */
export const emaCross = defineStrategy({
  name: "ema-cross",
  summary: "Long while the fast exponential moving average of the close is above the slow one.",
  params: crossParams,
  defaults: { fast: 12, slow: 26 },
  decide: (input, p) => crossTargets(input, new EMA(p.fast), new EMA(p.slow)),
});

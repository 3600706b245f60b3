import { SMA } from "trading-signals";
import { crossParams, crossTargets } from "./crossover";
import { defineStrategy } from "./strategy";

/** Simple moving averages of the close: each needs `period` closes before it speaks. */
export const smaCross = defineStrategy({
  name: "sma-cross",
  summary: "Long while the fast simple moving average of the close is above the slow one.",
  params: crossParams,
  defaults: { fast: 10, slow: 30 },
  decide: (input, p) => crossTargets(input, new SMA(p.fast), new SMA(p.slow)),
});

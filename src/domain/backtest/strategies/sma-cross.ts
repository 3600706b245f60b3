import { SMA } from "trading-signals";
import { crossStrategy } from "./crossover";

/** Simple moving averages of the close: each needs `period` closes before it speaks. */
export const smaCross = crossStrategy(
  "sma-cross",
  "Long while the fast simple moving average of the close is above the slow one.",
  { fast: 10, slow: 30 },
  (period) => new SMA(period),
);

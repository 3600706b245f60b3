import { EMA } from "trading-signals";
import { crossStrategy } from "./crossover";

/**
 * trading-signals' EMA weights 2 / (period + 1) and is seeded with the first close (not with an
 * SMA); it counts as warmed up, and so may speak, from the `period`-th close on.
 */
export const emaCross = crossStrategy(
  "ema-cross",
  "Long while the fast exponential moving average of the close is above the slow one.",
  { fast: 12, slow: 26 },
  (period) => new EMA(period),
);

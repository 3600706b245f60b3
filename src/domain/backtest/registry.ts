/** Every strategy a backtest may name, by its name: the one list the schemas and the worker use. */
import { donchianBreakout } from "./strategies/donchian-breakout";
import { emaCross } from "./strategies/ema-cross";
import { rsiReversion } from "./strategies/rsi-reversion";
import { sentiment } from "./strategies/sentiment";
import { smaCross } from "./strategies/sma-cross";
import type { Strategy } from "./strategies/strategy";

export const STRATEGY_NAMES = ["sma-cross", "ema-cross", "rsi-reversion", "donchian-breakout", "sentiment"] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

export const STRATEGIES: Readonly<Record<StrategyName, Strategy>> = {
  "sma-cross": smaCross,
  "ema-cross": emaCross,
  "rsi-reversion": rsiReversion,
  "donchian-breakout": donchianBreakout,
  sentiment,
};

import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "../server/api/root";
import type { SweepEvent } from "../server/services/research/sweep-stream";

/** Every procedure's input and output, e.g. `BourseInputs["order"]["place"]`. Types only: nothing of the server is bundled. */
export type { AppRouter };
export type BourseInputs = inferRouterInputs<AppRouter>;
export type BourseOutputs = inferRouterOutputs<AppRouter>;

export type PlaceOrderInput = BourseInputs["order"]["place"];
export type PlaceOrderResult = BourseOutputs["order"]["place"];
export type PlaceOcoInput = BourseInputs["order"]["placeOco"];
export type PlaceOcoResult = BourseOutputs["order"]["placeOco"];
export type AmendOrderInput = BourseInputs["order"]["amend"];
export type Order = BourseOutputs["order"]["byId"];
export type OrderStatus = Order["status"];
/** LIMIT, MARKET, or a conditional type (STOP_MARKET, STOP_LIMIT, TAKE_PROFIT_MARKET, TAKE_PROFIT_LIMIT, TRAILING_STOP). */
export type OrderType = Order["type"];
/** A conditional order's trigger: PENDING, TRIGGERED or NOT_TRIGGERED; null for limit and market orders. */
export type TriggerStatus = Order["triggerStatus"];
export type Side = Order["side"];
export type Market = BourseOutputs["market"]["bySymbol"];
export type MarketWithTicker = BourseOutputs["market"]["list"][number];
export type Ticker = BourseOutputs["market"]["ticker"];
export type OrderBook = BourseOutputs["market"]["orderBook"];
export type PublicTrade = BourseOutputs["market"]["trades"][number];
export type Candle = BourseOutputs["market"]["candles"][number];
export type CandleInterval = BourseInputs["market"]["candles"]["interval"];
export type Balance = BourseOutputs["account"]["balances"][number];
export type OwnTrade = BourseOutputs["account"]["trades"]["items"][number];

export type BacktestRequest = BourseInputs["backtest"]["run"];
export type SweepRequest = BourseInputs["backtest"]["sweep"];
export type WalkForwardRequest = BourseInputs["backtest"]["walkForward"];
export type BacktestResult = BourseOutputs["backtest"]["run"];
export type WalkForwardResult = BourseOutputs["backtest"]["walkForward"];
/** What the strategies' form needs: parameters with bounds and defaults, choices, limits. */
export type BacktestCatalog = BourseOutputs["backtest"]["strategies"];
export type StrategyName = BacktestRequest["strategy"];
export type BacktestSource = NonNullable<BacktestRequest["source"]>;
export type BacktestObjective = NonNullable<SweepRequest["objective"]>;
/** backtest.sweep yields these: progress while it runs, then the result (the same as POST /backtests/sweep). */
export type { SweepEvent };
export type SweepResult = Extract<SweepEvent, { kind: "result" }>["result"];

/** Stream items (each arrives as `{ id, data }`; `id` is the event's seq). */
export type {
  BookStreamItem,
  TradesStreamItem,
  TickerStreamItem,
  CandlesStreamItem,
} from "../server/services/markets/market-streams";
export type { OrdersStreamItem, BalancesStreamItem } from "../server/services/accounts/account-streams";

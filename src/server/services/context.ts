import type { Cache } from "../cache/types";
import type { Db } from "../db/types";
import type { EventBus } from "../bus/types";
import type { BacktestRunner } from "../workers/types";

/** What every service needs from the outside world, passed in so tests can supply their own. */
export interface ServiceContext {
  db: Db;
  cache: Cache;
  bus: EventBus;
  /** Where backtests compute: the instance's worker pool; absent, on the calling thread (tests, scripts). */
  backtests?: BacktestRunner;
}

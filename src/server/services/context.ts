import type { Cache } from "../cache/types";
import type { Db } from "../db/types";
import type { EventBus } from "../bus/types";

/** What every service needs from the outside world, passed in so tests can supply their own. */
export interface ServiceContext {
  db: Db;
  cache: Cache;
  bus: EventBus;
}

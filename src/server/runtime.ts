import { getEnv } from "@/env";
import { getCache } from "./cache";
import { getDatabase } from "./db";
import { getEventBus } from "./bus";
import { logger } from "./logger";
import type { ServiceContext } from "./services/context";
import { ensureSystemAccounts, seedDemo } from "./services/demo/seed-demo";
import { ensureRetrying, processSlot } from "./process-slot";
import { createBacktestRunner } from "./workers";

/**
 * The composition root: the one place that picks the real database, cache and bus for this
 * process. Everything below receives them as a ServiceContext, so tests can pass their own.
 */
const processServices = processSlot<Promise<ServiceContext>>("Services");

export function getServices(): Promise<ServiceContext> {
  return ensureRetrying(processServices, start);
}

async function start(): Promise<ServiceContext> {
  const env = getEnv();
  const database = await getDatabase();
  const services: ServiceContext = {
    db: database.db,
    cache: getCache(),
    bus: getEventBus(),
    // Worker threads start on the first backtest, so an instance that runs none starts none.
    backtests: createBacktestRunner(env, logger),
  };
  await ensureSystemAccounts(database.db);
  // Only the embedded database seeds itself: it is the newcomer's demo. A shared Postgres is
  // seeded deliberately, with `npm run db:seed`.
  if (database.kind === "pglite" && env.SEED_DEMO) {
    const started = performance.now();
    await seedDemo(services);
    logger.info({ durationMs: Math.round(performance.now() - started) }, "demo data ready");
  }
  return services;
}

import { createApiKey } from "../../src/server/services/accounts/api-keys";
import { openPg } from "../../src/server/db/drivers";
import type { Database } from "../../src/server/db/types";
import { createTestMarket, createTestServices, createTestUser } from "../../tests/fixtures";
import { startThrowawayRedis, type ThrowawayRedis } from "../../tests/throwaway-redis";
import type { Protocol } from "./chaos-http";
import type { ChaosTrader } from "./order-api";
import { type PrivatePostgres, startPrivatePostgres } from "./private-postgres";
import { ServerProcess } from "./server-process";

/**
 * Everything one chaos run stands on: its own Postgres and Redis processes, migrated, with
 * markets and funded traders holding API keys, and a way to start Bourse instances on them.
 * The suite's own connection (`database`) reads what the instances wrote, for verification.
 */
export interface World {
  readonly postgres: PrivatePostgres;
  readonly redis: ThrowawayRedis;
  readonly database: Database;
  readonly markets: readonly { symbol: string; base: string }[];
  readonly traders: readonly ChaosTrader[];
  instance(name: string, port: number, env?: Record<string, string>): ServerProcess;
  close(): Promise<void>;
}

const AUTH_SECRET = "chaos-suite-secret-not-for-production-0123456789";
// Enough that no trader runs out during a full profile; the audit would show it anyway.
const TRADER_USD = "100000000.00";
const TRADER_BASE = "1000000";

export async function createWorld({
  markets: marketCount,
  traders: traderCount,
}: {
  markets: number;
  traders: number;
}): Promise<World> {
  const postgres = await startPrivatePostgres();
  const redis = await startThrowawayRedis();
  const database = await openPg({ url: postgres.url, poolSize: 4, onError: () => {} });
  await database.migrate();
  const services = createTestServices(database.db);
  const markets = [];
  for (let i = 0; i < marketCount; i++) markets.push(await createTestMarket(services));
  const traders: ChaosTrader[] = [];
  for (let i = 0; i < traderCount; i++) {
    const funds: Record<string, string> = { USD: TRADER_USD };
    for (const market of markets) funds[market.base] = TRADER_BASE;
    const userId = await createTestUser(services, funds);
    const { secret } = await createApiKey(services, { userId, name: `chaos ${i}`, scopes: ["read", "trade"] });
    const protocol: Protocol = i % 2 === 0 ? "trpc" : "rest";
    traders.push({ userId, apiKey: secret, protocol });
  }

  const baseEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    AUTH_SECRET,
    SEED_DEMO: "false",
    LOG_LEVEL: "warn",
    // The suite's bots trade far faster than a person; the flood fault sets its own limit.
    RATE_LIMIT_ORDERS: "1000000/60",
    RATE_LIMIT_API_READS: "1000000/60",
  };
  return {
    postgres,
    redis,
    database,
    markets,
    traders,
    instance: (name, port, env = {}) => new ServerProcess(name, port, { ...baseEnv, ...env }),
    async close() {
      await database.close();
      await redis.stop();
      await postgres.destroy();
    },
  };
}

import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { EventSource } from "eventsource";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppRouter } from "../src/server/api/root";
import { createMemoryCache } from "../src/server/cache/memory-cache";
import { openPg } from "../src/server/db/drivers";
import type { Database } from "../src/server/db/types";
import { createMemoryBus } from "../src/server/events/memory-bus";
import { createApiKey } from "../src/server/services/api-keys";
import type { OrdersStreamItem } from "../src/server/services/account-streams";
import type { ServiceContext } from "../src/server/services/context";
import type { TradesStreamItem } from "../src/server/services/market-streams";
import { createTestMarket, createTestUser } from "./fixtures";
import { createTestDatabase, hasRealPostgres, type TestDatabase } from "./test-db";
import { freePort, startThrowawayRedis, type ThrowawayRedis } from "./throwaway-redis";

const label = hasRealPostgres()
  ? "[LIVE] two server processes on one Postgres and Redis"
  : "SKIPPED (needs TEST_DATABASE_URL): [LIVE] two server processes on one Postgres and Redis";
if (!hasRealPostgres()) console.warn(`\n*** ${label} ***\n`);

interface ServerProcess {
  url: string;
  child: ChildProcess;
}

/** One instance as its own OS process (scripts/live-server.ts), on the shared database and Redis. */
async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(path.resolve("node_modules/.bin/tsx"), ["scripts/live-server.ts", `--port=${port}`], {
    env: { ...process.env, ...env, NODE_ENV: "production", LOG_LEVEL: "warn", SEED_DEMO: "false" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output.slice(-2_000)}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /\{"ready":"([^"]+)"/.exec(output);
      if (ready?.[1]) {
        clearTimeout(timer);
        resolve(ready[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`server exited with ${code}: ${output.slice(-2_000)}`)));
  });
  return { url, child };
}

async function stopServer(server: ServerProcess): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => server.child.once("exit", () => resolve()));
  // Our own child, by its PID.
  server.child.kill("SIGTERM");
  const timer = setTimeout(() => server.child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

function clientFor(url: string, apiKey: string) {
  const headers = { authorization: `Bearer ${apiKey}` };
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({
          url: `${url}/api/trpc`,
          EventSource,
          eventSourceOptions: { fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, ...headers } }) },
        }),
        false: httpLink({ url: `${url}/api/trpc`, headers }),
      }),
    ],
  });
}

const waitFor = async (check: () => boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
};

describe.skipIf(!hasRealPostgres())(label, () => {
  let shared: TestDatabase;
  let redis: ThrowawayRedis;
  let admin: Database;
  let services: ServiceContext;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    shared = await createTestDatabase();
    redis = await startThrowawayRedis();
    const env = {
      DATABASE_URL: shared.url ?? "",
      REDIS_URL: redis.url,
      AUTH_SECRET: "multi-process-test-secret-0123456789abcdef",
    };
    servers.push(...(await Promise.all([startServer(env), startServer(env)])));
    // Setup only (market, users, keys): straight to the shared database.
    admin = await openPg({ url: shared.url ?? "", poolSize: 2, onError: () => {} });
    services = { db: admin.db, cache: createMemoryCache(), bus: createMemoryBus() };
  }, 90_000);
  afterAll(async () => {
    await Promise.all(servers.map(stopServer));
    await admin?.close();
    await redis?.stop();
    await shared?.close();
  });

  it("an order placed over HTTP on process A reaches eventsource subscribers on process B (and A)", async () => {
    const [a, b] = servers;
    if (!a || !b) throw new Error("servers missing");
    const market = await createTestMarket(services);
    const funds = { USD: "100000.00", [market.base]: "1000" };
    const makerId = await createTestUser(services, funds);
    const takerId = await createTestUser(services, funds);
    const keyOf = async (userId: string) =>
      (await createApiKey(services, { userId, name: "test", scopes: ["read", "trade"] })).secret;
    const makerOnA = clientFor(a.url, await keyOf(makerId));
    const takerOnA = clientFor(a.url, await keyOf(takerId));
    const makerOnB = clientFor(b.url, await keyOf(makerId));

    const tradesOnB: { id: string; data: TradesStreamItem; atMs: number }[] = [];
    const tradesOnA: { id: string; data: TradesStreamItem }[] = [];
    const makerOrdersOnB: { id: string; data: OrdersStreamItem }[] = [];
    const subscriptions = [
      makerOnB.market.onTrades.subscribe(
        { market: market.symbol },
        { onData: (item) => tradesOnB.push({ ...item, atMs: performance.now() }) },
      ),
      takerOnA.market.onTrades.subscribe({ market: market.symbol }, { onData: (item) => tradesOnA.push(item) }),
      makerOnB.account.onOrders.subscribe(undefined, { onData: (item) => makerOrdersOnB.push(item) }),
    ];
    await waitFor(() => tradesOnB.length === 1 && tradesOnA.length === 1 && makerOrdersOnB.length === 1, 15_000);

    const latenciesMs: number[] = [];
    const rounds = 15;
    for (let round = 0; round < rounds; round++) {
      await makerOnA.order.place.mutate({ market: market.symbol, side: "SELL", type: "LIMIT", price: "10.00", quantity: "0.50" });
      const startedMs = performance.now();
      const { trades } = await takerOnA.order.place.mutate({
        market: market.symbol,
        side: "BUY",
        type: "LIMIT",
        price: "10.00",
        quantity: "0.50",
      });
      const tradeId = trades[0]?.id;
      const isDelivered = () => tradesOnB.some((item) => item.data.kind === "trade" && item.data.trade.id === tradeId);
      await waitFor(isDelivered, 5_000);
      const delivered = tradesOnB.find((item) => item.data.kind === "trade" && item.data.trade.id === tradeId);
      latenciesMs.push((delivered?.atMs ?? 0) - startedMs);
    }
    await waitFor(
      () => tradesOnA.length === rounds + 1 && makerOrdersOnB.filter((i) => i.data.kind === "fill").length === rounds,
    );
    for (const subscription of subscriptions) subscription.unsubscribe();

    const sorted = [...latenciesMs].sort((x, y) => x - y);
    console.info(
      `[LIVE] 2 processes: taker order sent to A -> trade event received from B over SSE: p50 ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms (${rounds} rounds)`,
    );
    expect(tradesOnB.map((i) => i.id)).toEqual(tradesOnA.map((i) => i.id));
    expect(tradesOnB.slice(1).every((i) => i.data.kind === "trade")).toBe(true);
    // The maker's private stream on B saw every fill of orders placed on A.
    expect(makerOrdersOnB.filter((i) => i.data.kind === "fill")).toHaveLength(rounds);
  });
});

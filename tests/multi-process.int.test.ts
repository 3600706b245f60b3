import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryCache } from "../src/server/cache/memory-cache";
import { openPg } from "../src/server/db/drivers";
import type { Database } from "../src/server/db/types";
import { createMemoryBus } from "../src/server/bus/memory-bus";
import type { ServiceContext } from "../src/server/services/context";
import { checkCrossInstanceDelivery, describeLatencies } from "./cross-instance-check";
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
    const result = await checkCrossInstanceDelivery({ services, urlA: a.url, urlB: b.url, rounds: 15 });
    console.info(
      `[LIVE] 2 processes: taker order sent to A -> trade received from B over SSE: ${describeLatencies(result.latenciesMs)}`,
    );
    expect(result.tradeIdsOnB).toHaveLength(result.rounds);
    expect(result.tradeIdsOnB).toEqual(result.tradeIdsOnA);
    // The maker's private stream on B saw every fill of orders placed on A.
    expect(result.makerFillsOnB).toBe(result.rounds);
  });
});

/**
 * npm run bench — order entry throughput and latency, each compared in the same run with a
 * baseline of raw SQL doing the same essential writes (hold funds, insert the order, append an
 * event) in one transaction, because our machines are noisy and only ratios travel.
 * Runs on in-memory PGlite, and on real Postgres when DATABASE_URL is set (in a database it
 * creates and drops). Bounded: a fixed number of orders per case.
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import pg from "pg";
import { getEnv } from "../src/env";
import { createMemoryCache } from "../src/server/cache/memory-cache";
import { openPg, openPglite } from "../src/server/db/drivers";
import type { Database } from "../src/server/db/types";
import { createMemoryBus } from "../src/server/events/memory-bus";
import type { ServiceContext } from "../src/server/services/context";
import { auditLedger } from "../src/server/services/audit";
import { placeOrder } from "../src/server/services/place-order";
import { createTestMarket, createTestUser } from "../tests/fixtures";

const ORDERS = 1_500;
const CONCURRENCY = 8;

interface Row {
  target: string;
  case: string;
  orders: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

async function measure(count: number, concurrency: number, one: (i: number) => Promise<unknown>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        await one(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { orders: count, perSecond: Math.round(count / seconds), p50Ms: +at(0.5).toFixed(2), p99Ms: +at(0.99).toFixed(2) };
}

async function benchTarget(label: string, database: Database): Promise<Row[]> {
  await database.migrate();
  const services: ServiceContext = { db: database.db, cache: createMemoryCache(), bus: createMemoryBus() };
  const concurrency = database.kind === "pglite" ? 1 : CONCURRENCY;
  const markets = [await createTestMarket(services), await createTestMarket(services), await createTestMarket(services)];
  const funds: Record<string, string> = { USD: "100000000.00" };
  for (const m of markets) funds[m.base] = "10000000";
  const maker = await createTestUser(services, funds);
  const taker = await createTestUser(services, funds);
  const market = (i: number) => markets[i % markets.length]?.symbol ?? "";
  const rows: Row[] = [];
  const add = (name: string, r: Awaited<ReturnType<typeof measure>>) => rows.push({ target: label, case: name, ...r });

  // Baseline: the minimum any exchange must write per order, as three raw statements.
  add(
    "baseline: raw SQL hold + insert + event",
    await measure(ORDERS, concurrency, (i) =>
      database.db.transaction(async (tx) => {
        await tx.execute(
          sql`update balances set available = available - 1002, held = held + 1002 where user_id = ${maker} and asset = 'USD' and available >= 1002`,
        );
        await tx.execute(sql`insert into orders (user_id, market, client_order_id, side, type, time_in_force, self_trade_prevention, price, quantity, held, status)
          values (${maker}, ${market(i)}, ${`raw-${i}`}, 'BUY', 'LIMIT', 'GTC', 'EXPIRE_TAKER', 1, 100, 1002, 'NEW')`);
        await tx.execute(sql`insert into events (topic, type, payload) values (${`market:${market(i)}`}, 'book', '{}'::jsonb)`);
      }),
    ),
  );
  add(
    "placeOrder: limit that rests",
    await measure(ORDERS, concurrency, (i) =>
      placeOrder(services, {
        userId: maker,
        market: market(i),
        side: "SELL",
        type: "LIMIT",
        price: `${100 + (i % 50)}.00`,
        quantity: "1",
      }),
    ),
  );
  add(
    "placeOrder: taker filling one maker",
    await measure(ORDERS, concurrency, (i) =>
      placeOrder(services, {
        userId: taker,
        market: market(i),
        side: "BUY",
        type: "LIMIT",
        price: "150.00",
        quantity: "1",
        timeInForce: "IOC",
      }),
    ),
  );
  const failed = (await auditLedger(database.db)).filter((c) => !c.ok);
  if (failed.length > 0) throw new Error(`audit failed after ${label} bench: ${failed.map((c) => c.name).join(", ")}`);
  return rows;
}

async function withBenchPostgres(adminUrl: string, run: (database: Database) => Promise<Row[]>): Promise<Row[]> {
  const name = `bourse_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openPg({ url: url.toString(), poolSize: CONCURRENCY + 2, onError: () => {} });
  try {
    return await run(database);
  } finally {
    await database.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

const rows: Row[] = [];
const pglite = await openPglite();
rows.push(...(await benchTarget("PGlite (memory, 1 at a time)", pglite)));
await pglite.close();
const url = getEnv().DATABASE_URL;
if (url) rows.push(...(await withBenchPostgres(url, (db) => benchTarget(`Postgres (${CONCURRENCY} connections)`, db))));
else console.log("DATABASE_URL not set: Postgres rows skipped");
console.table(rows);
for (const target of new Set(rows.map((r) => r.target))) {
  const [base, ...rest] = rows.filter((r) => r.target === target);
  for (const r of rest)
    if (base)
      console.log(`${target}: ${r.case} runs at ${((r.perSecond / base.perSecond) * 100).toFixed(0)}% of the raw-SQL baseline`);
}
process.exit(0);

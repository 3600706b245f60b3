import { readFile } from "node:fs/promises";
import { sql } from "drizzle-orm";
import { selectRows } from "../../../src/server/db/queries/sql-values";
import { freePort } from "../../../tests/throwaway-redis";
import { OrderLoad } from "../order-load";
import { check, type FaultResult, verdictColumns } from "../result";
import { ResumingSubscriber } from "../resuming-sse";
import { settleAndVerify } from "../settle";
import { sleep } from "../timing";
import type { World } from "../world";

interface Sample {
  atS: number;
  rssMb: number;
  connections: number;
  eventsMb: number;
  orders: number;
}

const SAMPLES = 10;
/** Growth in the second half below this (or below half the first half's) counts as levelled off. */
const RSS_SLACK_MB = 32;

/**
 * Hours of trading squeezed into `durationMs` (on demand only): steady orders and cancels, live
 * subscribers that come and go, and samples of the instance's memory, its database connections
 * and the event table. Nothing may keep growing: the second half must grow less than the first.
 */
export async function soakFault(world: World, random: () => number, durationMs: number): Promise<FaultResult> {
  const server = world.instance("soak", await freePort());
  await server.start();
  const market = world.markets[0]?.symbol ?? "";
  const load = new OrderLoad({
    traders: world.traders,
    markets: world.markets.map((m) => m.symbol),
    random,
    target: () => server.url,
    thinkMs: 5,
  });
  const samples: Sample[] = [];
  let settled: Awaited<ReturnType<typeof settleAndVerify>>;
  const started = performance.now();
  try {
    load.start();
    for (let i = 0; i <= SAMPLES; i++) {
      if (i > 0) await churnSubscribers(server.url, market, durationMs / SAMPLES);
      samples.push(await sample(world, server.pid, (performance.now() - started) / 1000));
    }
    settled = await settleAndVerify(world, load);
  } finally {
    await server.stop("SIGTERM");
  }
  const first = samples[0];
  const middle = samples[Math.floor(SAMPLES / 2)];
  const last = samples[samples.length - 1];
  if (!first || !middle || !last) throw new Error("soak took no samples");
  const firstHalf = middle.rssMb - first.rssMb;
  const secondHalf = last.rssMb - middle.rssMb;
  const maxConnections = Math.max(...samples.map((s) => s.connections));
  const { verdict, audit } = settled;
  return {
    fault: `soak ${Math.round(durationMs / 60_000)} min of orders and live churn`,
    ...verdictColumns(verdict, audit),
    recoveryMs: null,
    checks: [
      check(
        "memory levels off",
        secondHalf <= Math.max(RSS_SLACK_MB, firstHalf / 2),
        `RSS ${first.rssMb} → ${middle.rssMb} → ${last.rssMb} MB`,
      ),
      check("connections bounded by the pool", maxConnections <= 20, `at most ${maxConnections} connections to the database`),
      check("every request decided after retries", verdict.unresolved === 0, `${verdict.unresolved} without a decision`),
    ],
    notes: [
      `event table ${first.eventsMb} → ${last.eventsMb} MB for ${last.orders} orders (grows with trading; pruned after EVENT_RETENTION_HOURS)`,
      ...samples.map(
        (s) =>
          `t=${Math.round(s.atS)} s: RSS ${s.rssMb} MB, ${s.connections} connections, events ${s.eventsMb} MB, ${s.orders} orders`,
      ),
    ],
  };
}

/** Ten subscribers open for most of the period, then closed: streams must not leak. */
async function churnSubscribers(baseUrl: string, market: string, periodMs: number): Promise<void> {
  const input = encodeURIComponent(JSON.stringify({ market }));
  const subscribers = Array.from(
    { length: 10 },
    (_, i) =>
      new ResumingSubscriber(`/api/trpc/${i % 2 === 0 ? "market.onTrades" : "market.onBook"}?input=${input}`, () => baseUrl),
  );
  await sleep(periodMs);
  await Promise.all(subscribers.map((s) => s.close()));
}

async function sample(world: World, pid: number | undefined, atS: number): Promise<Sample> {
  const status = pid ? await readFile(`/proc/${pid}/status`, "utf8").catch(() => "") : "";
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  const [row] = await selectRows(
    world.database.db,
    sql`select (select count(*)::int from pg_stat_activity where datname = current_database()) as connections,
               pg_total_relation_size('events')::text as events_bytes,
               (select count(*) from orders)::text as orders`,
  );
  return {
    atS,
    rssMb: Math.round(rssKb / 1024),
    connections: Number(row?.connections ?? 0),
    eventsMb: Math.round(Number(row?.events_bytes ?? 0) / 1024 / 102.4) / 10,
    orders: Number(row?.orders ?? 0),
  };
}

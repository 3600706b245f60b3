/**
 * The server half of scripts/measure-fanout.ts, run as its child process so that the memory it
 * reports is the server's alone: the real tRPC edge (SSE included) on node:http over loopback,
 * a fresh database (in-memory PGlite, or a throwaway Postgres database when given an admin URL),
 * one market with two funded traders. It answers the parent's messages over IPC:
 *   { do: "memory" }                    → { memory: { rssBytes, heapBytes, externalBytes } } after GC
 *   { do: "trade", count, intervalMs }  → one { trade: { id, sentAtMs, placeMs } } per trade, then { traded: true }
 *   { do: "streams" }                   → { streams: n } (open live streams, as the hub counts them)
 *   { do: "stop" }                      → cleans up and exits
 * Started with --expose-gc; prints nothing on stdout.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { writeHeapSnapshot } from "node:v8";
import pg from "pg";
import { appRouter } from "../src/server/api/root";
import { openPg, openPglite } from "../src/server/db/drivers";
import type { Database } from "../src/server/db/types";
import { createTrpcHandler } from "../src/server/http/trpc-handler";
import type { ServiceContext } from "../src/server/services/context";
import { liveHubFor } from "../src/server/services/live-events";
import { serveFetch } from "../tests/fetch-server";
import { callerFor, createTestMarket, createTestServices, createTestUser, sessionUser } from "../tests/fixtures";

type Request = { do: "memory" } | { do: "streams" } | { do: "trade"; count: number; intervalMs: number } | { do: "stop" };

const argument = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const adminUrl = argument("postgres");
/** --heap-snapshots=DIR: a heap snapshot beside every memory reading, to see what a stream holds. */
const snapshotDir = argument("heap-snapshots");
let snapshots = 0;
const send = (message: unknown) => process.send?.(message);
const wallNowMs = () => performance.timeOrigin + performance.now();

async function openDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (!adminUrl) {
    const database = await openPglite();
    return { database, drop: async () => {} };
  }
  const name = `bourse_fanout_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openPg({ url: url.toString(), poolSize: 8, onError: () => {} });
  return {
    database,
    drop: async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

function memory() {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  if (snapshotDir) writeHeapSnapshot(path.join(snapshotDir, `fanout-${process.pid}-${++snapshots}.heapsnapshot`));
  const usage = process.memoryUsage();
  return { rssBytes: usage.rss, heapBytes: usage.heapUsed, externalBytes: usage.external + usage.arrayBuffers };
}

async function trade(services: ServiceContext, market: string, users: [string, string], count: number, intervalMs: number) {
  const [maker, taker] = users.map((id) => callerFor(services, sessionUser(id)));
  if (!maker || !taker) throw new Error("traders missing");
  const order = { market, type: "LIMIT", price: "10.00", quantity: "0.10" } as const;
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await maker.order.place({ ...order, side: "SELL" });
    const sentAtMs = wallNowMs();
    const placeStarted = performance.now();
    const { trades } = await taker.order.place({ ...order, side: "BUY" });
    const placeMs = performance.now() - placeStarted;
    send({ trade: { id: trades[0]?.id ?? "", sentAtMs, placeMs } });
    // A fixed rate: the next trade starts intervalMs after this one did, or at once when late.
    const waitMs = intervalMs - (performance.now() - started);
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
  send({ traded: true });
}

const { database, drop } = await openDatabase();
await database.migrate();
const services = createTestServices(database.db);
const market = await createTestMarket(services);
const funds = { USD: "1000000.00", [market.base]: "100000" };
const users: [string, string] = [await createTestUser(services, funds), await createTestUser(services, funds)];
const handler = createTrpcHandler({
  router: appRouter,
  getServices: async () => services,
  resolveUser: async () => null,
  limits: () => null,
});
const server = await serveFetch(handler);

process.on("message", (message: Request) => {
  switch (message.do) {
    case "memory":
      send({ memory: memory() });
      return;
    case "streams":
      send({ streams: liveHubFor(services).streamCount() });
      return;
    case "trade":
      void trade(services, market.symbol, users, message.count, message.intervalMs);
      return;
    case "stop":
      void server
        .close()
        .then(() => database.close())
        .then(drop)
        .finally(() => process.exit(0));
      return;
  }
});
// The parent going away (killed, crashed) must not leave this server running.
process.on("disconnect", () => process.exit(0));
send({ ready: { url: server.url, market: market.symbol } });

import { openScratchDatabase } from "./scratch-database";
import path from "node:path";
import { writeHeapSnapshot } from "node:v8";
import { appRouter } from "../src/server/api/root";
import { createTrpcHandler } from "../src/server/http/trpc-handler";
import type { ServiceContext } from "../src/server/services/context";
import { liveHubFor } from "../src/server/live/live-hub";
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

const { database, drop } = await openScratchDatabase(adminUrl, 8);
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

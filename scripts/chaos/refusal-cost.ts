/**
 * How much server CPU one refused request costs (429 past the order limit), against one
 * accepted read: CPU time of the server process (/proc/<pid>/stat) over a fixed number of
 * requests from a separate process. Usage: npx tsx scripts/chaos/refusal-cost.ts
 */
import { readFile } from "node:fs/promises";
import http from "node:http";
import { freePort } from "../../tests/throwaway-redis";
import { send } from "./chaos-http";
import { farBuy } from "./order-api";
import { createWorld } from "./world";

const REQUESTS = 2_000;
const CONCURRENCY = 8;
const TICKS_PER_SECOND = 100;

async function cpuMs(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, "utf8")).split(") ")[1]?.split(" ") ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

const world = await createWorld({ markets: 1, traders: 1 });
const server = world.instance("cost", await freePort(), { RATE_LIMIT_ORDERS: "1/60" });
await server.start();
const trader = world.traders[0];
const market = world.markets[0]?.symbol ?? "";
if (!trader || !server.pid) throw new Error("no trader or server");
const order = (i: number) => JSON.stringify(farBuy(market, `cost-${i}`));
const cases = {
  "REST POST /orders → 429": (i: number) => ({
    method: "POST" as const,
    path: "/api/v1/orders",
    headers: { authorization: `Bearer ${trader.apiKey}` },
    body: order(i),
  }),
  "tRPC order.place → 429": (i: number) => ({
    method: "POST" as const,
    path: "/api/trpc/order.place",
    headers: { authorization: `Bearer ${trader.apiKey}` },
    body: order(i),
  }),
  "REST GET /time → 200": () => ({ method: "GET" as const, path: "/api/v1/time" }),
};
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
for (const [name, make] of Object.entries(cases)) {
  let statuses = new Map<number, number>();
  const run = async () => {
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < REQUESTS) {
          const d = await send(server.url, agent, make(next++));
          const status = d.kind === "answered" ? d.status : 0;
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }
      }),
    );
  };
  await run(); // warm-up
  statuses = new Map();
  const before = await cpuMs(server.pid);
  const started = performance.now();
  await run();
  const wall = performance.now() - started;
  const used = (await cpuMs(server.pid)) - before;
  console.log(
    `${name.padEnd(26)} ${(used / REQUESTS).toFixed(3)} ms CPU each, ${Math.round((REQUESTS / wall) * 1000)}/s, statuses ${JSON.stringify([...statuses])}`,
  );
}
await server.stop("SIGTERM");
await world.close();

import type http from "node:http";
import { freePort } from "../../../tests/throwaway-redis";
import { isRecord, keepAliveAgent, parseJson, send } from "../chaos-http";
import type { ChaosTrader } from "../order-api";
import { OrderLoad } from "../order-load";
import { check, type FaultResult, verdictColumns } from "../result";
import { type ProbeAnswer, routeProbes, sendProbes } from "../route-probes";
import { settleAndVerify } from "../settle";
import { quantile, sleep, waitUntil } from "../timing";
import type { World } from "../world";

/** Redis commands time out after 150 ms and reconnects wait at most 2 s: nothing may take longer than this. */
const HANG_BOUND_MS = 3_000;
const AFTER_RECOVERY_MS = 3_000;

interface Timed extends ProbeAnswer {
  at: number;
}

/**
 * Redis dies (SIGKILL) under orders and reads and comes back empty after `downMs`. Through it at
 * least 99% of requests succeed and none hangs, readiness stays 200 (degraded), sign-up fails
 * closed as documented, and once Redis is back no read is stale: a trade made after recovery
 * shows at once in the ticker, trades and book.
 */
export async function redisFault(world: World, random: () => number, downMs: number): Promise<FaultResult> {
  const server = world.instance("redis", await freePort());
  await server.start();
  const market = world.markets[0]?.symbol ?? "";
  const [seller, buyer, ...bots] = world.traders;
  if (!seller || !buyer) throw new Error("the redis fault needs two traders of its own");
  const load = new OrderLoad({
    traders: bots,
    markets: world.markets.map((m) => m.symbol),
    random,
    target: () => server.url,
    thinkMs: 5,
  });
  const agent = keepAliveAgent();
  const reads: Timed[] = [];
  let isReading = true;
  const reading = (async () => {
    while (isReading) {
      const answers = await sendProbes(
        server.url,
        agent,
        routeProbes(market, seller).filter((p) => p.request.method === "GET"),
      );
      const at = performance.now();
      reads.push(...answers.map((a) => ({ ...a, at })));
      await sleep(50);
    }
  })();

  let window = { from: 0, to: 0 };
  const readiness: number[] = [];
  let signUp = "";
  let recovery: number | null = null;
  let settled: Awaited<ReturnType<typeof settleAndVerify>>;
  let staleness: string[];
  try {
    load.start();
    await sleep(1_500);
    const stoppedAt = performance.now();
    await world.redis.stop();
    signUp = await trySignUp(server.url, agent);
    while (performance.now() - stoppedAt < downMs) {
      const ready = await send(server.url, agent, { method: "GET", path: "/api/health/ready" });
      readiness.push(ready.kind === "answered" ? ready.status : 0);
      await sleep(500);
    }
    const restartedAt = performance.now();
    await world.redis.start();
    const isBack = await waitUntil(() => cacheIsUp(server.url, agent), 30_000, 100);
    recovery = isBack ? performance.now() - restartedAt : null;
    await sleep(AFTER_RECOVERY_MS);
    window = { from: stoppedAt, to: restartedAt + AFTER_RECOVERY_MS };
    isReading = false;
    await reading;
    settled = await settleAndVerify(world, load);
    staleness = await staleReads(server.url, agent, market, seller, buyer, world.traders);
  } finally {
    isReading = false;
    await server.stop("SIGTERM");
  }

  const inWindow = <T extends { at: number }>(items: T[]) => items.filter((i) => i.at >= window.from && i.at <= window.to);
  const readsThen = inWindow(reads);
  const ordersThen = load.places.filter((p) => p.sentAt >= window.from && p.sentAt <= window.to);
  const readOk = readsThen.filter((r) => r.delivery.kind === "answered" && r.delivery.status < 300).length;
  const orderOk = ordersThen.filter((p) => p.firstOutcome === "acked" || p.firstOutcome === "refused").length;
  const total = readsThen.length + ordersThen.length;
  const share = total === 0 ? 0 : (readOk + orderOk) / total;
  const readLatencies = readsThen.map((r) => r.delivery.ms);
  const orderLatencies = ordersThen.map((p) => p.ms ?? Number.POSITIVE_INFINITY);
  const latencies = [...readLatencies, ...orderLatencies];
  const slowest = Math.max(0, ...latencies);
  const { verdict, audit } = settled;
  return {
    fault: `Redis down ${downMs / 1000} s under orders and reads`,
    ...verdictColumns(verdict, audit),
    sent: verdict.sent + reads.length,
    recoveryMs: recovery,
    checks: [
      check("≥ 99% of requests succeed through the outage", share >= 0.99, `${(share * 100).toFixed(2)}% of ${total}`),
      check(
        `no request hangs (all under ${HANG_BOUND_MS / 1000} s)`,
        slowest < HANG_BOUND_MS,
        `slowest ${Math.round(slowest)} ms; p99 reads ${Math.round(quantile(readLatencies, 0.99))} ms, orders ${Math.round(quantile(orderLatencies, 0.99))} ms`,
      ),
      check(
        "readiness stays 200 (degraded)",
        readiness.length > 0 && readiness.every((s) => s === 200),
        `statuses ${[...new Set(readiness)].join(", ")}`,
      ),
      check("sign-up fails closed with Retry-After (SECURITY.md)", signUp.startsWith("closed"), signUp),
      check(
        "no stale read after recovery",
        staleness.length === 0,
        staleness[0] ?? "ticker, trades and book show a new trade at once",
      ),
      check("every request decided after retries", verdict.unresolved === 0, `${verdict.unresolved} without a decision`),
    ],
  };
}

async function cacheIsUp(baseUrl: string, agent: http.Agent): Promise<boolean> {
  const ready = await send(baseUrl, agent, { method: "GET", path: "/api/health/ready" });
  if (ready.kind !== "answered") return false;
  const body = parseJson(ready.body);
  return isRecord(body) && body.cache === "ok";
}

async function trySignUp(baseUrl: string, agent: http.Agent): Promise<string> {
  const body = JSON.stringify({ email: `chaos-${Date.now()}@example.com`, password: "a long enough password 1", name: "Chaos" });
  const answer = await send(baseUrl, agent, { method: "POST", path: "/api/trpc/account.register", body });
  if (answer.kind !== "answered") return `no answer (${answer.kind})`;
  const retryAfter = answer.headers["retry-after"];
  const isClosed = (answer.status === 503 || answer.status === 429) && retryAfter !== undefined;
  return `${isClosed ? "closed" : "open"}: ${answer.status}${retryAfter ? `, Retry-After ${retryAfter}` : ""}`;
}

/**
 * With the book of `market` emptied, reads fill the cache, then one trade at a price nobody
 * else uses: the very next reads must show it. Returns what was stale.
 */
async function staleReads(
  baseUrl: string,
  agent: http.Agent,
  market: string,
  seller: ChaosTrader,
  buyer: ChaosTrader,
  everyone: readonly ChaosTrader[],
): Promise<string[]> {
  for (const trader of everyone) {
    await send(baseUrl, agent, { method: "DELETE", path: `/api/v1/orders?market=${market}`, headers: bearerOf(trader) });
  }
  const get = async (path: string) => {
    const answer = await send(baseUrl, agent, { method: "GET", path: `/api/v1${path}` });
    return answer.kind === "answered" ? parseJson(answer.body) : undefined;
  };
  // Fill the cache with what is true before the trade.
  await get(`/markets/${market}/ticker`);
  await get(`/markets/${market}/depth`);
  await get(`/markets/${market}/trades`);
  const price = "123.45";
  const order = (side: "BUY" | "SELL", trader: ChaosTrader) =>
    send(baseUrl, agent, {
      method: "POST",
      path: "/api/v1/orders",
      headers: bearerOf(trader),
      body: JSON.stringify({
        market,
        side,
        type: "LIMIT",
        price,
        quantity: "0.50",
        timeInForce: "GTC",
        clientOrderId: `fresh-${side}-${Date.now()}`,
      }),
    });
  await order("SELL", seller);
  await order("BUY", buyer);
  const stale: string[] = [];
  const ticker = await get(`/markets/${market}/ticker`);
  if (!isRecord(ticker) || ticker.last !== price)
    stale.push(`ticker last ${isRecord(ticker) ? String(ticker.last) : "?"}, traded ${price}`);
  const trades = await get(`/markets/${market}/trades`);
  const newest = Array.isArray(trades)
    ? trades[0]
    : isRecord(trades) && Array.isArray(trades.items)
      ? trades.items[0]
      : undefined;
  if (!isRecord(newest) || newest.price !== price)
    stale.push(`newest trade ${isRecord(newest) ? String(newest.price) : "?"}, traded ${price}`);
  const depth = await get(`/markets/${market}/depth`);
  const levels =
    isRecord(depth) && Array.isArray(depth.bids) && Array.isArray(depth.asks) ? depth.bids.length + depth.asks.length : -1;
  if (levels !== 0) stale.push(`book has ${levels} levels after both orders filled`);
  return stale;
}

const bearerOf = (trader: ChaosTrader) => ({ authorization: `Bearer ${trader.apiKey}` });

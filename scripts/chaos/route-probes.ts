import type http from "node:http";
import { type ChaosRequest, type Delivery, domainCodeOf, type Protocol, send } from "./chaos-http";
import { type ChaosTrader, farBuy } from "./order-api";

/**
 * One request to each kind of route, public and private, tRPC and REST, reads and a write: what
 * the Postgres and Redis faults send over and over while the fault lasts.
 */
export interface Probe {
  readonly name: string;
  readonly protocol: Protocol;
  readonly request: ChaosRequest;
}

export interface ProbeAnswer {
  probe: Probe;
  delivery: Delivery;
}

const trpcQuery = (procedure: string, input?: unknown) =>
  `/api/trpc/${procedure}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`}`;

let probeOrders = 0;

export function routeProbes(market: string, trader: ChaosTrader): Probe[] {
  const auth = { authorization: `Bearer ${trader.apiKey}` };
  // Resting far from the middle: the probe's own orders never trade with the bots'.
  const order = () => JSON.stringify(farBuy(market, `probe-${process.pid}-${++probeOrders}`));
  return [
    { name: "tRPC market.list", protocol: "trpc", request: { method: "GET", path: trpcQuery("market.list") } },
    {
      name: "tRPC market.ticker",
      protocol: "trpc",
      request: { method: "GET", path: trpcQuery("market.ticker", { symbol: market }) },
    },
    {
      name: "tRPC market.orderBook",
      protocol: "trpc",
      request: { method: "GET", path: trpcQuery("market.orderBook", { market }) },
    },
    { name: "tRPC market.trades", protocol: "trpc", request: { method: "GET", path: trpcQuery("market.trades", { market }) } },
    {
      name: "tRPC account.balances",
      protocol: "trpc",
      request: { method: "GET", path: trpcQuery("account.balances"), headers: auth },
    },
    {
      name: "tRPC order.place",
      protocol: "trpc",
      get request() {
        return { method: "POST" as const, path: "/api/trpc/order.place", headers: auth, body: order() };
      },
    },
    { name: "REST GET /markets", protocol: "rest", request: { method: "GET", path: "/api/v1/markets" } },
    {
      name: "REST GET /markets/{s}/ticker",
      protocol: "rest",
      request: { method: "GET", path: `/api/v1/markets/${market}/ticker` },
    },
    {
      name: "REST GET /markets/{s}/depth",
      protocol: "rest",
      request: { method: "GET", path: `/api/v1/markets/${market}/depth` },
    },
    {
      name: "REST GET /markets/{s}/trades",
      protocol: "rest",
      request: { method: "GET", path: `/api/v1/markets/${market}/trades` },
    },
    {
      name: "REST GET /account/balances",
      protocol: "rest",
      request: { method: "GET", path: "/api/v1/account/balances", headers: auth },
    },
    {
      name: "REST GET /orders",
      protocol: "rest",
      request: { method: "GET", path: `/api/v1/orders?market=${market}`, headers: auth },
    },
    {
      name: "REST POST /orders",
      protocol: "rest",
      get request() {
        return { method: "POST" as const, path: "/api/v1/orders", headers: auth, body: order() };
      },
    },
  ];
}

export async function sendProbes(baseUrl: string, agent: http.Agent, probes: readonly Probe[]): Promise<ProbeAnswer[]> {
  return Promise.all(probes.map(async (probe) => ({ probe, delivery: await send(baseUrl, agent, probe.request) })));
}

/** SQL text or a connection string: never in a body, nor in a log line an operator ships around. */
const SQL_OR_SETTINGS = [
  /Failed query: /,
  /\bselect\b.+\bfrom\b/i,
  /\binsert into\b/i,
  /\bupdate\b.+\bset\b/i,
  /postgres(ql)?:\/\//i,
];
/** What else a client must never see of a failure: a stack, the driver's own error. */
const INTERNALS = [/\n\s+at /, /\s+at .+:\d+:\d+/, /ECONNREFUSED/];

export const leaksInLog = (line: string) => SQL_OR_SETTINGS.some((pattern) => pattern.test(line));
export const leaks = (body: string) => leaksInLog(body) || INTERNALS.some((pattern) => pattern.test(body));

/**
 * A 503 as the docs promise it while the database is out of reach: Retry-After, the protocol's
 * own error shape with domainCode UNAVAILABLE, nothing of the failure's insides.
 */
export function isDocumentedUnavailable(answer: ProbeAnswer): boolean {
  const { delivery, probe } = answer;
  if (delivery.kind !== "answered" || delivery.status !== 503) return false;
  const retryAfter = Number(delivery.headers["retry-after"]);
  return retryAfter >= 1 && domainCodeOf(probe.protocol, delivery.body) === "UNAVAILABLE" && !leaks(delivery.body);
}

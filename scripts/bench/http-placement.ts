import { BourseClient, PROTOCOLS, type Protocol } from "./api-client";
import type { PlaceResult, SetupResult } from "./control-protocol";
import { floorId } from "./floor";
import { runHttpCase } from "./http-case";
import { createAgent, type HttpTarget } from "./http-client";
import type { MakerBook } from "./maker-book";
import { clientOrderId, MAKER_PRICE, makersFor, QUANTITY, restingPrice } from "./order-shapes";
import { type LockMode, rawRowId } from "./pg-baseline";
import type { Profile } from "./profile";
import { type Comparison, type Report, summaryFigures } from "./report";
import { errorMessage, runOpenLoop, summarize } from "./stats";

/**
 * Order placement as a bot feels it: real HTTP, tRPC and REST, each client its own account and
 * API key. Resting buys over five markets and on one hot market, one-fill takers over five
 * markets; then the open loop at fixed fractions of the closed-loop maximum; then cancel-all.
 */

export type PlacementKind = "resting5" | "restingHot" | "taker";

export interface PlacementTarget {
  /** Row ids start with it: "http" for the server under test, "pglite" for the embedded default. */
  prefix: string;
  floorPrefix: string;
  /** Shown in the group: which database is behind the server. */
  database: string;
  server: HttpTarget;
  setup: SetupResult;
  makers: MakerBook;
  /** Only a Postgres target is compared with the raw-Postgres rows. */
  hasRawBaselines: boolean;
}

const kindName: Record<PlacementKind, string> = {
  resting5: "resting, 5 markets",
  restingHot: "resting, 1 hot market",
  taker: "one-fill taker, 5 markets",
};
const rawMode: Record<PlacementKind, LockMode> = { resting5: "five-markets", restingHot: "hot-market", taker: "five-markets" };

export const placementId = (prefix: string, protocol: Protocol, kind: PlacementKind, clients: number) =>
  `${prefix}.${protocol}.${kind}.c${clients}`;
const protocolName = (protocol: Protocol) => (protocol === "trpc" ? "tRPC" : "REST");
const groupOf = (t: PlacementTarget, protocol: Protocol) => `HTTP ${protocolName(protocol)} (${t.database})`;

function comparisons(t: PlacementTarget, protocol: Protocol, kind: PlacementKind, clients: number): Comparison[] {
  const own: Comparison =
    kind === "resting5"
      ? { against: floorId(t.floorPrefix, protocol, clients), metric: "perSecond" }
      : { against: placementId(t.prefix, protocol, "resting5", clients), metric: "perSecond" };
  return t.hasRawBaselines ? [own, { against: rawRowId(rawMode[kind], clients), metric: "perSecond" }] : [own];
}

const traderOf = (t: PlacementTarget, client: number) => {
  const trader = t.setup.traders[client % t.setup.traders.length];
  if (!trader) throw new Error("setup created no traders");
  return trader;
};

function restingOp(t: PlacementTarget, protocol: Protocol, markets: readonly string[], tag: string, runId: string) {
  return async (api: BourseClient, index: number, client: number) => {
    await api.placeOrder(protocol, traderOf(t, client).apiKey, {
      market: markets[index % markets.length] ?? "",
      side: "BUY",
      price: restingPrice(index),
      quantity: QUANTITY,
      clientOrderId: clientOrderId(runId, tag, index),
    });
  };
}

function takerOp(t: PlacementTarget, protocol: Protocol, tag: string, runId: string) {
  const markets = t.setup.markets;
  return async (api: BourseClient, index: number, client: number) => {
    const market = index % markets.length;
    const trades = await api.placeOrder(protocol, traderOf(t, client).apiKey, {
      market: markets[market] ?? "",
      side: "BUY",
      price: MAKER_PRICE,
      quantity: QUANTITY,
      timeInForce: "IOC",
      clientOrderId: clientOrderId(runId, tag, index),
    });
    if (trades > 0) t.makers.filled(market);
    if (trades !== 1) throw new Error(`a taker made ${trades} trades, not 1`);
  };
}

export async function runPlacement(
  report: Report,
  t: PlacementTarget,
  profile: Profile,
  runId: string,
  options: { clientCounts: readonly number[]; kinds: readonly PlacementKind[] },
): Promise<void> {
  for (const protocol of PROTOCOLS) {
    for (const clients of options.clientCounts) {
      for (const kind of options.kinds) {
        const id = placementId(t.prefix, protocol, kind, clients);
        const tag = `${t.prefix}${protocol}${kind}${clients}`;
        const base = {
          id,
          group: groupOf(t, protocol),
          name: kindName[kind],
          clients,
          vs: comparisons(t, protocol, kind, clients),
        };
        if (kind !== "taker") {
          const markets = kind === "resting5" ? t.setup.markets : t.setup.markets.slice(0, 1);
          await runHttpCase(report, t.server, profile, { ...base, op: restingOp(t, protocol, markets, tag, runId) });
          continue;
        }
        await t.makers.ensure(
          makersFor(report.value(placementId(t.prefix, protocol, "resting5", clients), "perSecond"), profile),
        );
        const available = t.makers.capacity();
        const warmupOps = Math.min(profile.warmupMaxOps, Math.floor(available / 4));
        await runHttpCase(report, t.server, profile, {
          ...base,
          warmupOps,
          maxOps: available - warmupOps,
          op: takerOp(t, protocol, tag, runId),
        });
      }
    }
  }
}

/** Latency from each request's intended send time, at fixed fractions of the closed-loop maximum. */
export async function runOpenLoopPlacement(report: Report, t: PlacementTarget, profile: Profile, runId: string): Promise<void> {
  const clients = profile.standardClients;
  for (const protocol of PROTOCOLS) {
    const maxId = placementId(t.prefix, protocol, "resting5", clients);
    const maxRate = report.value(maxId, "perSecond");
    if (maxRate === null || maxRate <= 0) {
      report.skip(`open loop (${protocolName(protocol)})`, "no closed-loop maximum was measured");
      continue;
    }
    for (const fraction of profile.openLoopFractions) {
      const agent = createAgent(clients);
      const client = new BourseClient(t.server.withAgent(agent));
      const place = restingOp(t, protocol, t.setup.markets, `${t.prefix}${protocol}open${Math.round(fraction * 100)}`, runId);
      try {
        const summary = await runOpenLoop({
          ratePerSec: maxRate * fraction,
          maxMs: profile.openLoopMs,
          maxOps: profile.caseMaxOps,
          maxInFlight: 1_000,
          op: (index) => place(client, index, index % clients),
        });
        report.add({
          id: `open-loop.${protocol}.f${Math.round(fraction * 100)}`,
          group: groupOf(t, protocol),
          name: `resting, 5 markets, open loop at ${Math.round(fraction * 100)}% of max`,
          clients,
          ...summaryFigures(summary),
          also: { "intended/s": summary.intendedPerSec, dropped: summary.dropped },
          vs: [{ against: maxId, metric: "p99Ms" }],
        });
      } finally {
        agent.destroy();
      }
    }
  }
}

/** Cancel-all of a fixed number of open orders, one request at a time; the orders are placed in-process, unmeasured. */
export async function runCancelAll(report: Report, t: PlacementTarget, profile: Profile, control: BourseClient): Promise<void> {
  const market = t.setup.markets.at(-1) ?? "";
  const { canceler } = t.setup;
  for (const protocol of PROTOCOLS) {
    const agent = createAgent(1);
    const api = new BourseClient(t.server.withAgent(agent));
    const latencies: number[] = [];
    let errors = 0;
    let firstError: string | null = null;
    const deadline = performance.now() + profile.cancelAllMaxMs;
    try {
      for (let rep = 0; rep < profile.cancelAllReps && performance.now() < deadline; rep++) {
        const seeded = await control.control<PlaceResult>("/place", {
          userId: canceler.userId,
          market,
          side: "BUY",
          price: restingPrice(rep),
          quantity: QUANTITY,
          count: profile.cancelAllOrders,
          concurrency: 8,
        });
        if (seeded.failed > 0) throw new Error(`seeding orders to cancel failed: ${seeded.firstError}`);
        const started = performance.now();
        try {
          const canceled = await api.cancelAll(protocol, canceler.apiKey, market);
          if (canceled !== profile.cancelAllOrders) throw new Error(`canceled ${canceled}, not ${profile.cancelAllOrders}`);
          latencies.push(performance.now() - started);
        } catch (error) {
          errors++;
          firstError ??= errorMessage(error);
        }
      }
    } finally {
      agent.destroy();
    }
    const summary = summarize(latencies, errors, firstError, 0);
    report.add({
      id: `cancel-all.${protocol}`,
      group: groupOf(t, protocol),
      name: `cancel-all of ${profile.cancelAllOrders} orders`,
      clients: 1,
      ops: summary.ops,
      p50Ms: summary.p50Ms,
      p99Ms: summary.p99Ms,
      errors,
      firstError,
      vs: [{ against: floorId(t.floorPrefix, protocol, 1), metric: "p99Ms" }],
    });
  }
}

import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { and, asc, eq, gt } from "drizzle-orm";
import { EventSource } from "eventsource";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppRouter } from "../src/server/api/root";
import { appRouter } from "../src/server/api/root";
import { events } from "../src/server/db/schema";
import { createTrpcHandler } from "../src/server/http/trpc-handler";
import { marketTopic } from "../src/server/services/trading/book-events";
import { liveHubFor } from "../src/server/live/live-hub";
import type { BookStreamItem, TradesStreamItem } from "../src/server/services/markets/market-streams";
import { type FetchServer, serveFetch } from "./fetch-server";
import { servicesForThisFile } from "./file-services";
import { callerFor, createTestMarket, createTestUser, sessionUser } from "./fixtures";

const { services } = servicesForThisFile();
let server: FetchServer;

beforeAll(async () => {
  // The real tRPC edge (guards, context, SSE), on this file's database; public streams need no user.
  const handler = createTrpcHandler({
    router: appRouter,
    getServices: async () => services,
    resolveUser: async () => null,
    limits: () => null,
  });
  server = await serveFetch(handler);
});
afterAll(async () => {
  await server?.close();
});

async function tradingPair() {
  const market = await createTestMarket(services);
  const funds = { USD: "100000.00", [market.base]: "1000" };
  const maker = callerFor(services, sessionUser(await createTestUser(services, funds)));
  const taker = callerFor(services, sessionUser(await createTestUser(services, funds)));
  const trade = async () => {
    await maker.order.place({ market: market.symbol, side: "SELL", type: "LIMIT", price: "10.00", quantity: "0.50" });
    await taker.order.place({ market: market.symbol, side: "BUY", type: "LIMIT", price: "10.00", quantity: "0.50" });
  };
  return { market, trade };
}

async function logSeqs(topic: string, type: string, afterSeq: string): Promise<string[]> {
  const rows = await services.db
    .select({ seq: events.seq })
    .from(events)
    .where(and(eq(events.topic, topic), eq(events.type, type), gt(events.seq, BigInt(afterSeq))))
    .orderBy(asc(events.seq));
  return rows.map((r) => r.seq.toString());
}

const waitFor = async (check: () => boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe("[LIVE] over real HTTP with the eventsource package (as bots use it)", () => {
  it("tRPC client (httpSubscriptionLink): tracked events, and after a dropped connection it resumes with no gap and no repeat", async () => {
    const { market, trade } = await tradingPair();
    const client = createTRPCClient<AppRouter>({
      links: [
        splitLink({
          condition: (op) => op.type === "subscription",
          true: httpSubscriptionLink({ url: `${server.url}/api/trpc`, EventSource }),
          false: httpLink({ url: `${server.url}/api/trpc` }),
        }),
      ],
    });
    const received: { id: string; data: TradesStreamItem }[] = [];
    let starts = 0;
    const subscription = client.market.onTrades.subscribe(
      { market: market.symbol },
      {
        onStarted: () => {
          starts++;
        },
        onData: (item) => received.push(item),
      },
    );
    await waitFor(() => received.length === 1);
    const snapshot = received[0];
    expect(snapshot?.data).toMatchObject({ kind: "snapshot", reason: "start", market: market.symbol });
    for (let i = 0; i < 3; i++) await trade();
    await waitFor(() => received.length === 4);

    // The connection dies; trades keep happening while the client reconnects.
    server.dropConnections();
    for (let i = 0; i < 4; i++) await trade();
    await waitFor(() => received.length === 8);
    subscription.unsubscribe();

    expect(starts).toBeGreaterThanOrEqual(2);
    const trades = received.slice(1);
    expect(trades.every((item) => item.data.kind === "trade" && item.data.seq === item.id)).toBe(true);
    expect(trades.map((item) => item.id)).toEqual(await logSeqs(marketTopic(market.symbol), "trade", snapshot?.id ?? "0"));
    // Only one snapshot: the reconnect resumed from lastEventId instead of starting over.
    expect(received.filter((item) => item.data.kind === "snapshot")).toHaveLength(1);
  });

  it("raw EventSource: event ids are seqs, and a new connection with Last-Event-ID gets exactly the missed diffs", async () => {
    const { market, trade } = await tradingPair();
    const url = `${server.url}/api/trpc/market.onBook?input=${encodeURIComponent(JSON.stringify({ market: market.symbol }))}`;
    const collect = (lastEventId?: string) => {
      const messages: { id: string; data: BookStreamItem }[] = [];
      const source = new EventSource(url, {
        fetch: (input, init) =>
          fetch(input, { ...init, headers: { ...init?.headers, ...(lastEventId ? { "Last-Event-ID": lastEventId } : {}) } }),
      });
      source.onmessage = (event) => messages.push({ id: event.lastEventId, data: JSON.parse(event.data) as BookStreamItem });
      return { source, messages };
    };

    const first = collect();
    await waitFor(() => first.messages.length === 1);
    expect(first.messages[0]?.data).toMatchObject({ kind: "snapshot", seq: first.messages[0]?.id });
    await trade();
    await waitFor(() => first.messages.length >= 3);
    first.source.close();
    const lastSeen = first.messages.at(-1)?.id ?? "";

    await trade();
    await trade();
    const expected = await logSeqs(marketTopic(market.symbol), "book", lastSeen);
    expect(expected.length).toBeGreaterThanOrEqual(2);
    const second = collect(lastSeen);
    await waitFor(() => second.messages.length >= expected.length);
    second.source.close();
    expect(second.messages.map((m) => m.id)).toEqual(expected);
    expect(second.messages.every((m) => m.data.kind === "diff")).toBe(true);
    expect(second.messages[0]?.data).toMatchObject({ kind: "diff", prevSeq: lastSeen });
    // Every client is gone: the server ended their streams and let go of the bus.
    await waitFor(() => liveHubFor(services).streamCount() === 0);
  });
});

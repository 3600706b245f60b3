import { and, asc, eq, gt, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { callerFor, createTestMarket, createTestUser, sessionUser } from "../../../../tests/fixtures";
import { servicesForThisFile } from "../../../../tests/file-services";
import { type Received, readItems, readUntil, streamingCaller } from "../../../../tests/live-helpers";
import { hasRealPostgres } from "../../../../tests/test-db";
import { events } from "../../db/schema";
import type { OrdersStreamItem } from "./account-streams";
import { userTopic } from "../trading/book-events";

const { services } = servicesForThisFile({ poolSize: 12 });

async function userSeqs(userId: string, types: string[], afterSeq: bigint): Promise<string[]> {
  const rows = await services.db
    .select({ seq: events.seq })
    .from(events)
    .where(and(eq(events.topic, userTopic(userId)), inArray(events.type, types), gt(events.seq, afterSeq)))
    .orderBy(asc(events.seq));
  return rows.map((r) => r.seq.toString());
}

describe(`[LIVE] account streams (${hasRealPostgres() ? "postgres" : "pglite"})`, () => {
  it("onOrders and onBalances: a snapshot, then the caller's own updates only", async () => {
    const market = await createTestMarket(services);
    const aliceId = await createTestUser(services, { USD: "1000.00" });
    const bobId = await createTestUser(services, { [market.base]: "10" });
    const alice = callerFor(services, sessionUser(aliceId));
    const bob = callerFor(services, sessionUser(bobId));
    const aliceOrders = (await streamingCaller(services, sessionUser(aliceId)).account.onOrders())[Symbol.asyncIterator]();
    const aliceBalances = (await streamingCaller(services, sessionUser(aliceId)).account.onBalances())[Symbol.asyncIterator]();
    const bobOrders = (await streamingCaller(services, sessionUser(bobId)).account.onOrders())[Symbol.asyncIterator]();

    const [ordersSnapshot] = await readItems(aliceOrders, 1);
    expect(ordersSnapshot?.data).toMatchObject({ kind: "snapshot", reason: "start", openOrders: [] });
    const [balancesSnapshot] = await readItems(aliceBalances, 1);
    expect(balancesSnapshot?.data).toMatchObject({ kind: "snapshot", reason: "start" });
    if (balancesSnapshot?.data.kind === "snapshot") {
      expect(balancesSnapshot.data.balances.find((b) => b.asset === "USD")).toMatchObject({ available: "1000.00", held: "0.00" });
    }
    await readItems(bobOrders, 1);

    const { order } = await alice.order.place({
      market: market.symbol,
      side: "BUY",
      type: "LIMIT",
      price: "10.00",
      quantity: "2",
    });
    await bob.order.place({ market: market.symbol, side: "SELL", type: "LIMIT", price: "10.00", quantity: "0.50" });
    const orderItems = await readUntil(aliceOrders, ({ data }) => data.kind === "fill");
    expect(orderItems.map((i) => i.data.kind)).toEqual(["order", "order", "fill"]);
    expect(orderItems[1]?.data).toMatchObject({ kind: "order", order: { id: order.id, status: "PARTIALLY_FILLED" } });
    expect(orderItems[2]?.data).toMatchObject({
      kind: "fill",
      fill: { orderId: order.id, liquidity: "MAKER", quantity: "0.5000" },
    });
    const balanceItems = await readItems(aliceBalances, 3, 500);
    const latest = new Map(
      balanceItems.flatMap(({ data }) => (data.kind === "balance" ? [[data.balance.asset, data.balance]] : [])),
    );
    expect(latest.get(market.base)).toMatchObject({ available: "0.5000", held: "0.0000" });
    expect(latest.get("USD")).toEqual((await alice.account.balances()).find((b) => b.asset === "USD"));

    // Bob sees his own sell and fill, never Alice's order.
    const bobItems = await readUntil(bobOrders, ({ data }) => data.kind === "fill");
    for (const { data } of bobItems) if (data.kind === "order") expect(data.order.id).not.toBe(order.id);

    // A reconnect after the first update replays the rest, in order, with the same ids.
    const firstId = orderItems[0]?.id ?? "";
    const resumed = (await streamingCaller(services, sessionUser(aliceId)).account.onOrders({ lastEventId: firstId }))[
      Symbol.asyncIterator
    ]();
    expect((await readItems(resumed, 2)).map((i) => i.id)).toEqual(orderItems.slice(1).map((i) => i.id));
    for (const iterator of [aliceOrders, aliceBalances, bobOrders, resumed]) await iterator.return?.();
  });

  it("refuses anonymous callers", async () => {
    const iterable = await streamingCaller(services, null)
      .account.onOrders()
      .catch((error: unknown) => error);
    expect(iterable).toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("one user trading in two markets at once: the stream equals the log, every seq once and in order", async () => {
    const markets = await Promise.all([createTestMarket(services), createTestMarket(services)]);
    const funds = Object.fromEntries([["USD", "100000.00"], ...markets.map((m) => [m.base, "1000"])]);
    const traderId = await createTestUser(services, funds);
    const trader = callerFor(services, sessionUser(traderId));
    const counterparties = await Promise.all(
      markets.map(async () => callerFor(services, sessionUser(await createTestUser(services, funds)))),
    );
    const stream = (await streamingCaller(services, sessionUser(traderId)).account.onOrders())[Symbol.asyncIterator]();
    const [snapshot] = await readItems(stream, 1);
    const start = BigInt(snapshot?.id ?? "0");

    // Both markets' transactions write to the trader's topic concurrently (different market locks).
    await Promise.all(
      markets.map(async (market, i) => {
        const other = counterparties[i];
        if (!other) throw new Error("counterparty missing");
        for (let n = 0; n < 25; n++) {
          await Promise.all([
            trader.order.place({ market: market.symbol, side: "SELL", type: "LIMIT", price: "10.00", quantity: "0.50" }),
            other.order.place({ market: market.symbol, side: "BUY", type: "LIMIT", price: "10.00", quantity: "0.50" }),
          ]);
        }
      }),
    );
    const expected = await userSeqs(traderId, ["order", "fill"], start);
    const last = expected.at(-1) ?? "";
    const items: Received<OrdersStreamItem>[] = await readUntil(stream, ({ id }) => id === last, 20_000);
    expect(items.map((i) => i.id)).toEqual(expected);
    await stream.return?.();
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestMarket, createTestUser } from "../../tests/fixtures";
import { startTestServer, type TestServer } from "../../tests/http-server";
import { failedAuditChecks } from "../../tests/state";
import { createBourseClient, LocalBook, stream, TRPCClientError } from "./index";
import type { FetchLike } from "./transport";

let server: TestServer;
let market: string;
let aliceKey: string;
let bobKey: string;

beforeAll(async () => {
  server = await startTestServer();
  ({ symbol: market } = await createTestMarket(server.services));
  const fundsOf = async () => createTestUser(server.services, { USD: "10000.00", [market.split("-")[0] ?? ""]: "100" });
  aliceKey = await server.createKey(await fundsOf());
  bobKey = await server.createKey(await fundsOf());
});
afterAll(async () => {
  await server?.close();
});

const limitBuy = (price: string, quantity = "1") => ({ market, side: "BUY" as const, type: "LIMIT" as const, price, quantity });

describe("[SDK] against a running server", () => {
  it("reads public data without a key and private data with one", async () => {
    const anonymous = createBourseClient({ url: server.url });
    expect((await anonymous.market.list.query()).map((m) => m.symbol)).toContain(market);
    await expect(anonymous.account.balances.query()).rejects.toMatchObject({ data: { httpStatus: 401 } });
    const alice = createBourseClient({ url: server.url, apiKey: aliceKey });
    expect((await alice.account.balances.query()).find((b) => b.asset === "USD")).toMatchObject({ available: "10000.00" });
  });

  it("places with a generated clientOrderId, replays it, and cancels", async () => {
    const alice = createBourseClient({ url: server.url, apiKey: aliceKey });
    const placed = await alice.order.place.mutate(limitBuy("9.00"));
    expect(placed.order).toMatchObject({ status: "NEW", price: "9.00" });
    expect(placed.order.clientOrderId).toMatch(/^sdk-[0-9a-f]{32}$/);
    const again = await alice.order.place.mutate({ ...limitBuy("9.00"), clientOrderId: placed.order.clientOrderId });
    expect(again).toMatchObject({ replayed: true, order: { id: placed.order.id } });
    const canceled = await alice.order.cancel.mutate({ orderId: placed.order.id });
    expect(canceled.status).toBe("CANCELED");
  });

  it("retries order.place after a lost response with the same clientOrderId: one order, not two", async () => {
    const sent: string[] = [];
    let dropped = false;
    // The first place reaches the server and commits, but its response is "lost" on the way back.
    const lossy: FetchLike = async (input, init) => {
      const response = await fetch(input, init);
      if (String(input).includes("order.place")) {
        sent.push(String(init?.body));
        if (!dropped) {
          dropped = true;
          throw new TypeError("fetch failed: connection reset");
        }
      }
      return response;
    };
    const alice = createBourseClient({ url: server.url, apiKey: aliceKey, fetch: lossy, retry: { baseDelayMs: 10 } });
    const result = await alice.order.place.mutate(limitBuy("8.00"));
    expect(result.replayed).toBe(true);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toBe(sent[1]);
    const open = await alice.order.list.query({ market });
    expect(open.items.filter((o) => o.price === "8.00")).toHaveLength(1);
    await alice.order.cancelAll.mutate({ market });
  });

  it("does not retry a refusal (4xx) and gives up on an unreachable server after bounded attempts", async () => {
    let calls = 0;
    const counting: FetchLike = (input, init) => {
      calls++;
      return fetch(input, init);
    };
    const alice = createBourseClient({ url: server.url, apiKey: aliceKey, fetch: counting, retry: { baseDelayMs: 1 } });
    const refused = await alice.order.place.mutate(limitBuy("9.005")).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TRPCClientError);
    expect(calls).toBe(1);

    const nowhere = createBourseClient({ url: "http://127.0.0.1:9", retry: { maxAttempts: 3, baseDelayMs: 1 } });
    const failure = await nowhere.market.list.query().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TRPCClientError);
    expect((failure as TRPCClientError<never>).cause).toMatchObject({ name: "BourseTransportError", kind: "network" });
  });

  it("streams own order updates, public trades and the book over SSE with the key in a header", async () => {
    const alice = createBourseClient({ url: server.url, apiKey: aliceKey });
    const bob = createBourseClient({ url: server.url, apiKey: bobKey });
    const controller = new AbortController();
    const orders = stream(alice.account.onOrders, undefined, { signal: controller.signal });
    const trades = stream(bob.market.onTrades, { market }, { signal: controller.signal });
    const book = stream(bob.market.onBook, { market, depth: 10 }, { signal: controller.signal });
    expect((await orders.next()).value?.data.kind).toBe("snapshot");
    expect((await trades.next()).value?.data.kind).toBe("snapshot");
    const local = new LocalBook();
    const first = (await book.next()).value;
    if (!first) throw new Error("no book snapshot");
    expect(local.apply(first.data)).toBe("ok");

    const { order } = await alice.order.place.mutate({ ...limitBuy("10.00", "2") });
    await bob.order.place.mutate({ market, side: "SELL", type: "LIMIT", price: "10.00", quantity: "1" });

    const update = (await orders.next()).value?.data;
    expect(update).toMatchObject({ kind: "order", order: { id: order.id, status: "NEW" } });
    const trade = (await trades.next()).value?.data;
    expect(trade).toMatchObject({ kind: "trade", trade: { price: "10.00", quantity: "1.0000", takerSide: "SELL" } });
    // The book: alice's bid appears (2), then is reduced to 1 by bob's sell.
    for (let i = 0; i < 2; i++) {
      const diff = (await book.next()).value;
      if (!diff) throw new Error("book stream ended");
      expect(local.apply(diff.data)).toBe("ok");
    }
    expect(local.top(5).bids[0]).toEqual(["10.00", "1.0000"]);
    controller.abort();
    await alice.order.cancelAll.mutate({ market });
    expect(await failedAuditChecks(server.services.db)).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { callerFor, createTestMarket, createTestUser, sessionUser } from "../../../../tests/fixtures";
import { servicesForThisFile } from "../../../../tests/file-services";
import { auditLedger } from "../../db/queries/ledger-audit";

const { services } = servicesForThisFile();

async function expectAuditClean() {
  const failed = (await auditLedger(services.db)).filter((c) => !c.ok);
  expect(failed).toEqual([]);
}

async function setup() {
  const market = await createTestMarket(services);
  const alice = await createTestUser(services, { USD: "10000.00", [market.base]: "100" });
  const bob = await createTestUser(services, { USD: "10000.00", [market.base]: "100" });
  return { market, alice: callerFor(services, sessionUser(alice)), bob: callerFor(services, sessionUser(bob)) };
}

const balanceOf = async (caller: ReturnType<typeof callerFor>, asset: string) =>
  (await caller.account.balances()).find((b) => b.asset === asset);

describe("[ORDER] place, match and settle", () => {
  it("a resting buy holds price × quantity plus the maximum fee", async () => {
    const { market, alice } = await setup();
    const { order } = await alice.order.place({
      market: market.symbol,
      side: "BUY",
      type: "LIMIT",
      price: "10.00",
      quantity: "5",
    });
    expect(order.status).toBe("NEW");
    // 50.00 notional + 20 bps taker fee (0.10) = 50.10 held
    expect(await balanceOf(alice, "USD")).toMatchObject({ available: "9949.90", held: "50.10" });
    await expectAuditClean();
  });

  it("a crossing sell trades at the maker's price, with fees to the fee account", async () => {
    const { market, alice, bob } = await setup();
    await alice.order.place({ market: market.symbol, side: "BUY", type: "LIMIT", price: "10.00", quantity: "5" });
    const result = await bob.order.place({ market: market.symbol, side: "SELL", type: "LIMIT", price: "9.00", quantity: "3" });
    expect(result.order.status).toBe("FILLED");
    expect(result.trades).toHaveLength(1);
    expect(result.trades[0]).toMatchObject({ price: "10.00", quantity: "3.0000", quoteQuantity: "30.00", takerSide: "SELL" });
    // Bob sold 3 at 10.00 and paid 0.06 taker fee.
    expect(await balanceOf(bob, "USD")).toMatchObject({ available: "10029.94", held: "0.00" });
    expect(await balanceOf(bob, market.base)).toMatchObject({ available: "97.0000", held: "0.0000" });
    // Alice's hold for the remaining 2: 20.00 + 0.04 (she paid 30.00 + 0.03 maker fee).
    expect(await balanceOf(alice, market.base)).toMatchObject({ available: "103.0000" });
    const aliceUsd = await balanceOf(alice, "USD");
    expect(aliceUsd?.total).toBe("9969.97");
    await expectAuditClean();
  });

  it("rejects bad input with a named code and writes nothing", async () => {
    const { market, alice } = await setup();
    const before = await alice.account.balances();
    await expect(
      alice.order.place({ market: market.symbol, side: "BUY", type: "LIMIT", price: "10.005", quantity: "1" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      alice.order.place({ market: market.symbol, side: "BUY", type: "LIMIT", price: "10000", quantity: "50" }),
    ).rejects.toMatchObject({ code: "PRECONDITION_FAILED", cause: { code: "INSUFFICIENT_FUNDS" } });
    expect(await alice.account.balances()).toEqual(before);
    expect((await alice.order.list({ status: "history" })).items).toHaveLength(0);
  });

  it("a retry with the same clientOrderId returns the same order; a different payload is refused", async () => {
    const { market, alice } = await setup();
    const order = {
      market: market.symbol,
      side: "BUY" as const,
      type: "LIMIT" as const,
      price: "5.00",
      quantity: "1",
      clientOrderId: "retry-1",
    };
    const first = await alice.order.place(order);
    const second = await alice.order.place(order);
    expect(second.replayed).toBe(true);
    expect(second.order.id).toBe(first.order.id);
    await expect(alice.order.place({ ...order, price: "5.01" })).rejects.toMatchObject({
      cause: { code: "DUPLICATE_CLIENT_ORDER_ID" },
    });
    expect((await balanceOf(alice, "USD"))?.held).toBe("5.01");
  });

  it("cancel releases the hold; amend down keeps the order and shrinks the hold", async () => {
    const { market, alice } = await setup();
    const { order } = await alice.order.place({
      market: market.symbol,
      side: "BUY",
      type: "LIMIT",
      price: "10.00",
      quantity: "5",
    });
    const amended = await alice.order.amend({ ref: { orderId: order.id }, quantity: "2" });
    expect(amended.quantity).toBe("2.0000");
    expect((await balanceOf(alice, "USD"))?.held).toBe("20.04");
    const canceled = await alice.order.cancel({ orderId: order.id });
    expect(canceled.status).toBe("CANCELED");
    expect(await balanceOf(alice, "USD")).toMatchObject({ available: "10000.00", held: "0.00" });
    await expect(alice.order.cancel({ orderId: order.id })).rejects.toMatchObject({ cause: { code: "ORDER_NOT_OPEN" } });
    await expectAuditClean();
  });

  it("another user's order is simply not found", async () => {
    const { market, alice, bob } = await setup();
    const { order } = await alice.order.place({
      market: market.symbol,
      side: "SELL",
      type: "LIMIT",
      price: "10.00",
      quantity: "1",
    });
    await expect(bob.order.cancel({ orderId: order.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(bob.order.byId({ orderId: order.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await alice.order.byId({ orderId: order.id })).status).toBe("NEW");
  });

  it("market buy by quote amount spends at most the budget, fees included", async () => {
    const { market, alice, bob } = await setup();
    await bob.order.place({ market: market.symbol, side: "SELL", type: "LIMIT", price: "10.00", quantity: "10" });
    const { order, trades } = await alice.order.place({
      market: market.symbol,
      side: "BUY",
      type: "MARKET",
      quoteAmount: "25.00",
    });
    expect(trades.length).toBeGreaterThan(0);
    expect(["FILLED", "EXPIRED"]).toContain(order.status);
    const usd = await balanceOf(alice, "USD");
    expect(BigInt((usd?.total ?? "0").replace(".", ""))).toBeGreaterThanOrEqual(1_000_000n - 2_500n);
    expect(usd?.held).toBe("0.00");
    await expectAuditClean();
  });

  it("the order book aggregates levels and carries the seq it reflects", async () => {
    const { market, alice, bob } = await setup();
    await alice.order.place({ market: market.symbol, side: "BUY", type: "LIMIT", price: "9.00", quantity: "1" });
    await alice.order.place({ market: market.symbol, side: "BUY", type: "LIMIT", price: "9.00", quantity: "2" });
    await bob.order.place({ market: market.symbol, side: "SELL", type: "LIMIT", price: "11.00", quantity: "1.5" });
    const book = await alice.market.orderBook({ market: market.symbol, depth: 10 });
    expect(book.bids).toEqual([["9.00", "3.0000"]]);
    expect(book.asks).toEqual([["11.00", "1.5000"]]);
    expect(BigInt(book.seq)).toBeGreaterThan(0n);
  });
});

import { describe, expect, it } from "vitest";
import { callerFor, createTestMarket, createTestUser, sessionUser } from "../../../../tests/fixtures";
import { servicesForThisFile } from "../../../../tests/file-services";
import { auditLedger } from "../../db/queries/ledger-audit";

const { services } = servicesForThisFile();

async function setup() {
  const market = await createTestMarket(services);
  const funds = { USD: "10000.00", [market.base]: "100" };
  const [alice, bob, carol] = await Promise.all([1, 2, 3].map(() => createTestUser(services, funds)));
  const as = (id: string | undefined) => callerFor(services, sessionUser(id ?? ""));
  return { market: market.symbol, alice: as(alice), bob: as(bob), carol: as(carol) };
}

const expectAuditClean = async () => expect((await auditLedger(services.db)).filter((c) => !c.ok)).toEqual([]);

describe("[ORDER] conditional orders through the API", () => {
  it("a stop-limit is open while pending, and its history says it triggered and how it ended", async () => {
    const { market, alice, bob, carol } = await setup();
    await bob.order.place({ market, side: "BUY", type: "LIMIT", price: "9.90", quantity: "1" });
    const { order: stop } = await alice.order.place({
      market,
      side: "SELL",
      type: "STOP_LIMIT",
      triggerPrice: "10.00",
      price: "9.80",
      quantity: "1",
    });
    expect(stop).toMatchObject({ status: "NEW", triggerStatus: "PENDING", triggerPrice: "10.00", price: "9.80" });
    expect((await alice.order.list({ status: "open" })).items.map((o) => o.id)).toEqual([stop.id]);
    // A trade at 10.00 reaches the trigger; the stop then sells to bob's 9.90 bid.
    await bob.order.place({ market, side: "BUY", type: "LIMIT", price: "10.00", quantity: "0.5" });
    await carol.order.place({ market, side: "SELL", type: "LIMIT", price: "10.00", quantity: "0.5" });
    const history = (await alice.order.list({ status: "history" })).items;
    expect(history.find((o) => o.id === stop.id)).toMatchObject({
      status: "FILLED",
      triggerStatus: "TRIGGERED",
      averagePrice: "9.90",
      triggeredAt: expect.any(String),
    });
    expect((await alice.order.list({ status: "open" })).items).toEqual([]);
    await expectAuditClean();
  });

  it("an OCO placed and canceled: both legs end, the pair's hold comes back", async () => {
    const { market, alice } = await setup();
    const { orders } = await alice.order.placeOco({ market, side: "SELL", quantity: "2", price: "12.00", triggerPrice: "8.00" });
    expect(orders.map((o) => [o.type, o.triggerStatus])).toEqual([
      ["LIMIT", null],
      ["STOP_MARKET", "PENDING"],
    ]);
    const base = (await alice.account.balances()).find((b) => `${b.asset}-USD` === market);
    expect(base?.held).toBe("2.0000");
    await alice.order.cancel({ orderId: orders[0].id });
    const ended = (await alice.order.list({ status: "history" })).items;
    expect(ended.map((o) => [o.type, o.status, o.closeReason, o.triggerStatus])).toEqual([
      ["STOP_MARKET", "CANCELED", "CANCELED_BY_USER", "NOT_TRIGGERED"],
      ["LIMIT", "CANCELED", "CANCELED_BY_USER", null],
    ]);
    expect((await alice.account.balances()).every((b) => b.held.replace(/[0.]/g, "") === "")).toBe(true);
    await expectAuditClean();
  });

  it("amends by price (a fresh place in the queue, same id) and refuses what it cannot do", async () => {
    const { market, alice } = await setup();
    const { order } = await alice.order.place({ market, side: "BUY", type: "LIMIT", price: "9.00", quantity: "1" });
    const amended = await alice.order.amend({ ref: { orderId: order.id }, price: "9.50", quantity: "2" });
    expect(amended).toMatchObject({ id: order.id, price: "9.50", quantity: "2.0000", status: "NEW" });
    await expect(alice.order.amend({ ref: { orderId: order.id } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(alice.order.amend({ ref: { orderId: order.id }, price: "9.50" })).rejects.toMatchObject({
      cause: { code: "AMEND_NO_CHANGE" },
    });
    await expect(
      alice.order.place({ market, side: "BUY", type: "STOP_MARKET", triggerPrice: "11.00", quantity: "1" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { code: "QUOTE_AMOUNT_REQUIRED" } });
    await expect(
      alice.order.place({ market, side: "SELL", type: "TRAILING_STOP", trailingBps: 5_000, quantity: "1" }),
    ).rejects.toMatchObject({ cause: { code: "TRAIL_BPS_OUT_OF_RANGE" } });
    await expect(
      alice.order.placeOco({ market, side: "BUY", quantity: "1", price: "9.00", triggerPrice: "11.00" }),
    ).rejects.toMatchObject({ cause: { code: "OCO_BUY_NEEDS_STOP_LIMIT" } });
    await expectAuditClean();
  });
});

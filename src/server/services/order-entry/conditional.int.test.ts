import { and, asc, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { type Answer, ocoCommand, placeCommand, runAsOneBatch } from "../../../../tests/batch-helpers";
import { createTestMarket, createTestUser } from "../../../../tests/fixtures";
import { servicesForThisFile } from "../../../../tests/file-services";
import { hasRealPostgres } from "../../../../tests/test-db";
import { installPgQueryCounter } from "../../../../scripts/bench/query-counter";
import { formatDecimal } from "@/domain/decimal";
import { MAX_TRIGGERED_PER_STEP } from "@/domain/trigger-step";
import { findBalances } from "../../db/queries/balances";
import { auditLedger } from "../../db/queries/ledger-audit";
import { events, orders } from "../../db/schema";
import { changeMarketStatus } from "../admin/admin-markets";
import { placeOrder } from "../trading/place-order";
import { userTopic } from "../trading/book-events";
import type { OrderView } from "../views";
import type { OrderCommand, PlaceOcoResult, PlaceResult } from "./commands";

const file = servicesForThisFile();
const db = () => file.services.db;

const expectAuditClean = async () => expect((await auditLedger(db())).filter((c) => !c.ok)).toEqual([]);
const placed = (answer: Answer | undefined): PlaceResult => {
  if (!answer?.ok) throw new Error(`expected an accepted order, got ${answer?.ok === false ? answer.code : "nothing"}`);
  return answer.value as PlaceResult;
};
const codeOf = (answer: Answer | undefined) => (answer && !answer.ok ? answer.code : "accepted");
const rowOf = async (id: string) =>
  (
    await db()
      .select()
      .from(orders)
      .where(eq(orders.id, BigInt(id)))
  )[0];

async function balance(userId: string, asset: string, scale: number) {
  const row = (await findBalances(db(), userId)).find((b) => b.asset === asset);
  return { available: formatDecimal(row?.available ?? 0n, scale), held: formatDecimal(row?.held ?? 0n, scale) };
}

async function setup() {
  const market = await createTestMarket(file.services);
  const maker = await createTestUser(file.services, { USD: "10000.00", [market.base]: "100" });
  const owner = await createTestUser(file.services, { USD: "10000.00", [market.base]: "100" });
  const taker = await createTestUser(file.services, { USD: "10000.00", [market.base]: "100" });
  const run = (...commands: OrderCommand[]) => runAsOneBatch(file.services, market.symbol, commands);
  return { market, maker, owner, taker, run };
}

describe(`[ORDER] conditional orders in the batch (${hasRealPostgres() ? "postgres" : "pglite"})`, () => {
  it("a stop fires in the transaction of the trade that reaches it and executes right after that trade", async () => {
    const { market, maker, owner, taker, run } = await setup();
    await run(
      placeCommand({ userId: maker, side: "BUY", type: "LIMIT", price: "99.00", quantity: "1" }),
      placeCommand({ userId: maker, side: "BUY", type: "LIMIT", price: "98.00", quantity: "1" }),
    );
    const [stop] = await run(
      placeCommand({ userId: owner, side: "SELL", type: "STOP_MARKET", triggerPrice: "99.00", quantity: "1" }),
    );
    expect(placed(stop).order).toMatchObject({ status: "NEW", triggerStatus: "PENDING", triggerPrice: "99.00" });
    expect(await balance(owner, market.base, 4)).toEqual({ available: "99.0000", held: "1.0000" });

    const [sell] = await run(placeCommand({ userId: taker, side: "SELL", type: "MARKET", quantity: "1" }));
    expect(placed(sell).trades.map((t) => t.price)).toEqual(["99.00"]);
    const row = await rowOf(placed(stop).order.id);
    expect(row).toMatchObject({ status: "FILLED", filledQuantity: 10_000n, held: 0n, wakeBelow: null });
    expect(row?.triggeredAt).not.toBeNull();
    // The owner's stream: placed pending, fired, filled, then the fill.
    const seen = await db()
      .select({ type: events.type, payload: events.payload })
      .from(events)
      .where(eq(events.topic, userTopic(owner)))
      .orderBy(asc(events.seq));
    const orderEvents = seen.filter((e) => e.type === "order").map((e) => e.payload as OrderView);
    expect(orderEvents.map((o) => [o.status, o.triggerStatus])).toEqual([
      ["NEW", "PENDING"],
      ["NEW", "TRIGGERED"],
      ["FILLED", "TRIGGERED"],
    ]);
    expect(seen.filter((e) => e.type === "fill")).toHaveLength(1);
    await expectAuditClean();
  });

  it("a pending order holds what it may spend, and a cancel gives it back", async () => {
    const { market, owner, run } = await setup();
    const [buy, sell, budget] = await run(
      placeCommand({ userId: owner, side: "BUY", type: "STOP_LIMIT", triggerPrice: "101.00", price: "102.00", quantity: "1" }),
      placeCommand({ userId: owner, side: "SELL", type: "TAKE_PROFIT_MARKET", triggerPrice: "110.00", quantity: "2" }),
      placeCommand({ userId: owner, side: "BUY", type: "TRAILING_STOP", trailingBps: 100, quoteAmount: "50.00" }),
    );
    // 102.00 + 20 bps worst-case fee (0.2040, rounded up) = 102.21; plus the 50.00 budget.
    expect(await balance(owner, "USD", 2)).toEqual({ available: "9847.79", held: "152.21" });
    expect(await balance(owner, market.base, 4)).toEqual({ available: "98.0000", held: "2.0000" });
    await expectAuditClean();
    const answers = await run(
      ...[buy, sell, budget].map((a) => ({ kind: "cancel" as const, userId: owner, orderId: BigInt(placed(a).order.id) })),
    );
    expect(answers.map((a) => (a.ok ? (a.value as OrderView).triggerStatus : a.code))).toEqual([
      "NOT_TRIGGERED",
      "NOT_TRIGGERED",
      "NOT_TRIGGERED",
    ]);
    expect(await balance(owner, "USD", 2)).toEqual({ available: "10000.00", held: "0.00" });
    expect(await balance(owner, market.base, 4)).toEqual({ available: "100.0000", held: "0.0000" });
    await expectAuditClean();
  });

  it("refuses a trigger the last price already reached", async () => {
    const { maker, owner, taker, run } = await setup();
    await run(
      placeCommand({ userId: maker, side: "SELL", type: "LIMIT", price: "100.00", quantity: "1" }),
      placeCommand({ userId: taker, side: "BUY", type: "LIMIT", price: "100.00", quantity: "1" }),
    );
    const answers = await run(
      placeCommand({ userId: owner, side: "SELL", type: "STOP_MARKET", triggerPrice: "100.00", quantity: "1" }),
      placeCommand({ userId: owner, side: "BUY", type: "STOP_MARKET", triggerPrice: "100.50", quantity: "1" }),
      placeCommand({ userId: owner, side: "SELL", type: "STOP_MARKET", triggerPrice: "99.99", quantity: "1" }),
    );
    expect(answers.map(codeOf)).toEqual(["TRIGGER_WOULD_FIRE_NOW", "QUOTE_AMOUNT_REQUIRED", "accepted"]);
  });

  it("a trailing stop follows new highs exactly and fires when the price falls back by its trail", async () => {
    const { maker, owner, taker, run } = await setup();
    const trade = (price: string) => [
      placeCommand({ userId: maker, side: "SELL", type: "LIMIT", price, quantity: "0.01" }),
      placeCommand({ userId: taker, side: "BUY", type: "LIMIT", price, quantity: "0.01" }),
    ];
    await run(...trade("100.00"));
    const [trailing] = await run(
      placeCommand({ userId: owner, side: "SELL", type: "TRAILING_STOP", trailingDelta: "2.00", quantity: "0.5" }),
    );
    const id = placed(trailing).order.id;
    expect(placed(trailing).order).toMatchObject({ triggerPrice: "98.00", trailingExtreme: "100.00" });
    // One batch: a new high moves it; a dip that stays above the trail does not fire it.
    await run(...trade("103.00"), ...trade("101.50"));
    expect(await rowOf(id)).toMatchObject({
      status: "PENDING",
      trailExtreme: 10_300n,
      triggerPrice: 10_100n,
      wakeBelow: 10_100n,
      wakeAbove: 10_301n,
    });
    await run(placeCommand({ userId: maker, side: "BUY", type: "LIMIT", price: "100.90", quantity: "1" }), ...trade("101.00"));
    const fired = await rowOf(id);
    expect(fired).toMatchObject({ status: "FILLED", filledQuantity: 5_000n, triggerPrice: 10_100n });
    await expectAuditClean();
  });

  it("one sell cascades through stops, each fired by the trades of the one before", async () => {
    const { maker, owner, taker, run } = await setup();
    await run(
      ...["99.00", "98.00", "97.00", "96.00"].map((price) =>
        placeCommand({ userId: maker, side: "BUY", type: "LIMIT", price, quantity: "1" }),
      ),
    );
    const stops = await run(
      ...["99.00", "98.00", "97.00"].map((triggerPrice) =>
        placeCommand({ userId: owner, side: "SELL", type: "STOP_MARKET", triggerPrice, quantity: "1" }),
      ),
    );
    await run(placeCommand({ userId: taker, side: "SELL", type: "MARKET", quantity: "1" }));
    const rows = await Promise.all(stops.map((s) => rowOf(placed(s).order.id)));
    expect(rows.map((r) => [r?.status, r?.filledQuote])).toEqual([
      ["FILLED", 9_800n],
      ["FILLED", 9_700n],
      ["FILLED", 9_600n],
    ]);
    // Fired in trigger order, so their book priorities follow it.
    const priorities = rows.map((r) => r?.priority ?? 0n);
    expect([...priorities].sort((a, b) => (a < b ? -1 : 1))).toEqual(priorities);
    await expectAuditClean();
  });

  it("OCO: the limit leg's fill cancels the stop; canceling one leg cancels both", async () => {
    const { market, owner, taker, maker, run } = await setup();
    await run(
      placeCommand({ userId: maker, side: "SELL", type: "LIMIT", price: "100.00", quantity: "0.01" }),
      placeCommand({ userId: taker, side: "BUY", type: "LIMIT", price: "100.00", quantity: "0.01" }),
    );
    const [pair, second] = await run(
      ocoCommand({ userId: owner, side: "SELL", quantity: "1", price: "105.00", triggerPrice: "95.00", stopLimitPrice: "94.00" }),
      ocoCommand({ userId: owner, side: "BUY", quantity: "1", price: "95.00", triggerPrice: "110.00", stopLimitPrice: "106.00" }),
    );
    const [limit, stop] = (pair?.ok ? (pair.value as PlaceOcoResult) : null)?.orders ?? [];
    expect([limit?.type, limit?.status, stop?.type, stop?.triggerStatus, stop?.ocoOrderId]).toEqual([
      "LIMIT",
      "NEW",
      "STOP_LIMIT",
      "PENDING",
      limit?.id,
    ]);
    // A sell pair holds its quantity once; a buy pair the costlier leg (106.00 + fee = 106.22).
    expect(await balance(owner, market.base, 4)).toEqual({ available: "99.0000", held: "1.0000" });
    expect(await balance(owner, "USD", 2)).toEqual({ available: "9893.78", held: "106.22" });
    await run(placeCommand({ userId: taker, side: "BUY", type: "LIMIT", price: "105.00", quantity: "0.4" }));
    expect(await rowOf(stop?.id ?? "")).toMatchObject({ status: "CANCELED", closeReason: "OCO_OTHER_LEG_FILLED", held: 0n });
    expect(await rowOf(limit?.id ?? "")).toMatchObject({ status: "PARTIALLY_FILLED", held: 6_000n });

    const buyLegs = (second?.ok ? (second.value as PlaceOcoResult) : null)?.orders ?? [];
    const [canceled] = await run({ kind: "cancel", userId: owner, orderId: BigInt(buyLegs[1]?.id ?? "0") });
    expect(codeOf(canceled)).toBe("accepted");
    const both = await db()
      .select()
      .from(orders)
      .where(
        inArray(
          orders.id,
          buyLegs.map((o) => BigInt(o.id)),
        ),
      );
    expect(both.map((o) => [o.status, o.closeReason])).toEqual([
      ["CANCELED", "CANCELED_BY_USER"],
      ["CANCELED", "CANCELED_BY_USER"],
    ]);
    expect(await balance(owner, "USD", 2)).toMatchObject({ held: "0.00" });
    await expectAuditClean();
  });

  it("OCO: the stop's trigger cancels the limit leg and its hold passes to the stop", async () => {
    const { market, owner, taker, maker, run } = await setup();
    await run(
      placeCommand({ userId: maker, side: "SELL", type: "LIMIT", price: "100.00", quantity: "0.01" }),
      placeCommand({ userId: taker, side: "BUY", type: "LIMIT", price: "100.00", quantity: "0.01" }),
    );
    const [pair] = await run(
      ocoCommand({ userId: owner, side: "BUY", quantity: "1", price: "95.00", triggerPrice: "102.00", stopLimitPrice: "103.00" }),
    );
    const [limit, stop] = (pair?.ok ? (pair.value as PlaceOcoResult) : null)?.orders ?? [];
    // The limit leg holds its own 95.19, the stop leg the rest of the pair's 103.21.
    expect([(await rowOf(limit?.id ?? ""))?.held, (await rowOf(stop?.id ?? ""))?.held]).toEqual([9_519n, 802n]);
    await run(
      placeCommand({ userId: maker, side: "SELL", type: "LIMIT", price: "102.00", quantity: "0.01" }),
      placeCommand({ userId: taker, side: "BUY", type: "LIMIT", price: "102.00", quantity: "0.01" }),
    );
    expect(await rowOf(limit?.id ?? "")).toMatchObject({ status: "CANCELED", closeReason: "OCO_OTHER_LEG_TRIGGERED", held: 0n });
    // Fired, found no seller at 103.00 or better, rests holding exactly its own cost.
    expect(await rowOf(stop?.id ?? "")).toMatchObject({ status: "NEW", held: 10_321n });
    expect(await balance(owner, "USD", 2)).toMatchObject({ held: "103.21" });
    expect(market.symbol).toBeTruthy();
    await expectAuditClean();
  });

  it(`a trade reaching more fired orders than one step executes (${MAX_TRIGGERED_PER_STEP}) leaves the rest for the next, sent at once`, async () => {
    const { market, maker, owner, taker, run } = await setup();
    const count = MAX_TRIGGERED_PER_STEP + 10;
    await run(placeCommand({ userId: maker, side: "BUY", type: "LIMIT", price: "90.00", quantity: "10" }));
    await run(placeCommand({ userId: maker, side: "BUY", type: "LIMIT", price: "95.00", quantity: "0.02" }));
    const stops = await run(
      ...Array.from({ length: count }, () =>
        placeCommand({ userId: owner, side: "SELL", type: "STOP_MARKET", triggerPrice: "95.00", quantity: "0.01" }),
      ),
    );
    expect(stops.every((s) => s.ok)).toBe(true);
    expect(
      codeOf((await run(placeCommand({ userId: taker, side: "SELL", type: "LIMIT", price: "95.00", quantity: "0.02" })))[0]),
    ).toBe("accepted");
    const states = async () =>
      (
        await db()
          .select({ status: orders.status })
          .from(orders)
          .where(and(eq(orders.market, market.symbol), eq(orders.userId, owner)))
      ).map((r) => r.status);
    const after = await states();
    expect(after.filter((s) => s === "FILLED")).toHaveLength(MAX_TRIGGERED_PER_STEP);
    expect(after.filter((s) => s === "TRIGGERED")).toHaveLength(10);
    await expectAuditClean();
    // The next command of the market runs them first.
    await run(placeCommand({ userId: maker, side: "BUY", type: "LIMIT", price: "1.00", quantity: "1" }));
    expect((await states()).filter((s) => s === "FILLED")).toHaveLength(count);

    // Through the market's queue, as in production: a batch that leaves some waiting sends a trigger at once.
    const more = await run(
      placeCommand({ userId: maker, side: "BUY", type: "LIMIT", price: "89.00", quantity: "10" }),
      ...Array.from({ length: count }, () =>
        placeCommand({ userId: owner, side: "SELL", type: "STOP_MARKET", triggerPrice: "89.00", quantity: "0.01" }),
      ),
    );
    expect(more.every((s) => s.ok)).toBe(true);
    // What is left at 90.00, and 0.02 at 89.00: the last trade reaches the stops.
    await placeOrder(file.services, { userId: taker, market: market.symbol, side: "SELL", type: "MARKET", quantity: "9.42" });
    for (let i = 0; i < 100 && (await states()).includes("TRIGGERED"); i++) await new Promise((r) => setTimeout(r, 20));
    expect((await states()).filter((s) => s === "FILLED")).toHaveLength(2 * count);
    expect(await balance(owner, market.base, 4)).toMatchObject({ held: "0.0000" });
    await expectAuditClean();
  });

  it("a fired order a halt caught waiting executes when the market reopens", async () => {
    const { market, maker, owner, run } = await setup();
    await run(placeCommand({ userId: maker, side: "BUY", type: "LIMIT", price: "90.00", quantity: "1" }));
    const [stop] = await run(
      placeCommand({ userId: owner, side: "SELL", type: "STOP_MARKET", triggerPrice: "95.00", quantity: "1" }),
    );
    const id = BigInt(placed(stop).order.id);
    await changeMarketStatus(file.services, market.symbol, "HALTED");
    // As a bounded step leaves it: fired, its priority taken, waiting to execute.
    await db()
      .update(orders)
      .set({ status: "TRIGGERED", wakeBelow: null, wakeAbove: null, triggeredAt: new Date() })
      .where(eq(orders.id, id));
    expect(codeOf((await run({ kind: "trigger" }))[0])).toBe("accepted");
    expect((await rowOf(id.toString()))?.status).toBe("TRIGGERED");
    await changeMarketStatus(file.services, market.symbol, "OPEN");
    for (let i = 0; i < 100 && (await rowOf(id.toString()))?.status === "TRIGGERED"; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(await rowOf(id.toString())).toMatchObject({ status: "FILLED", filledQuote: 9_000n });
    await expectAuditClean();
  });

  it.skipIf(!hasRealPostgres())("a market with nothing pending in reach costs no statement more (postgres)", async () => {
    const { maker, owner, taker, run } = await setup();
    await run(placeCommand({ userId: maker, side: "SELL", type: "LIMIT", price: "100.00", quantity: "5" }));
    const counter = installPgQueryCounter();
    const measure = async (...commands: OrderCommand[]) => {
      counter.reset();
      await run(...commands);
      return counter.read().statements;
    };
    try {
      const resting = () => placeCommand({ userId: maker, side: "SELL", type: "LIMIT", price: "120.00", quantity: "0.01" });
      const taking = () => placeCommand({ userId: taker, side: "BUY", type: "LIMIT", price: "100.00", quantity: "0.01" });
      const before = [await measure(resting()), await measure(taking())];
      // The figures of BENCHMARKS.md: a resting order alone is 5 statements, a one-fill taker 9.
      expect(before).toEqual([5, 9]);
      await run(placeCommand({ userId: owner, side: "SELL", type: "STOP_MARKET", triggerPrice: "50.00", quantity: "1" }));
      expect([await measure(resting()), await measure(taking())]).toEqual(before);
    } finally {
      counter.uninstall();
    }
  });
});

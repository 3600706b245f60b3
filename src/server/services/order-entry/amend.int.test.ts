import { and, asc, eq, gt } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { type Answer, ocoCommand, placeCommand, runAsOneBatch } from "../../../../tests/batch-helpers";
import { createTestMarket, createTestUser } from "../../../../tests/fixtures";
import { servicesForThisFile } from "../../../../tests/file-services";
import { hasRealPostgres } from "../../../../tests/test-db";
import { formatDecimal } from "@/domain/decimal";
import { findBalances } from "../../db/queries/balances";
import { auditLedger } from "../../db/queries/ledger-audit";
import { events, orders } from "../../db/schema";
import { marketTopic, userTopic } from "../trading/book-events";
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
const idOf = (answer: Answer | undefined) => BigInt(placed(answer).order.id);

async function usd(userId: string) {
  const row = (await findBalances(db(), userId)).find((b) => b.asset === "USD");
  return { available: formatDecimal(row?.available ?? 0n, 2), held: formatDecimal(row?.held ?? 0n, 2) };
}

async function setup() {
  const market = await createTestMarket(file.services);
  const a = await createTestUser(file.services, { USD: "1000.00", [market.base]: "100" });
  const b = await createTestUser(file.services, { USD: "1000.00", [market.base]: "100" });
  const buyer = await createTestUser(file.services, { USD: "1000.00", [market.base]: "100" });
  const run = (...commands: OrderCommand[]) => runAsOneBatch(file.services, market.symbol, commands);
  const amend = (userId: string, id: bigint, change: { quantity?: string; price?: string }): OrderCommand => ({
    kind: "amend",
    userId,
    orderId: id,
    quantityText: change.quantity,
    priceText: change.price,
  });
  return { market, a, b, buyer, run, amend };
}

describe(`[ORDER] amend (${hasRealPostgres() ? "postgres" : "pglite"})`, () => {
  it("quantity down keeps the order's place; a new price or more quantity sends it to the back", async () => {
    const { a, b, buyer, run, amend } = await setup();
    const [first, second] = await run(
      placeCommand({ userId: a, side: "SELL", type: "LIMIT", price: "101.00", quantity: "1" }),
      placeCommand({ userId: b, side: "SELL", type: "LIMIT", price: "101.00", quantity: "1" }),
    );
    const aId = idOf(first);
    // Down: still first in the queue.
    await run(amend(a, aId, { quantity: "0.9" }));
    const [take1] = await run(placeCommand({ userId: buyer, side: "BUY", type: "LIMIT", price: "101.00", quantity: "0.1" }));
    expect(placed(take1).trades).toHaveLength(1);
    expect((await db().select().from(orders).where(eq(orders.id, aId)))[0]?.filledQuantity).toBe(1_000n);
    // Up: the same order, now behind b.
    const [grown] = await run(amend(a, aId, { quantity: "1.5" }));
    expect(grown?.ok && (grown.value as OrderView)).toMatchObject({
      id: aId.toString(),
      quantity: "1.5000",
      filledQuantity: "0.1000",
    });
    const [take2] = await run(placeCommand({ userId: buyer, side: "BUY", type: "LIMIT", price: "101.00", quantity: "0.2" }));
    expect(placed(take2).trades).toHaveLength(1);
    const bRow = (
      await db()
        .select()
        .from(orders)
        .where(eq(orders.id, idOf(second)))
    )[0];
    expect(bRow?.filledQuantity).toBe(2_000n);
    // A price there and back: behind b again, though it started ahead.
    await run(amend(a, aId, { price: "102.00" }), amend(a, aId, { price: "101.00" }));
    const open = await db()
      .select({ id: orders.id })
      .from(orders)
      .where(and(eq(orders.price, 10_100n), gt(orders.held, 0n)))
      .orderBy(asc(orders.priority));
    expect(open.map((o) => o.id)).toEqual([idOf(second), aId]);
    await expectAuditClean();
  });

  it("a price that crosses trades first, as a taker, and rests what is left; the hold follows the new price", async () => {
    const { a, buyer, run, amend } = await setup();
    await run(placeCommand({ userId: buyer, side: "BUY", type: "LIMIT", price: "100.00", quantity: "0.5" }));
    const [buy] = await run(placeCommand({ userId: a, side: "BUY", type: "LIMIT", price: "10.00", quantity: "1" }));
    // 10.00 + 0.02 fee.
    expect(await usd(a)).toEqual({ available: "989.98", held: "10.02" });
    const [raised] = await run(amend(a, idOf(buy), { price: "12.00" }));
    expect(raised?.ok ? (raised.value as OrderView).price : raised?.code).toBe("12.00");
    // 12.00 + 0.024 fee, rounded up.
    expect(await usd(a)).toEqual({ available: "987.97", held: "12.03" });

    const [sell] = await run(placeCommand({ userId: a, side: "SELL", type: "LIMIT", price: "105.00", quantity: "1" }));
    const [crossed] = await run(amend(a, idOf(sell), { price: "99.00" }));
    const view = crossed?.ok ? (crossed.value as OrderView) : null;
    expect(view).toMatchObject({ status: "PARTIALLY_FILLED", price: "99.00", filledQuantity: "0.5000", filledQuote: "50.00" });
    // Taker's fee (20 bps of 50.00), and the public tape shows the trade.
    expect(view?.fees).toBe("0.10");
    await expectAuditClean();
  });

  it("events say both halves: one book event with the level left and the level joined, one order event", async () => {
    const { market, a, run, amend } = await setup();
    const [sell] = await run(placeCommand({ userId: a, side: "SELL", type: "LIMIT", price: "105.00", quantity: "1" }));
    const before = (await db().select({ seq: events.seq }).from(events).orderBy(asc(events.seq))).at(-1)?.seq ?? 0n;
    await run(amend(a, idOf(sell), { price: "106.00" }));
    const after = await db()
      .select({ topic: events.topic, type: events.type, payload: events.payload })
      .from(events)
      .where(gt(events.seq, before))
      .orderBy(asc(events.seq));
    const book = after.find((e) => e.topic === marketTopic(market.symbol) && e.type === "book");
    expect((book?.payload as { asks: string[][] } | undefined)?.asks).toEqual([
      ["105.00", "0.0000"],
      ["106.00", "1.0000"],
    ]);
    expect(
      after.filter((e) => e.topic === userTopic(a) && e.type === "order").map((e) => (e.payload as OrderView).price),
    ).toEqual(["106.00"]);
  });

  it("refuses by name and changes nothing", async () => {
    const { market, a, b, buyer, run, amend } = await setup();
    await run(
      placeCommand({ userId: buyer, side: "SELL", type: "LIMIT", price: "100.00", quantity: "0.01" }),
      placeCommand({ userId: b, side: "BUY", type: "LIMIT", price: "100.00", quantity: "0.01" }),
      placeCommand({ userId: buyer, side: "BUY", type: "LIMIT", price: "99.00", quantity: "1" }),
      placeCommand({ userId: buyer, side: "BUY", type: "LIMIT", price: "97.00", quantity: "1" }),
    );
    const [maker, partial, stop, oco] = await run(
      placeCommand({ userId: a, side: "SELL", type: "LIMIT", price: "101.00", quantity: "1", postOnly: true }),
      placeCommand({ userId: a, side: "SELL", type: "LIMIT", price: "99.00", quantity: "2" }),
      placeCommand({ userId: a, side: "SELL", type: "STOP_MARKET", triggerPrice: "90.00", quantity: "1" }),
      ocoCommand({ userId: a, side: "SELL", quantity: "1", price: "110.00", triggerPrice: "90.00" }),
    );
    const poor = await createTestUser(file.services, { USD: "10.03" });
    const [cheap] = await run(placeCommand({ userId: poor, side: "BUY", type: "LIMIT", price: "10.00", quantity: "1" }));
    const rowsBefore = await db().select().from(orders).where(eq(orders.market, market.symbol)).orderBy(asc(orders.id));
    const answers = await run(
      amend(a, idOf(maker), { price: "101.00" }),
      amend(a, idOf(maker), { price: "97.00" }),
      amend(a, idOf(partial), { quantity: "1" }),
      amend(a, idOf(maker), { price: "101.005" }),
      amend(a, idOf(stop), { price: "91.00" }),
      amend(a, BigInt((oco?.ok ? (oco.value as PlaceOcoResult) : null)?.orders[0].id ?? "0"), { price: "111.00" }),
      amend(poor, idOf(cheap), { price: "11.00" }),
      amend(b, idOf(maker), { quantity: "0.5" }),
    );
    expect(answers.map(codeOf)).toEqual([
      "AMEND_NO_CHANGE",
      "AMEND_WOULD_TAKE",
      "AMEND_BELOW_FILLED",
      "TOO_MANY_DECIMALS",
      "ORDER_NOT_AMENDABLE",
      "ORDER_NOT_AMENDABLE",
      "INSUFFICIENT_FUNDS",
      "ORDER_NOT_FOUND",
    ]);
    const rowsAfter = await db().select().from(orders).where(eq(orders.market, market.symbol)).orderBy(asc(orders.id));
    expect(rowsAfter).toEqual(rowsBefore);
    await expectAuditClean();
  });
});

import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { type Answer, placeCommand, runAsOneBatch } from "../../../../tests/batch-helpers";
import { createTestMarket, createTestUser } from "../../../../tests/fixtures";
import { hasRealPostgres } from "../../../../tests/test-db";
import { servicesForThisFile } from "../../../../tests/file-services";
import { findBalances } from "../../db/queries/balances";
import { events, markets, orders } from "../../db/schema";
import { auditLedger } from "../../db/queries/ledger-audit";
import { marketTopic } from "../trading/book-events";
import { formatDecimal } from "@/domain/decimal";
import type { PlaceResult } from "./commands";

const file = servicesForThisFile();

const expectAuditClean = async () => expect((await auditLedger(file.services.db)).filter((c) => !c.ok)).toEqual([]);
const placed = (answer: Answer | undefined): PlaceResult => {
  if (!answer?.ok) throw new Error(`expected an accepted order, got ${answer?.ok === false ? answer.code : "nothing"}`);
  return answer.value as PlaceResult;
};
const codeOf = (answer: Answer | undefined) => (answer && !answer.ok ? answer.code : "accepted");

async function usd(userId: string) {
  const row = (await findBalances(file.services.db, userId)).find((b) => b.asset === "USD");
  return { available: formatDecimal(row?.available ?? 0n, 2), held: formatDecimal(row?.held ?? 0n, 2) };
}

describe(`[ORDER] one batch, many commands (${hasRealPostgres() ? "postgres" : "pglite"})`, () => {
  it("a refusal refuses its own command only; its neighbours commit", async () => {
    const market = await createTestMarket(file.services);
    const rich = await createTestUser(file.services, { USD: "1000.00" });
    const poor = await createTestUser(file.services, { USD: "1.00" });
    const answers = await runAsOneBatch(file.services, market.symbol, [
      placeCommand({ userId: rich, side: "BUY", type: "LIMIT", price: "10.00", quantity: "1", clientOrderId: "a" }),
      placeCommand({ userId: poor, side: "BUY", type: "LIMIT", price: "10.00", quantity: "1" }),
      placeCommand({ userId: rich, side: "BUY", type: "LIMIT", price: "10.00", quantity: "0.001" }),
      placeCommand({ userId: rich, side: "BUY", type: "LIMIT", price: "11.00", quantity: "1", clientOrderId: "a" }),
      { kind: "cancel", userId: poor, orderId: 1n },
      placeCommand({ userId: rich, side: "BUY", type: "LIMIT", price: "9.00", quantity: "1" }),
    ]);
    expect(answers.map(codeOf)).toEqual([
      "accepted",
      "INSUFFICIENT_FUNDS",
      "QUANTITY_NOT_ON_STEP",
      "DUPLICATE_CLIENT_ORDER_ID",
      "ORDER_NOT_FOUND",
      "accepted",
    ]);
    // 10.02 + 9.02 held; the poor user's balance is untouched.
    expect(await usd(rich)).toEqual({ available: "980.96", held: "19.04" });
    expect(await usd(poor)).toEqual({ available: "1.00", held: "0.00" });
    await expectAuditClean();
  });

  it("two copies of a clientOrderId in one batch make one order; the copy is answered as a replay", async () => {
    const market = await createTestMarket(file.services);
    const user = await createTestUser(file.services, { USD: "1000.00" });
    const order = {
      userId: user,
      side: "BUY" as const,
      type: "LIMIT" as const,
      price: "10.00",
      quantity: "1",
      clientOrderId: "twice",
    };
    const [first, second] = await runAsOneBatch(file.services, market.symbol, [placeCommand(order), placeCommand(order)]);
    expect(placed(first).replayed).toBe(false);
    expect(placed(second)).toMatchObject({ replayed: true, order: { id: placed(first).order.id } });
    const rows = await file.services.db.select().from(orders).where(eq(orders.market, market.symbol));
    expect(rows).toHaveLength(1);
    // And a later batch replays it from the table.
    const [later] = await runAsOneBatch(file.services, market.symbol, [placeCommand(order)]);
    expect(placed(later)).toMatchObject({ replayed: true, order: { id: placed(first).order.id } });
    await expectAuditClean();
  });

  it("each command sees what the ones before it did: a rested order is taken, proceeds are spent", async () => {
    const market = await createTestMarket(file.services);
    const buyer = await createTestUser(file.services, { USD: "100.00" });
    const seller = await createTestUser(file.services, { [market.base]: "1" });
    const answers = await runAsOneBatch(file.services, market.symbol, [
      placeCommand({ userId: buyer, side: "BUY", type: "LIMIT", price: "50.00", quantity: "1" }),
      // The seller has no USD until this fills...
      placeCommand({ userId: seller, side: "SELL", type: "LIMIT", price: "50.00", quantity: "1" }),
      // ...and then spends what it received (49.90 after the 0.10 taker fee) on a resting buy.
      placeCommand({ userId: seller, side: "BUY", type: "LIMIT", price: "49.00", quantity: "1" }),
      placeCommand({ userId: seller, side: "BUY", type: "LIMIT", price: "1.00", quantity: "1" }),
    ]);
    expect(placed(answers[0]).order.status).toBe("NEW");
    expect(placed(answers[1])).toMatchObject({ order: { status: "FILLED" }, trades: [{ price: "50.00", quantity: "1.0000" }] });
    expect(placed(answers[2]).order.status).toBe("NEW");
    // 49.90 - 49.10 = 0.80 left: not enough for 1.00 + fee.
    expect(codeOf(answers[3])).toBe("INSUFFICIENT_FUNDS");
    expect(await usd(seller)).toEqual({ available: "0.80", held: "49.10" });
    await expectAuditClean();
  });

  it("cancels and amends in a batch act on orders the same batch changed", async () => {
    const market = await createTestMarket(file.services);
    const maker = await createTestUser(file.services, { [market.base]: "10" });
    const taker = await createTestUser(file.services, { USD: "1000.00" });
    const [resting] = await runAsOneBatch(file.services, market.symbol, [
      placeCommand({ userId: maker, side: "SELL", type: "LIMIT", price: "20.00", quantity: "5" }),
    ]);
    const id = BigInt(placed(resting).order.id);
    const answers = await runAsOneBatch(file.services, market.symbol, [
      placeCommand({ userId: taker, side: "BUY", type: "LIMIT", price: "20.00", quantity: "2" }),
      { kind: "amend", userId: maker, orderId: id, quantityText: "4" },
      { kind: "amend", userId: maker, orderId: id, quantityText: "1" },
      { kind: "cancel", userId: maker, orderId: id },
      { kind: "cancel", userId: maker, orderId: id },
    ]);
    expect(answers.map(codeOf)).toEqual(["accepted", "accepted", "AMEND_BELOW_FILLED", "accepted", "ORDER_NOT_OPEN"]);
    const [row] = await file.services.db.select().from(orders).where(eq(orders.id, id));
    expect(row).toMatchObject({ status: "CANCELED", quantity: 40000n, filledQuantity: 20000n, held: 0n });
    await expectAuditClean();
  });

  it("a halted market refuses placements in the batch and still takes the cancel", async () => {
    const market = await createTestMarket(file.services);
    const user = await createTestUser(file.services, { USD: "100.00" });
    const [resting] = await runAsOneBatch(file.services, market.symbol, [
      placeCommand({ userId: user, side: "BUY", type: "LIMIT", price: "10.00", quantity: "1" }),
    ]);
    await file.services.db.update(markets).set({ status: "HALTED" }).where(eq(markets.symbol, market.symbol));
    const answers = await runAsOneBatch(file.services, market.symbol, [
      placeCommand({ userId: user, side: "BUY", type: "LIMIT", price: "10.00", quantity: "1" }),
      { kind: "cancel", userId: user, orderId: BigInt(placed(resting).order.id) },
    ]);
    expect(answers.map(codeOf)).toEqual(["MARKET_HALTED", "accepted"]);
    expect(await usd(user)).toEqual({ available: "100.00", held: "0.00" });
    await expectAuditClean();
  });

  it("a market's events are appended in execution order", async () => {
    const market = await createTestMarket(file.services);
    const maker = await createTestUser(file.services, { [market.base]: "10" });
    const taker = await createTestUser(file.services, { USD: "1000.00" });
    await runAsOneBatch(file.services, market.symbol, [
      placeCommand({ userId: maker, side: "SELL", type: "LIMIT", price: "10.00", quantity: "1" }),
      placeCommand({ userId: maker, side: "SELL", type: "LIMIT", price: "11.00", quantity: "1" }),
    ]);
    await runAsOneBatch(file.services, market.symbol, [
      placeCommand({ userId: taker, side: "BUY", type: "LIMIT", price: "10.00", quantity: "1" }),
      placeCommand({ userId: taker, side: "BUY", type: "LIMIT", price: "11.00", quantity: "1" }),
    ]);
    const rows = await file.services.db
      .select({ seq: events.seq, type: events.type, payload: events.payload })
      .from(events)
      .where(eq(events.topic, marketTopic(market.symbol)))
      .orderBy(events.seq);
    const trades = rows.filter((r) => r.type === "trade").map((r) => (r.payload as { price: string }).price);
    expect(trades).toEqual(["10.00", "11.00"]);
    expect(rows.map((r) => r.type)).toEqual(["book", "trade", "trade", "book", "ticker"]);
  });

  it("a taker sweeping past the first page reads further pages; a level the batch joined keeps time priority", async () => {
    const market = await createTestMarket(file.services);
    const maker = await createTestUser(file.services, { [market.base]: "300" });
    const late = await createTestUser(file.services, { [market.base]: "1" });
    const buyer = await createTestUser(file.services, { USD: "5000.00" });
    const price = (i: number) => formatDecimal(1000n + BigInt(i), 2);
    await runAsOneBatch(
      file.services,
      market.symbol,
      Array.from({ length: 250 }, (_, i) =>
        placeCommand({ userId: maker, side: "SELL", type: "LIMIT", price: price(i), quantity: "1" }),
      ),
    );
    const [joined, sweep] = await runAsOneBatch(file.services, market.symbol, [
      placeCommand({ userId: late, side: "SELL", type: "LIMIT", price: price(50), quantity: "1" }),
      placeCommand({ userId: buyer, side: "BUY", type: "LIMIT", price: price(249), quantity: "240", timeInForce: "IOC" }),
    ]);
    const trades = placed(sweep).trades;
    expect(trades).toHaveLength(240);
    expect(trades.map((t) => t.price)).toEqual([
      ...Array.from({ length: 51 }, (_, i) => price(i)),
      ...Array.from({ length: 189 }, (_, i) => price(50 + i)),
    ]);
    const [joinedRow] = await file.services.db
      .select()
      .from(orders)
      .where(eq(orders.id, BigInt(placed(joined).order.id)));
    expect(joinedRow?.status).toBe("FILLED");
    const open = await file.services.db.select().from(orders).where(eq(orders.market, market.symbol));
    expect(open.filter((o) => o.status === "NEW").map((o) => o.price)).toEqual(
      Array.from({ length: 11 }, (_, i) => 1239n + BigInt(i)),
    );
    await expectAuditClean();
  });

  it("a statement that fails for one command (here a trigger) runs each command alone; only that one fails", async () => {
    const market = await createTestMarket(file.services);
    const user = await createTestUser(file.services, { USD: "1000.00" });
    const trigger = `fail_boom_${market.base.toLowerCase()}`;
    await file.services.db.execute(
      sql.raw(`create function ${trigger}() returns trigger language plpgsql as $$
        begin if new.payload->>'clientOrderId' = 'boom-${market.base}' then raise exception 'boom'; end if; return new; end $$`),
    );
    await file.services.db.execute(
      sql.raw(`create trigger ${trigger} before insert on events for each row execute function ${trigger}()`),
    );
    try {
      const answers = await runAsOneBatch(file.services, market.symbol, [
        placeCommand({ userId: user, side: "BUY", type: "LIMIT", price: "10.00", quantity: "1" }),
        placeCommand({
          userId: user,
          side: "BUY",
          type: "LIMIT",
          price: "10.00",
          quantity: "1",
          clientOrderId: `boom-${market.base}`,
        }),
        placeCommand({ userId: user, side: "BUY", type: "LIMIT", price: "10.00", quantity: "1" }),
      ]);
      expect(answers.map((a) => a.ok)).toEqual([true, false, true]);
      const rows = await file.services.db.select().from(orders).where(eq(orders.market, market.symbol));
      // Nothing of the failed command was committed, and what was answered exists.
      expect(rows.map((r) => r.id.toString()).sort()).toEqual([placed(answers[0]).order.id, placed(answers[2]).order.id].sort());
      await expectAuditClean();
    } finally {
      await file.services.db.execute(sql.raw(`drop trigger ${trigger} on events`));
      await file.services.db.execute(sql.raw(`drop function ${trigger}()`));
    }
  });
});

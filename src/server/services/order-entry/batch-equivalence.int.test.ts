import { describe, expect, it } from "vitest";
import { type Answer, ocoCommand, placeCommand, runAsOneBatch } from "../../../../tests/batch-helpers";
import { createTestMarket, createTestUser } from "../../../../tests/fixtures";
import { servicesForThisFile } from "../../../../tests/file-services";
import { asc, eq } from "drizzle-orm";
import { findBalances } from "../../db/queries/balances";
import { orders } from "../../db/schema";
import { formatDecimal } from "@/domain/decimal";
import { CONDITIONAL_TYPES, SIDES, STP_MODES, TIME_IN_FORCE } from "@/domain/types";
import { auditLedger } from "../../db/queries/ledger-audit";
import type { OrderView } from "../views";
import type { OrderCommand, PlaceOcoResult, PlaceResult } from "./commands";

/**
 * Batching must not change what happens: the same random command streams, executed one command
 * per transaction in one market and in batches of random sizes in another (same users' twins,
 * same funds), must give every command the same answer, every user the same balances, and every
 * order the same end. The streams mix in stops, take-profits, trailing stops and OCOs, so their
 * triggers fire, cascade and cancel inside batches as well as across them.
 */
const PERSONAS = 4;
const CHUNKS = 24;
const SEEDS = [1, 2, 3];

/** mulberry32: a small seeded generator, so a failure names the seed that reproduces it. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick };
}

/** A command that names earlier commands' orders by index, resolved per market when it runs. */
type Planned =
  | { kind: "place"; persona: number; request: Parameters<typeof placeCommand>[0] extends infer R ? Omit<R, "userId"> : never }
  | { kind: "oco"; persona: number; request: Parameters<typeof ocoCommand>[0] extends infer R ? Omit<R, "userId"> : never }
  | { kind: "cancel"; persona: number; target: number }
  | { kind: "amend"; persona: number; target: number; quantity?: string; price?: string }
  | { kind: "cancelAll"; persona: number };

function plan(seed: number): Planned[][] {
  const r = random(seed);
  const placed: { index: number; persona: number }[] = [];
  const chunks: Planned[][] = [];
  let index = 0;
  for (let c = 0; c < CHUNKS; c++) {
    const chunk: Planned[] = [];
    const earlier = [...placed];
    for (let n = 1 + r.int(12); n > 0; n--, index++) {
      const persona = r.int(PERSONAS);
      const roll = r.next();
      const own = earlier.filter((p) => p.persona === persona);
      const target = own.length > 0 ? r.pick(own).index : null;
      if (roll < 0.1 && target !== null) chunk.push({ kind: "cancel", persona, target });
      else if (roll < 0.18 && target !== null) {
        // Quantity only (down keeps priority, up loses it), price only, or both: a cancel-replace.
        const what = r.int(3);
        const quantity = what !== 1 ? `${r.int(2)}.${1 + r.int(9)}` : undefined;
        const price = what !== 0 ? `${95 + r.int(11)}.00` : undefined;
        chunk.push({ kind: "amend", persona, target, ...(quantity ? { quantity } : {}), ...(price ? { price } : {}) });
      } else if (roll < 0.2) chunk.push({ kind: "cancelAll", persona });
      else if (roll < 0.45) {
        chunk.push({ kind: "place", persona, request: conditionalRequest(r, persona, index) });
        placed.push({ index, persona });
      } else if (roll < 0.5) {
        chunk.push({ kind: "oco", persona, request: ocoRequest(r, persona, index) });
        placed.push({ index, persona });
      } else {
        const side = r.pick(SIDES);
        const isMarket = r.next() < 0.15;
        const quantity = `${r.int(3)}.${String(1 + r.int(99)).padStart(2, "0")}`;
        const reuse = r.next() < 0.05 && index > 0 ? `p${persona}-c${r.int(index)}` : `p${persona}-c${index}`;
        chunk.push({
          kind: "place",
          persona,
          request: isMarket
            ? side === "BUY" && r.next() < 0.5
              ? { side, type: "MARKET", quoteAmount: `${10 + r.int(200)}.00`, clientOrderId: reuse }
              : { side, type: "MARKET", quantity, clientOrderId: reuse, selfTradePrevention: r.pick(STP_MODES) }
            : {
                side,
                type: "LIMIT",
                price: `${95 + r.int(11)}.00`,
                quantity,
                timeInForce: r.pick(TIME_IN_FORCE),
                postOnly: r.next() < 0.1,
                selfTradePrevention: r.pick(STP_MODES),
                clientOrderId: reuse,
              },
        });
        placed.push({ index, persona });
      }
    }
    chunks.push(chunk);
  }
  return chunks;
}

type Random = ReturnType<typeof random>;
const money = (r: Random, low: number, span: number) => `${low + r.int(span)}.${String(r.int(100)).padStart(2, "0")}`;

/** A stop, take-profit or trailing stop around the prices the stream trades at (95 to 105). */
function conditionalRequest(r: Random, persona: number, index: number) {
  const type = r.pick(CONDITIONAL_TYPES);
  const side = r.pick(SIDES);
  const isLimit = type === "STOP_LIMIT" || type === "TAKE_PROFIT_LIMIT";
  const trigger = money(r, 95, 11);
  const quantity = `${r.int(2)}.${String(1 + r.int(99)).padStart(2, "0")}`;
  const base = { side, type, clientOrderId: `p${persona}-c${index}` } as const;
  const size = !isLimit && side === "BUY" ? { quoteAmount: money(r, 10, 90) } : { quantity };
  if (type === "TRAILING_STOP") {
    const delta = `${r.int(3)}.${String(1 + r.int(99)).padStart(2, "0")}`;
    const trail = r.next() < 0.5 ? { trailingDelta: delta } : { trailingBps: 20 + r.int(300) };
    return { ...base, ...size, ...trail, ...(r.next() < 0.3 ? { activationPrice: money(r, 95, 11) } : {}) };
  }
  return { ...base, ...size, triggerPrice: trigger, ...(isLimit ? { price: money(r, 94, 13) } : {}) };
}

/** An OCO whose legs lie on either side of the stream's prices (sometimes the wrong side: a refusal). */
function ocoRequest(r: Random, persona: number, index: number) {
  const side = r.pick(SIDES);
  const above = money(r, 100, 7);
  const below = money(r, 94, 7);
  const quantity = `0.${String(1 + r.int(99)).padStart(2, "0")}`;
  const clientOrderId = `p${persona}-c${index}`;
  if (side === "SELL") {
    return {
      side,
      quantity,
      price: above,
      triggerPrice: below,
      ...(r.next() < 0.5 ? { stopLimitPrice: below } : {}),
      clientOrderId,
    };
  }
  return { side, quantity, price: below, triggerPrice: above, stopLimitPrice: money(r, 100, 8), clientOrderId };
}

/** What must be equal between the two runs: outcomes, never ids or times. */
function normalise(answer: Answer): unknown {
  if (!answer.ok) return { error: answer.code };
  const value = answer.value;
  const order = (view: OrderView) => ({
    status: view.status,
    closeReason: view.closeReason,
    quantity: view.quantity,
    filled: view.filledQuantity,
    quote: view.filledQuote,
    fees: view.fees,
    trigger: view.triggerStatus,
    triggerPrice: view.triggerPrice,
  });
  if ("canceled" in value) return { canceled: value.canceled };
  if ("orders" in value) {
    const oco = value as PlaceOcoResult;
    return { oco: oco.orders.map(order), replayed: oco.replayed, trades: oco.trades.map((t) => `${t.quantity}@${t.price}`) };
  }
  if ("waiting" in value) return { waiting: value.waiting };
  if ("replayed" in value) {
    const placed = value as PlaceResult;
    return { ...order(placed.order), replayed: placed.replayed, trades: placed.trades.map((t) => `${t.quantity}@${t.price}`) };
  }
  return order(value as OrderView);
}

type Row = typeof orders.$inferSelect;
const byQueue = (a: Row, b: Row) => {
  if (a.side !== b.side) return a.side < b.side ? -1 : 1;
  if (a.price !== b.price) return (a.price ?? 0n) < (b.price ?? 0n) ? -1 : 1;
  return a.priority < b.priority ? -1 : 1;
};

const file = servicesForThisFile();

async function runPlan(chunks: Planned[][], batched: boolean) {
  const market = await createTestMarket(file.services);
  const users: string[] = [];
  for (let p = 0; p < PERSONAS; p++) users.push(await createTestUser(file.services, { USD: "400.00", [market.base]: "4" }));
  const orderIds = new Map<number, bigint>();
  const answers: unknown[] = [];
  let index = 0;
  for (const chunk of chunks) {
    const commands: OrderCommand[] = chunk.map((step) => {
      const userId = users[step.persona] ?? "";
      if (step.kind === "place") return placeCommand({ ...step.request, userId });
      if (step.kind === "oco") return ocoCommand({ ...step.request, userId });
      if (step.kind === "cancelAll") return { kind: "cancelAll", userId, limit: 500 };
      // A target whose placement was refused names no order: an id nobody has.
      const orderId = orderIds.get(step.target) ?? 9_000_000_000n;
      return step.kind === "cancel"
        ? { kind: "cancel", userId, orderId }
        : { kind: "amend", userId, orderId, quantityText: step.quantity, priceText: step.price };
    });
    const results = batched
      ? await runAsOneBatch(file.services, market.symbol, commands)
      : await commands.reduce<Promise<Answer[]>>(
          async (done, command) => [...(await done), ...(await runAsOneBatch(file.services, market.symbol, [command]))],
          Promise.resolve([]),
        );
    results.forEach((answer, i) => {
      const value = answer.ok ? answer.value : null;
      if (value && "replayed" in value && !value.replayed)
        orderIds.set(index + i, BigInt("order" in value ? value.order.id : value.orders[0].id));
      answers.push(normalise(answer));
    });
    index += chunk.length;
  }
  const balances = await Promise.all(
    users.map(async (u) =>
      (await findBalances(file.services.db, u)).map(
        (b) => `${b.asset === "USD" ? "USD" : "BASE"} ${formatDecimal(b.available, 0)}/${b.held}`,
      ),
    ),
  );
  // Every order's end, in id order (ids follow execution order in both runs).
  const rows = await file.services.db.select().from(orders).where(eq(orders.market, market.symbol)).orderBy(asc(orders.id));
  // Where each resting order stands in its side's queue: time priority must come out the same too.
  const queue = rows.filter((o) => o.status === "NEW" || o.status === "PARTIALLY_FILLED").sort(byQueue);
  const ends = rows.map((o) =>
    [
      o.type,
      o.side,
      o.status,
      o.closeReason,
      o.price,
      o.quantity,
      o.filledQuantity,
      o.held,
      o.triggerPrice,
      o.trailExtreme,
      queue.indexOf(o),
      o.triggeredAt !== null,
    ].join(" "),
  );
  return { answers, balances, ends };
}

describe("[ORDER] batches give the same answers as one transaction per command", () => {
  for (const seed of SEEDS) {
    it(`random command stream, seed ${seed}`, async () => {
      const chunks = plan(seed);
      const oneByOne = await runPlan(chunks, false);
      const batched = await runPlan(chunks, true);
      expect(batched.answers).toEqual(oneByOne.answers);
      expect(batched.balances).toEqual(oneByOne.balances);
      expect(batched.ends).toEqual(oneByOne.ends);
      // Conditional orders must have fired, and OCO legs ended each other, or the comparison proves little.
      expect(oneByOne.ends.filter((e) => e.endsWith(" true")).length).toBeGreaterThan(2);
      expect(oneByOne.ends.some((e) => e.includes("OCO_OTHER_LEG"))).toBe(true);
      const outcomes = new Set(oneByOne.answers.map((a) => JSON.stringify(a).slice(0, 40)));
      // The stream must exercise more than one kind of outcome, or the comparison proves little.
      expect(outcomes.size).toBeGreaterThan(10);
      expect((await auditLedger(file.services.db)).filter((c) => !c.ok)).toEqual([]);
    });
  }
});

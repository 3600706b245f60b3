import { describe, expect, it } from "vitest";
import { type Answer, placeCommand, runAsOneBatch } from "../../../../tests/batch-helpers";
import { createTestMarket, createTestUser } from "../../../../tests/fixtures";
import { servicesForThisFile } from "../../../../tests/file-services";
import { findBalances } from "../../db/queries/balances";
import { formatDecimal } from "@/domain/decimal";
import { SIDES, STP_MODES, TIME_IN_FORCE } from "@/domain/types";
import { auditLedger } from "../../db/queries/ledger-audit";
import type { OrderView } from "../views";
import type { OrderCommand, PlaceResult } from "./commands";

/**
 * Batching must not change what happens: the same random command streams, executed one command
 * per transaction in one market and in batches of random sizes in another (same users' twins,
 * same funds), must give every command the same answer and every user the same balances.
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
  | { kind: "cancel" | "amend"; persona: number; target: number; quantity: string }
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
      if (roll < 0.12 && target !== null) chunk.push({ kind: "cancel", persona, target, quantity: "" });
      else if (roll < 0.2 && target !== null) chunk.push({ kind: "amend", persona, target, quantity: `0.${1 + r.int(9)}` });
      else if (roll < 0.23) chunk.push({ kind: "cancelAll", persona });
      else {
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
  });
  if ("canceled" in value) return { canceled: value.canceled };
  if ("replayed" in value) {
    const placed = value as PlaceResult;
    return { ...order(placed.order), replayed: placed.replayed, trades: placed.trades.map((t) => `${t.quantity}@${t.price}`) };
  }
  return order(value);
}

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
      if (step.kind === "cancelAll") return { kind: "cancelAll", userId, limit: 500 };
      // A target whose placement was refused names no order: an id nobody has.
      const orderId = orderIds.get(step.target) ?? 9_000_000_000n;
      return step.kind === "cancel"
        ? { kind: "cancel", userId, orderId }
        : { kind: "amend", userId, orderId, quantityText: step.quantity };
    });
    const results = batched
      ? await runAsOneBatch(file.services, market.symbol, commands)
      : await commands.reduce<Promise<Answer[]>>(
          async (done, command) => [...(await done), ...(await runAsOneBatch(file.services, market.symbol, [command]))],
          Promise.resolve([]),
        );
    results.forEach((answer, i) => {
      if (answer.ok && "replayed" in answer.value && !answer.value.replayed)
        orderIds.set(index + i, BigInt(answer.value.order.id));
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
  return { answers, balances };
}

describe("[ORDER] batches give the same answers as one transaction per command", () => {
  for (const seed of SEEDS) {
    it(`random command stream, seed ${seed}`, async () => {
      const chunks = plan(seed);
      const oneByOne = await runPlan(chunks, false);
      const batched = await runPlan(chunks, true);
      expect(batched.answers).toEqual(oneByOne.answers);
      expect(batched.balances).toEqual(oneByOne.balances);
      const outcomes = new Set(oneByOne.answers.map((a) => JSON.stringify(a).slice(0, 40)));
      // The stream must exercise more than one kind of outcome, or the comparison proves little.
      expect(outcomes.size).toBeGreaterThan(10);
      expect((await auditLedger(file.services.db)).filter((c) => !c.ok)).toEqual([]);
    });
  }
});

import { beforeAll, describe, expect, it } from "vitest";
import { servicesForThisFile } from "../../../../tests/file-services";
import { createTestMarket, createTestServices, createTestUser } from "../../../../tests/fixtures";
import { hasRealPostgres } from "../../../../tests/test-db";
import { isDomainError } from "@/domain/errors";
import { auditLedger } from "../../db/queries/ledger-audit";
import { and, count, eq, inArray, isNotNull } from "drizzle-orm";
import { orders } from "../../db/schema";
import { cancelOrder } from "./cancel-order";
import type { PlaceOrderRequest } from "./order-input";
import { placeOcoOrder } from "./place-oco";
import { placeOrder } from "./place-order";

/**
 * Concurrency only means something with real connections: PGlite runs one transaction at a
 * time. CI always sets TEST_DATABASE_URL, so these never silently skip there.
 */
const POOL_SIZE = 16;
const onPostgres = hasRealPostgres();

describe.skipIf(!onPostgres)("[CONCURRENCY] on real Postgres (SKIPPED: set TEST_DATABASE_URL to run)", () => {
  const { services, database } = servicesForThisFile({ poolSize: POOL_SIZE });
  let symbols: string[];

  beforeAll(async () => {
    symbols = [];
    for (let i = 0; i < 3; i++) symbols.push((await createTestMarket(services)).symbol);
  });

  const expectAuditClean = async () => expect((await auditLedger(services.db)).filter((c) => !c.ok)).toEqual([]);

  it("50 orders that each need the whole balance: exactly one is accepted, 100 times over", async () => {
    for (let round = 0; round < 100; round++) {
      // 10.00 × 1 + 20 bps worst-case fee = 10.02: the whole balance.
      const userId = await createTestUser(services, { USD: "10.02" });
      const attempts = Array.from({ length: 50 }, (_, i) =>
        placeOrder(services, {
          userId,
          market: symbols[i % symbols.length] ?? "",
          side: "BUY",
          type: "LIMIT",
          price: "10.00",
          quantity: "1",
        }),
      );
      const results = await Promise.allSettled(attempts);
      const accepted = results.filter((r) => r.status === "fulfilled");
      const refused = results.filter(
        (r) => r.status === "rejected" && isDomainError(r.reason) && r.reason.code === "INSUFFICIENT_FUNDS",
      );
      expect(accepted).toHaveLength(1);
      expect(refused).toHaveLength(49);
    }
    await expectAuditClean();
  }, 300_000);

  it("the same clientOrderId sent 10 times at once creates one order", async () => {
    const userId = await createTestUser(services, { USD: "1000.00" });
    const request = {
      userId,
      market: symbols[0] ?? "",
      side: "BUY" as const,
      type: "LIMIT" as const,
      price: "1.00",
      quantity: "1",
      clientOrderId: "same-10",
    };
    const results = await Promise.all(Array.from({ length: 10 }, () => placeOrder(services, request)));
    expect(new Set(results.map((r) => r.order.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
  });

  it("copies of a clientOrderId on three instances, in one market and across markets, make one order", async () => {
    // Each instance has its own queues: the same market's batches meet at the market lock, other
    // markets' at the unique index, and every copy must still answer with the one order.
    const instances = [services, createTestServices(database.db), createTestServices(database.db)];
    for (let round = 0; round < 10; round++) {
      const userId = await createTestUser(services, { USD: "1000.00" });
      const copies = Array.from({ length: 12 }, (_, i) =>
        placeOrder(instances[i % instances.length] ?? services, {
          userId,
          market: symbols[round % 2 === 0 ? 0 : i % symbols.length] ?? "",
          side: "BUY",
          type: "LIMIT",
          price: "1.00",
          quantity: "1",
          clientOrderId: `copies-${round}`,
        }).then(
          (r) => ({ id: r.order.id, replayed: r.replayed, market: r.order.market }),
          (e: unknown) => ({ error: isDomainError(e) ? e.code : String(e) }),
        ),
      );
      const results = await Promise.all(copies);
      const accepted = results.flatMap((r) => ("id" in r ? [r] : []));
      if (round % 2 === 0) {
        expect(accepted).toHaveLength(12);
        expect(new Set(accepted.map((r) => r.id)).size).toBe(1);
        expect(accepted.filter((r) => !r.replayed)).toHaveLength(1);
      } else {
        // Copies sent to another market than the winner's are a different order: a conflict.
        const winner = accepted.find((r) => !r.replayed);
        expect(accepted.filter((r) => !r.replayed)).toHaveLength(1);
        expect(accepted.every((r) => r.id === winner?.id && r.market === winner?.market)).toBe(true);
        expect(results.filter((r) => "error" in r).every((r) => "error" in r && r.error === "DUPLICATE_CLIENT_ORDER_ID")).toBe(
          true,
        );
      }
    }
    await expectAuditClean();
  });

  it("10,000 random orders from 20 users over 16 connections in 3 markets leave the books exact", async () => {
    const users: string[] = [];
    for (let i = 0; i < 20; i++) {
      const funds: Record<string, string> = { USD: "100000.00" };
      for (const symbol of symbols) funds[symbol.replace("-USD", "")] = "1000";
      users.push(await createTestUser(services, funds));
    }
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const open: { userId: string; orderId: string }[] = [];
    const TOTAL = 10_000;
    let next = 0;
    let placed = 0;
    let cancels = 0;
    const worker = async () => {
      while (next < TOTAL) {
        next++;
        const userId = users[random(users.length)] ?? "";
        if (open.length > 0 && random(10) === 0) {
          const victim = open.splice(random(open.length), 1)[0];
          if (victim)
            await retryOverloaded(() => cancelOrder(services, victim.userId, { orderId: victim.orderId })).then(
              () => cancels++,
              ignoreExpected,
            );
          continue;
        }
        const side = random(2) === 0 ? "BUY" : "SELL";
        const isMarket = random(8) === 0;
        const price = `${9 + random(3)}.${String(random(100)).padStart(2, "0")}`;
        const request: PlaceOrderRequest = {
          userId,
          market: symbols[random(symbols.length)] ?? "",
          side,
          type: isMarket ? "MARKET" : "LIMIT",
          price: isMarket ? undefined : price,
          quantity: `${1 + random(5)}.${String(random(100)).padStart(2, "0")}`,
          timeInForce: isMarket ? "IOC" : (["GTC", "GTC", "GTC", "IOC", "FOK"] as const)[random(5)],
          selfTradePrevention: (["EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH"] as const)[random(3)],
        };
        const result = await retryOverloaded(() => placeOrder(services, request)).catch(ignoreExpected);
        if (result) {
          placed++;
          if (result.order.status === "NEW" || result.order.status === "PARTIALLY_FILLED")
            open.push({ userId, orderId: result.order.id });
        }
      }
    };
    await Promise.all(Array.from({ length: POOL_SIZE }, worker));
    expect(placed).toBeGreaterThan(8_000);
    expect(cancels).toBeGreaterThan(0);
    await expectAuditClean();
  }, 600_000);

  it("concurrent trades on three instances crossing hundreds of stops, take-profits, trailing stops and OCOs leave the books exact", async () => {
    const instances = [services, createTestServices(database.db), createTestServices(database.db)];
    const markets: string[] = [];
    for (let i = 0; i < 2; i++) markets.push((await createTestMarket(services)).symbol);
    const users: string[] = [];
    for (let i = 0; i < 12; i++) {
      const funds: Record<string, string> = { USD: "100000.00" };
      for (const symbol of markets) funds[symbol.replace("-USD", "")] = "1000";
      users.push(await createTestUser(services, funds));
    }
    let seed = 7;
    // The high bits: an LCG's low bits cycle fast, which would send every pick to the same few users.
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return Math.floor(seed / 65_536) % n;
    };
    const pick = <T>(items: readonly T[]): T => items[random(items.length)] as T;
    const cents = (low: number, span: number) => `${low + random(span)}.${String(random(100)).padStart(2, "0")}`;
    const via = () => pick(instances);
    // Every market trades at 10.00 first, so triggers are placed against a last price.
    for (const market of markets) {
      await placeOrder(services, { userId: users[0] ?? "", market, side: "SELL", type: "LIMIT", price: "10.00", quantity: "1" });
      await placeOrder(services, { userId: users[1] ?? "", market, side: "BUY", type: "LIMIT", price: "10.00", quantity: "1" });
    }
    const conditional = async (userId: string, market: string) => {
      const kind = random(6);
      const quantity = `${1 + random(3)}.${String(random(100)).padStart(2, "0")}`;
      if (kind === 0)
        return placeOrder(via(), { userId, market, side: "SELL", type: "STOP_MARKET", triggerPrice: cents(8, 2), quantity });
      if (kind === 1)
        return placeOrder(via(), {
          userId,
          market,
          side: "BUY",
          type: "STOP_LIMIT",
          triggerPrice: cents(10, 2),
          price: "12.50",
          quantity,
        });
      if (kind === 2)
        return placeOrder(via(), {
          userId,
          market,
          side: "SELL",
          type: "TAKE_PROFIT_LIMIT",
          triggerPrice: cents(10, 2),
          price: "9.00",
          quantity,
        });
      if (kind === 3)
        return placeOrder(via(), {
          userId,
          market,
          side: "BUY",
          type: "TAKE_PROFIT_MARKET",
          triggerPrice: cents(8, 2),
          quoteAmount: "30.00",
        });
      if (kind === 4) {
        const trail = random(2) === 0 ? { trailingDelta: `0.${String(10 + random(60))}` } : { trailingBps: 50 + random(300) };
        // A trailing buy spends a quote amount, a sell its quantity.
        const size = random(2) === 0 ? { side: "BUY" as const, quoteAmount: "25.00" } : { side: "SELL" as const, quantity };
        return placeOrder(via(), { userId, market, type: "TRAILING_STOP", ...trail, ...size });
      }
      return placeOcoOrder(via(), { userId, market, side: "SELL", quantity, price: cents(11, 1), triggerPrice: cents(8, 2) });
    };
    const PENDING = 300;
    let placedConditional = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (placedConditional < PENDING) {
          placedConditional++;
          await retryOverloaded(() => conditional(pick(users), pick(markets))).catch(ignoreExpected);
        }
      }),
    );
    const TOTAL = 3_000;
    let next = 0;
    const worker = async () => {
      while (next < TOTAL) {
        next++;
        const side = random(2) === 0 ? "BUY" : "SELL";
        const isMarket = random(6) === 0;
        const request: PlaceOrderRequest = {
          userId: pick(users),
          market: pick(markets),
          side,
          type: isMarket ? "MARKET" : "LIMIT",
          price: isMarket ? undefined : cents(8, 4),
          quantity: `${1 + random(4)}.${String(random(100)).padStart(2, "0")}`,
          timeInForce: isMarket ? "IOC" : pick(["GTC", "GTC", "IOC"] as const),
        };
        await retryOverloaded(() => placeOrder(via(), request)).catch(ignoreExpected);
      }
    };
    await Promise.all(Array.from({ length: POOL_SIZE }, worker));
    // A bounded step may have left fired orders waiting: the trigger each market's queue sent runs them.
    const waiting = async () =>
      (
        await services.db
          .select({ n: count() })
          .from(orders)
          .where(and(inArray(orders.market, markets), eq(orders.status, "TRIGGERED")))
      )[0]?.n ?? 0;
    for (let i = 0; i < 200 && (await waiting()) > 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(await waiting()).toBe(0);
    const [fired] = await services.db
      .select({ n: count() })
      .from(orders)
      .where(and(inArray(orders.market, markets), isNotNull(orders.triggeredAt)));
    expect(fired?.n ?? 0).toBeGreaterThan(50);
    await expectAuditClean();
  }, 600_000);
});

/** Refusals a random stream is expected to meet; anything else fails the test. */
/**
 * A command refused with OVERLOADED was not run (its queue waited past ORDER_QUEUE_WAIT_MS, as
 * on a CI machine running several suites at once); a client sends it again, and so does this.
 */
async function retryOverloaded<T>(command: () => Promise<T>, attempts = 20): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await command();
    } catch (error) {
      if (!(isDomainError(error) && error.code === "OVERLOADED") || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

function ignoreExpected(error: unknown): undefined {
  const expected = [
    "INSUFFICIENT_FUNDS",
    "ORDER_NOT_OPEN",
    "NOTIONAL_BELOW_MINIMUM",
    // Conditional orders placed against a moving price.
    "TRIGGER_WOULD_FIRE_NOW",
    "OCO_PRICES_INCONSISTENT",
  ];
  if (isDomainError(error) && expected.includes(error.code)) return undefined;
  throw error;
}

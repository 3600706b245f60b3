import { and, asc, eq, gt, lte, max, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/env";
import { callerFor, createTestMarket, createTestServices, createTestUser, sessionUser } from "../../../../tests/fixtures";
import { servicesForThisFile } from "../../../../tests/file-services";
import { LocalBook, type Received, readItems, readUntil, streamingCaller } from "../../../../tests/live-helpers";
import { hasRealPostgres } from "../../../../tests/test-db";
import { events } from "../../db/schema";
import { isDomainError } from "@/domain/errors";
import { marketTopic } from "../trading/book-events";
import { pruneExpiredEvents } from "../live/event-retention";
import type { TradesStreamItem } from "./market-streams";

const { services, database } = servicesForThisFile();

async function setup() {
  const market = await createTestMarket(services);
  const funds = { USD: "1000000.00", [market.base]: "100000" };
  const ids = await Promise.all([
    createTestUser(services, funds),
    createTestUser(services, funds),
    createTestUser(services, funds),
  ]);
  const [alice, bob, carol] = ids.map((id) => callerFor(services, sessionUser(id)));
  if (!alice || !bob || !carol) throw new Error("users missing");
  return { market, alice, bob, carol, traders: [alice, bob, carol] };
}

async function logSeqs(topic: string, type: string, afterSeq: bigint): Promise<string[]> {
  const rows = await services.db
    .select({ seq: events.seq })
    .from(events)
    .where(and(eq(events.topic, topic), eq(events.type, type), gt(events.seq, afterSeq)))
    .orderBy(asc(events.seq));
  return rows.map((r) => r.seq.toString());
}

const pick = <T>(items: readonly T[]): T => {
  const item = items[Math.floor(Math.random() * items.length)];
  if (item === undefined) throw new Error("empty list");
  return item;
};
const price = () => (900 + 5 * Math.floor(Math.random() * 40)).toString().replace(/(\d\d)$/, ".$1");
const quantity = () => (0.2 + Math.floor(Math.random() * 30) / 10).toFixed(2);
/** Expected rejections of random commands (filled before the cancel, nothing to amend...). */
const ignoreDomain = (error: unknown) => {
  if (!isDomainError(error) && !isDomainError((error as { cause?: unknown }).cause)) throw error;
};

describe(`[LIVE] market streams (${hasRealPostgres() ? "postgres" : "pglite"})`, () => {
  it("onTrades: with random client aborts during a stream of trades, the seqs received equal the log", async () => {
    const { market, alice, bob } = await setup();
    const producer = (async () => {
      for (let i = 0; i < 40; i++) {
        await alice.order.place({ market: market.symbol, side: "SELL", type: "LIMIT", price: "10.00", quantity: "0.50" });
        await bob.order.place({
          market: market.symbol,
          side: "BUY",
          type: "LIMIT",
          price: "10.00",
          quantity: i % 3 ? "0.50" : "0.25",
        });
      }
    })();
    let isProducing = true;
    void producer.finally(() => {
      isProducing = false;
    });

    let cursor: string | null = null;
    let start: bigint | null = null;
    const received: string[] = [];
    let connections = 0;
    while (
      isProducing ||
      connections < 3 ||
      received.length < (await logSeqs(marketTopic(market.symbol), "trade", start ?? 0n)).length
    ) {
      connections++;
      const controller = new AbortController();
      const caller = streamingCaller(services, null, controller.signal);
      const iterator = (await caller.market.onTrades({ market: market.symbol, lastEventId: cursor }))[Symbol.asyncIterator]();
      const items: Received<TradesStreamItem>[] = await readItems(iterator, 1 + Math.floor(Math.random() * 8), 500);
      for (const { id, data } of items) {
        if (data.kind === "snapshot") {
          expect(start).toBeNull();
          expect(data.reason).toBe("start");
          start = BigInt(data.seq);
        } else {
          expect(data.seq).toBe(id);
          received.push(id);
        }
        cursor = id;
      }
      controller.abort();
      await iterator.return?.();
      if (connections > 500) throw new Error("too many reconnections");
    }
    await producer;
    expect(start).not.toBeNull();
    expect(received).toEqual(await logSeqs(marketTopic(market.symbol), "trade", start ?? 0n));
    expect(received.length).toBeGreaterThanOrEqual(40);
    expect(connections).toBeGreaterThan(3);
  });

  it("onBook: a snapshot plus diffs ends exactly at market.orderBook, after random places, cancels and amends", async () => {
    const { market, traders } = await setup();
    const early = (await streamingCaller(services, null).market.onBook({ market: market.symbol, depth: 500 }))[
      Symbol.asyncIterator
    ]();
    const books = [{ iterator: early, book: new LocalBook(), seq: "" }];
    const placed: { caller: (typeof traders)[number]; id: string }[] = [];
    for (let i = 0; i < 120; i++) {
      const caller = pick(traders);
      const roll = Math.random();
      try {
        if (roll < 0.6 || placed.length === 0) {
          const { order } = await caller.order.place({
            market: market.symbol,
            side: pick(["BUY", "SELL"] as const),
            type: "LIMIT",
            price: price(),
            quantity: quantity(),
          });
          placed.push({ caller, id: order.id });
        } else if (roll < 0.7) {
          await caller.order.place({
            market: market.symbol,
            side: pick(["BUY", "SELL"] as const),
            type: "MARKET",
            quantity: "0.30",
          });
        } else {
          const target = pick(placed);
          if (roll < 0.85) await target.caller.order.cancel({ orderId: target.id });
          else {
            const current = await target.caller.order.byId({ orderId: target.id });
            const half = (Number(current.quantity ?? "0") / 2).toFixed(2);
            await target.caller.order.amend({ ref: { orderId: target.id }, quantity: half });
          }
        }
      } catch (error) {
        ignoreDomain(error);
      }
      // A second client joins half-way: its snapshot lands in the middle of the diffs.
      if (i === 60) {
        const late = (await streamingCaller(services, null).market.onBook({ market: market.symbol, depth: 500 }))[
          Symbol.asyncIterator
        ]();
        books.push({ iterator: late, book: new LocalBook(), seq: "" });
      }
    }
    const final = await traders[0]?.market.orderBook({ market: market.symbol, depth: 500 });
    const [lastBook] = await services.db
      .select({ seq: max(events.seq) })
      .from(events)
      .where(and(eq(events.topic, marketTopic(market.symbol)), eq(events.type, "book")));
    const lastBookSeq = lastBook?.seq ?? 0n;
    for (const client of books) {
      const items = await readUntil(client.iterator, ({ id }) => BigInt(id) >= lastBookSeq);
      for (const { data } of items) {
        if (data.kind === "snapshot") client.book.load(data.bids, data.asks);
        else {
          // Each diff names the seq it follows: no gap between what this client holds and it.
          expect(data.prevSeq).toBe(client.seq);
          client.book.apply(data.bids, data.asks);
        }
        client.seq = data.seq;
      }
      expect(client.book.top(500)).toEqual({ bids: final?.bids, asks: final?.asks });
      await client.iterator.return?.();
    }
  });

  it("ticker, list and candles agree with the stream of ticker and candle updates", async () => {
    const { market, alice, bob } = await setup();
    const tickers = (await streamingCaller(services, null).market.onTicker({ market: market.symbol }))[Symbol.asyncIterator]();
    const candles = (await streamingCaller(services, null).market.onCandles({ market: market.symbol, interval: "1m" }))[
      Symbol.asyncIterator
    ]();
    const [tickerSnapshot] = await readItems(tickers, 1);
    expect(tickerSnapshot?.data).toMatchObject({ kind: "snapshot", reason: "start", ticker: { tradeCount: 0, last: null } });
    expect((await readItems(candles, 1))[0]?.data).toMatchObject({ kind: "snapshot", candles: [] });

    await alice.order.place({ market: market.symbol, side: "SELL", type: "LIMIT", price: "10.00", quantity: "1" });
    await alice.order.place({ market: market.symbol, side: "SELL", type: "LIMIT", price: "12.00", quantity: "1" });
    await bob.order.place({ market: market.symbol, side: "BUY", type: "LIMIT", price: "12.00", quantity: "1.50" });
    await bob.order.place({ market: market.symbol, side: "BUY", type: "LIMIT", price: "11.00", quantity: "1" });
    await alice.order.place({ market: market.symbol, side: "SELL", type: "MARKET", quantity: "0.50" });

    const tickerItems = await readItems(tickers, 2);
    expect(tickerItems.map((i) => i.data.kind)).toEqual(["ticker", "ticker"]);
    const live = tickerItems.at(-1)?.data.ticker;
    const { time: _liveTime, ...liveFigures } = live ?? { time: "" };
    const { time: _time, ...fetched } = await alice.market.ticker({ symbol: market.symbol });
    expect(fetched).toEqual(liveFigures);
    expect(fetched).toMatchObject({
      open: "10.00",
      high: "12.00",
      low: "10.00",
      last: "11.00",
      change: "1.00",
      changePercent: "10.00",
      baseVolume: "2.0000",
      quoteVolume: "21.50",
      tradeCount: 3,
    });
    const listed = (await alice.market.list()).find((m) => m.symbol === market.symbol);
    expect(listed?.ticker).toMatchObject(liveFigures);

    const candleItems = await readItems(candles, 3);
    const lastCandle = candleItems.at(-1)?.data;
    const fetchedCandles = await alice.market.candles({ market: market.symbol, interval: "1m" });
    expect(lastCandle?.kind).toBe("candle");
    if (lastCandle?.kind === "candle") expect(lastCandle.candle).toEqual(fetchedCandles.at(-1));
    expect(fetchedCandles.at(-1)).toMatchObject({ open: "10.00", high: "12.00", low: "10.00", close: "11.00", tradeCount: 3 });
    await tickers.return?.();
    await candles.return?.();
  });

  it("refuses an unknown market (NOT_FOUND) and streams past the instance's limit (TOO_MANY_REQUESTS) before streaming", async () => {
    await expect(streamingCaller(services, null).market.onTrades({ market: "NOPE-USD" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    process.env.LIVE_MAX_STREAMS = "2";
    resetEnvForTests();
    try {
      // Its own bus, so its own hub, created with the limit above.
      const limited = createTestServices(database.db);
      const market = await createTestMarket(limited);
      const open = async () =>
        (await streamingCaller(limited, null).market.onTicker({ market: market.symbol }))[Symbol.asyncIterator]();
      const first = await open();
      const second = await open();
      await readItems(first, 1);
      await readItems(second, 1);
      await expect(streamingCaller(limited, null).market.onTicker({ market: market.symbol })).rejects.toMatchObject({
        code: "TOO_MANY_REQUESTS",
      });
      await first.return?.();
      const third = await open();
      expect(await readItems(third, 1)).toHaveLength(1);
      await Promise.all([second.return?.(), third.return?.()]);
    } finally {
      delete process.env.LIVE_MAX_STREAMS;
      resetEnvForTests();
    }
  });

  it("a cursor older than retention gets a fresh snapshot (reason reset); a newer one resumes", async () => {
    const { market, alice, bob } = await setup();
    await alice.order.place({ market: market.symbol, side: "SELL", type: "LIMIT", price: "10.00", quantity: "1" });
    await bob.order.place({ market: market.symbol, side: "BUY", type: "LIMIT", price: "10.00", quantity: "0.50" });
    const [oldTrade] = await logSeqs(marketTopic(market.symbol), "trade", 0n);
    await bob.order.place({ market: market.symbol, side: "BUY", type: "LIMIT", price: "10.00", quantity: "0.50" });
    const [, newTrade] = await logSeqs(marketTopic(market.symbol), "trade", 0n);
    // Everything up to the first trade is "three days old".
    await services.db
      .update(events)
      .set({ createdAt: sql`now() - interval '73 hours'` })
      .where(lte(events.seq, BigInt(oldTrade ?? "0")));
    const pruned = await pruneExpiredEvents(services.db, { retentionHours: 72 });
    expect(pruned.deleted).toBeGreaterThan(0);
    expect(pruned.oldestSeq).toBeGreaterThan(BigInt(oldTrade ?? "0"));

    const tooOld = (await streamingCaller(services, null).market.onTrades({ market: market.symbol, lastEventId: "1" }))[
      Symbol.asyncIterator
    ]();
    const [reset] = await readItems(tooOld, 1);
    expect(reset?.data).toMatchObject({ kind: "snapshot", reason: "reset" });
    if (reset?.data.kind === "snapshot") expect(reset.data.trades.map((t) => t.quantity)).toEqual(["0.5000", "0.5000"]);
    await tooOld.return?.();

    const resumed = (await streamingCaller(services, null).market.onTrades({ market: market.symbol, lastEventId: oldTrade }))[
      Symbol.asyncIterator
    ]();
    expect((await readItems(resumed, 1))[0]).toMatchObject({ id: newTrade, data: { kind: "trade" } });
    await resumed.return?.();
  });
});

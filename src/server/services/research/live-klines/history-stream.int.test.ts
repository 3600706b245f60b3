import { describe, expect, it } from "vitest";
import { bucketStart } from "@/domain/candles";
import type { ImportedKline } from "@/domain/klines/parse-kline";
import { servicesForThisFile } from "../../../../../tests/file-services";
import { createTestMarket } from "../../../../../tests/fixtures";
import { readItems, readUntil, streamingCaller } from "../../../../../tests/live-helpers";
import { hasRealPostgres } from "../../../../../tests/test-db";
import { type HistoryTarget, publishFormingKline, storeClosedKline, storeGapPage } from "./history-events";
import type { HistoryStreamItem } from "./history-stream";

const { services } = servicesForThisFile();
const MIN = 60_000;

async function target(): Promise<HistoryTarget> {
  const market = await createTestMarket(services);
  return { market: market.symbol, interval: "1m", baseScale: 4, quoteScale: 2, source: "127.0.0.1/xusdt@kline_1m" };
}

function kline(openTimeMs: number, close: bigint): ImportedKline {
  return {
    openTimeMs,
    closeTimeMs: openTimeMs + MIN - 1,
    open: 4_000_000n,
    high: 4_010_000n,
    low: 3_990_000n,
    close,
    baseVolume: 15_000n,
    quoteVolume: 6_000_000n,
    tradeCount: 12,
    takerBuyBaseVolume: 10_000n,
    takerBuyQuoteVolume: 4_000_000n,
  };
}

async function subscribe(market: string, signal?: AbortSignal) {
  const stream = await streamingCaller(services, null, signal).market.onHistory({ market, interval: "1m" });
  return stream[Symbol.asyncIterator]();
}

describe(`[KLINES] market.onHistory (${hasRealPostgres() ? "postgres" : "pglite"})`, () => {
  it("starts with no forming candle, then streams forming, closed and filled", async () => {
    const to = await target();
    const iterator = await subscribe(to.market);
    const [snapshot] = await readItems<HistoryStreamItem>(iterator, 1);
    expect(snapshot?.data).toMatchObject({ kind: "snapshot", reason: "start", market: to.market, interval: "1m", forming: null });

    const now = bucketStart(Date.now(), "1m");
    await publishFormingKline(services, to, kline(now, 4_001_000n));
    await storeClosedKline(services, to, kline(now, 4_002_000n));
    await storeGapPage(services, to, [kline(now - 3 * MIN, 4_000_000n), kline(now - 2 * MIN, 4_000_000n)]);
    const items = await readUntil<HistoryStreamItem>(iterator, (item) => item.data.kind === "filled");
    expect(items.map((i) => i.data)).toMatchObject([
      { kind: "kline", candle: { market: to.market, interval: "1m", openTime: now, close: "40010.00", isClosed: false } },
      { kind: "kline", candle: { openTime: now, close: "40020.00", isClosed: true, source: to.source, baseVolume: "1.5000" } },
      { kind: "filled", market: to.market, fromOpenTime: now - 3 * MIN, toOpenTime: now - 2 * MIN, inserted: 2 },
    ]);
    // Ids are the events' seqs, increasing.
    const ids = items.map((i) => BigInt(i.id));
    expect([...ids].sort((a, b) => (a < b ? -1 : 1))).toEqual(ids);
    await iterator.return?.();
  });

  it("a new subscriber's snapshot holds the forming candle while it is fresh, not once it closed", async () => {
    const to = await target();
    const now = bucketStart(Date.now(), "1m");
    await publishFormingKline(services, to, kline(now, 4_003_000n));
    const forming = await subscribe(to.market);
    expect((await readItems<HistoryStreamItem>(forming, 1))[0]?.data).toMatchObject({
      kind: "snapshot",
      forming: { openTime: now, close: "40030.00", isClosed: false },
    });
    await forming.return?.();

    await storeClosedKline(services, to, kline(now, 4_003_000n));
    const closed = await subscribe(to.market);
    expect((await readItems<HistoryStreamItem>(closed, 1))[0]?.data).toMatchObject({ kind: "snapshot", forming: null });
    await closed.return?.();

    // A forming candle from a stream that went quiet an hour ago is not shown as forming.
    const stale = await target();
    await publishFormingKline(services, stale, kline(now - 60 * MIN, 4_000_000n));
    const quiet = await subscribe(stale.market);
    expect((await readItems<HistoryStreamItem>(quiet, 1))[0]?.data).toMatchObject({ kind: "snapshot", forming: null });
    await quiet.return?.();
  });

  it("refuses an unknown market before streaming", async () => {
    await expect(subscribe("NOPE-USD")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { servicesForThisFile } from "../../../../tests/file-services";
import { callerFor, createTestMarket } from "../../../../tests/fixtures";
import { hasRealPostgres } from "../../../../tests/test-db";
import { lockMarket } from "../../db/queries/markets";
import { importedCandles } from "../../db/schema";
import { getCandles } from "../markets/candles";
import { getImportedCandles } from "./imported-candles";
import { type ImportKlinesOptions, importKlines } from "./import-klines";
import { openKlineFile } from "../../files/kline-files";

const FIXTURES = path.resolve(import.meta.dirname, "../../../../tests/fixtures/klines");
const T0 = 1_704_067_200_000; // 2024-01-01T00:00Z, the fixtures' first open time
const T2025 = 1_735_689_600_000;

const testDb = servicesForThisFile();

/** A fresh market per test (base at 4 decimals, USD at 2, tick 0.01), so counts never mix. */
const freshMarket = async () => (await createTestMarket(testDb.services)).symbol;

async function importFixture(market: string, fileName: string, options: Partial<ImportKlinesOptions> = {}) {
  const file = await openKlineFile(path.resolve(FIXTURES, fileName));
  return importKlines(testDb.services.db, file.chunks, {
    market,
    interval: "1m",
    fileName: file.name,
    skipBad: false,
    priceRounding: "reject",
    ...options,
  });
}

const textStream = (text: string, pieceChars = 7) =>
  Readable.from(
    Array.from({ length: Math.ceil(text.length / pieceChars) }, (_, i) =>
      Buffer.from(text.slice(i * pieceChars, (i + 1) * pieceChars)),
    ),
  );

async function stored(market: string) {
  return testDb.services.db
    .select()
    .from(importedCandles)
    .where(and(eq(importedCandles.market, market), eq(importedCandles.interval, "1m")))
    .orderBy(importedCandles.openTime);
}

describe(`[RESEARCH] importing Binance klines (${hasRealPostgres() ? "postgres" : "pglite"})`, () => {
  it("imports a headerless CSV in minor units, volumes floored to the base scale, labelled with its source", async () => {
    const market = await freshMarket();
    const report = await importFixture(market, "BTCUSDT-1m-2024-01-01.csv");
    expect(report).toMatchObject({
      status: "imported",
      format: "csv",
      rows: 5,
      inserted: 5,
      duplicates: 0,
      bad: 0,
      source: "binance:BTCUSDT",
    });
    expect(report.bytesRead).toBe(788);
    const rows = await stored(market);
    expect(rows.map((r) => r.openTime.getTime())).toEqual([0, 1, 2, 3, 4].map((i) => T0 + i * 60_000));
    expect(rows[0]).toMatchObject({
      open: 4228358n,
      high: 4228435n,
      low: 4228019n,
      close: 4228221n,
      tradeCount: 2294,
      source: "binance:BTCUSDT",
    });
    expect(rows[0]?.baseVolume).toBe(2856554n); // 285.65546065 at 4 decimals, floored
    expect(rows[0]?.quoteVolume).toBe(1207816131n); // 12078161.31417767 at 2 decimals, floored
  });

  it("skips a header and reads CRLF, microsecond times, the REST endpoint's JSON and a zip, all to the same candles", async () => {
    const reference = await freshMarket();
    await importFixture(reference, "BTCUSDT-1m-2024-01-01.csv");
    const values = (rows: Awaited<ReturnType<typeof stored>>, shiftMs = 0) =>
      rows.map((r) => [
        r.openTime.getTime() - shiftMs,
        r.open,
        r.high,
        r.low,
        r.close,
        r.baseVolume,
        r.quoteVolume,
        r.tradeCount,
      ]);
    const expected = values(await stored(reference));
    for (const [fileName, format, shiftMs] of [
      ["BTCUSDT-1m-2024-01-01-header.csv", "csv", 0],
      ["BTCUSDT-1m-2024-01-01.json", "json", 0],
      ["BTCUSDT-1m-2024-01-01.zip", "csv", 0],
      ["BTCUSDT-1m-2025-01-01.csv", "csv", T2025 - T0],
    ] as const) {
      const market = await freshMarket();
      const report = await importFixture(market, fileName);
      expect([fileName, report.status, report.format, report.inserted]).toEqual([fileName, "imported", format, 5]);
      expect(values(await stored(market), shiftMs)).toEqual(expected);
    }
  });

  it("refuses a file with a bad row and writes none of it, naming each bad row's line", async () => {
    const market = await freshMarket();
    const report = await importFixture(market, "bad-rows.csv");
    expect(report).toMatchObject({ status: "refused", rows: 5, inserted: 0, bad: 2 });
    expect(report.badRows.map((b) => [b.line, b.code, b.column])).toEqual([
      [2, "KLINE_PRICE_NOT_ON_TICK", "open"],
      [4, "KLINE_OHLC_INCONSISTENT", "low..high"],
    ]);
    expect(await stored(market)).toEqual([]);
  });

  it("refuses the whole file, with chunks already written, when a bad row comes late", async () => {
    const market = await freshMarket();
    const text = `${await readFile(path.join(FIXTURES, "BTCUSDT-1m-2024-01-01.csv"), "utf8")}garbage\n`;
    const report = await importKlines(testDb.services.db, textStream(text), {
      market,
      interval: "1m",
      fileName: "late.csv",
      skipBad: false,
      priceRounding: "reject",
      chunkRows: 2,
    });
    expect(report).toMatchObject({ status: "refused", bad: 1, badRows: [{ line: 6, code: "KLINE_COLUMN_COUNT" }] });
    expect(await stored(market)).toEqual([]);
  });

  it("with skipBad writes the good rows and lists the bad", async () => {
    const market = await freshMarket();
    const report = await importFixture(market, "bad-rows.csv", { skipBad: true });
    expect(report).toMatchObject({ status: "imported", rows: 5, inserted: 3, bad: 2 });
    expect(report.badRows.map((b) => b.line)).toEqual([2, 4]);
    expect((await stored(market)).map((r) => r.openTime.getTime())).toEqual([T0, T0 + 120_000, T0 + 240_000]);
  });

  it("rounds an off-tick price half-up to the tick when asked", async () => {
    const market = await freshMarket();
    const report = await importFixture(market, "bad-rows.csv", { skipBad: true, priceRounding: "nearest-tick" });
    expect(report).toMatchObject({ inserted: 4, bad: 1 });
    expect((await stored(market))[1]?.open).toBe(4228222n); // 42282.215 → 42282.22
  });

  it("is idempotent: importing the same file again changes nothing and counts duplicates", async () => {
    const market = await freshMarket();
    await importFixture(market, "BTCUSDT-1m-2024-01-01.zip");
    const before = await stored(market);
    const again = await importFixture(market, "BTCUSDT-1m-2024-01-01.csv", { source: "another-label" });
    expect(again).toMatchObject({ status: "imported", inserted: 0, duplicates: 5, differing: 0 });
    expect(await stored(market)).toEqual(before);
    // Overlapping with different values: the stored rows win, and the difference is reported.
    const rounded = await importFixture(market, "bad-rows.csv", { skipBad: true, priceRounding: "nearest-tick" });
    expect(rounded).toMatchObject({ inserted: 0, duplicates: 4, differing: 1 });
    expect(await stored(market)).toEqual(before);
  });

  it("refuses a malformed JSON file and a zip that is not one file, writing nothing", async () => {
    const market = await freshMarket();
    const report = await importKlines(testDb.services.db, textStream('[[1704067200000,"1"],\n{"a"'), {
      market,
      interval: "1m",
      fileName: "broken.json",
      skipBad: true,
      priceRounding: "reject",
    });
    expect(report).toMatchObject({ status: "refused", format: "json", fileIssue: { code: "KLINE_JSON_MALFORMED", line: 2 } });
    await expect(openKlineFile(path.join(FIXTURES, "two-files.zip"))).rejects.toMatchObject({ code: "KLINE_ZIP_NOT_ONE_FILE" });
    const zip = await readFile(path.join(FIXTURES, "BTCUSDT-1m-2024-01-01.zip"));
    const folder = await mkdtemp(path.join(tmpdir(), "bourse-zip-"));
    try {
      await writeFile(path.join(folder, "truncated.zip"), zip.subarray(0, 300));
      await expect(openKlineFile(path.join(folder, "truncated.zip"))).rejects.toMatchObject({ code: "KLINE_ZIP_UNREADABLE" });
      const damaged = Buffer.from(zip);
      damaged.fill(0xff, 100, 120); // inside the compressed data: inflate or the checksum fails
      await writeFile(path.join(folder, "damaged.zip"), damaged);
      const file = await openKlineFile(path.join(folder, "damaged.zip"));
      // Inflating starts on opening: the damage shows before the import reads, and must wait for it.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const report = await importKlines(testDb.services.db, file.chunks, {
        market,
        interval: "1m",
        fileName: file.name,
        skipBad: false,
        priceRounding: "reject",
      });
      expect(report).toMatchObject({ status: "refused", fileIssue: { code: "KLINE_ZIP_UNREADABLE" } });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
    expect(await stored(market)).toEqual([]);
  });

  it("refuses an unknown market before reading", async () => {
    await expect(importFixture("NOPE-USD", "BTCUSDT-1m-2024-01-01.csv")).rejects.toMatchObject({ code: "MARKET_NOT_FOUND" });
  });

  it("rolls back when aborted mid-file", async () => {
    const market = await freshMarket();
    const controller = new AbortController();
    const text = await readFile(path.join(FIXTURES, "BTCUSDT-1m-2024-01-01.csv"), "utf8");
    const options = {
      market,
      interval: "1m",
      fileName: "a.csv",
      skipBad: false,
      priceRounding: "reject",
      chunkRows: 1,
      signal: controller.signal,
    } as const;
    const importing = importKlines(testDb.services.db, textStream(text, 200), {
      ...options,
      onProgress: ({ rows }) => rows >= 2 && controller.abort(),
    });
    await expect(importing).rejects.toThrow();
    expect(await stored(market)).toEqual([]);
  });

  it("keeps imported history apart from the market's own candles, and pages it for the chart", async () => {
    const market = await freshMarket();
    await importFixture(market, "BTCUSDT-1m-2024-01-01.csv");
    expect(await getCandles(testDb.services, { market, interval: "1m", startTime: T0, limit: 10 }, T0 + 600_000)).toEqual([]);
    const newest = await getImportedCandles(testDb.services, { market, interval: "1m", limit: 2 });
    expect(newest.map((c) => c.openTime)).toEqual([T0 + 180_000, T0 + 240_000]);
    expect(newest[0]).toMatchObject({
      open: "42268.89",
      baseVolume: "3127.8894",
      source: "binance:BTCUSDT",
      closeTime: T0 + 239_999,
    });
    const before = await getImportedCandles(testDb.services, { market, interval: "1m", endTime: T0 + 179_999, limit: 10 });
    expect(before.map((c) => c.openTime)).toEqual([T0, T0 + 60_000, T0 + 120_000]);
    const forward = await getImportedCandles(testDb.services, {
      market,
      interval: "1m",
      startTime: T0 + 60_000,
      endTime: T0 + 120_000,
      limit: 10,
    });
    expect(forward.map((c) => c.openTime)).toEqual([T0 + 60_000, T0 + 120_000]);
    expect(await getImportedCandles(testDb.services, { market, interval: "5m", limit: 10 })).toEqual([]);
  });

  it("serves imported history through market.history, with its source, and nothing through market.candles", async () => {
    const market = await freshMarket();
    await importFixture(market, "BTCUSDT-1m-2024-01-01.csv");
    const caller = callerFor(testDb.services, null);
    const history = await caller.market.history({ market, interval: "1m", endTime: T0 + 120_000, limit: 2 });
    expect(history.map((c) => c.openTime)).toEqual([T0 + 60_000, T0 + 120_000]);
    expect(history.map((c) => c.source)).toEqual(["binance:BTCUSDT", "binance:BTCUSDT"]);
    expect(await caller.market.candles({ market, interval: "1m", endTime: T0 + 300_000 })).toEqual([]);
  });

  it.skipIf(!hasRealPostgres())("imports while another transaction holds the market lock order entry takes", async () => {
    const market = await freshMarket();
    const report = await testDb.services.db.transaction(async (tx) => {
      await lockMarket(tx, market);
      await tx.execute(sql`select 1`);
      return importFixture(market, "BTCUSDT-1m-2024-01-01.csv");
    });
    expect(report).toMatchObject({ status: "imported", inserted: 5 });
  });
});

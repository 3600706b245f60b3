/**
 * A year of one-minute candles (525,600 rows, ~80 MB of CSV) streams through the import with
 * bounded memory. The rate is printed, not asserted: it depends on the machine and its load.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { and, count, eq, max } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { servicesForThisFile } from "../../../../tests/file-services";
import { writeMinuteKlines } from "../../../../tests/kline-year";
import { createTestMarket } from "../../../../tests/fixtures";
import { importedCandles } from "../../db/schema";
import { importKlines } from "./import-klines";
import { openKlineFile } from "../../files/kline-files";

const ROWS = 525_600;
const T0 = 1_704_067_200_000; // 2024-01-01T00:00Z
const MINUTE = 60_000;

const testDb = servicesForThisFile();
let folder = "";

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "bourse-klines-"));
});
afterAll(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
});

/** Node's collector, without --expose-gc on the command line (the flag may be set at run time). */
function exposedGc(): () => void {
  setFlagsFromString("--expose-gc");
  const gc: unknown = runInNewContext("gc");
  if (typeof gc !== "function") throw new Error("gc is not exposed");
  return () => void gc();
}

describe("[RESEARCH] a year of one-minute klines", () => {
  it("streams 525,600 rows through with bounded memory", { timeout: 20 * 60_000 }, async () => {
    const market = (await createTestMarket(testDb.services)).symbol;
    const file = path.join(folder, "BTCUSDT-1m-2024.csv");
    await writeMinuteKlines(file, { rows: ROWS, startMs: T0 });
    const opened = await openKlineFile(file);
    // Live memory, not garbage waiting for a collection: collect, then read the heap, at every tenth of the file.
    const collect = exposedGc();
    collect();
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    let nextSample = 0;
    const report = await importKlines(testDb.services.db, opened.chunks, {
      market,
      interval: "1m",
      fileName: opened.name,
      skipBad: false,
      priceRounding: "reject",
      onProgress: ({ bytesRead }) => {
        if (bytesRead < nextSample) return;
        nextSample += opened.totalBytes / 10;
        collect();
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      },
    });
    expect(report).toMatchObject({ status: "imported", rows: ROWS, inserted: ROWS, bad: 0, bytesRead: opened.totalBytes });
    const [row] = await testDb.services.db
      .select({ rows: count(), last: max(importedCandles.openTime) })
      .from(importedCandles)
      .where(and(eq(importedCandles.market, market), eq(importedCandles.interval, "1m")));
    expect(row).toEqual({ rows: ROWS, last: new Date(T0 + (ROWS - 1) * MINUTE) });
    const rate = Math.round(ROWS / (report.elapsedMs / 1000)); // includes the ten collections, ~0.1 s each at most
    const growthMb = Math.round((peak - baseline) / 2 ** 20);
    console.log(
      `[klines] ${testDb.database.label}: ${ROWS} rows, ${Math.round(opened.totalBytes / 2 ** 20)} MB in ${(report.elapsedMs / 1000).toFixed(1)} s = ${rate} rows/s; live heap grew at most ${growthMb} MB`,
    );
    // The file is 75 MB (150 MB as JS strings, more as klines): two chunks in flight are a few MB.
    expect(growthMb).toBeLessThan(32);
  });
});

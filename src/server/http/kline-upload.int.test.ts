import { readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sessionCookieFor, TEST_SESSION_OPTIONS } from "../../../tests/auth-helpers";
import { servicesForThisFile } from "../../../tests/file-services";
import { createTestMarket, createTestUser } from "../../../tests/fixtures";
import { hasRealPostgres } from "../../../tests/test-db";
import type { UploadLine } from "../../domain/klines/import-report";
import { resolveUser } from "../api/resolve-user";
import { importedCandles } from "../db/schema";
import { createKlineUploadHandler, KLINE_UPLOAD_PATH } from "./kline-upload";

const FIXTURES = path.resolve(import.meta.dirname, "../../../tests/fixtures/klines");
const { services, database } = servicesForThisFile();

function handler(maxBytes = 1024 * 1024) {
  return createKlineUploadHandler({
    getServices: async () => services,
    resolveUser: (db, headers) => resolveUser(db, headers, TEST_SESSION_OPTIONS),
    maxBytes: () => maxBytes,
    // On Postgres the import runs in its worker thread, as in production; PGlite imports on this thread.
    workerDatabaseUrl: () => database.url,
  });
}

const adminCookie = async () => sessionCookieFor(await createTestUser(services, {}, "admin"), 0);

function upload(query: Record<string, string>, body: BodyInit | null, headers: Record<string, string>) {
  const url = `http://bourse.test${KLINE_UPLOAD_PATH}?${new URLSearchParams(query)}`;
  return new Request(url, { method: "POST", headers: { "content-type": "application/octet-stream", ...headers }, body });
}

async function lines(response: Response): Promise<UploadLine[]> {
  const text = await response.text();
  return text
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as UploadLine);
}

async function storedRows(market: string): Promise<number> {
  const [row] = await services.db
    .select({ n: count() })
    .from(importedCandles)
    .where(and(eq(importedCandles.market, market), eq(importedCandles.interval, "1m")));
  return row?.n ?? 0;
}

const fixture = (name: string) => readFile(path.join(FIXTURES, name));
const uploadsLeft = async () => (await readdir(tmpdir())).filter((name) => name.startsWith("bourse-upload-")).length;

describe(`[HTTP] the admin page's kline upload (${hasRealPostgres() ? "postgres" : "pglite"})`, () => {
  it("imports an uploaded zip as the CLI would, streaming its progress and report, and leaves no temp file", async () => {
    const { symbol } = await createTestMarket(services);
    const before = await uploadsLeft();
    const response = await handler()(
      upload({ market: symbol, interval: "1m", name: "BTCUSDT-1m-2024-01-01.zip" }, await fixture("BTCUSDT-1m-2024-01-01.zip"), {
        cookie: await adminCookie(),
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/x-ndjson");
    const answer = await lines(response);
    expect(answer[0]).toMatchObject({
      type: "started",
      fileName: "BTCUSDT-1m-2024-01-01.zip",
      entry: "BTCUSDT-1m-2024-01-01.csv",
    });
    expect(answer.at(-1)).toMatchObject({
      type: "report",
      report: { status: "imported", market: symbol, rows: 5, inserted: 5, source: "binance:BTCUSDT" },
    });
    expect(await storedRows(symbol)).toBe(5);
    expect(await uploadsLeft()).toBe(before);

    const again = await lines(
      await handler()(
        upload(
          { market: symbol, interval: "1m", name: "BTCUSDT-1m-2024-01-01.csv" },
          await fixture("BTCUSDT-1m-2024-01-01.csv"),
          {
            cookie: await adminCookie(),
          },
        ),
      ),
    );
    expect(again.at(-1)).toMatchObject({ type: "report", report: { inserted: 0, duplicates: 5 } });
    expect(await storedRows(symbol)).toBe(5);
  });

  it("refuses a file with bad rows whole unless skipBad, and says which rows", async () => {
    const { symbol } = await createTestMarket(services);
    const body = await fixture("bad-rows.csv");
    const cookie = await adminCookie();
    const strict = await lines(
      await handler()(upload({ market: symbol, interval: "1m", name: "bad-rows.csv" }, body, { cookie })),
    );
    const report = strict.at(-1);
    expect(report).toMatchObject({ type: "report", report: { status: "refused", inserted: 0 } });
    expect(report?.type === "report" && report.report.badRows.length).toBeGreaterThan(0);
    expect(await storedRows(symbol)).toBe(0);
    const lenient = await lines(
      await handler()(upload({ market: symbol, interval: "1m", name: "bad-rows.csv", skipBad: "true" }, body, { cookie })),
    );
    expect(lenient.at(-1)).toMatchObject({ type: "report", report: { status: "imported" } });
    expect(await storedRows(symbol)).toBeGreaterThan(0);
  });

  it("says a file that is no kline file is refused, and writes nothing", async () => {
    const { symbol } = await createTestMarket(services);
    const broken = Buffer.concat([Buffer.from("PK"), Buffer.alloc(64, 7)]);
    const answer = await lines(
      await handler()(upload({ market: symbol, interval: "1m", name: "x.zip" }, broken, { cookie: await adminCookie() })),
    );
    expect(answer.at(-1)).toMatchObject({ type: "refused", code: "KLINE_ZIP_UNREADABLE" });
    expect(await storedRows(symbol)).toBe(0);
  });

  it("is for admins at the website only: anonymous, traders and cross-site posts are refused before the body is read", async () => {
    const { symbol } = await createTestMarket(services);
    const query = { market: symbol, interval: "1m", name: "a.csv" };
    const body = await fixture("BTCUSDT-1m-2024-01-01.csv");
    expect((await handler()(upload(query, body, {}))).status).toBe(401);
    const trader = await sessionCookieFor(await createTestUser(services), 0);
    const forbidden = await handler()(upload(query, body, { cookie: trader }));
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ data: { domainCode: "FORBIDDEN" } });
    const crossSite = await handler()(upload(query, body, { cookie: await adminCookie(), "sec-fetch-site": "cross-site" }));
    expect(crossSite.status).toBe(403);
    expect(await storedRows(symbol)).toBe(0);
  });

  it("refuses bad queries, unknown markets and oversized files with clear errors, leaving nothing behind", async () => {
    const { symbol } = await createTestMarket(services);
    const cookie = await adminCookie();
    const body = await fixture("BTCUSDT-1m-2024-01-01.csv");
    const before = await uploadsLeft();
    const badInterval = await handler()(upload({ market: symbol, interval: "7m", name: "a.csv" }, body, { cookie }));
    expect(badInterval.status).toBe(400);
    expect(JSON.stringify(await badInterval.json())).toContain("interval");
    const unknown = await handler()(upload({ market: "NOPE-USD", interval: "1m", name: "a.csv" }, body, { cookie }));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ data: { domainCode: "MARKET_NOT_FOUND" } });
    // Declared too large: refused at once; streamed past the limit without a length: refused too.
    const declared = await handler(100)(upload({ market: symbol, interval: "1m", name: "a.csv" }, body, { cookie }));
    expect(declared.status).toBe(413);
    const streamed = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(body));
        controller.close();
      },
    });
    const undeclared = await handler(100)(
      new Request(
        `http://bourse.test${KLINE_UPLOAD_PATH}?${new URLSearchParams({ market: symbol, interval: "1m", name: "a.csv" })}`,
        {
          method: "POST",
          headers: { cookie },
          body: streamed,
          duplex: "half",
        } as RequestInit,
      ),
    );
    expect(undeclared.status).toBe(413);
    expect(await uploadsLeft()).toBe(before);
    expect(await storedRows(symbol)).toBe(0);
  });

  it("imports one upload at a time per instance", async () => {
    const { symbol } = await createTestMarket(services);
    const cookie = await adminCookie();
    const handle = handler();
    const csv = await fixture("BTCUSDT-1m-2024-01-01.csv");
    // The first upload is still arriving (its body is read but not ended) when the second comes.
    let isBeingRead: () => void = () => undefined;
    const reading = new Promise<void>((resolve) => {
      isBeingRead = resolve;
    });
    let endBody: () => void = () => undefined;
    const slowBody = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(csv));
        endBody = () => controller.close();
      },
      pull: () => isBeingRead(),
    });
    const query = { market: symbol, interval: "1m", name: "a.csv" };
    const first = handle(
      new Request(`http://bourse.test${KLINE_UPLOAD_PATH}?${new URLSearchParams(query)}`, {
        method: "POST",
        headers: { cookie },
        body: slowBody,
        duplex: "half",
      } as RequestInit),
    );
    await reading;
    const second = await handle(upload({ ...query, name: "b.csv" }, csv, { cookie }));
    expect(second.status).toBe(503);
    expect(second.headers.get("retry-after")).not.toBeNull();
    expect(await second.json()).toMatchObject({ data: { domainCode: "KLINE_UPLOAD_BUSY" } });
    endBody();
    expect((await lines(await first)).at(-1)).toMatchObject({ type: "report", report: { status: "imported" } });
    const third = await handle(upload({ ...query, name: "c.csv" }, csv, { cookie }));
    expect((await lines(third)).at(-1)).toMatchObject({ type: "report", report: { duplicates: 5 } });
  });
});

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestMarket, createTestServices } from "../../tests/fixtures";
import { createTestDatabase, hasRealPostgres, type TestDatabase } from "../../tests/test-db";
import { resetEnvForTests } from "../env";
import { openPglite } from "../server/db/drivers";
import { importedCandles } from "../server/db/schema";
import type { Db } from "../server/db/types";
import { readCliEnv } from "./config";
import { runCli } from "./program";

const FIXTURES = path.resolve(import.meta.dirname, "../../tests/fixtures/klines");
const fixture = (name: string) => path.join(FIXTURES, name);

/**
 * The command opens the database the server's environment names. On Postgres that is this
 * file's own test database; on PGlite a data folder of its own, which (one process, one client
 * per folder) the test may open only while no CLI run has it open.
 */
let postgres: TestDatabase | null = null;
let folder = "";
let market = "";

async function withDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
  if (postgres) return work(postgres.db);
  const database = await openPglite(folder);
  try {
    await database.migrate();
    return await work(database.db);
  } finally {
    await database.close();
  }
}

beforeAll(async () => {
  if (hasRealPostgres()) {
    postgres = await createTestDatabase();
    vi.stubEnv("DATABASE_URL", postgres.url ?? "");
  } else {
    folder = await mkdtemp(path.join(tmpdir(), "bourse-cli-import-"));
    vi.stubEnv("PGLITE_DIR", folder);
  }
  // The environment was read when the server modules loaded; read it again with these.
  resetEnvForTests();
  market = await withDb(async (db) => (await createTestMarket(createTestServices(db))).symbol);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  resetEnvForTests();
  await postgres?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status: string[] = [];
  const io = {
    out: (t: string) => void out.push(t),
    err: (t: string) => void err.push(t),
    status: (t: string) => void status.push(t),
    signal: new AbortController().signal,
  };
  const code = await runCli(args, io, readCliEnv({}));
  return { code, out: out.join("\n"), err: err.join("\n"), status };
}

/** `bourse [--json] import klines --market <this file's market> --interval 1m …rest` */
const importKlines = (rest: string[], json = false) =>
  cli([...(json ? ["--json"] : []), "import", "klines", "--market", market, "--interval", "1m", ...rest]);

const storedCount = () =>
  withDb(async (db) => (await db.select().from(importedCandles).where(eq(importedCandles.market, market))).length);

describe("[CLI] bourse import klines", () => {
  it("imports a zip and a CSV with a header, reporting rows/s; a second run finds everything stored", async () => {
    const first = await importKlines([fixture("BTCUSDT-1m-2024-01-01.zip")]);
    expect(first).toMatchObject({ code: 0, err: "" });
    expect(first.out).toMatch(
      /^BTCUSDT-1m-2024-01-01\.zip \(BTCUSDT-1m-2024-01-01\.csv\): imported 5 rows \(csv\) as binance:BTCUSDT: 5 new, 0 already stored/,
    );
    expect(first.out).toMatch(/rows\/s$/);
    expect(first.status.at(-1)).toBe("");
    const again = await importKlines([fixture("BTCUSDT-1m-2024-01-01-header.csv")], true);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject([{ status: "imported", inserted: 0, duplicates: 5, differing: 0 }]);
    expect(await storedCount()).toBe(5);
  });

  it("refuses a file with bad rows (exit 1), listing their lines and writing none of it", async () => {
    const result = await importKlines([fixture("bad-rows.csv"), fixture("two-files.zip")]);
    expect(result.code).toBe(1);
    expect(result.out).toContain("bad-rows.csv: refused, nothing written: 2 bad of 5 rows");
    expect(result.out).toMatch(/line 2: KLINE_PRICE_NOT_ON_TICK open "42282\.21500000"/);
    expect(result.out).toMatch(/line 4: KLINE_OHLC_INCONSISTENT/);
    expect(result.out).toContain("KLINE_ZIP_NOT_ONE_FILE");
    expect(result.err).toBe("Error: 2 of 2 file(s) refused; nothing of those was written.");
    expect(await storedCount()).toBe(5);
  });

  it("with --skip-bad --round writes the good rows, rounded, and lists the bad", async () => {
    const result = await importKlines(["--skip-bad", "--round", "--source", "desk", fixture("bad-rows.csv")]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(
      /imported 5 rows \(csv\) as desk: 0 new, 4 already stored \(1 of them differ, kept as stored\), 1 bad/,
    );
    expect(result.out).toMatch(/line 4: KLINE_OHLC_INCONSISTENT/);
  });

  it("refuses an unknown market (exit 1), a bad interval and a missing file before importing anything (exit 2)", async () => {
    const unknown = await cli(["import", "klines", "--market", "NOPE-USD", "--interval", "1m", fixture("bad-rows.csv")]);
    expect(unknown).toMatchObject({ code: 1, err: "Error: No such market. (MARKET_NOT_FOUND)" });
    expect((await cli(["import", "klines", "--market", market, "--interval", "3m", fixture("bad-rows.csv")])).code).toBe(2);
    const missing = await importKlines([fixture("bad-rows.csv"), "/no/such/file.csv"]);
    expect(missing).toMatchObject({ code: 2, err: "Error: cannot read /no/such/file.csv" });
  });
});

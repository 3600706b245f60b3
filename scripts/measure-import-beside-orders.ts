/**
 * npx tsx scripts/measure-import-beside-orders.ts [--rows=525600] [--clients=16] — does a kline
 * import slow order entry? On Postgres (DATABASE_URL, a database it creates and drops), order
 * entry in this process: alone; while a year of 1m candles (a CSV file written first) is
 * imported on this same thread through the same pool, as the admin page's upload runs on the
 * embedded PGlite; alone again; while an upload's worker thread imports it, as the upload runs on
 * Postgres; alone again; while the same file is imported by `bourse import klines` in another process, as an
 * operator runs it; alone once more. The phases alone bracket the others, so drift on a noisy
 * machine shows; a last phase runs beside a process that only burns one core for as long as the
 * CLI import took, the baseline that says how much of that import's cost is CPU. Each of `clients` users on one market buys, then sells at the same price.
 * Prints orders/s, p50 and p99 per phase and each import's rows/s. Loopback only; each phase is
 * bounded by its import or PHASE_MS.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { getEnv } from "../src/env";
import { createMemoryBus } from "../src/server/bus/memory-bus";
import { createMemoryCache } from "../src/server/cache/memory-cache";
import { openPg } from "../src/server/db/drivers";
import type { ServiceContext } from "../src/server/services/context";
import { openKlineFile } from "../src/server/files/kline-files";
import { importKlines } from "../src/server/services/research/import-klines";
import { importInWorker } from "../src/server/uploads/import-in-worker";
import { placeOrder } from "../src/server/services/trading/place-order";
import { createTestMarket, createTestUser } from "../tests/fixtures";
import { writeMinuteKlines } from "../tests/kline-year";
import { createBenchDatabase } from "./bench/bench-database";
import { uptime } from "./bench/machine";

const { values } = parseArgs({
  options: { rows: { type: "string", default: "525600" }, clients: { type: "string", default: "16" } },
});
const ROWS = Number(values.rows);
const CLIENTS = Number(values.clients);
/** The before and after phases run this long (the during phase runs as long as the import). */
const PHASE_MS = 15_000;
const T0 = 1_704_067_200_000; // 2024-01-01T00:00Z

/** `bourse import klines` in a child process, on the scratch database; its JSON report. */
async function importWithCli(databaseUrl: string, market: string, file: string) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "src/cli/main.ts", "import", "klines", "--json", "--market", market, "--interval", "1m", file],
    { env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" }, stdio: ["ignore", "pipe", "ignore"] },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const [code] = (await once(child, "exit")) as [number | null];
  if (code !== 0) throw new Error(`the CLI import exited with ${code}: ${output.slice(0, 500)}`);
  return output;
}

interface Phase {
  phase: string;
  orders: number;
  ordersPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * Clients place limits until `isDone`, each selling at the price it bought at just before, so
 * every other order crosses and the book stays a few orders deep: the phases then differ only
 * by what runs beside them, not by a book that grew. Latencies of each call.
 */
async function orderEntry(ctx: ServiceContext, market: string, users: readonly string[], isDone: () => boolean, name: string) {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    users.map(async (userId, k) => {
      for (let i = 0; !isDone(); i++) {
        const isBuy = i % 2 === 0;
        const price = 20 + ((Math.floor(i / 2) + k) % 20);
        const t0 = performance.now();
        await placeOrder(ctx, {
          userId,
          market,
          side: isBuy ? "BUY" : "SELL",
          type: "LIMIT",
          price: `${price}.00`,
          quantity: "1",
        });
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    phase: name,
    orders: latencies.length,
    ordersPerSecond: Math.round(latencies.length / seconds),
    p50Ms: +at(0.5).toFixed(1),
    p99Ms: +at(0.99).toFixed(1),
  } satisfies Phase;
}

const forMs = (ms: number) => {
  const end = performance.now() + ms;
  return () => performance.now() >= end;
};

const adminUrl = getEnv().DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const scratch = await createBenchDatabase(adminUrl);
const folder = await mkdtemp(path.join(tmpdir(), "bourse-measure-"));
const csv = path.join(folder, "BTCUSDT-1m-2024.csv");
await writeMinuteKlines(csv, { rows: ROWS, startMs: T0 });
console.log(`uptime at start: ${uptime()}`);
try {
  const database = await openPg({ url: scratch.url, poolSize: 10, onError: () => {} });
  await database.migrate();
  const ctx: ServiceContext = { db: database.db, cache: createMemoryCache(), bus: createMemoryBus() };
  const orders = await createTestMarket(ctx);
  const inProcess = await createTestMarket(ctx);
  const otherProcess = await createTestMarket(ctx);
  const inWorkerMarket = await createTestMarket(ctx);
  const users: string[] = [];
  for (let i = 0; i < CLIENTS; i++) users.push(await createTestUser(ctx, { USD: "100000000.00", [orders.base]: "10000000" }));
  // Warm-up: the first orders pay for the caches and the statements' plans.
  await orderEntry(ctx, orders.symbol, users, forMs(3_000), "warm-up");

  const phases: Phase[] = [await orderEntry(ctx, orders.symbol, users, forMs(PHASE_MS), "alone (1)")];
  let isImporting = true;
  const file = await openKlineFile(csv);
  const importing = importKlines(ctx.db, file.chunks, {
    market: inProcess.symbol,
    interval: "1m",
    fileName: "BTCUSDT-1m-2024.csv",
    skipBad: false,
    priceRounding: "reject",
  }).finally(() => {
    isImporting = false;
  });
  phases.push(
    await orderEntry(ctx, orders.symbol, users, () => !isImporting, "beside an import on this thread (PGlite's upload)"),
  );
  const report = await importing;
  phases.push(await orderEntry(ctx, orders.symbol, users, forMs(PHASE_MS), "alone (2)"));
  isImporting = true;
  const workerStarted = performance.now();
  const inWorker = importInWorker(
    {
      databaseUrl: scratch.url,
      filePath: csv,
      market: inWorkerMarket.symbol,
      interval: "1m",
      fileName: "BTCUSDT-1m-2024.csv",
      skipBad: false,
      priceRounding: "reject",
    },
    { onStarted: () => undefined, onProgress: () => undefined },
    { isProduction: false, signal: new AbortController().signal },
  ).finally(() => {
    isImporting = false;
  });
  phases.push(await orderEntry(ctx, orders.symbol, users, () => !isImporting, "beside an upload's import in a worker thread"));
  const workerOutcome = await inWorker;
  const workerSeconds = (performance.now() - workerStarted) / 1000;
  phases.push(await orderEntry(ctx, orders.symbol, users, forMs(PHASE_MS), "alone (3)"));
  isImporting = true;
  const cliStarted = performance.now();
  const viaCli = importWithCli(scratch.url, otherProcess.symbol, csv).finally(() => {
    isImporting = false;
  });
  phases.push(await orderEntry(ctx, orders.symbol, users, () => !isImporting, "beside `bourse import` in another process"));
  const cliReport = JSON.parse(await viaCli) as { inserted?: number }[] | { inserted?: number };
  const cliSeconds = (performance.now() - cliStarted) / 1000;
  phases.push(await orderEntry(ctx, orders.symbol, users, forMs(PHASE_MS), "alone (4)"));
  // The baseline for the line above: as long as the CLI ran, a process that only burns one core.
  const hog = spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" });
  try {
    phases.push(await orderEntry(ctx, orders.symbol, users, forMs(cliSeconds * 1000), "beside a process burning one core"));
  } finally {
    hog.kill("SIGKILL");
  }
  console.table(phases);
  const seconds = report.elapsedMs / 1000;
  const cliInserted = (Array.isArray(cliReport) ? cliReport[0] : cliReport)?.inserted;
  console.table([
    {
      import: "on this thread",
      rows: report.rows,
      inserted: report.inserted,
      seconds: +seconds.toFixed(1),
      rowsPerSecond: Math.round(report.rows / seconds),
    },
    {
      import: "worker thread (incl. its start)",
      rows: ROWS,
      inserted: workerOutcome.type === "done" ? workerOutcome.report.inserted : workerOutcome.type,
      seconds: +workerSeconds.toFixed(1),
      rowsPerSecond: Math.round(ROWS / workerSeconds),
    },
    {
      import: "CLI, another process (incl. its start)",
      rows: ROWS,
      inserted: cliInserted,
      seconds: +cliSeconds.toFixed(1),
      rowsPerSecond: Math.round(ROWS / cliSeconds),
    },
  ]);
  await database.close();
} finally {
  await scratch.drop();
  await rm(folder, { recursive: true, force: true });
  console.log(`uptime at end: ${uptime()}`);
}
process.exit(0);

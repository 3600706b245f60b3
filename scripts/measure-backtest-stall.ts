/**
 * npx tsx scripts/measure-backtest-stall.ts — the evidence behind the backtest worker pool: how
 * long the main thread's event loop stalls while the largest sweep the limits allow (200,000
 * one-minute candles × 25 combinations = 5,000,000 candle steps) and one 200,000-candle run
 * compute, in a worker thread and on the main thread. Prints the wall time and the longest gap
 * between two ticks of a 5 ms interval on the main thread. Pure computing, no database.
 */
import type { BacktestJob } from "../src/domain/backtest/job";
import { waveCandles } from "../src/domain/backtest/test-candles";
import { wholeUnitRules } from "../src/domain/test-rules";
import { createBacktestRunner } from "../src/server/workers";
import { createInThreadRunner } from "../src/server/workers/in-thread";
import type { BacktestRunner } from "../src/server/workers/types";

const series = waveCandles(200_000);
const base = {
  strategy: "sma-cross",
  series,
  sentiment: [],
  interval: "1m",
  config: { rules: wholeUnitRules(), initialCash: 1_000_000n, slippageBps: 5 },
} as const;
const jobs: [string, BacktestJob][] = [
  ["run, 200,000 candles", { ...base, kind: "run", params: { fast: 10, slow: 30 } }],
  [
    "sweep, 25 × 200,000",
    { ...base, kind: "sweep", base: {}, grid: { fast: [2, 5, 10, 20, 40], slow: [50, 80, 120, 200, 300] }, objective: "sharpe" },
  ],
];

async function measure(runner: BacktestRunner, job: BacktestJob) {
  let last = performance.now();
  let longestGapMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longestGapMs = Math.max(longestGapMs, now - last);
    last = now;
  }, 5);
  const started = performance.now();
  await runner.run(job, { timeoutMs: 120_000 });
  const wallMs = performance.now() - started;
  // One more tick, so a stall that lasted to the end is counted.
  await new Promise((resolve) => setTimeout(resolve, 20));
  clearInterval(ticker);
  return { wallMs: Math.round(wallMs), longestStallMs: Math.round(longestGapMs) };
}

const env = { NODE_ENV: "development", BACKTEST_WORKERS: 1, BACKTEST_QUEUE_MAX: 1, BACKTEST_QUEUE_WAIT_MS: 60_000 } as const;
const pool = createBacktestRunner(env, { info: () => {}, warn: (_fields, message) => console.error(message) });
// Start the worker (and warm both threads' code) before measuring.
for (const runner of [pool, createInThreadRunner()])
  await runner.run({ ...base, kind: "run", params: { fast: 2, slow: 5 }, series: series.slice(0, 500) }, { timeoutMs: 60_000 });

const rows = [];
for (const [name, job] of jobs) {
  rows.push({ job: name, where: "worker thread", ...(await measure(pool, job)) });
  rows.push({ job: name, where: "main thread", ...(await measure(createInThreadRunner(), job)) });
}
console.table(rows);
await pool.close();

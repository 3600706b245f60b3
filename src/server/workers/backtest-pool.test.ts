import { execFile } from "node:child_process";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { SweepJob } from "@/domain/backtest/job";
import { runJob } from "@/domain/backtest/job";
import { waveCandles } from "@/domain/backtest/test-candles";
import { DomainError } from "@/domain/errors";
import { wholeUnitRules } from "@/domain/test-rules";
import { createBacktestPool, type PoolOptions } from "./backtest-pool";
import { createInThreadRunner } from "./in-thread";
import type { BacktestRunner } from "./types";
import { findWorkerScript } from "./worker-script";

const config = { rules: wholeUnitRules(), initialCash: 1_000_000n, slippageBps: 5 };
/** About a second or more of work on our machines: long enough to watch the event loop during it. */
const longSweep: SweepJob = {
  kind: "sweep",
  strategy: "sma-cross",
  base: {},
  grid: { fast: [2, 3, 5, 8, 13], slow: [21, 34, 55, 89] },
  objective: "sharpe",
  series: waveCandles(60_000),
  sentiment: [],
  interval: "1m",
  config,
};
const shortRun = { ...longSweep, kind: "run", params: { fast: 2, slow: 5 }, series: waveCandles(200) } as const;

const source = findWorkerScript({ moduleUrl: import.meta.url, cwd: process.cwd(), isProduction: false });
const pools: BacktestRunner[] = [];

function pool(overrides: Partial<PoolOptions> = {}): BacktestRunner {
  if (!source) throw new Error("the worker's source file was not found beside the pool");
  const created = createBacktestPool({ script: source, size: 1, queueMax: 4, queueWaitMs: 30_000, memoryMb: 512, ...overrides });
  pools.push(created);
  return created;
}

afterAll(async () => {
  for (const p of pools) await p.close();
});

/** Runs `work` while a 10 ms interval ticks on this thread; returns the ticks seen and the longest gap. */
async function watchEventLoop<T>(work: () => Promise<T>) {
  let ticks = 0;
  let last = performance.now();
  let longestGapMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestGapMs = Math.max(longestGapMs, now - last);
    last = now;
    ticks++;
  }, 10);
  try {
    const started = performance.now();
    const value = await work();
    return { value, ticks, longestGapMs, elapsedMs: performance.now() - started };
  } finally {
    clearInterval(timer);
  }
}

describe("[BACKTEST] the worker pool", () => {
  it("runs a sweep on another thread: this thread's timers keep ticking, progress arrives, the outcome is the in-thread one", async () => {
    const runner = pool();
    // The first job also starts the thread (and tsx's loader); warm it up so only the run is watched.
    await runner.run(shortRun, { timeoutMs: 60_000 });
    const progress: number[] = [];
    const offThread = await watchEventLoop(() =>
      runner.run(longSweep, { timeoutMs: 60_000, onProgress: (p) => progress.push(p.done) }),
    );
    expect(progress).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    // A tick every 10 ms is asked for; a busy 2-core machine may delay some, but many must come.
    expect(offThread.ticks).toBeGreaterThanOrEqual(Math.min(20, offThread.elapsedMs / 40));
    expect(offThread.longestGapMs).toBeLessThan(Math.max(250, offThread.elapsedMs / 4));

    // The same sweep on this thread: not one tick until it is done.
    const inThread = await watchEventLoop(() => createInThreadRunner().run(longSweep, { timeoutMs: 60_000 }));
    expect(inThread.value).toEqual(offThread.value);
    expect(inThread.ticks).toBeLessThanOrEqual(1);
  });

  it("stops a job at its deadline with BACKTEST_TIMEOUT, and a fresh worker takes the next job", async () => {
    const runner = pool();
    await runner.run(shortRun, { timeoutMs: 60_000 });
    const started = performance.now();
    await expect(runner.run(longSweep, { timeoutMs: 300 })).rejects.toMatchObject({ code: "BACKTEST_TIMEOUT" });
    // Terminated, not waited for: far sooner than the sweep's own length.
    expect(performance.now() - started).toBeLessThan(5_000);
    const after = await runner.run(shortRun, { timeoutMs: 60_000 });
    expect(after).toEqual(runJob(shortRun));
  });

  it("refuses past its queue with BACKTEST_BUSY, refuses a job that waited too long, and frees an aborted caller's worker", async () => {
    const runner = pool({ queueMax: 1, queueWaitMs: 400 });
    // Starting the thread may itself take longer than 400 ms: ask until a warm worker answers.
    const answers = () =>
      runner.run(shortRun, { timeoutMs: 60_000 }).then(
        () => true,
        () => false,
      );
    await expect.poll(answers, { timeout: 30_000, interval: 50 }).toBe(true);
    const abort = new AbortController();
    const running = runner.run(longSweep, { timeoutMs: 60_000, signal: abort.signal });
    const waitingTooLong = runner.run(shortRun, { timeoutMs: 60_000 });
    const refusal = await runner.run(shortRun, { timeoutMs: 60_000 }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ code: "BACKTEST_BUSY", status: "SERVICE_UNAVAILABLE", details: { reason: "queue" } });
    await expect(waitingTooLong).rejects.toMatchObject({ code: "BACKTEST_BUSY", details: { reason: "wait" } });
    abort.abort(new Error("the caller went away"));
    await expect(running).rejects.toThrow("the caller went away");
    // Its worker was stopped and a fresh one is starting: it answers once started.
    await expect.poll(answers, { timeout: 30_000, interval: 50 }).toBe(true);
  });

  it("sends refusals back as the errors the domain threw", async () => {
    const runner = pool();
    await expect(runner.run({ ...shortRun, series: waveCandles(1) }, { timeoutMs: 60_000 })).rejects.toMatchObject({
      code: "BACKTEST_NOT_ENOUGH_DATA",
    });
    // Every combination refused by the strategy's schema (fast ≥ slow): the schema's own error.
    const refused = runner.run({ ...longSweep, series: waveCandles(50), grid: { fast: [9], slow: [3] } }, { timeoutMs: 60_000 });
    await expect(refused).rejects.toBeInstanceOf(z.ZodError);
  });

  it("runs the bundled worker that esbuild builds beside the server's bundle", async () => {
    const outdir = path.resolve(".data", `worker-bundle-${process.pid}`);
    await mkdir(outdir, { recursive: true });
    try {
      // The same options as package.json's build:server, into a folder of its own.
      await build({
        entryPoints: ["src/server/workers/backtest-worker.ts"],
        bundle: true,
        platform: "node",
        format: "esm",
        target: "node20",
        packages: "external",
        logLevel: "warning",
        outfile: path.join(outdir, "backtest-worker.mjs"),
      });
      const script = findWorkerScript({
        moduleUrl: pathToFileURL(path.join(outdir, "serve.mjs")).href,
        cwd: process.cwd(),
        isProduction: true,
      });
      expect(script).toEqual({ kind: "bundle", file: path.join(outdir, "backtest-worker.mjs") });
      const runner = createBacktestPool({
        script: script ?? { kind: "bundle", file: "" },
        size: 1,
        queueMax: 1,
        queueWaitMs: 30_000,
        memoryMb: 256,
      });
      pools.push(runner);
      expect(await runner.run(shortRun, { timeoutMs: 60_000 })).toEqual(runJob(shortRun));
    } finally {
      await rm(outdir, { recursive: true, force: true });
    }
  });

  it("runs from a tsx process, as the CLI and scripts do, and lets that process exit once done", async () => {
    // The same runner the instance builds (workers/index.ts), in a process of its own under tsx.
    const script = `
      import { createBacktestRunner } from "./src/server/workers/index.ts";
      import { waveCandles } from "./src/domain/backtest/test-candles.ts";
      import { wholeUnitRules } from "./src/domain/test-rules.ts";
      const env = { NODE_ENV: "development", BACKTEST_WORKERS: 1, BACKTEST_QUEUE_MAX: 1, BACKTEST_QUEUE_WAIT_MS: 60000 };
      const runner = createBacktestRunner(env, { info: () => {}, warn: (fields, message) => console.error(message) });
      const job = ${JSON.stringify({ ...shortRun, series: undefined, config: undefined })};
      const config = { rules: wholeUnitRules(), initialCash: 1000000n, slippageBps: 5 };
      const outcome = await runner.run({ ...job, series: waveCandles(200), config }, { timeoutMs: 60000 });
      console.log(JSON.stringify({ kind: runner.kind, finalEquity: String(outcome.result.finalEquity) }));`;
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script],
      {
        cwd: process.cwd(),
        timeout: 60_000,
      },
    );
    expect(stderr).toBe("");
    expect(JSON.parse(stdout)).toEqual({ kind: "worker-threads", finalEquity: String(runJob(shortRun).result.finalEquity) });
  });
});

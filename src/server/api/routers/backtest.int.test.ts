import path from "node:path";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestMarket, createTestUser, sessionUser } from "../../../../tests/fixtures";
import { startTestServer, type TestServer, testRateLimits } from "../../../../tests/http-server";
import { hasRealPostgres } from "../../../../tests/test-db";
import { DomainError } from "@/domain/errors";
import { openKlineFile } from "../../files/kline-files";
import type { ServiceContext } from "../../services/context";
import { runSweep } from "../../services/research/backtest";
import { backtestRequest, sweepRequest } from "../../services/research/backtest-schema";
import { importKlines } from "../../services/research/import-klines";
import type { BacktestRunner } from "../../workers/types";
import { type AuthUser, createContext } from "../context";
import { createCaller } from "../root";

const T0 = 1_704_067_200_000; // the kline fixture's first open, 2024-01-01T00:00Z
let server: TestServer;
let market: string;
let user: AuthUser;
let key: string;

beforeAll(async () => {
  server = await startTestServer();
  market = (await createTestMarket(server.services)).symbol;
  const file = await openKlineFile(
    path.resolve(import.meta.dirname, "../../../../tests/fixtures/klines/BTCUSDT-1m-2024-01-01.csv"),
  );
  await importKlines(server.services.db, file.chunks, {
    market,
    interval: "1m",
    fileName: file.name,
    skipBad: false,
    priceRounding: "reject",
  });
  const userId = await createTestUser(server.services);
  user = sessionUser(userId);
  key = await server.createKey(userId, ["read"]);
});
afterAll(async () => {
  await server?.close();
});

const request = () => ({
  market,
  source: "imported" as const,
  interval: "1m" as const,
  startTime: T0,
  endTime: T0 + 4 * 60_000,
  strategy: "sma-cross" as const,
  params: { fast: 1, slow: 2 },
  initialCash: "10000.00",
  slippageBps: 0,
});
const sweep = () => ({ ...request(), params: {}, grid: { fast: [1, 2], slow: [2, 3] } });

function caller(options: { services?: ServiceContext; limits?: ReturnType<typeof testRateLimits>; resHeaders?: Headers } = {}) {
  return createCaller(createContext({ services: options.services ?? server.services, user, ...options }));
}

async function refusal(call: Promise<unknown>) {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

describe(`[BACKTEST] the backtest router (${hasRealPostgres() ? "postgres" : "pglite"})`, () => {
  it("backtest.strategies: every strategy's parameters with bounds and defaults, for anyone", async () => {
    const catalog = await createCaller(createContext({ services: server.services, user: null })).backtest.strategies();
    expect(catalog.strategies.map((s) => s.name)).toEqual([
      "sma-cross",
      "ema-cross",
      "rsi-reversion",
      "donchian-breakout",
      "sentiment",
    ]);
    expect(catalog.strategies[0]?.parameters[0]).toEqual({ name: "fast", kind: "integer", min: 1, max: 500, default: 10 });
    expect(catalog).toMatchObject({
      defaults: { source: "trades", slippageBps: 5 },
      limits: { maxCandles: 200_000, timeoutMs: 20_000 },
    });
  });

  it("backtest.run and backtest.walkForward answer decimal strings and epoch-ms times", async () => {
    const run = await caller().backtest.run(request());
    expect(run).toMatchObject({ candleCount: 5, firstCandle: T0, params: { fast: 1, slow: 2 } });
    expect(run.result.openTrade).toMatchObject({ time: T0 + 4 * 60_000, price: "42272.17", quantity: "0.2300" });
    expect(run.result.finalEquity).toBe("9981.69");
    expect(run.result.equity.at(-1)).toEqual({ time: T0 + 4 * 60_000, equity: "9981.69", cash: "257.97", position: "0.2300" });
    const walked = await caller().backtest.walkForward({ ...sweep(), inSampleFraction: 0.6 });
    expect(walked).toMatchObject({ splitTime: T0 + 3 * 60_000, inSample: { tried: 4, skipped: 1 } });
    expect(walked.outOfSample.equity[0]).toMatchObject({ equity: "10000.00" });
  });

  it("backtest.sweep streams progress, then the result", async () => {
    const events = [];
    for await (const event of await caller().backtest.sweep(sweep())) events.push(event);
    expect(events.slice(0, -1).every((e) => e.kind === "progress")).toBe(true);
    expect(events.at(-1)).toEqual({ kind: "result", result: await runSweep(server.services, sweep()) });
    expect(events.filter((e) => e.kind === "progress").at(-1)).toEqual({ kind: "progress", done: 4, total: 4 });
  });

  it("refuses oversized, unknown and inconsistent input before any work", async () => {
    const tooMany = { ...sweep(), grid: { fast: Array.from({ length: 501 }, (_, i) => i + 1) } };
    expect((await refusal(caller().backtest.walkForward(tooMany))).code).toBe("BAD_REQUEST");
    expect((await refusal(caller().backtest.run({ ...request(), params: { fast: 5, slow: 3 } }))).code).toBe("BAD_REQUEST");
    expect((await refusal(caller().backtest.run({ ...request(), sentiment: [{ timeMs: 0, score: 2 }] }))).code).toBe(
      "BAD_REQUEST",
    );
    const tooLong = await refusal(caller().backtest.run({ ...request(), endTime: T0 + 300 * 86_400_000 }));
    expect(tooLong).toMatchObject({ code: "BAD_REQUEST", cause: { code: "BACKTEST_TOO_LARGE" } });
  });

  it("limits each user: the rate limit, one run at a time, and a busy instance say when to come back", async () => {
    const limits = testRateLimits({ RATE_LIMIT_BACKTESTS: { points: 1, durationSec: 60 } });
    await caller({ limits }).backtest.run(request());
    const limited = await refusal(caller({ limits }).backtest.run(request()));
    expect(limited).toMatchObject({ code: "TOO_MANY_REQUESTS", cause: { code: "RATE_LIMITED" } });

    let release = () => {};
    const held: BacktestRunner = {
      kind: "in-thread",
      run: () => new Promise((_, reject) => (release = () => reject(new DomainError("BACKTEST_TIMEOUT")))),
      close: async () => {},
    };
    const slow = { ...server.services, backtests: held };
    const first = caller({ services: slow }).backtest.run(request());
    await new Promise((resolve) => setTimeout(resolve, 200));
    const headers = new Headers();
    const again = await refusal(caller({ services: slow, resHeaders: headers }).backtest.run(request()));
    expect(again).toMatchObject({ code: "TOO_MANY_REQUESTS", cause: { code: "BACKTEST_ALREADY_RUNNING" } });
    expect(headers.get("retry-after")).toBe("5");
    release();
    expect((await refusal(first)).cause).toMatchObject({ code: "BACKTEST_TIMEOUT" });

    const busy: BacktestRunner = {
      kind: "worker-threads",
      run: () => Promise.reject(new DomainError("BACKTEST_BUSY", undefined, { retryAfterSeconds: "5" })),
      close: async () => {},
    };
    const busyHeaders = new Headers();
    const refused = await refusal(
      caller({ services: { ...server.services, backtests: busy }, resHeaders: busyHeaders }).backtest.run(request()),
    );
    expect(refused).toMatchObject({ code: "SERVICE_UNAVAILABLE", cause: { code: "BACKTEST_BUSY" } });
    expect(busyHeaders.get("retry-after")).toBe("5");
  });
});

describe("[BACKTEST] REST /api/v1/backtests", () => {
  const api = (route: string, body?: unknown, apiKey: string | null = key) =>
    fetch(`${server.url}/api/v1${route}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { "content-type": "application/json", ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it("GET /backtests/strategies is public; POST /backtests needs a key with the read scope", async () => {
    const catalog = await api("/backtests/strategies", undefined, null);
    expect(catalog.status).toBe(200);
    expect(((await catalog.json()) as { strategies: unknown[] }).strategies).toHaveLength(5);
    expect((await api("/backtests", request(), null)).status).toBe(401);
    const run = await api("/backtests", request());
    expect(run.status).toBe(200);
    expect(await run.json()).toMatchObject({ result: { finalEquity: "9981.69" }, buyAndHold: { metrics: { tradeCount: 0 } } });
  });

  it("POST /backtests/sweep answers only the result, /backtests/walk-forward its split; refusals by name", async () => {
    const swept = await api("/backtests/sweep", sweep());
    expect(swept.status).toBe(200);
    expect(await swept.json()).toEqual(JSON.parse(JSON.stringify(await runSweep(server.services, sweep()))));
    const walked = await api("/backtests/walk-forward", { ...sweep(), inSampleFraction: 0.6 });
    expect(walked.status).toBe(200);
    expect(await walked.json()).toMatchObject({ splitTime: T0 + 3 * 60_000 });
    const empty = await api("/backtests", { ...request(), source: "trades" });
    expect(empty.status).toBe(412);
    expect(await empty.json()).toMatchObject({ data: { domainCode: "BACKTEST_NOT_ENOUGH_DATA" } });
    expect((await api("/backtests", { ...request(), slippageBps: 5_000 })).status).toBe(400);
  });

  it("leaves the tRPC request schemas strict after serving REST", () => {
    expect(backtestRequest.safeParse({ ...request(), startTime: String(T0) }).success).toBe(false);
    expect(sweepRequest.safeParse({ ...sweep(), slippageBps: "0" }).success).toBe(false);
  });
});

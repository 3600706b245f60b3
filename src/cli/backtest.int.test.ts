import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestMarket, createTestUser } from "../../tests/fixtures";
import { startTestServer, type TestServer } from "../../tests/http-server";
import { openKlineFile } from "../server/files/kline-files";
import { importKlines } from "../server/services/research/import-klines";
import { readCliEnv } from "./config";
import { runCli } from "./program";

const T0 = 1_704_067_200_000; // 2024-01-01T00:00Z, the kline fixture's first open
let server: TestServer;
let market: string;
let key: string;

beforeAll(async () => {
  server = await startTestServer();
  market = (await createTestMarket(server.services)).symbol;
  const file = await openKlineFile(path.resolve(import.meta.dirname, "../../tests/fixtures/klines/BTCUSDT-1m-2024-01-01.csv"));
  await importKlines(server.services.db, file.chunks, {
    market,
    interval: "1m",
    fileName: file.name,
    skipBad: false,
    priceRounding: "reject",
  });
  key = await server.createKey(await createTestUser(server.services), ["read"]);
});
afterAll(async () => {
  await server?.close();
});

/** One in-process CLI run on a "terminal" (status lines captured); returns its exit code and output. */
async function cli(args: string[], apiKey: string | null = key) {
  const out: string[] = [];
  const err: string[] = [];
  const status: string[] = [];
  const io = {
    out: (t: string) => void out.push(t),
    err: (t: string) => void err.push(t),
    status: (t: string) => void status.push(t),
    signal: new AbortController().signal,
  };
  const code = await runCli(args, io, readCliEnv({ BOURSE_URL: server.url, BOURSE_API_KEY: apiKey ?? undefined }));
  return { code, out: out.join("\n"), err: err.join("\n"), status };
}

const range = () => ["--market", market, "--interval", "1m", "--from", "2024-01-01T00:00:00Z", "--to", String(T0 + 4 * 60_000)];

describe("[CLI] bourse backtest against a running server", () => {
  it("runs one backtest: the metrics beside buy-and-hold, and the whole answer with --json", async () => {
    const args = [...range(), "--strategy", "sma-cross", "--param", "fast=1", "--param", "slow=2"];
    const table = await cli(["backtest", ...args, "--source", "imported", "--cash", "10000", "--slippage-bps", "0"]);
    expect(table.err).toBe("");
    expect(table.code).toBe(0);
    expect(table.out).toContain(`${market} 1m sma-cross fast=1 slow=2`);
    expect(table.out).toContain("2024-01-01 00:00 → 2024-01-01 00:04 UTC, 5 candles (imported)");
    expect(table.out).toMatch(/^METRIC\s+STRATEGY\s+BUY & HOLD$/m);
    for (const label of ["total return", "CAGR", "max drawdown", "Sharpe", "Sortino", "win rate", "profit factor", "exposure"])
      expect(table.out).toMatch(new RegExp(`^${label}\\s+\\S+\\s+\\S+$`, "m"));
    expect(table.out).toMatch(/^trades\s+0\s+0$/m);
    expect(table.out).toMatch(/^final equity\s+9981\.69\s+\S+$/m);
    const json = await cli(["backtest", "run", ...args, "--source", "imported", "--slippage-bps", "0", "--json"]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({
      candleCount: 5,
      result: { finalEquity: "9981.69", openTrade: { price: "42272.17" } },
    });
  });

  it("sweeps a grid with a progress bar on the terminal, then ranks it", async () => {
    const swept = await cli([
      "backtest",
      "sweep",
      ...range(),
      "--strategy",
      "sma-cross",
      "--source",
      "imported",
      "--grid",
      "fast=1,2",
      "--grid",
      "slow=2,3",
    ]);
    expect(swept.err).toBe("");
    expect(swept.code).toBe(0);
    expect(swept.status.some((line) => /^sweep \[[#-]{30}\]\s+\d+%\s+\d\/4 combinations/.test(line))).toBe(true);
    expect(swept.status.at(-1)).toBe("");
    expect(swept.out).toContain("4 combinations, 1 refused by the strategy's rules, ranked by sharpe");
    expect(swept.out).toMatch(/^RANK\s+PARAMS\s+TOTAL RETURN\s+SHARPE\s+MAX DD\s+TRADES$/m);
    expect(swept.out).toMatch(/^\s*1\s+fast=\d slow=\d/m);
    const json = await cli([
      "backtest",
      "sweep",
      ...range(),
      "--strategy",
      "sma-cross",
      "--source",
      "imported",
      "--grid",
      "fast=1,2",
      "--grid",
      "slow=3",
      "--json",
    ]);
    expect(JSON.parse(json.out)).toMatchObject({ total: 2, skipped: 0, objective: "sharpe" });
  });

  it("walks forward: in-sample against out-of-sample, each beside its buy-and-hold", async () => {
    const walked = await cli([
      "backtest",
      "walk-forward",
      ...range(),
      "--strategy",
      "sma-cross",
      "--source",
      "imported",
      "--grid",
      "fast=1,2",
      "--grid",
      "slow=3",
      "--in-sample",
      "0.6",
    ]);
    expect(walked.err).toBe("");
    expect(walked.code).toBe(0);
    expect(walked.out).toContain("split at 2024-01-01 00:03 UTC; best in-sample (2 tried, by sharpe)");
    expect(walked.out).toMatch(/^METRIC\s+IN-SAMPLE\s+IN B&H\s+OUT-OF-SAMPLE\s+OUT B&H$/m);
  });

  it("refuses by name: usage (2), the server's refusal (1), no key (1)", async () => {
    expect((await cli(["backtest", ...range(), "--strategy", "moon-shot"])).code).toBe(2);
    expect((await cli(["backtest", "sweep", ...range(), "--strategy", "sma-cross", "--grid", "fast"])).code).toBe(2);
    const empty = await cli(["backtest", ...range(), "--strategy", "sma-cross"]);
    expect(empty).toMatchObject({ code: 1 });
    expect(empty.err).toContain("BACKTEST_NOT_ENOUGH_DATA");
    const unknown = await cli([
      "backtest",
      "sweep",
      ...range(),
      "--market",
      "NOPE-USD",
      "--strategy",
      "sma-cross",
      "--grid",
      "fast=1,2",
    ]);
    expect(unknown).toMatchObject({ code: 1 });
    expect(unknown.err).toContain("MARKET_NOT_FOUND");
    const anonymous = await cli(["backtest", ...range(), "--strategy", "sma-cross"], null);
    expect(anonymous.code).toBe(1);
    expect(anonymous.err).toContain("BOURSE_API_KEY");
  });
});

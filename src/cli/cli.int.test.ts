import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestMarket, createTestUser } from "../../tests/fixtures";
import { startTestServer, type TestServer } from "../../tests/http-server";
import { failedAuditChecks } from "../../tests/state";
import { readCliEnv } from "./config";
import { runCli } from "./program";

let server: TestServer;
let market: string;
let key: string;

beforeAll(async () => {
  server = await startTestServer();
  const created = await createTestMarket(server.services);
  market = created.symbol;
  key = await server.createKey(await createTestUser(server.services, { USD: "10000.00", [created.base]: "100" }));
});
afterAll(async () => {
  await server?.close();
});

/** One in-process CLI run with the environment a user would set; returns its exit code and output. */
async function cli(args: string[], options: { apiKey?: string | null; signal?: AbortSignal } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const env = readCliEnv({
    BOURSE_URL: server.url,
    BOURSE_API_KEY: options.apiKey === null ? undefined : (options.apiKey ?? key),
  });
  const io = {
    out: (t: string) => void out.push(t),
    err: (t: string) => void err.push(t),
    signal: options.signal ?? new AbortController().signal,
  };
  const code = await runCli(args, io, env);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("[CLI] against a running server", () => {
  it("lists markets as a table and as JSON", async () => {
    const table = await cli(["markets"], { apiKey: null });
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^MARKET\s+STATUS/);
    expect(table.out).toContain(market);
    const json = await cli(["markets", "--json"], { apiKey: null });
    expect((JSON.parse(json.out) as { symbol: string }[]).map((m) => m.symbol)).toContain(market);
  });

  it("places, lists, replays and cancels an order", async () => {
    const placed = await cli(["place", market, "buy", "2", "--price", "9.50", "--client-order-id", "cli-test-1", "--json"]);
    expect(placed.code).toBe(0);
    const { order } = JSON.parse(placed.out) as { order: { id: string; status: string } };
    expect(order.status).toBe("NEW");
    const again = await cli(["place", market, "buy", "2", "--price", "9.50", "--client-order-id", "cli-test-1"]);
    expect(again.out).toContain("already placed earlier");
    expect((await cli(["orders"])).out).toContain("cli-test-1");
    expect((await cli(["book", market])).out).toMatch(/bid\s+9\.50\s+2\.0000/);
    const canceled = await cli(["cancel", order.id]);
    expect(canceled.code).toBe(0);
    expect(canceled.out).toContain("CANCELED");
    expect((await cli(["balances"])).out).toMatch(/USD\s+10000\.00\s+0\.00\s+10000\.00/);
  });

  it("places a stop-limit, a trailing stop and an OCO, amends a price, and shows pending triggers", async () => {
    const stop = await cli(["place", market, "sell", "1", "--stop", "8.00", "--price", "7.90", "--json"]);
    expect(stop.code).toBe(0);
    expect(JSON.parse(stop.out)).toMatchObject({ order: { type: "STOP_LIMIT", status: "NEW", triggerStatus: "PENDING" } });
    const trailing = await cli(["place", market, "sell", "1", "--trail", "1.5%", "--json"]);
    expect(JSON.parse(trailing.out)).toMatchObject({ order: { type: "TRAILING_STOP", trailingBps: 150 } });
    const oco = await cli(["place", market, "sell", "1", "--oco", "--price", "12.00", "--stop", "8.00", "--stop-limit", "7.90"]);
    expect(oco.code).toBe(0);
    expect(oco.out).toMatch(/STOP_LIMIT.+8\.00 pending \(oco \d+\)/);
    expect((await cli(["orders"])).out).toMatch(/TRAILING_STOP.+trail 150bps → next trade pending/);

    const limit = await cli(["place", market, "buy", "1", "--price", "9.00", "--json"]);
    const { order } = JSON.parse(limit.out) as { order: { id: string } };
    const amended = await cli(["amend", order.id, "--price", "9.10", "--json"]);
    expect(amended.code).toBe(0);
    expect(JSON.parse(amended.out)).toMatchObject({ id: order.id, price: "9.10" });
    expect((await cli(["amend", order.id])).code).toBe(2);
    expect((await cli(["place", market, "sell", "1", "--stop", "8.00", "--take-profit", "9.00"])).code).toBe(2);
    expect((await cli(["cancel-all"])).code).toBe(0);
  });

  it("explains failures with exit codes: 1 refused, 2 usage, 3 unreachable", async () => {
    const tooPrecise = await cli(["place", market, "buy", "1", "--price", "9.505"]);
    expect(tooPrecise).toMatchObject({ code: 1 });
    expect(tooPrecise.err).toContain("TOO_MANY_DECIMALS");
    const anonymous = await cli(["balances"], { apiKey: null });
    expect(anonymous.code).toBe(1);
    expect(anonymous.err).toContain("BOURSE_API_KEY");
    expect((await cli(["place", market, "sideways", "1"])).code).toBe(2);
    expect((await cli(["cancel"])).code).toBe(2);
    const unreachable = await cli(["markets", "--url", "http://127.0.0.1:9"]);
    expect(unreachable.code).toBe(3);
    expect(unreachable.err).toContain("Could not reach http://127.0.0.1:9");
  });

  it("watches own orders until --max-events, while another run places one", async () => {
    const watching = cli(["watch", "orders", "--max-events", "1"]);
    // Let the stream open (its snapshot) before placing; the order event must then arrive.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const placed = await cli(["place", market, "sell", "1", "--price", "12.00", "--json"]);
    const { order } = JSON.parse(placed.out) as { order: { id: string } };
    const watched = await watching;
    expect(watched.code).toBe(0);
    expect(watched.out).toContain("open order(s)");
    expect(watched.out).toContain(`order  ${order.id}  ${market}  SELL LIMIT 1.0000 @ 12.00  NEW`);
    expect(await cli(["cancel-all", "--market", market])).toMatchObject({ code: 0, out: "Canceled 1 order." });
    expect(await failedAuditChecks(server.services.db)).toEqual([]);
  });

  it("runs as the bin: reads the environment, and exits 0 on Ctrl-C during a watch", async () => {
    const bin = path.resolve(import.meta.dirname, "../../bin/bourse.mjs");
    const child = spawn(process.execPath, [bin, "watch", "trades", market, "--json"], {
      env: { ...process.env, BOURSE_URL: server.url, BOURSE_API_KEY: key },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    await expect.poll(() => output, { timeout: 15_000 }).toContain('"kind":"snapshot"');
    child.kill("SIGINT");
    expect(await exited).toBe(0);
  });
});

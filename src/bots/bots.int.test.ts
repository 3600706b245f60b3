import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestMarket, createTestUser } from "../../tests/fixtures";
import { startTestServer, type TestServer } from "../../tests/http-server";
import { failedAuditChecks } from "../../tests/state";
import { users } from "../server/db/schema";
import { deposit } from "../server/services/accounts/funding";
import { createBourseClient } from "../sdk/client";
import { startDemoBots, stopDemoBots } from "./demo";
import { main } from "./run";

let server: TestServer;
let market: string;
let base: string;

beforeAll(async () => {
  server = await startTestServer();
  ({ symbol: market, base } = await createTestMarket(server.services));
  // A book to start from, so the maker has a reference price.
  const seeder = createBourseClient({
    url: server.url,
    apiKey: await server.createKey(await createTestUser(server.services, { USD: "1000.00", [base]: "10" })),
  });
  await seeder.order.place.mutate({ market, side: "BUY", type: "LIMIT", price: "99.00", quantity: "1" });
  await seeder.order.place.mutate({ market, side: "SELL", type: "LIMIT", price: "101.00", quantity: "1" });
});
afterAll(async () => {
  await server?.close();
});

async function tradeCount(): Promise<number> {
  return (await createBourseClient({ url: server.url }).market.trades.query({ market, limit: 1000 })).length;
}

const quiet = () => vi.spyOn(console, "log").mockImplementation(() => {});

describe("[BOTS] market maker and noise takers", () => {
  it("run for --duration-seconds against the server over HTTP, trade, then cancel every quote", async () => {
    const makerId = await createTestUser(server.services, { USD: "100000.00", [base]: "1000" });
    const makerKey = await server.createKey(makerId);
    const takerKeys = await Promise.all(
      [1, 2].map(async () => server.createKey(await createTestUser(server.services, { USD: "10000.00", [base]: "100" }))),
    );
    const before = await tradeCount();
    const log = quiet();
    const args = ["--url", server.url, "--api-keys", [makerKey, ...takerKeys].join(","), "--markets", market];
    const pace = ["--duration-seconds", "4", "--interval-ms", "300", "--taker-interval-ms", "150", "--levels", "3"];
    const code = await main([...args, ...pace], { url: undefined, apiKeys: [] }, new AbortController().signal);
    const summary = JSON.parse(String(log.mock.calls.at(-1)?.[0])) as {
      makers: { placed: number }[];
      takers: { fills: number }[];
    };
    log.mockRestore();
    expect(code).toBe(0);
    expect(summary.makers[0]?.placed).toBeGreaterThan(0);
    expect(summary.takers.reduce((sum, t) => sum + t.fills, 0)).toBeGreaterThan(0);
    expect(await tradeCount()).toBeGreaterThan(before);
    const maker = createBourseClient({ url: server.url, apiKey: makerKey });
    expect((await maker.order.list.query({ market })).items).toEqual([]);
    expect(await failedAuditChecks(server.services.db)).toEqual([]);
  });

  it("stop on the abort signal (Ctrl-C) well before the duration, cancelling the maker's orders", async () => {
    const makerKey = await server.createKey(await createTestUser(server.services, { USD: "100000.00", [base]: "1000" }));
    const controller = new AbortController();
    const log = quiet();
    const started = Date.now();
    const running = main(
      ["--url", server.url, "--api-keys", makerKey, "--duration-seconds", "60", "--interval-ms", "200"],
      { url: undefined, apiKeys: [] },
      controller.signal,
    );
    const maker = createBourseClient({ url: server.url, apiKey: makerKey });
    await expect
      .poll(async () => (await maker.order.list.query({ market })).items.length, { timeout: 10_000 })
      .toBeGreaterThan(0);
    controller.abort();
    expect(await running).toBe(0);
    log.mockRestore();
    expect(Date.now() - started).toBeLessThan(15_000);
    expect((await maker.order.list.query({ market })).items).toEqual([]);
  });

  it("DEMO_BOTS: runs in-process as the seeded maker and a bot-only noise account", async () => {
    const [maker] = await server.services.db
      .insert(users)
      .values({ email: "maker@bourse.local", name: "Demo Market Maker", role: "trader" })
      .returning({ id: users.id });
    if (!maker) throw new Error("no maker");
    for (const [asset, amount] of Object.entries({ USD: "100000.00", [base]: "1000" }))
      await deposit(server.services, { userId: maker.id, asset, amount });
    const before = await tradeCount();
    const fleet = await startDemoBots(server.services, { makerIntervalMs: 200, takerIntervalMs: 100 });
    expect(fleet).not.toBeNull();
    expect(await startDemoBots(server.services)).toBe(fleet);
    await expect.poll(tradeCount, { timeout: 15_000, interval: 250 }).toBeGreaterThan(before);
    await stopDemoBots();
    const result = await fleet?.done;
    expect(result?.failures).toEqual([]);
    expect(await failedAuditChecks(server.services.db)).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionCookieFor } from "../../../../tests/auth-helpers";
import { createTestMarket, createTestUser } from "../../../../tests/fixtures";
import { startTestServer, type TestServer, testRateLimits } from "../../../../tests/http-server";
import { failedAuditChecks } from "../../../../tests/state";
import { resolveUser } from "../resolve-user";
import { createRestHandler } from "../../http/rest-handler";
import { MAX_BODY_BYTES } from "../../http/limits";
import { orderBookInput, placeOrderInput } from "../schemas";

let server: TestServer;
let market: string;
let key: string;
let readOnlyKey: string;

beforeAll(async () => {
  server = await startTestServer();
  const created = await createTestMarket(server.services);
  market = created.symbol;
  const userId = await createTestUser(server.services, { USD: "1000.00", [created.base]: "10" });
  key = await server.createKey(userId);
  readOnlyKey = await server.createKey(userId, ["read"]);
});
afterAll(async () => {
  await server?.close();
});

const api = (path: string, init: RequestInit & { key?: string } = {}) => {
  const headers = new Headers(init.headers);
  if (init.key) headers.set("authorization", `Bearer ${init.key}`);
  if (init.body) headers.set("content-type", "application/json");
  return fetch(`${server.url}/api/v1${path}`, { ...init, headers });
};
const json = async <T>(response: Response) => (await response.json()) as T;

describe("[REST] /api/v1 over HTTP", () => {
  it("takes API keys only: a session cookie, as a cross-site request would carry it, is anonymous here", async () => {
    const userId = await createTestUser(server.services, { USD: "10.00" });
    const cookie = await sessionCookieFor(userId, 0);
    const withCookie = await api("/account/balances", { headers: { cookie } });
    expect(withCookie.status).toBe(401);
    const withKey = await api("/account/balances", { key: await server.createKey(userId), headers: { cookie } });
    expect(withKey.status).toBe(200);
  });

  it("serves the OpenAPI document and its docs page", async () => {
    const document = await api("/openapi.json");
    expect(document.status).toBe(200);
    expect(await json<{ openapi: string }>(document)).toMatchObject({ openapi: expect.stringMatching(/^3\./) });
    const docs = await api("/docs");
    expect(docs.headers.get("content-type")).toContain("text/html");
    expect(await docs.text()).toContain('id="placeOrder"');
  });

  it("answers public market data with decimal strings and the book's seq", async () => {
    const markets = await json<{ symbol: string; priceTick: string }[]>(await api("/markets"));
    expect(markets.find((m) => m.symbol === market)).toMatchObject({ priceTick: "0.01" });
    const info = await json<{ rateLimits: { name: string }[] }>(await api("/exchange-info"));
    expect(info.rateLimits.map((l) => l.name)).toEqual(["orders", "apiReads", "backtests"]);
    const depth = await api(`/markets/${market}/depth?limit=5`);
    expect(await json(depth)).toMatchObject({ market, seq: expect.stringMatching(/^\d+$/), bids: [], asks: [] });
    expect((await api(`/markets/${market}/trades?limit=5`)).status).toBe(200);
    const klines = await api(
      `/markets/${market}/klines?interval=1m&limit=10&startTime=${Date.now() - 3_600_000}&endTime=${Date.now()}`,
    );
    expect(klines.status).toBe(200);
    expect(await json(await api(`/markets/${market}/ticker`))).toMatchObject({ market, last: null });
    const missing = await api("/markets/NOPE-USD");
    expect(missing.status).toBe(404);
    expect((await api(`/markets/${market}/depth?limit=0`)).status).toBe(400);
  });

  it("round trip: place → get by id and by clientOrderId → list → cancel", async () => {
    const body = JSON.stringify({ market, side: "BUY", type: "LIMIT", price: "5.00", quantity: "2", clientOrderId: "rest-1" });
    const placed = await api("/orders", { method: "POST", key, body });
    expect(placed.status).toBe(200);
    expect(placed.headers.get("ratelimit-remaining")).toMatch(/^\d+$/);
    const { order } = await json<{ order: { id: string; status: string; price: string } }>(placed);
    expect(order).toMatchObject({ status: "NEW", price: "5.00" });
    expect(await json(await api("/orders", { method: "POST", key, body }))).toMatchObject({
      replayed: true,
      order: { id: order.id },
    });
    expect(await json(await api(`/orders/${order.id}`, { key }))).toMatchObject({ id: order.id, clientOrderId: "rest-1" });
    expect(await json(await api("/orders/by-client-id/rest-1", { key }))).toMatchObject({ id: order.id });
    const open = await json<{ items: { id: string }[] }>(await api(`/orders?market=${market}&status=open`, { key }));
    expect(open.items.map((o) => o.id)).toEqual([order.id]);
    const balances = await json<{ asset: string; held: string }[]>(await api("/account/balances", { key }));
    expect(balances.find((b) => b.asset === "USD")?.held).toBe("10.02");
    const canceled = await api(`/orders/${order.id}`, { method: "DELETE", key });
    expect(await json(canceled)).toMatchObject({ id: order.id, status: "CANCELED" });
    expect((await api(`/orders/${order.id}`, { method: "DELETE", key })).status).toBe(412);
    expect(await json(await api(`/account/trades?market=${market}`, { key }))).toMatchObject({ items: [], nextCursor: null });
    expect(await failedAuditChecks(server.services.db)).toEqual([]);
  });

  it("maps REST's own shapes to the operations': PATCH by path id, DELETE by clientOrderId", async () => {
    const body = JSON.stringify({ market, side: "BUY", type: "LIMIT", price: "4.00", quantity: "3", clientOrderId: "rest-2" });
    const { order } = await json<{ order: { id: string } }>(await api("/orders", { method: "POST", key, body }));
    const amended = await api(`/orders/${order.id}`, { method: "PATCH", key, body: JSON.stringify({ quantity: "1" }) });
    expect(amended.status).toBe(200);
    expect(await json(amended)).toMatchObject({ id: order.id, quantity: "1.0000", status: "NEW" });
    const canceled = await api("/orders/by-client-id/rest-2", { method: "DELETE", key });
    expect(await json(canceled)).toMatchObject({ id: order.id, status: "CANCELED" });
    expect(await failedAuditChecks(server.services.db)).toEqual([]);
  });

  it("places conditional orders and an OCO, amends by price, and lists pending triggers as open", async () => {
    const stop = { market, side: "SELL", type: "STOP_LIMIT", triggerPrice: "3.00", price: "2.90", quantity: "1" };
    const placed = await api("/orders", { method: "POST", key, body: JSON.stringify(stop) });
    expect(placed.status).toBe(200);
    const { order } = await json<{ order: { id: string } }>(placed);
    const oco = { market, side: "SELL", quantity: "1", price: "6.00", triggerPrice: "3.00", clientOrderId: "rest-oco" };
    const pair = await json<{ orders: { type: string; ocoOrderId: string | null; id: string }[] }>(
      await api("/orders/oco", { method: "POST", key, body: JSON.stringify(oco) }),
    );
    expect(pair.orders.map((o) => o.type)).toEqual(["LIMIT", "STOP_MARKET"]);
    expect(pair.orders[0]?.ocoOrderId).toBe(pair.orders[1]?.id);
    const open = await json<{ items: { id: string; triggerStatus: string | null }[] }>(await api("/orders?status=open", { key }));
    expect(open.items.find((o) => o.id === order.id)?.triggerStatus).toBe("PENDING");
    const limit = await json<{ order: { id: string } }>(
      await api("/orders", {
        method: "POST",
        key,
        body: JSON.stringify({ market, side: "BUY", type: "LIMIT", price: "4.00", quantity: "1" }),
      }),
    );
    const repriced = await api(`/orders/${limit.order.id}`, { method: "PATCH", key, body: JSON.stringify({ price: "4.10" }) });
    expect(await json(repriced)).toMatchObject({ id: limit.order.id, price: "4.10", status: "NEW" });
    const empty = await api(`/orders/${limit.order.id}`, { method: "PATCH", key, body: "{}" });
    expect(empty.status).toBe(400);
    const wouldFire = await api("/orders", { method: "POST", key, body: JSON.stringify({ ...stop, trailingBps: 5 }) });
    expect(await json(wouldFire)).toMatchObject({ data: { domainCode: "TRIGGER_NOT_ALLOWED" } });
    expect((await api("/orders", { method: "DELETE", key })).status).toBe(200);
    expect(await failedAuditChecks(server.services.db)).toEqual([]);
  });

  it("refuses with the exchange's status codes and stable domain codes", async () => {
    const order = { market, side: "BUY", type: "LIMIT", price: "500.00", quantity: "5" };
    expect((await api("/account/balances")).status).toBe(401);
    expect((await api("/account/balances", { key: "bourse_not-a-key" })).status).toBe(401);
    expect((await api("/orders", { method: "POST", key: readOnlyKey, body: JSON.stringify(order) })).status).toBe(403);
    const poor = await api("/orders", { method: "POST", key, body: JSON.stringify(order) });
    expect(poor.status).toBe(412);
    expect(await json(poor)).toMatchObject({ code: "PRECONDITION_FAILED", data: { domainCode: "INSUFFICIENT_FUNDS" } });
    const invalid = await api("/orders", { method: "POST", key, body: JSON.stringify({ ...order, side: "UP" }) });
    expect(invalid.status).toBe(400);
    expect(await json(invalid)).toMatchObject({ code: "BAD_REQUEST", issues: [expect.objectContaining({ path: ["side"] })] });
    expect((await api("/orders/999999999", { key })).status).toBe(404);
    expect((await api("/nope")).status).toBe(404);
  });

  it("refuses non-JSON and oversized bodies before parsing", async () => {
    const form = await fetch(`${server.url}/api/v1/orders`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/x-www-form-urlencoded" },
      body: "market=X",
    });
    expect(form.status).toBe(415);
    const big = await api("/orders", { method: "POST", key, body: JSON.stringify({ market: "x".repeat(MAX_BODY_BYTES) }) });
    expect(big.status).toBe(413);
    // Refused before any procedure, yet in the shape REST documents for every error.
    expect(await json(form)).toMatchObject({
      code: "UNSUPPORTED_MEDIA_TYPE",
      message: expect.any(String),
      data: { httpStatus: 415 },
    });
    expect(await json(big)).toMatchObject({ code: "PAYLOAD_TOO_LARGE", data: { httpStatus: 413 } });
  });

  it("with the database out of reach, the caller lookup answers 503 UNAVAILABLE in REST's shape, with Retry-After, no SQL", async () => {
    const handle = createRestHandler({
      getServices: async () => server.services,
      resolveUser: async () => {
        throw Object.assign(new Error("Failed query: select key_hash from api_keys"), {
          cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
        });
      },
      limits: () => null,
    });
    const response = await handle(
      new Request("http://bourse.test/api/v1/account/balances", { headers: { authorization: `Bearer ${key}` } }),
    );
    expect(response.status).toBe(503);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ code: "SERVICE_UNAVAILABLE", data: { domainCode: "UNAVAILABLE" } });
    for (const leak of ["key_hash", "select", "ECONNREFUSED", "5432"]) expect(text).not.toContain(leak);
  });

  it("answers 429 with Retry-After and RateLimit headers past the order limit", async () => {
    const tight = testRateLimits({ RATE_LIMIT_ORDERS: { points: 1, durationSec: 60 } });
    const handle = createRestHandler({
      getServices: async () => server.services,
      resolveUser: (db, headers) => resolveUser(db, headers),
      limits: () => tight,
    });
    const cancelAll = () =>
      handle(new Request("http://bourse.test/api/v1/orders", { method: "DELETE", headers: { authorization: `Bearer ${key}` } }));
    const first = await cancelAll();
    expect(first.status).toBe(200);
    expect(first.headers.get("ratelimit-limit")).toBe("1");
    const second = await cancelAll();
    expect(second.status).toBe(429);
    expect(second.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
    expect(await json(second)).toMatchObject({ data: { domainCode: "RATE_LIMITED" } });
  });

  it("leaves the shared tRPC schemas strict after serving REST (query coercion must not leak)", () => {
    expect(placeOrderInput.safeParse({ market, side: "BUY", type: "LIMIT", postOnly: "false" }).success).toBe(false);
    expect(orderBookInput.safeParse({ market, depth: "5" }).success).toBe(false);
  });
});
